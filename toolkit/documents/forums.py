"""Data functions for the model description's forums: any number, named, in the leader's order."""

from sqlmodel import Session, select

from toolkit.documents.store import checked, model_parts_of, part_changed
from toolkit.errors import Rejected
from toolkit.models import ModelPart, Process


def forum_list(session: Session, process: Process, defaults) -> list[tuple[str, str]]:
    """The model's forums as (key, name) in order: the process's own, else the outline's.

    The outline's forums (styrgrupp, arbetsgrupp, beslutsforum) stand until the leader adds,
    renames, removes or moves one; from then on the process's named forums are the list. (With
    every forum removed the outline's three come back, as a starting point.)
    """
    query = select(ModelPart).where(
        ModelPart.process_id == process.id, ModelPart.kind == "forum", ModelPart.title != ""
    )
    named = sorted(session.exec(query), key=lambda p: (p.position, p.id))
    if named:
        return [(part.key, part.title) for part in named]
    return [(forum.key, forum.title) for forum in defaults]


def _own_forums(session: Session, process: Process, defaults) -> list[ModelPart]:
    """The forum list as rows of the process's own, in order (created from the outline's)."""
    parts = model_parts_of(session, process)
    rows = []
    for position, (key, title) in enumerate(forum_list(session, process, defaults)):
        row = parts.get(("forum", key)) or ModelPart(process_id=process.id, kind="forum", key=key)
        row.title, row.position = title, position
        session.add(row)
        rows.append(row)
    return rows


def _forum_name(title: str) -> str:
    name = " ".join(checked(title).split())
    if not name:
        raise Rejected("Ge forumet ett namn, till exempel Styrgrupp.")
    return name


def add_forum(session: Session, process: Process, defaults, title: str) -> ModelPart:
    """Add a named forum at the end of the list."""
    name = _forum_name(title)
    rows = _own_forums(session, process, defaults)
    taken = {key for (kind, key) in model_parts_of(session, process) if kind == "forum"}
    number = len(taken) + 1
    while f"forum-{number}" in taken:
        number += 1
    row = ModelPart(
        process_id=process.id, kind="forum", key=f"forum-{number}", title=name, position=len(rows)
    )
    session.add(row)
    session.commit()
    return row


def save_forum(
    session: Session,
    process: Process,
    defaults,
    key: str,
    title: str | None,
    texts: tuple[str, str, str],
    version: int | None = None,
) -> ModelPart:
    """Save a forum's name (None keeps it), who sits in it, how often it meets, what it decides."""
    current = dict(forum_list(session, process, defaults))
    if key not in current:
        raise Rejected("Forumet finns inte längre. Ladda om sidan.")
    name = current[key] if title is None else _forum_name(title)
    if name != current[key]:
        row = next(row for row in _own_forums(session, process, defaults) if row.key == key)
        row.title = name
    else:
        row = model_parts_of(session, process).get(("forum", key)) or ModelPart(
            process_id=process.id, kind="forum", key=key
        )
    try:
        part_changed(row, version, name)
    except Rejected:
        session.rollback()
        raise
    who, when, what = texts
    row.version += 1
    row.who = checked(who)
    row.when_or_lead = checked(when)
    row.what = checked(what)
    session.add(row)
    session.commit()
    return row


def forum_title(session: Session, process: Process, defaults, key: str) -> str:
    """The name a forum of the list has."""
    return dict(forum_list(session, process, defaults)).get(key, "")


def remove_forum(session: Session, process: Process, defaults, key: str) -> str:
    """Remove a forum from the model; the name it had."""
    rows = _own_forums(session, process, defaults)
    gone = next((row for row in rows if row.key == key), None)
    if gone is None:
        session.rollback()
        raise Rejected("Forumet finns inte längre. Ladda om sidan.")
    name = gone.title
    rows.remove(gone)
    for position, row in enumerate(rows):
        row.position = position
    session.delete(gone)
    session.commit()
    return name


def move_forum(session: Session, process: Process, defaults, key: str, direction: str) -> str:
    """Move a forum one place up ("upp") or down ("ned"); the forum's name."""
    if direction not in ("upp", "ned"):
        raise Rejected("Välj om forumet ska flyttas upp eller ned.")
    rows = _own_forums(session, process, defaults)
    index = next((i for i, row in enumerate(rows) if row.key == key), None)
    if index is None:
        session.rollback()
        raise Rejected("Forumet finns inte längre. Ladda om sidan.")
    other = index - 1 if direction == "upp" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    session.commit()
    return rows[other if 0 <= other < len(rows) else index].title
