"""Data functions for the documents: section texts, goals, tidplan, model parts, versions."""

import datetime as dt

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from toolkit.errors import Rejected
from toolkit.models import (
    ActionPlanVersion,
    Activity,
    BudgetLine,
    DocumentSection,
    Goal,
    ModelPart,
    Process,
    WordTemplate,
    utcnow,
)
from toolkit.texts import text_guard

TERMS = {"kort": "Kortsiktigt", "lang": "Långsiktigt"}
STATUSES = {"planerad": "Planerad", "pagar": "Pågår", "klar": "Klar"}
DOCUMENT_TABLES = (
    DocumentSection,
    ActionPlanVersion,
    Goal,
    Activity,
    ModelPart,
    BudgetLine,
    WordTemplate,
)


def checked(text: str) -> str:
    """The text stripped, with Windows line ends as newlines (length and the rest: text_guard)."""
    return text.replace("\r\n", "\n").strip()


def sections_of(session: Session, process: Process) -> dict[tuple[str, str], DocumentSection]:
    """Every saved section text of the process, by (document, section key)."""
    query = select(DocumentSection).where(DocumentSection.process_id == process.id)
    return {(row.document, row.section_key): row for row in session.exec(query)}


def _section_row(session: Session, process: Process, document: str, key: str) -> DocumentSection:
    row = session.exec(
        select(DocumentSection).where(
            DocumentSection.process_id == process.id,
            DocumentSection.document == document,
            DocumentSection.section_key == key,
        )
    ).first()
    return row or DocumentSection(process_id=process.id, document=document, section_key=key)


class Conflict(Exception):
    """A save based on an older version of a section: someone else changed it meanwhile."""

    def __init__(self, stored: DocumentSection):
        super().__init__("Avsnittet har ändrats sedan sidan öppnades.")
        self.text = stored.text
        self.version = stored.version


def save_section(
    session: Session,
    process: Process,
    document: str,
    key: str,
    text: str,
    version: int | None = None,
) -> DocumentSection:
    """Save the process leader's text for a section (Markdown).

    `version` is the section's version the text was written from; when the stored section has
    moved on since (another save, an answer sent to it), nothing is saved and Conflict says
    what is stored now. The check and the write are one UPDATE, so two saves of the same
    version cannot both win.
    """
    text = checked(text)
    row = _section_row(session, process, document, key)
    if version is not None and row.version != version:
        raise Conflict(row)
    return _write(session, process, document, key, row, text, row.sources)


def _write(session, process, document, key, row, text, sources) -> DocumentSection:
    """Write text and sources if the row is still at the version read, else raise Conflict."""
    if row.id is None:
        row.text, row.sources, row.version, row.updated_at = text, sources, 1, utcnow()
        session.add(row)
        try:
            session.commit()
        except IntegrityError:  # another request created the section first
            session.rollback()
            raise Conflict(_section_row(session, process, document, key)) from None
        return row
    # An UPDATE statement passes no flush, so the guard that runs before each flush runs here.
    columns = DocumentSection.__table__.c
    text, warning = text_guard.guarded(columns.text, text)
    sources, _ = text_guard.guarded(columns.sources, sources)
    text_guard.note_warning(session, warning)
    changed = session.execute(
        update(DocumentSection)
        .where(DocumentSection.id == row.id, DocumentSection.version == row.version)
        .values(text=text, sources=sources, version=row.version + 1, updated_at=utcnow())
    ).rowcount
    session.commit()
    session.expire(row)
    if changed != 1:
        raise Conflict(_section_row(session, process, document, key))
    return row


def append_to_section(
    session: Session,
    process: Process,
    document: str,
    key: str,
    start: str,
    text: str,
    note: str,
    source: str,
) -> DocumentSection:
    """Add an answer with a note of where it came from; `source` joins the section's sources.

    The answer is added to the text as stored at the moment of writing (read again if another
    save came between), and the section's version goes up, so a page opened before the answer
    was sent cannot save over it.
    """
    addition = f"{text.strip()} *({note})*"
    for _attempt in range(5):
        row = _section_row(session, process, document, key)
        current = row.text if row.id is not None else start
        combined = checked(f"{current}\n\n{addition}" if current else addition)
        labels = [line for line in row.sources.splitlines() if line]
        sources = "\n".join(dict.fromkeys([*labels, source]))
        try:
            return _write(session, process, document, key, row, combined, sources)
        except Conflict:
            continue
    raise Rejected("Avsnittet ändras av någon annan just nu. Försök igen om en stund.")


# A letter's header fields are stored beside its sections, as "huvud-<field>".
HEADER_PREFIX = "huvud-"
HEADER_MAX_LENGTH = 200


def header_of(session: Session, process: Process, document: str) -> dict[str, str]:
    """The header fields the leader filled in for a document, by field key."""
    return {
        key.removeprefix(HEADER_PREFIX): row.text
        for (doc, key), row in sections_of(session, process).items()
        if doc == document and key.startswith(HEADER_PREFIX)
    }


def save_header(session: Session, process: Process, document: str, values: dict[str, str]):
    """Save a letter's header fields (kommun, diarienummer, …); an emptied field is removed."""
    texts = {key: " ".join(checked(value).split()) for key, value in values.items()}
    if any(len(text) > HEADER_MAX_LENGTH for text in texts.values()):
        raise Rejected(
            f"Ett fält i huvudet får ha högst {HEADER_MAX_LENGTH} tecken. "
            "Korta ned texten – den finns kvar."
        )
    for key, text in texts.items():
        row = _section_row(session, process, document, HEADER_PREFIX + key)
        if text:
            row.text, row.updated_at, row.version = text, utcnow(), row.version + 1
            session.add(row)
        elif row.id is not None:
            session.delete(row)
    session.commit()


def parse_date(text: str, what: str) -> dt.date:
    """A date typed as ÅÅÅÅ-MM-DD, or Rejected."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Rejected(f"{what} ska vara ett datum som 2025-09-01.") from None


def goals_of(session: Session, process: Process) -> list[Goal]:
    """The handlingsplan's goals, long-term first, in the order added."""
    query = select(Goal).where(Goal.process_id == process.id)
    return sorted(session.exec(query), key=lambda g: (g.term != "lang", g.position, g.id))


def add_goal(
    session: Session, process: Process, text: str, term: str, follow_up: str, due: str
) -> Goal:
    """Add a goal; it must say whether it is short- or long-term."""
    if term not in TERMS:
        raise Rejected("Välj om målet är kortsiktigt eller långsiktigt.")
    text = checked(text)
    if not text:
        raise Rejected("Skriv målet.")
    goal = Goal(
        process_id=process.id,
        text=text,
        term=term,
        follow_up=checked(follow_up),
        due=parse_date(due, "Klart senast") if due.strip() else None,
        position=len(goals_of(session, process)),
    )
    session.add(goal)
    session.commit()
    return goal


def activities_of(session: Session, process: Process) -> list[Activity]:
    """The tidplan's activities by start date."""
    query = select(Activity).where(Activity.process_id == process.id)
    return list(session.exec(query.order_by(Activity.start, Activity.end, Activity.id)))


def add_activity(
    session: Session,
    process: Process,
    name: str,
    start: str,
    end: str,
    responsible: str = "",
    status: str = "planerad",
) -> Activity:
    """Add an activity to the tidplan; it cannot end before it starts."""
    name = checked(name)
    if not name:
        raise Rejected("Ge aktiviteten ett namn.")
    first, last = parse_date(start, "Start"), parse_date(end, "Slut")
    if last < first:
        raise Rejected("Aktiviteten slutar innan den börjar. Ändra start eller slut.")
    if status not in STATUSES:
        raise Rejected("Välj en status i listan.")
    activity = Activity(
        process_id=process.id,
        name=name,
        start=first,
        end=last,
        responsible=checked(responsible),
        status=status,
    )
    session.add(activity)
    session.commit()
    return activity


def add_example_activities(
    session: Session, process: Process, names: tuple[str, ...], start: dt.date
) -> None:
    """SKR's example activities as a start: each two months long, each a month after the last."""
    for index, name in enumerate(names):
        first = _add_months(start.replace(day=1), index)
        last = _add_months(first, 2) - dt.timedelta(days=1)
        session.add(Activity(process_id=process.id, name=name, start=first, end=last))
    session.commit()


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1)


def set_activity_status(session: Session, activity: Activity, status: str) -> None:
    """Mark an activity planned, under way or done."""
    if status not in STATUSES:
        raise Rejected("Välj en status i listan.")
    activity.status = status
    session.add(activity)
    session.commit()


def delete_row(session: Session, row) -> None:
    """Remove a goal, an activity or a budget line."""
    session.delete(row)
    session.commit()


def model_parts_of(session: Session, process: Process) -> dict[tuple[str, str], ModelPart]:
    """The model description's forums and case steps, by (kind, key)."""
    query = select(ModelPart).where(ModelPart.process_id == process.id)
    return {(part.kind, part.key): part for part in session.exec(query)}


def part_changed(part: ModelPart, version: int | None, title: str) -> None:
    """Rejected when the forum or step was saved by someone else after `version` was read."""
    if version is None or part.version == version:
        return
    stored = "; ".join(text for text in (part.who, part.when_or_lead, part.what) if text)
    raise Rejected(
        f"Någon annan har ändrat {title} sedan du öppnade sidan. Det sparade nu: "
        f"”{stored or 'tomt'}”. Din text står kvar i rutorna: spara igen för att behålla den, "
        "eller ladda om sidan för att ta den sparade."
    )


def save_model_part(
    session: Session,
    process: Process,
    kind: str,
    key: str,
    who: str,
    when_or_lead: str,
    what: str,
    version: int | None = None,
    title: str = "",
) -> ModelPart:
    """Save who sits in a forum (how often, what it decides), or who takes part in a step."""
    part = model_parts_of(session, process).get((kind, key)) or ModelPart(
        process_id=process.id, kind=kind, key=key
    )
    part_changed(part, version, title or key)
    texts = (
        checked(who),
        checked(when_or_lead),
        checked(what),
    )
    part.who, part.when_or_lead, part.what = texts
    part.version += 1
    session.add(part)
    session.commit()
    return part


def versions_of(session: Session, process: Process) -> list[ActionPlanVersion]:
    """The saved versions of the handlingsplan, newest first."""
    query = select(ActionPlanVersion).where(ActionPlanVersion.process_id == process.id)
    return list(session.exec(query.order_by(ActionPlanVersion.number.desc())))


def save_version(
    session: Session, process: Process, snapshot: str, note: str = ""
) -> ActionPlanVersion:
    """Keep the handlingsplan as it is now as a new version; older versions stay."""
    latest = session.exec(
        select(func.max(ActionPlanVersion.number)).where(ActionPlanVersion.process_id == process.id)
    ).one()
    version = ActionPlanVersion(
        process_id=process.id,
        number=(latest or 0) + 1,
        note=checked(note),
        snapshot=snapshot,
    )
    session.add(version)
    session.commit()
    return version
