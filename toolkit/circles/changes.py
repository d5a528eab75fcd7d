"""Changes to the insatser in the three circles: add, move, edit, remove, merge, and undo.

Every move, edit, removal and merge is written to InsatsChange with what it replaced, so the
newest can be undone. When two people move the same insats at once, the last move wins.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from toolkit.circles import drawing
from toolkit.circles.mapping import EVENT, GONE, LEVELS, circle_slots, region_names
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import (
    INSATS_MAX_LENGTH,
    Answer,
    Insats,
    InsatsChange,
    Participant,
    Process,
    utcnow,
)


def check_insats_text(text: str) -> str:
    """The text on one line, or Rejected when empty (length and the rest: text_guard)."""
    text = " ".join(text.split())
    if not text:
        raise Rejected("Insatsen är tom. Skriv en kort text, till exempel ”Föräldrastöd i grupp”.")
    return text


def _check_level(level: str | None) -> str | None:
    if not level:
        return None
    if level not in LEVELS:
        raise Rejected("Välj nivå i listan: främjande, förebyggande eller åtgärdande.")
    return level


def _check_region(region: str) -> str:
    if region not in drawing.REGIONS:
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
    """Put a new insats into a region of the drawing."""
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


def _own_insats(session: Session, process: Process, insats_id: int) -> Insats:
    """An insats of this process, removed or not: undo never reaches another process's."""
    insats = session.get(Insats, insats_id)
    if insats is None or insats.process_id != process.id:
        raise Rejected("Ändringen kan inte ångras: insatsen finns inte i den här processen.")
    return insats


def undo_last(session: Session, process: Process) -> InsatsChange:
    """Put back what the newest change altered: a move, an edit, a removal or a merge."""
    change = last_change(session, process)
    if change is None:
        raise Rejected("Det finns inget att ångra.")
    insats = _own_insats(session, process, change.insats_id)
    merged_ids = filter(None, change.merged_ids.split(","))
    brought_back = [_own_insats(session, process, int(merged_id)) for merged_id in merged_ids]
    insats.region, insats.position = change.old_region, change.old_position
    insats.text, insats.level, insats.updated_at = change.old_text, change.old_level, utcnow()
    insats.deleted_at = None
    for merged in brought_back:
        merged.deleted_at, merged.merged_into_id = None, None
        session.add(merged)
    change.undone_at = utcnow()
    session.add_all([insats, change])
    mark(session, process.id, EVENT)
    session.commit()
    return change


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
