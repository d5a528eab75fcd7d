"""The record of who changed what in a process: one row per change a leader made."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from toolkit.models.core import NAME_MAX_LENGTH, utcnow

CHANGE_MAX_LENGTH = 300


class ProcessChange(SQLModel, table=True):
    """A change a leader (owner or co-leader) made in a process, e.g. "gick till Övning 2"."""

    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    # The account by its username, never its id: a backup restored elsewhere keeps who it was.
    username: str = Field(max_length=80)
    # The name shown, as it was when the change was made.
    actor_name: str = Field(default="", max_length=NAME_MAX_LENGTH)
    # What was done, in plain Swedish after the name: "dolde ett svar".
    text: str = Field(max_length=CHANGE_MAX_LENGTH)
    # What the change is about, for "Dolt av …" beside an answer and "Senast ändrat av …" on a
    # document section ("beslutsunderlag/bakgrund").
    tag: str = Field(default="", max_length=20)
    answer_id: int | None = Field(default=None, foreign_key="answer.id", index=True)
    section: str = Field(default="", max_length=130, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
