"""A neutral description of an exported document, known to neither Word nor Markdown."""

import datetime as dt
from dataclasses import dataclass, field

EMPTY_SECTION = "Ej ifyllt ännu."


@dataclass(frozen=True)
class TableSpec:
    """A table of plain text: a caption, one header row and the body rows."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class ImageSpec:
    """A PNG picture with the alt text screen readers use and the title shown as caption."""

    png_bytes: bytes
    alt_text: str
    title: str = ""
    width_cm: float = 15.0


@dataclass(frozen=True)
class Section:
    """One headed part of a document; the body is the user's Markdown."""

    heading: str
    level: int = 1
    body_markdown: str = ""
    tables: list[TableSpec] = field(default_factory=list)
    images: list[ImageSpec] = field(default_factory=list)
    source_note: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing has been filled in yet."""
        return not (self.body_markdown.strip() or self.tables or self.images)


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
