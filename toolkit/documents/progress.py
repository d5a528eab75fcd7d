"""How far each document has come: which sections have workshop material, which are written."""

from dataclasses import dataclass

from sqlmodel import Session

from toolkit.content import Content
from toolkit.content.outline import DocumentOutline, SectionOutline
from toolkit.documents import build, store
from toolkit.documents.sources import Material
from toolkit.models import Process

# What a section's structured part is called where the documents list their material.
PART_NAMES = {
    "goals": "Målen",
    "activities": "Tidplanen",
    "forums": "Forumen",
    "case-steps": "Processens steg",
    "circles": "De tre cirklarna",
    "documents-list": "Processens dokument",
    "budget": "Budgetens rader",
}


@dataclass(frozen=True)
class SectionProgress:
    """One section: whether it has material, whether the leader wrote it, where it came from."""

    title: str
    has_material: bool
    written: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DocumentProgress:
    """One document's sections, counted."""

    sections: tuple[SectionProgress, ...]

    @property
    def with_material(self) -> int:
        """How many sections have material from the workshops or the document's parts."""
        return sum(s.has_material for s in self.sections)

    @property
    def written(self) -> int:
        """How many sections hold the leader's own saved text."""
        return sum(s.written for s in self.sections)


def _part_filled(data: build.DocumentData, outline: DocumentOutline, part: str | None) -> bool:
    if part is None:
        return False
    if part == "circles":
        return data.circles is not None
    if part == "budget":
        return bool(data.budget)
    return bool(build.PART_TABLES[part](data, outline))


def progress_of(
    session: Session, content: Content, process: Process, data: build.DocumentData
) -> dict[str, DocumentProgress]:
    """Every document's progress, by document key."""
    material = Material(session, content, process)
    saved = {key for key, row in store.sections_of(session, process).items() if row.text}

    def section(outline: DocumentOutline, s: SectionOutline) -> SectionProgress:
        labels = material.source_labels(s)
        if s.part and _part_filled(data, outline, s.part):
            labels.append(PART_NAMES[s.part])
        return SectionProgress(
            s.title,
            bool(labels),
            (outline.key, s.key) in saved,
            tuple(dict.fromkeys(labels + data.sources.get((outline.key, s.key), []))),
        )

    return {
        outline.key: DocumentProgress(tuple(section(outline, s) for s in outline.sections))
        for outline in content.outlines.documents
    }
