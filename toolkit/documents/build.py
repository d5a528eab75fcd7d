"""Pure builders: a process's gathered document data into a neutral DocumentSpec per document."""

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from toolkit.circles import drawing as circles_module
from toolkit.content import Content
from toolkit.content.outline import DocumentOutline, Outlines
from toolkit.documents import budget, forums, store, timeline
from toolkit.documents.formats import DocumentSpec, ImageSpec, Section, TableSpec
from toolkit.documents.formats.markdown_export import build_markdown
from toolkit.documents.sources import Material, circles_for
from toolkit.documents.typed import typed_lines
from toolkit.models import Activity, BudgetLine, Goal, ModelPart, Process, User
from toolkit.processes.data import ROLES, roles_of

Circles = tuple[list[str], dict[str, list[str]]]


@dataclass
class DocumentData:
    """Everything the documents of one process show, gathered from the database in one go."""

    process_name: str
    municipality: str
    author: str
    outlines: Outlines
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    sources: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    updated: dict[str, dt.date] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    parts: dict[tuple[str, str], ModelPart] = field(default_factory=dict)
    budget: list[BudgetLine] = field(default_factory=list)
    version: int = 0
    circles: Circles | None = None
    # The model's forums as (key, name), in order; a letter's header fields by document.
    forums: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)


def gather(
    session: Session, content: Content, process: Process, circles: Circles | None = None
) -> DocumentData:
    """Read a process's document data: saved texts, or drafts from the workshops where unsaved."""
    owner = session.get(User, process.owner_id)
    data = DocumentData(
        process_name=process.name,
        municipality=process.municipality,
        author=(owner.name or owner.username) if owner else "",
        outlines=content.outlines,
        goals=store.goals_of(session, process),
        activities=store.activities_of(session, process),
        parts=store.model_parts_of(session, process),
        budget=budget.budget_of(session, process),
        circles=circles if circles is not None else circles_for(session, process),
    )
    saved = store.sections_of(session, process)
    material = Material(session, content, process)
    for outline in content.outlines.documents:
        for section in outline.sections:
            key = (outline.key, section.key)
            row = saved.get(key)
            data.texts[key] = row.text if row else material.draft(section)
            sent = [line for line in row.sources.splitlines() if line] if row else []
            data.sources[key] = list(dict.fromkeys(material.source_labels(section) + sent))
            if row:
                _touch(data, outline.key, row.updated_at.date())
        if outline.header_fields:
            data.headers[outline.key] = store.header_of(session, process, outline.key)
            for field_key in data.headers[outline.key]:
                row = saved[(outline.key, store.HEADER_PREFIX + field_key)]
                _touch(data, outline.key, row.updated_at.date())
    data.forums = forums.forum_list(session, process, content.outlines.document("modell").forums)
    _forums_from_roles(data, roles_of(session, process))
    versions = store.versions_of(session, process)
    if versions:
        data.version = versions[0].number
        _touch(data, "handlingsplan", versions[0].saved_at.date())
    return data


def _forums_from_roles(data: DocumentData, members) -> None:
    """A forum not yet described starts with the people the process page lists in that role."""
    for key, _title in data.forums:
        if ("forum", key) in data.parts or key not in ROLES:
            continue
        names = [
            f"{m.name} ({m.organisation})" if m.organisation else m.name
            for m in members
            if m.role == key
        ]
        if names:
            data.parts[("forum", key)] = ModelPart(kind="forum", key=key, who=", ".join(names))


def _touch(data: DocumentData, document: str, day: dt.date) -> None:
    data.updated[document] = max(day, data.updated.get(document, day))


def kronor(amount: int) -> str:
    """An amount the Swedish way: 712 500 kr."""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def _goals(data: DocumentData, _outline) -> list[TableSpec]:
    rows = [
        [g.text, store.TERMS[g.term], g.follow_up, g.due.isoformat() if g.due else ""]
        for g in data.goals
    ]
    header = ["Mål", "Kort- eller långsiktigt", "Så följs det upp", "Klart senast"]
    return [TableSpec("Mål", header, rows)] if rows else []


def _activities(data: DocumentData, _outline) -> list[TableSpec]:
    rows = [
        [a.name, a.start.isoformat(), a.end.isoformat(), a.responsible, store.STATUSES[a.status]]
        for a in data.activities
    ]
    header = ["Aktivitet", "Start", "Slut", "Ansvarig", "Status"]
    return [TableSpec("Tidplan", header, rows)] if rows else []


def _forums(data: DocumentData, _outline) -> list[TableSpec]:
    rows = []
    for key, title in data.forums:
        part = data.parts.get(("forum", key))
        if part and (part.who or part.when_or_lead or part.what):
            rows.append([title, part.who, part.when_or_lead, part.what])
    header = ["Forum", "Vilka ingår", "Hur ofta de träffas", "Vad de beslutar"]
    return [TableSpec("Organisation", header, rows)] if rows else []


def _case_steps(data: DocumentData, outline: DocumentOutline) -> list[TableSpec]:
    rows = []
    for step in outline.case_steps:
        part = data.parts.get(("step", step.key))
        if part and (part.who or part.when_or_lead or part.what):
            rows.append([step.title, part.who, part.when_or_lead, part.what])
    header = ["Steg", "Vilka deltar", "Vem ansvarar", "Vad sker"]
    return [TableSpec("Processen steg för steg", header, rows)] if rows else []


def _documents_list(
    data: DocumentData, outline: DocumentOutline, typed: list[list[str]] = ()
) -> list[TableSpec]:
    rows = [
        [f"{other.title}, {data.process_name}", data.updated[other.key].isoformat()]
        for other in data.outlines.documents
        if other.key != outline.key and other.key in data.updated
    ] + list(typed)
    return [TableSpec("Underlag för beslut", ["Dokument", "Datum"], rows)] if rows else []


def _budget(data: DocumentData, _outline) -> list[TableSpec]:
    if not data.budget:
        return []
    costs = [line for line in data.budget if line.side == "kostnad"]
    financing = [line for line in data.budget if line.side == "finansiering"]
    total_costs, total_financing = budget.budget_totals(data.budget)
    cost_rows = [
        [
            budget.COST_KINDS[line.kind],
            line.description,
            f"{line.full_time_percent / 100:.2f}".replace(".", ",")
            if line.full_time_percent
            else "",
            kronor(line.amount),
        ]
        for line in costs
    ]
    cost_rows.append(["Summa kostnader", "", "", kronor(total_costs)])
    financing_rows = [
        [budget.FINANCING_KINDS[line.kind], line.description, kronor(line.amount)]
        for line in financing
    ]
    financing_rows.append(["Summa finansiering", "", kronor(total_financing)])
    cost_header = ["Kostnadsslag", "Beskrivning", "Andel av heltid", "Belopp"]
    return [
        TableSpec("Kostnader", cost_header, cost_rows, (2, 3), (len(cost_rows) - 1,)),
        TableSpec(
            "Finansiering",
            ["Finansieringsslag", "Beskrivning", "Belopp"],
            financing_rows,
            (2,),
            (len(financing_rows) - 1,),
        ),
    ]


def budget_warning(data: DocumentData) -> str:
    """A plain warning when financing and costs do not match, or an empty string."""
    costs, financing = budget.budget_totals(data.budget)
    if costs == financing:
        return ""
    gap = "saknas" if financing < costs else "är för mycket"
    return (
        f"Finansieringen ({kronor(financing)}) och kostnaderna ({kronor(costs)}) går inte jämnt "
        f"ut: {kronor(abs(costs - financing))} {gap}."
    )


PART_TABLES = {
    "goals": _goals,
    "activities": _activities,
    "forums": _forums,
    "case-steps": _case_steps,
    "documents-list": _documents_list,
    "budget": _budget,
}


def empty_sections(data: DocumentData, outline: DocumentOutline) -> set[str]:
    """The keys of the sections with neither text nor a filled part: what a draft marks."""
    empty = set()
    for section in outline.sections:
        if data.texts.get((outline.key, section.key), "").strip():
            continue
        if section.part == "circles":
            filled = data.circles is not None
        elif section.part == "documents-list":
            filled = bool(_documents_list(data, outline))
        elif section.part:
            filled = bool(PART_TABLES[section.part](data, outline))
        else:
            filled = False
        if not filled:
            empty.add(section.key)
    return empty


def circle_parts(circles: Circles | None) -> tuple[list[ImageSpec], list[TableSpec]]:
    """The three-circle picture with its alt text, and the same content as a table."""
    if circles is None:
        return [], []
    names, regions = circles
    title = "Insatser enskilt och i samverkan"
    png = circles_module.render_png(names, regions, title=title, width=1200)
    table = circles_module.region_table(names, regions)
    rows = [[region, "; ".join(items)] for region, items in table]
    return (
        [ImageSpec(png, circles_module.alt_text(names, regions), "De tre cirklarna", 15.0)],
        [TableSpec("Insatser i de tre cirklarna", ["Område", "Insatser"], rows)],
    )


def letter_head(data: DocumentData, outline: DocumentOutline, today: dt.date) -> list[list[str]]:
    """A letter's header block as (label, value) rows: what the leader filled in, or defaults.

    The kommun is the process's municipality, the date the day of the export and the
    handläggare the process leader until the leader writes something else.
    """
    typed = data.headers.get(outline.key, {})
    defaults = {
        "kommun": data.municipality,
        "datum": today.isoformat(),
        "rubrik": data.process_name,
        "handlaggare": data.author,
    }
    rows = []
    for item in outline.header_fields:
        value = typed.get(item.key) or defaults.get(item.key, "")
        if value and item.key != "rubrik":
            rows.append([item.title, value])
    return rows


def build_document(
    data: DocumentData, key: str, today: dt.date, final: bool = False
) -> DocumentSpec:
    """One of the process's documents as a DocumentSpec.

    A draft marks the sections still empty; the final version (`final`) leaves them out, and
    the notes of which workshops the text came from. A letter leaves empty sections out always.
    """
    outline = data.outlines.document(key)
    letter = outline.form == "letter"
    sections = []
    group = ""
    for section in outline.sections:
        body, typed_rows = typed_lines(section.lines, data.texts.get((key, section.key), ""))
        tables, images = [], []
        if section.part == "circles":
            images, tables = circle_parts(data.circles)
        elif section.part == "activities" and data.activities:
            png = timeline.render_png(data.activities)
            alt = timeline.alt_text(data.activities)
            images = [ImageSpec(png, alt, "Tidplanen som tidslinje", 16.0)]
            tables = PART_TABLES["activities"](data, outline)
        elif section.part == "documents-list":
            tables = _documents_list(data, outline, typed_rows)
        elif section.part:
            tables = PART_TABLES[section.part](data, outline)
        if section.part == "budget" and data.budget and (warning := budget_warning(data)):
            body = f"**Obs!** {warning}\n\n{body}".strip()
        sources = [] if final else data.sources.get((key, section.key), [])
        note = f"Underlag från workshopparna: {'; '.join(sources)}." if sources else ""
        if section.under != group:
            group = section.under
            if group:
                sections.append(Section(group, 1, group=True))
        built = Section(section.title, 2 if group else 1, body, tables, images, note)
        if built.is_empty and (final or letter):
            continue
        sections.append(built)
    sections = [
        s
        for number, s in enumerate(sections)
        if not s.group or (number + 1 < len(sections) and sections[number + 1].level > s.level)
    ]
    if key == "handlingsplan" and data.version:
        version = f"Version {data.version}"
    else:
        version = "" if final else "Utkast"
    heading = data.headers.get(key, {}).get("rubrik") or data.process_name
    return DocumentSpec(
        title=outline.title,
        process_name=data.process_name,
        municipality=data.municipality,
        document_name=outline.title,
        version=version,
        date=today,
        author=data.author,
        sections=sections,
        letter_head=letter_head(data, outline, today) if letter else [],
        heading=heading if letter else "",
    )


def build_beslutsunderlag(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The beslutsunderlag."""
    return build_document(data, "beslutsunderlag", today)


def build_handlingsplan(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The handlingsplan, with its goals and tidplan."""
    return build_document(data, "handlingsplan", today)


def build_modell(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The local model's description, Trampolinen-style."""
    return build_document(data, "modell", today)


def build_tjansteskrivelse(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The tjänsteskrivelse for the nämnd."""
    return build_document(data, "tjansteskrivelse", today)


def build_budget(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The budget: costs and financing with totals."""
    return build_document(data, "budget", today)


def build_ansokan(data: DocumentData, today: dt.date) -> DocumentSpec:
    """The application for development funds, Enskede-style, with the project budget inside."""
    return build_document(data, "ansokan", today)


def snapshot(data: DocumentData) -> str:
    """The handlingsplan's content as Markdown without its title page, for versions and diffs."""
    text = build_markdown(build_document(data, "handlingsplan", dt.date(2000, 1, 1)))
    return text[text.find("\n## ") + 1 :] if "\n## " in text else text
