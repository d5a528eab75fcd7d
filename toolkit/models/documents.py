"""The tables of the documents: sections, goals, tidplan, model parts, budget, Word template."""

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from toolkit.models.core import NAME_MAX_LENGTH, utcnow


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
