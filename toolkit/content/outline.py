"""The documents' outlines (workshops/documents.yaml): sections, guidance and feeding exercises."""

from typing import Literal

from pydantic import model_validator

from toolkit.content.model import Key, Workshop, _require_unique, _Strict

DOCUMENT_KEYS = (
    "beslutsunderlag",
    "handlingsplan",
    "modell",
    "tjansteskrivelse",
    "budget",
    "ansokan",
)
PARTS = ("goals", "activities", "forums", "case-steps", "circles", "documents-list", "budget")
# What a source reads from its exercise: the answers to its questions (per target group where
# given), the target groups the vote confirmed, the case paths, the surveys' responses, the
# vignette groups' answers (`questions` then names vignette questions), or the circles' insatser.
MATERIALS = ("answers", "target-groups", "case-paths", "surveys", "vignette-groups", "circles")
# What the process itself holds that a section lists: the tidplan, the people in the roles,
# the start-up before Workshop 1 (workshops/guide.yaml).
PROCESS_SOURCES = ("tidplan", "roles", "start-up")
# How a section's typed lines are read: one list item per line, one person per line ("Namn,
# titel, förvaltning"), or one document per line ("Dokument, ÅÅÅÅ-MM-DD") for the list's table.
LINES = ("list", "people", "documents")
# A report has a title page and a table of contents; a letter (the tjänsteskrivelse) opens with
# the municipality's header block instead.
FORMS = ("report", "letter")


class SectionSource(_Strict):
    """An exercise (optionally only some of its questions) whose output feeds a section."""

    workshop: Key
    exercise: Key
    material: Literal[MATERIALS] = "answers"
    questions: tuple[Key, ...] = ()


class SectionOutline(_Strict):
    """One section of a document: its heading, SKR's guidance and what feeds it."""

    key: Key
    title: str
    guidance: str = ""
    part: Literal[PARTS] | None = None
    sources: tuple[SectionSource, ...] = ()
    from_process: tuple[Literal[PROCESS_SOURCES], ...] = ()
    lines: Literal[LINES] | None = None
    # How to type such lines, shown under the guidance ("Ett dokument per rad: …").
    hint: str = ""
    # A heading the section sits under with its neighbours ("Mål" over effektmål and
    # kortsiktiga mål); the section is then one level below it.
    under: str = ""


class Titled(_Strict):
    """A keyed item with a Swedish title (a forum, a step of the case process)."""

    key: Key
    title: str


class DocumentOutline(_Strict):
    """One document: its sections in order and the structured parts it offers."""

    key: Literal[DOCUMENT_KEYS]
    title: str
    intro: str = ""
    source: str
    sections: tuple[SectionOutline, ...]
    example_activities: tuple[str, ...] = ()
    forums: tuple[Titled, ...] = ()
    case_steps: tuple[Titled, ...] = ()
    form: Literal[FORMS] = "report"
    # A letter's header block: the fields the leader fills in on the document's page.
    header_fields: tuple[Titled, ...] = ()

    @model_validator(mode="after")
    def _sections_unique(self):
        _require_unique([s.key for s in self.sections], "sections")
        _require_unique([f.key for f in self.header_fields], "header_fields")
        _require_unique([f.key for f in self.forums], "forums")
        _require_unique([s.key for s in self.case_steps], "case_steps")
        return self

    def section(self, key: str) -> SectionOutline | None:
        """The section with this key, or None."""
        return next((s for s in self.sections if s.key == key), None)

    def section_with_part(self, part: str) -> SectionOutline | None:
        """The section that shows this structured part, or None."""
        return next((s for s in self.sections if s.part == part), None)


class Outlines(_Strict):
    """Every document's outline, in the order the app lists them."""

    documents: tuple[DocumentOutline, ...]

    @model_validator(mode="after")
    def _all_documents(self):
        keys = [d.key for d in self.documents]
        _require_unique(keys, "documents")
        if missing := [k for k in DOCUMENT_KEYS if k not in keys]:
            raise ValueError(f"missing documents: {', '.join(missing)}")
        return self

    def document(self, key: str | None) -> DocumentOutline | None:
        """The outline with this key, or None."""
        return next((d for d in self.documents if d.key == key), None)


# Which exercises offer each material besides answers (the kinds declare the same in
# toolkit.kinds; content is checked before they load).
_OFFERED_BY = {
    "target-groups": lambda e: e.kind == "vote",
    "case-paths": lambda e: e.kind == "case_path",
    "surveys": lambda e: bool(e.surveys),
    "vignette-groups": lambda e: e.vignettes,
    "circles": lambda e: e.kind == "circles",
    "answers": lambda e: e.kind != "circles",
}


def unknown_sources(
    outlines: Outlines,
    workshops: tuple[Workshop, ...],
    vignette_questions: tuple[str, ...] = (),
) -> list[str]:
    """Every source naming a workshop, exercise, question or material the content lacks."""
    by_key = {w.key: w for w in workshops}
    problems = []
    for document in outlines.documents:
        for section in document.sections:
            for source in section.sources:
                where = f"{document.key}.{section.key}"
                workshop = by_key.get(source.workshop)
                exercise = workshop.exercise(source.exercise) if workshop else None
                if workshop is None:
                    problems.append(f"{where}: unknown workshop {source.workshop}")
                elif exercise is None:
                    problems.append(
                        f"{where}: unknown exercise {source.workshop}/{source.exercise}"
                    )
                elif not _OFFERED_BY[source.material](exercise):
                    problems.append(
                        f"{where}: {source.workshop}/{source.exercise} gives no {source.material}"
                    )
                else:
                    problems += [
                        f"{where}: unknown question {source.exercise}/{q}"
                        for q in source.questions
                        if not _asks(exercise, source.material, q, vignette_questions)
                    ]
    return problems


def _asks(exercise, material: str, key: str, vignette_questions: tuple[str, ...]) -> bool:
    """Whether the material of this exercise has a question with this key."""
    if material == "vignette-groups":
        return key in vignette_questions
    if material == "surveys":
        return any(part.question_key(key) for part in exercise.surveys)
    return exercise.question(key) is not None
