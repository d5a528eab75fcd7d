"""Database tables (SQLModel); every change goes through an Alembic migration."""

from datetime import UTC, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

ANSWER_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 120


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
    """When a process started one of the workshops."""

    __table_args__ = (UniqueConstraint("process_id", "workshop_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    started_at: datetime = Field(default_factory=utcnow)


class ExerciseState(SQLModel, table=True):
    """Whether an exercise takes answers and shows them on the projector, per process."""

    __table_args__ = (UniqueConstraint("process_id", "workshop_key", "exercise_key"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80)
    is_open: bool = True
    revealed: bool = True


class Answer(SQLModel, table=True):
    """One answer to one question of an exercise; deleted answers are kept for undo."""

    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    workshop_key: str = Field(max_length=80)
    exercise_key: str = Field(max_length=80, index=True)
    question_key: str = Field(max_length=80)
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
