"""The tables of the live room: participants, exercises, answers, votes, vignettes, circles."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from toolkit.models.core import ANSWER_MAX_LENGTH, NAME_MAX_LENGTH, utcnow


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

    # A key the browser makes for each answer it sends: a retry of the same send finds the
    # answer already stored instead of storing it twice.
    __table_args__ = (
        UniqueConstraint("participant_id", "idempotency_key"),
        {"sqlite_autoincrement": True},
    )
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
    idempotency_key: str | None = Field(default=None, max_length=64)


class JoinAttempt(SQLModel, table=True):
    """A failed join-code attempt, kept briefly to slow down guessing."""

    id: int | None = Field(default=None, primary_key=True)
    client: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class JoinTurn(SQLModel, table=True):
    """A join attempt held back while codes are being guessed: one per address, a few overall."""

    key: str = Field(max_length=80, primary_key=True)
    until: datetime


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
    """One step of the case path (ärendegång) for a chosen target group (Övning 6); removed
    steps are kept."""

    # The key of the send that added it, as for an answer: a retry finds the step it stored.
    __table_args__ = (UniqueConstraint("process_id", "idempotency_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    target_group: str = Field(max_length=80)
    position: int = 0
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    actor: str = Field(default="", max_length=NAME_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)
    idempotency_key: str | None = Field(default=None, max_length=64)
    # Removed by the leader: kept with its key, so a retry of the send is not stored again.
    deleted_at: datetime | None = None


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

    # The key of the send that stored it, unique per participant as for an answer.
    __table_args__ = (UniqueConstraint("participant_id", "idempotency_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    group_id: int = Field(foreign_key="vignettegroup.id", index=True)
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    question_key: str = Field(max_length=80)
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)
    idempotency_key: str | None = Field(default=None, max_length=64)


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
