"""Who changed what: every change a leader's request makes to a process is recorded here.

The request layer names the acting leader once (`act_as`, from `web.owned_process_or_404` on a
POST); from then on each flush of that session is read here, and every new, changed or removed
row of a process's table becomes a line such as "gick till Övning 2" (`activity_texts.py`).
No data function records anything itself, so a new route cannot forget to. Participants never
act as leaders, so their own answers are never recorded.
"""

from dataclasses import dataclass

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter
from sqlmodel import Session, func

from toolkit.content import Content
from toolkit.live.events import mark
from toolkit.models import CHANGE_MAX_LENGTH, Answer, Process, ProcessChange, User
from toolkit.processes import activity_texts
from toolkit.processes.activity_texts import Note

PAGE_SIZE = 50


@dataclass(frozen=True)
class Actor:
    """The leader a request acts for, in one process."""

    process_id: int
    username: str
    name: str
    content: Content | None


def act_as(session: Session, process: Process, user: User, content: Content | None) -> None:
    """Record what this session changes in the process from now on as done by this leader."""
    session.info["actor"] = Actor(process.id, user.username, user.name, content)


def who(change: ProcessChange) -> str:
    """The name a change is shown with."""
    return change.actor_name or change.username


@event.listens_for(Session, "before_flush")
def _read_changes(session: Session, _flush_context, _instances) -> None:
    actor = session.info.get("actor")
    if actor is None:
        return
    notes = []
    with session.no_autoflush:
        for how, rows in (
            ("new", session.new),
            ("changed", session.dirty),
            ("removed", session.deleted),
        ):
            for row in list(rows):
                if isinstance(row, ProcessChange) or not hasattr(row, "__table__"):
                    continue
                changed = _changes(row, how)
                if how == "changed" and not changed:
                    continue  # added to the session again, but nothing in it changed
                notes.extend(activity_texts.describe(session, actor, row, how, changed))
    # What follows from another change by itself (the join panel made small when the room
    # moves on) waits for the commit, and is left out if the other change is recorded.
    session.info.setdefault("change_notes", []).extend(n for n in notes if not n.minor)
    session.info.setdefault("minor_notes", []).extend(n for n in notes if n.minor)


@event.listens_for(Session, "after_flush_postexec")
def _record_notes(session: Session, _flush_context) -> None:
    # After the flush new rows have their ids (a leader's added answer); the records join the
    # next flush, which the commit runs before it ends.
    notes = session.info.pop("change_notes", [])
    if notes:
        _record(session, session.info["actor"], notes)


@event.listens_for(Session, "before_commit")
def _record_minor_notes(session: Session) -> None:
    if session.info.get("actor") is None:
        return
    session.flush()
    minor = session.info.pop("minor_notes", [])
    if minor and not session.info.get("changes_recorded"):
        _record(session, session.info["actor"], minor)


@event.listens_for(Session, "do_orm_execute")
def _read_bulk_changes(state: ORMExecuteState):
    """An UPDATE or DELETE statement passes no flush: it is read here, once it has run."""
    session, actor = state.session, state.session.info.get("actor")
    if actor is None or not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return None
    table = state.bind_mapper.local_table.name
    ids = _ids_in_where(state.statement)
    before = activity_texts.before_bulk(session, table, ids)
    result = state.invoke_statement()
    if result.rowcount:
        values = state.statement.compile().params if state.is_update else {}
        notes = activity_texts.describe_bulk(session, actor, table, before, values)
        _record(session, actor, notes)
    return result


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    for key in ("change_notes", "minor_notes", "changes_recorded"):
        session.info.pop(key, None)


def _record(session: Session, actor: Actor, notes: list[Note]) -> None:
    recorded = session.info.setdefault("changes_recorded", set())
    for note in notes:
        answer_id = note.answer.id if note.answer is not None else None
        key = (note.text, note.tag, answer_id, note.section)
        if key in recorded:
            continue  # one line per change, however many rows and flushes it took
        recorded.add(key)
        session.add(
            ProcessChange(
                process_id=actor.process_id,
                username=actor.username,
                actor_name=actor.name,
                text=_shortened(note.text),
                tag=note.tag,
                answer_id=answer_id,
                section=note.section,
            )
        )
    if notes:
        mark(session, actor.process_id, "changes")


def _shortened(text: str) -> str:
    return text if len(text) <= CHANGE_MAX_LENGTH else text[: CHANGE_MAX_LENGTH - 1] + "…"


def _changes(row, how: str) -> dict[str, tuple]:
    """The row's attributes that this flush writes: (before, after)."""
    state = inspect(row)
    changed = {}
    for attr in state.mapper.column_attrs:
        if how != "changed":
            changed[attr.key] = (None, state.dict.get(attr.key))
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changed[attr.key] = (old, new)
    return changed


def _ids_in_where(statement) -> list[int]:
    """The ids an UPDATE or DELETE names in its WHERE (`id = …`), if it names any."""
    ids = []
    where = getattr(statement, "whereclause", None)
    if where is None:
        return ids
    for node in visitors.iterate(where):
        if isinstance(node, BinaryExpression) and isinstance(node.right, BindParameter):
            if getattr(node.left, "key", None) == "id" and isinstance(node.right.value, int):
                ids.append(node.right.value)
    return ids


def latest(session: Session, process_id: int, count: int = 5) -> list[ProcessChange]:
    """The newest changes of a process, newest first."""
    query = (
        select(ProcessChange)
        .where(ProcessChange.process_id == process_id)
        .order_by(ProcessChange.id.desc())
        .limit(count)
    )
    return list(session.scalars(query))


def page_of(session: Session, process_id: int, page: int) -> tuple[list[ProcessChange], int]:
    """One page of a process's changes, newest first, and how many pages there are."""
    total = session.scalar(
        select(func.count())
        .select_from(ProcessChange)
        .where(ProcessChange.process_id == process_id)
    )
    query = (
        select(ProcessChange)
        .where(ProcessChange.process_id == process_id)
        .order_by(ProcessChange.id.desc())
        .offset(max(page - 1, 0) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list(session.scalars(query)), max(1, -(-total // PAGE_SIZE))


def section_change(session: Session, process_id: int, section: str) -> ProcessChange | None:
    """The last change of a document section ("beslutsunderlag/bakgrund")."""
    query = (
        select(ProcessChange)
        .where(ProcessChange.process_id == process_id, ProcessChange.section == section)
        .order_by(ProcessChange.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def answer_change(session: Session, answer: Answer) -> ProcessChange | None:
    """Who hid the answer, if it is hidden, or who added it, if a leader did."""
    if answer.hidden:
        tag = "hidden"
    elif answer.participant_id is None:
        tag = "added"
    else:
        return None
    query = (
        select(ProcessChange)
        .where(
            ProcessChange.process_id == answer.process_id,
            ProcessChange.answer_id == answer.id,
            ProcessChange.tag == tag,
        )
        .order_by(ProcessChange.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()
