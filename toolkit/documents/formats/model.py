"""A neutral description of an exported document, known to neither Word nor Markdown."""

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from toolkit.texts.markup import printable

EMPTY_SECTION = "Ej ifyllt ännu."
# Word's built-in Heading 1–3 are the levels every reference document has.
MAX_HEADING_LEVEL = 3


def one_line(text: str) -> str:
    """Stored text for a place that holds a single line, such as a label in a picture."""
    return " ".join(printable(text).split())


def _printable_fields(spec) -> None:
    """Clean a frozen dataclass's text fields in place, so a spec only ever holds printable text."""
    for item in dataclasses.fields(spec):
        value = getattr(spec, item.name)
        if isinstance(value, str):
            object.__setattr__(spec, item.name, printable(value))
        elif isinstance(value, list) and value and isinstance(value[0], list):
            object.__setattr__(spec, item.name, [[printable(c) for c in row] for row in value])
        elif isinstance(value, list) and value and isinstance(value[0], str):
            object.__setattr__(spec, item.name, [printable(c) for c in value])


@dataclass(frozen=True)
class TableSpec:
    """A table of plain text: a caption, one header row and the body rows."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # Columns of amounts (right-aligned) and rows that are sums (bold), counted from 0.
    amount_columns: tuple[int, ...] = ()
    total_rows: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        _printable_fields(self)

    @property
    def alt_text(self) -> str:
        """What a screen reader announces before the table: its columns and size."""
        columns = ", ".join(self.header)
        what = f"{self.caption}: " if self.caption else ""
        return f"{what}tabell med kolumnerna {columns}; {len(self.rows)} rader."


@dataclass(frozen=True)
class ImageSpec:
    """A PNG picture with the alt text screen readers use and the title shown as caption."""

    png_bytes: bytes
    alt_text: str
    title: str = ""
    width_cm: float = 15.0

    def __post_init__(self) -> None:
        _printable_fields(self)


@dataclass(frozen=True)
class Section:
    """One headed part of a document; the body is the user's Markdown."""

    heading: str
    level: int = 1
    body_markdown: str = ""
    tables: list[TableSpec] = field(default_factory=list)
    images: list[ImageSpec] = field(default_factory=list)
    source_note: str = ""
    # A heading over the sections that follow one level below it ("Mål"), with no text of its own.
    group: bool = False

    def __post_init__(self) -> None:
        _printable_fields(self)

    @property
    def is_empty(self) -> bool:
        """True when nothing has been filled in yet (a heading over others is never empty)."""
        return not (self.group or self.body_markdown.strip() or self.tables or self.images)


@dataclass(frozen=True)
class DocumentSpec:
    """A whole document: what the title page shows, then the sections in order."""

    title: str
    process_name: str
    municipality: str
    document_name: str
    version: str
    date: dt.date
    author: str
    sections: list[Section] = field(default_factory=list)
    # A letter (the tjänsteskrivelse): its header block as [label, value] rows and the case's
    # heading. A document with a header block has no title page and no table of contents.
    letter_head: list[list[str]] = field(default_factory=list)
    heading: str = ""

    def __post_init__(self) -> None:
        _printable_fields(self)

    @property
    def is_letter(self) -> bool:
        """A letter opens with its header block, not with a title page and contents."""
        return bool(self.heading)

    @property
    def full_title(self) -> str:
        """The document and the process it belongs to: "Handlingsplan – Ragunda Trampolinen"."""
        return " – ".join(part for part in (self.title, self.process_name) if part)

    def title_details(self) -> list[tuple[str, str]]:
        """The labelled facts of the title page that are filled in, in order."""
        details = (
            ("Kommun", self.municipality),
            ("Dokument", self.document_name),
            ("Version", self.version),
            ("Datum", self.date.isoformat()),
            ("Författare", self.author),
        )
        return [(label, value) for label, value in details if value]
