"""The three circles (tre cirklar): which organisations they are, and what they hold.

Data functions: each takes the session, does one thing, raises `Rejected` with a plain Swedish
message, and marks the live event "circles". The changes to the insatser (add, move, edit,
remove, merge, undo) are in `changes.py`.
"""

from sqlalchemy import or_
from sqlmodel import Session, select

from toolkit.circles import drawing
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import Answer, CircleSetup, Insats, InsatsChange, Organisation, Process
from toolkit.processes.data import DEFAULT_ORGANISATIONS, organisations_of

LEVELS = {"framjande": "Främjande", "forebyggande": "Förebyggande", "atgardande": "Åtgärdande"}
SLOTS = ("a", "b", "c")
EVENT = "circles"
GONE = (
    "Insatsen finns inte längre – den har tagits bort eller slagits ihop med en annan. "
    "Bilden är uppdaterad."
)


# The circles' organisations


def setup_of(session: Session, process: Process) -> CircleSetup:
    """The process's circle settings (defaults when never changed)."""
    query = select(CircleSetup).where(CircleSetup.process_id == process.id)
    return session.exec(query).first() or CircleSetup(process_id=process.id)


def circle_organisations(session: Session, process: Process) -> list[Organisation | None]:
    """The organisations of circles a, b and c: the chosen ones, else the first three."""
    organisations = organisations_of(session, process)
    by_id = {org.id: org for org in organisations}
    setup = setup_of(session, process)
    chosen = [by_id.get(getattr(setup, f"organisation_{slot}")) for slot in SLOTS]
    spare = iter(org for org in organisations if org not in chosen)
    return [org or next(spare, None) for org in chosen]


def circle_org_names(session: Session, process: Process) -> list[str]:
    """The three names written on the circles; a missing organisation gets SKR's name."""
    return names_of(circle_organisations(session, process))


def names_of(orgs: list[Organisation | None]) -> list[str]:
    """The names for these three circles' organisations, SKR's name where one is missing."""
    names = [org.name if org else "" for org in orgs]
    for slot, name in enumerate(names):
        if not name:
            default = DEFAULT_ORGANISATIONS[slot]
            names[slot] = default if default not in names else f"Cirkel {slot + 1}"
    return names


def circle_slots(session: Session, process: Process) -> dict[int, str]:
    """The circle (a, b or c) of each organisation that is one of the three, by id."""
    return slots_of(circle_organisations(session, process))


def slots_of(orgs: list[Organisation | None]) -> dict[int, str]:
    """The circle of each of these three circles' organisations, by organisation id."""
    return {org.id: slot for slot, org in zip(SLOTS, orgs, strict=True) if org is not None}


def set_setup(
    session: Session,
    process: Process,
    organisation_ids: list[int | None],
    participants_may_move: bool,
) -> None:
    """Choose the three circles' organisations and whether participants may move insatser."""
    known = {org.id for org in organisations_of(session, process)}
    if len(organisation_ids) != 3 or any(
        i is not None and i not in known for i in organisation_ids
    ):
        raise Rejected("Välj tre av processens organisationer till cirklarna.")
    chosen = [i for i in organisation_ids if i is not None]
    if len(set(chosen)) != len(chosen):
        raise Rejected("Välj en olika organisation till varje cirkel.")
    setup = setup_of(session, process)
    for slot, org_id in zip(SLOTS, organisation_ids, strict=True):
        setattr(setup, f"organisation_{slot}", org_id)
    setup.participants_may_move = participants_may_move
    session.add(setup)
    mark(session, process.id, EVENT)
    session.commit()


# Reading the circles


def insatser_of(session: Session, process: Process) -> list[Insats]:
    """The process's insatser in the circles, in their order."""
    query = select(Insats).where(Insats.process_id == process.id, Insats.deleted_at.is_(None))
    return list(session.exec(query.order_by(Insats.position, Insats.id)))


def regions_for(session: Session, process: Process) -> dict[str, list[str]]:
    """Each region's insatser as texts in order, for the picture, the table and the documents."""
    return texts_by_region(insatser_of(session, process))


def texts_by_region(insatser: list[Insats]) -> dict[str, list[str]]:
    """The texts of these insatser by region key, every region present."""
    regions: dict[str, list[str]] = {region: [] for region in drawing.REGIONS}
    for insats in insatser:
        regions[insats.region].append(insats.text)
    return regions


def region_names(session: Session, process: Process) -> dict[str, str]:
    """Every region's Swedish label, by key, in the figure's order."""
    return labels_of(circle_org_names(session, process))


def labels_of(names: list[str]) -> dict[str, str]:
    """Every region's Swedish label for these three names, by key."""
    return {region: drawing.region_label(region, names) for region in drawing.REGIONS}


def figure_title(process: Process) -> str:
    """The title drawn on the picture."""
    return f"Insatser enskilt och i samverkan – {process.name}"


def render_svg(session: Session, process: Process) -> str:
    """The filled circles as SVG."""
    names, regions = circle_org_names(session, process), regions_for(session, process)
    return drawing.render_svg(names, regions, title=figure_title(process))


def render_png(session: Session, process: Process) -> bytes:
    """The filled circles as PNG (for Word and for download)."""
    names, regions = circle_org_names(session, process), regions_for(session, process)
    return drawing.render_png(names, regions, title=figure_title(process))


# Övning 3 as suggestions


def suggestions(
    session: Session, process: Process, workshop_key: str, exercise_key: str
) -> list[tuple[Answer, str, str | None]]:
    """Answers of the exercise whose organisation is a circle and that are not yet insatser.

    Each comes with its circle and its level (the question's key when it names one).
    """
    # Merged counts as used: the answer lives on in the insats it was merged into.
    used = select(Insats.answer_id).where(
        Insats.process_id == process.id,
        Insats.answer_id.is_not(None),
        or_(Insats.deleted_at.is_(None), Insats.merged_into_id.is_not(None)),
    )
    query = select(Answer).where(
        Answer.process_id == process.id,
        Answer.workshop_key == workshop_key,
        Answer.exercise_key == exercise_key,
        Answer.deleted_at.is_(None),
        Answer.id.not_in(used),
    )
    slots, found = circle_slots(session, process), []
    # An answer already written into the circles by hand is no suggestion either.
    present = {(i.region, i.text.casefold()) for i in insatser_of(session, process)}
    for answer in session.exec(query.order_by(Answer.created_at, Answer.id)):
        slot = slots.get(answer.organisation_id)
        if slot and (slot, " ".join(answer.text.split()).casefold()) not in present:
            level = answer.question_key if answer.question_key in LEVELS else None
            found.append((answer, slot, level))
    return found


def delete_all(session: Session, process: Process) -> None:
    """Delete the process's circles data (when the process itself is deleted)."""
    for model in (InsatsChange, CircleSetup):
        for row in session.exec(select(model).where(model.process_id == process.id)):
            session.delete(row)
    session.flush()
    rows = list(session.exec(select(Insats).where(Insats.process_id == process.id)))
    for row in rows:
        row.merged_into_id = None
        session.add(row)
    session.flush()
    for row in rows:
        session.delete(row)
    session.flush()
