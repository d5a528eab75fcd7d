"""The tables of accounts and processes, and what every table shares (lengths, `utcnow`)."""

from datetime import UTC, datetime

from sqlalchemy import UniqueConstraint
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
    # The first account administers the instance: accounts, password links, the processes' list.
    is_admin: bool = False
    # A disabled account cannot log in, and its open sessions are refused at their next request.
    disabled: bool = False


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


class LoginFailure(SQLModel, table=True):
    """A failed login, kept for an hour to slow down guessing per account and per address."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, index=True)
    client: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class StartUpItem(SQLModel, table=True):
    """A line of a process's start-up before Workshop 1: a question answered or a point ticked."""

    __table_args__ = (UniqueConstraint("process_id", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    item_key: str = Field(max_length=80)
    done: bool = False
    text: str = Field(default="", max_length=ANSWER_MAX_LENGTH)
    updated_at: datetime = Field(default_factory=utcnow)


class TeamMember(SQLModel, table=True):
    """Another account on a process's team: a co-leader (processledare) or a reader (läsare)."""

    __table_args__ = (UniqueConstraint("process_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=20)
    added_at: datetime = Field(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    """A single-use link onto a process's team; only the hash of its token is kept."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    role: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SectionComment(SQLModel, table=True):
    """A team member's comment on a document section, shown to the leaders beside the text."""

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    document: str = Field(max_length=80)
    section_key: str = Field(max_length=80)
    # Kept when the account is gone or the process is restored elsewhere: the name stays.
    author_id: int | None = Field(default=None, foreign_key="user.id")
    author_name: str = Field(default="", max_length=NAME_MAX_LENGTH)
    text: str = Field(max_length=ANSWER_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)


class PasswordLink(SQLModel, table=True):
    """A single-use link to set an account's password; only the hash of its token is kept."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
