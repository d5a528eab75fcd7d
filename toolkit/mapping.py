"""The three circles (tre cirklar): insatser per organisation, placed in seven regions.

Data functions in the style of data.py: each takes the session, does one thing, raises
`data.Rejected` with a plain Swedish message, and marks the live event "circles".
"""

from sqlalchemy import func
from sqlmodel import Session, select

from toolkit import circles, privacy
from toolkit.data import DEFAULT_ORGANISATIONS, Rejected, organisations_of
from toolkit.live import mark
from toolkit.models import (
    INSATS_MAX_LENGTH,
    Answer,
    CircleSetup,
    Insats,
    InsatsChange,
    Organisation,
    Participant,
    Process,
    utcnow,
)

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
    names = [org.name if org else "" for org in circle_organisations(session, process)]
    for slot, name in enumerate(names):
        if not name:
            default = DEFAULT_ORGANISATIONS[slot]
            names[slot] = default if default not in names else f"Cirkel {slot + 1}"
    return names


def circle_slots(session: Session, process: Process) -> dict[int, str]:
    """The circle (a, b or c) of each organisation that is one of the three, by id."""
    orgs = circle_organisations(session, process)
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
    regions: dict[str, list[str]] = {region: [] for region in circles.REGIONS}
    for insats in insatser_of(session, process):
        regions[insats.region].append(insats.text)
    return regions


def region_names(session: Session, process: Process) -> dict[str, str]:
    """Every region's Swedish label, by key, in the figure's order."""
    names = circle_org_names(session, process)
    return {region: circles.region_label(region, names) for region in circles.REGIONS}


def figure_title(process: Process) -> str:
    """The title drawn on the picture."""
    return f"Insatser enskilt och i samverkan – {process.name}"


def render_svg(session: Session, process: Process) -> str:
    """The filled circles as SVG."""
    names, regions = circle_org_names(session, process), regions_for(session, process)
    return circles.render_svg(names, regions, title=figure_title(process))


def render_png(session: Session, process: Process) -> bytes:
    """The filled circles as PNG (for Word and for download)."""
    names, regions = circle_org_names(session, process), regions_for(session, process)
    return circles.render_png(names, regions, title=figure_title(process))


# Changing the circles


def check_insats_text(text: str) -> str:
    """The text stripped, or Rejected with a plain reason."""
    text = " ".join(text.split())
    if not text:
        raise Rejected("Insatsen är tom. Skriv en kort text, till exempel ”Föräldrastöd i grupp”.")
    if len(text) > INSATS_MAX_LENGTH:
        raise Rejected(
            f"Insatsen är {len(text)} tecken lång; högst {INSATS_MAX_LENGTH} tecken får plats "
            "i cirkeln. Korta ned den – din text finns kvar."
        )
    if privacy.contains_personnummer(text):
        raise Rejected(privacy.REFUSAL)
    return text


def _check_level(level: str | None) -> str | None:
    if not level:
        return None
    if level not in LEVELS:
        raise Rejected("Välj nivå i listan: främjande, förebyggande eller åtgärdande.")
    return level


def _check_region(region: str) -> str:
    if region not in circles.REGIONS:
        raise Rejected("Det området finns inte i cirklarna. Välj ett av de sju områdena.")
    return region


def _next_position(session: Session, process: Process) -> int:
    query = select(func.max(Insats.position)).where(Insats.process_id == process.id)
    return (session.exec(query).one() or 0) + 1


def add_insats(
    session: Session,
    process: Process,
    text: str,
    region: str,
    level: str | None = None,
    *,
    participant: Participant | None = None,
    answer: Answer | None = None,
) -> Insats:
    """Put a new insats into a region of the circles."""
    insats = Insats(
        process_id=process.id,
        text=check_insats_text(text),
        level=_check_level(level),
        region=_check_region(region),
        position=_next_position(session, process),
        participant_id=participant.id if participant else None,
        answer_id=answer.id if answer else None,
    )
    session.add(insats)
    mark(session, process.id, EVENT)
    session.commit()
    return insats


def live_insats(session: Session, process: Process, insats_id: int) -> Insats:
    """The process's insats with this id, or Rejected when it was removed or merged."""
    insats = session.get(Insats, insats_id)
    if insats is None or insats.process_id != process.id or insats.deleted_at is not None:
        raise Rejected(GONE)
    return insats


def _remember(session: Session, insats: Insats, action: str, merged: list[Insats] = ()) -> None:
    session.add(
        InsatsChange(
            process_id=insats.process_id,
            insats_id=insats.id,
            action=action,
            old_region=insats.region,
            old_position=insats.position,
            old_text=insats.text,
            old_level=insats.level,
            merged_ids=",".join(str(m.id) for m in merged),
        )
    )


def move_insats(session: Session, process: Process, insats_id: int, region: str) -> Insats:
    """Move an insats to another region; when two people move it at once, the last move wins."""
    region = _check_region(region)
    insats = live_insats(session, process, insats_id)
    if insats.region != region:
        _remember(session, insats, "move")
        insats.region, insats.position = region, _next_position(session, process)
        insats.updated_at = utcnow()
        session.add(insats)
    mark(session, process.id, EVENT)
    session.commit()
    return insats


def edit_insats(
    session: Session, process: Process, insats_id: int, text: str, level: str | None
) -> Insats:
    """Change an insats's text and level."""
    text, level = check_insats_text(text), _check_level(level)
    insats = live_insats(session, process, insats_id)
    if (insats.text, insats.level) != (text, level):
        _remember(session, insats, "edit")
        insats.text, insats.level, insats.updated_at = text, level, utcnow()
        session.add(insats)
    mark(session, process.id, EVENT)
    session.commit()
    return insats


def remove_insats(session: Session, process: Process, insats_id: int) -> Insats:
    """Take an insats out of the circles (kept, so it can be undone)."""
    insats = live_insats(session, process, insats_id)
    _remember(session, insats, "remove")
    insats.deleted_at = utcnow()
    session.add(insats)
    mark(session, process.id, EVENT)
    session.commit()
    return insats


def merge_insatser(
    session: Session, process: Process, insats_ids: list[int], text: str = ""
) -> Insats:
    """Merge duplicates into the first one given, which keeps its region (and gets the text)."""
    ids = list(dict.fromkeys(insats_ids))
    if len(ids) < 2:
        raise Rejected("Välj minst två insatser att slå ihop.")
    kept, *others = [live_insats(session, process, i) for i in ids]
    new_text = check_insats_text(text) if text.strip() else kept.text
    _remember(session, kept, "merge", others)
    for other in others:
        other.deleted_at, other.merged_into_id = utcnow(), kept.id
        session.add(other)
    kept.text, kept.updated_at = new_text, utcnow()
    kept.level = kept.level or next((o.level for o in others if o.level), None)
    session.add(kept)
    mark(session, process.id, EVENT)
    session.commit()
    return kept


def last_change(session: Session, process: Process) -> InsatsChange | None:
    """The newest change that has not been undone."""
    query = select(InsatsChange).where(
        InsatsChange.process_id == process.id, InsatsChange.undone_at.is_(None)
    )
    return session.exec(query.order_by(InsatsChange.id.desc())).first()


def describe_change(session: Session, process: Process, change: InsatsChange) -> str:
    """What undoing the change will put back, in plain Swedish."""
    insats = session.get(Insats, change.insats_id)
    text = f"”{change.old_text}”"
    if change.action == "move":
        labels = region_names(session, process)
        return f"{text} flyttades till {labels.get(insats.region, '?')}"
    if change.action == "edit":
        return f"{text} ändrades till ”{insats.text}”"
    if change.action == "merge":
        return f"{len(change.merged_ids.split(',')) + 1} insatser slogs ihop till ”{insats.text}”"
    return f"{text} togs bort"


def undo_last(session: Session, process: Process) -> InsatsChange:
    """Put back what the newest change altered: a move, an edit, a removal or a merge."""
    change = last_change(session, process)
    if change is None:
        raise Rejected("Det finns inget att ångra.")
    insats = session.get(Insats, change.insats_id)
    insats.region, insats.position = change.old_region, change.old_position
    insats.text, insats.level, insats.updated_at = change.old_text, change.old_level, utcnow()
    insats.deleted_at = None
    for merged_id in filter(None, change.merged_ids.split(",")):
        merged = session.get(Insats, int(merged_id))
        merged.deleted_at, merged.merged_into_id = None, None
        session.add(merged)
    change.undone_at = utcnow()
    session.add_all([insats, change])
    mark(session, process.id, EVENT)
    session.commit()
    return change


# Övning 3 as suggestions


def suggestions(
    session: Session, process: Process, workshop_key: str, exercise_key: str
) -> list[tuple[Answer, str, str | None]]:
    """Answers of the exercise whose organisation is a circle and that are not yet insatser.

    Each comes with its circle and its level (the question's key when it names one).
    """
    used = select(Insats.answer_id).where(
        Insats.process_id == process.id,
        Insats.answer_id.is_not(None),
        Insats.merged_into_id.is_(None),
        Insats.deleted_at.is_(None),
    )
    query = select(Answer).where(
        Answer.process_id == process.id,
        Answer.workshop_key == workshop_key,
        Answer.exercise_key == exercise_key,
        Answer.deleted_at.is_(None),
        Answer.id.not_in(used),
    )
    slots, found = circle_slots(session, process), []
    for answer in session.exec(query.order_by(Answer.created_at, Answer.id)):
        if answer.organisation_id in slots:
            level = answer.question_key if answer.question_key in LEVELS else None
            found.append((answer, slots[answer.organisation_id], level))
    return found


def add_from_answer(session: Session, process: Process, answer_id: int) -> Insats:
    """Turn an answer (e.g. from Övning 3) into an insats in its organisation's circle."""
    answer = session.get(Answer, answer_id)
    if answer is None or answer.process_id != process.id or answer.deleted_at is not None:
        raise Rejected("Svaret finns inte längre. Förslagen är uppdaterade.")
    slot = circle_slots(session, process).get(answer.organisation_id)
    if slot is None:
        raise Rejected("Svaret kommer från en organisation som inte är en av de tre cirklarna.")
    level = answer.question_key if answer.question_key in LEVELS else None
    text = " ".join(answer.text.split())
    if len(text) > INSATS_MAX_LENGTH:
        text = text[: INSATS_MAX_LENGTH - 1].rstrip() + "…"
    return add_insats(session, process, text, slot, level, answer=answer)


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
