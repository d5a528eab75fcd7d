"""Database tables (SQLModel); every change goes through an Alembic migration."""

from datetime import UTC, date, datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

ANSWER_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 120
SECTION_MAX_LENGTH = 20000


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (the column type refuses naive ones)."""
    return datetime.now(UTC)


class User(SQLModel, table=True):
    """A process leader (processledare) who logs in."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(default="", max_length=NAME_MAX_LENGTH)
    password_hash: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow)
    # Kept in each login's cookie too: raising it (logout, new password) ends every session.
    session_generation: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Process(SQLModel, table=True):
    """One local collaboration model being developed, e.g. "Ragunda Trampolinen"."""

    # Ids are never reused, so a deleted process's old cookies cannot reach a new one.
    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    name: str = Field(max_length=NAME_MAX_LENGTH)
    municipality: str = Field(default="", max_length=NAME_MAX_LENGTH)
    join_code: str = Field(max_length=12, unique=True, index=True)
    join_code_expires_at: datetime
    show_names: bool = False
    hold_answers: bool = False
    current_workshop: str | None = Field(default=None, max_length=80)
    current_exercise: str | None = Field(default=None, max_length=80)
    timer_duration: int = 600
    timer_started_at: datetime | None = None
    timer_elapsed: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class Organisation(SQLModel, table=True):
    """An organisation taking part in a process (skola/elevhälsa, socialtjänst, …)."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    name: str = Field(max_length=80)
    position: int = 0


class RoleMember(SQLModel, table=True):
    """A person in one of the process's roles (processledare, styrgrupp, arbetsgrupp, …)."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    role: str = Field(max_length=30)
    name: str = Field(max_length=NAME_MAX_LENGTH)
    organisation: str = Field(default="", max_length=NAME_MAX_LENGTH)
    position: int = 0


class Participant(SQLModel, table=True):
    """Someone who joined a process's room with the join code (deltagare)."""

    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    display_name: str = Field(default="", max_length=60)
    joined_at: datetime = Field(default_factory=utcnow)


class WorkshopState(SQLModel, table=True):
    """When a process started one of the workshops, and how its projector is laid out."""

    __table_args__ = (UniqueConstraint("process_id", "workshop_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    started_at: datetime = Field(default_factory=utcnow)
    # The join panel is large while the room gathers, a strip once an exercise runs.
    join_panel_large: bool = True
    # The page of the stage the leader asked for, and whether the pages turn by themselves.
    projector_page: int = 0
    pages_turn: bool = True


class ExerciseState(SQLModel, table=True):
    """Whether an exercise takes answers, shows them, and which question the projector shows."""

    __table_args__ = (UniqueConstraint("process_id", "workshop_key", "exercise_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80)
    is_open: bool = True
    revealed: bool = True
    focus_question: str | None = Field(default=None, max_length=80)
    current_step: str | None = Field(default=None, max_length=80)


class Answer(SQLModel, table=True):
    """One answer to one question of an exercise; deleted answers are kept for undo."""

    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80, index=True)
    question_key: str = Field(max_length=80)
    target_group: str | None = Field(default=None, max_length=80)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    hidden: bool = False
    highlighted: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None


class JoinAttempt(SQLModel, table=True):
    """A failed join-code attempt, kept briefly to slow down guessing."""

    id: int | None = Field(default=None, primary_key=True)
    client: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class JoinTurn(SQLModel, table=True):
    """A join attempt held back while codes are being guessed: one per address, a few overall."""

    key: str = Field(max_length=80, primary_key=True)
    until: datetime


class LoginFailure(SQLModel, table=True):
    """A failed login, kept for an hour to slow down guessing per account and per address."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, index=True)
    client: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class TargetGroupVote(SQLModel, table=True):
    """One dot a participant put on a target group in a vote exercise (Övning 4a)."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    target_group: str = Field(max_length=80)
    created_at: datetime = Field(default_factory=utcnow)


class ChosenTargetGroup(SQLModel, table=True):
    """A target group the process leader confirmed for the process; carried into Workshop 3."""

    __table_args__ = (UniqueConstraint("process_id", "target_group"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    target_group: str = Field(max_length=80)
    position: int = 0


class CasePathStep(SQLModel, table=True):
    """One step of the case path (ärendegång) for a chosen target group (Övning 6)."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    target_group: str = Field(max_length=80)
    position: int = 0
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    actor: str = Field(default="", max_length=NAME_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)


class Survey(SQLModel, table=True):
    """An anonymous follow-up survey opened by the process leader, reached by its token."""

    __table_args__ = (UniqueConstraint("process_id", "part_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80)
    part_key: str = Field(max_length=80)
    token: str = Field(max_length=40, unique=True, index=True)
    is_open: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class SurveyResponse(SQLModel, table=True):
    """One anonymous answer to one question of a survey; a response shares its `response` id."""

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    response: str = Field(max_length=40, index=True)
    question_key: str = Field(max_length=80)
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)


class LocalVignette(SQLModel, table=True):
    """A fictional vignette a process leader wrote for the process."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    title: str = Field(max_length=NAME_MAX_LENGTH)
    name: str = Field(max_length=60)
    age: int
    stage: str = Field(max_length=20)
    target_groups: str = Field(max_length=1000)
    text: str = Field(max_length=8000)
    created_at: datetime = Field(default_factory=utcnow)


class VignetteGroup(SQLModel, table=True):
    """A discussion group in a vignette discussion, with the vignette it was given."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    number: int
    vignette_key: str = Field(default="", max_length=80)
    is_reporting: bool = False


class VignetteGroupMember(SQLModel, table=True):
    """A participant in a discussion group (one group per participant)."""

    __table_args__ = (UniqueConstraint("participant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="vignettegroup.id", index=True)
    participant_id: int = Field(foreign_key="participant.id")


class VignetteAnswer(SQLModel, table=True):
    """A group's answer to one of the vignette questions."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    group_id: int = Field(foreign_key="vignettegroup.id", index=True)
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    question_key: str = Field(max_length=80)
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)


INSATS_MAX_LENGTH = 120


class CircleSetup(SQLModel, table=True):
    """Which three organisations are the circles, and whether participants may move insatser."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", unique=True)
    # Plain ids, not foreign keys: an organisation may be removed; its circle then falls back.
    organisation_a: int | None = None
    organisation_b: int | None = None
    organisation_c: int | None = None
    participants_may_move: bool = False


class Insats(SQLModel, table=True):
    """An insats in the three circles, in one of seven regions; removed ones are kept for undo."""

    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    text: str = Field(max_length=INSATS_MAX_LENGTH)
    level: str | None = Field(default=None, max_length=20)
    region: str = Field(max_length=3)
    position: int = 0
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    answer_id: int | None = Field(default=None, foreign_key="answer.id")
    merged_into_id: int | None = Field(default=None, foreign_key="insats.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None


class InsatsChange(SQLModel, table=True):
    """A move, edit, removal or merge of an insats, with what it was before, for undo."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    insats_id: int = Field(foreign_key="insats.id")
    action: str = Field(max_length=10)
    old_region: str = Field(max_length=3)
    old_position: int = 0
    old_text: str = Field(max_length=INSATS_MAX_LENGTH)
    old_level: str | None = Field(default=None, max_length=20)
    merged_ids: str = Field(default="", max_length=2000)
    at: datetime = Field(default_factory=utcnow)
    undone_at: datetime | None = None


class DocumentSection(SQLModel, table=True):
    """The process leader's text for one section of one of the process's documents."""

    __table_args__ = (UniqueConstraint("process_id", "document", "section_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    document: str = Field(max_length=40)
    section_key: str = Field(max_length=80)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    # Where sent answers came from, one "Workshop 1 · Övning 1" label per line.
    sources: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
    # Counted up by every save and every sent answer: a save based on an older one is refused.
    version: int = 0


class ActionPlanVersion(SQLModel, table=True):
    """A saved version (snapshot) of a process's handlingsplan."""

    __table_args__ = (UniqueConstraint("process_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    number: int
    note: str = Field(default="", max_length=200)
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    saved_at: datetime = Field(default_factory=utcnow)


class Goal(SQLModel, table=True):
    """A goal of the handlingsplan: short- or long-term, how and by when it is followed up."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    text: str = Field(max_length=500)
    term: str = Field(max_length=10)
    follow_up: str = Field(default="", max_length=500)
    due: date | None = None
    position: int = 0


class Activity(SQLModel, table=True):
    """An activity of the tidplan, with start, end, who is responsible and its status."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    name: str = Field(max_length=200)
    start: date
    end: date
    responsible: str = Field(default="", max_length=NAME_MAX_LENGTH)
    status: str = Field(default="planerad", max_length=20)
    position: int = 0


class ModelPart(SQLModel, table=True):
    """A forum (styrgrupp, …) or a step of the case process in the local model's description."""

    __table_args__ = (UniqueConstraint("process_id", "kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=80)
    # Forums: who sits in it, how often it meets, what it decides. Steps: who takes part,
    # who is responsible, what happens.
    who: str = Field(default="", max_length=1000)
    when_or_lead: str = Field(default="", max_length=1000)
    what: str = Field(default="", max_length=2000)
    # Forums only: the forum's name and place in the list (any number of forums).
    title: str = Field(default="", max_length=200)
    position: int = 0
    # Counted up by every save: a save from a page read before another one is refused.
    version: int = 0


class BudgetLine(SQLModel, table=True):
    """A cost (kostnad) or a financing (finansiering) line of the model's budget, in kronor."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    side: str = Field(max_length=12)
    kind: str = Field(max_length=30)
    description: str = Field(max_length=200)
    amount: int
    # Staff only: the share of a full-time post, in per cent (40 for "0,40").
    full_time_percent: int | None = None
    position: int = 0


class WordTemplate(SQLModel, table=True):
    """A municipality's own Word template (graphic profile) for a process's exports."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", unique=True)
    filename: str = Field(max_length=200)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_at: datetime = Field(default_factory=utcnow)


class StartUpItem(SQLModel, table=True):
    """A line of a process's start-up before Workshop 1: a question answered or a point ticked."""

    __table_args__ = (UniqueConstraint("process_id", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    item_key: str = Field(max_length=80)
    done: bool = False
    text: str = Field(default="", max_length=ANSWER_MAX_LENGTH)
    updated_at: datetime = Field(default_factory=utcnow)
