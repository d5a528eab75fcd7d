"""Live updates as changes: what a screen's answer list lacks since its cursor.

A screen that shows an exercise's answers keeps a cursor: the newest answer it has, a
fingerprint of the answers up to it (how many per question, which are hidden or highlighted)
and when the newest edit it has was made. From the cursor, `since` says which answers are new
and which were edited, or that the list must be fetched whole (the fingerprint no longer holds:
an answer was removed, restored, hidden or highlighted, or one committed late below the cursor;
the exercise changed; or too much changed).
"""

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, select

from toolkit.models import Answer, Process

# Edits are stamped before they commit: on a database that other processes write at the same
# time (PostgreSQL), look this far behind the cursor's newest stamp, so one that committed late
# is not missed (sent again, it replaces itself). SQLite in one server process needs no margin:
# nothing else runs between an edit's stamp and its commit (no network in between to wait on).
EDIT_MARGIN = timedelta(seconds=2)
# An answer stamped this long after it was made was edited (a new one's two stamps are
# microseconds apart; nobody edits that fast).
EDITED_AFTER = timedelta(milliseconds=50)
# Beyond this many new or edited answers, the whole list is cheaper for everyone.
MOST_CHANGES = 200


@dataclass
class Fingerprint:
    """What a screen has of an exercise's answers up to `last_id`, per question."""

    last_id: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    hidden: int = 0  # the sum of the ids of the hidden answers
    highlighted: int = 0
    edited: datetime | None = None

    def add(self, answer: Answer) -> None:
        self.last_id = max(self.last_id, answer.id)
        self.counts[answer.question_key] = self.counts.get(answer.question_key, 0) + 1
        self.hidden += answer.id if answer.hidden else 0
        self.highlighted += answer.id if answer.highlighted else 0
        self.see(answer)

    def see(self, answer: Answer) -> None:
        stamp = _aware(answer.updated_at)
        self.edited = stamp if self.edited is None else max(self.edited, stamp)

    def digest(self) -> int:
        counts = ",".join(f"{k}={v}" for k, v in sorted(self.counts.items()))
        return zlib.crc32(f"{counts};{self.hidden};{self.highlighted}".encode())


def cursor(workshop_key: str, exercise_key: str, answers: list[Answer]) -> str:
    """The cursor of a screen that shows these answers (all of the exercise's, not deleted)."""
    fingerprint = Fingerprint()
    for answer in answers:
        fingerprint.add(answer)
    return _encode(f"{workshop_key}/{exercise_key}", fingerprint)


@dataclass
class Changes:
    """What is new (in order) and what was edited since a cursor, and the cursor after them."""

    new: list[Answer]
    edited: list[Answer]
    cursor: str
    counts: dict[str, int]


def since(
    session: Session, process: Process, workshop_key: str, exercise_key: str, cursor_text: str
) -> Changes | None:
    """The changes since the cursor, or None when the list must be fetched whole."""
    parsed = _decode(cursor_text)
    if parsed is None or parsed[0] != zlib.crc32(f"{workshop_key}/{exercise_key}".encode()):
        return None
    _, last_id, digest, edited = parsed
    of_exercise = (
        Answer.process_id == process.id,
        Answer.workshop_key == workshop_key,
        Answer.exercise_key == exercise_key,
        Answer.deleted_at.is_(None),
    )
    rows = session.exec(
        select(
            Answer.question_key,
            func.count(),
            func.sum(case((Answer.hidden, Answer.id), else_=0)),
            func.sum(case((Answer.highlighted, Answer.id), else_=0)),
        )
        .where(*of_exercise, Answer.id <= last_id)
        .group_by(Answer.question_key)
    ).all()
    now = Fingerprint(last_id=last_id, edited=edited)
    for question_key, count, hidden, highlighted in rows:
        now.counts[question_key] = count
        now.hidden += hidden or 0
        now.highlighted += highlighted or 0
    if now.digest() != digest:
        return None
    counts = dict(now.counts)
    new = list(
        session.exec(
            select(Answer)
            .where(*of_exercise, Answer.id > last_id)
            .order_by(Answer.id)
            .limit(MOST_CHANGES + 1)
        )
    )
    edited_query = select(Answer).where(*of_exercise, Answer.id <= last_id)
    if edited is not None:
        margin = timedelta(0) if session.get_bind().dialect.name == "sqlite" else EDIT_MARGIN
        edited_query = edited_query.where(Answer.updated_at > edited - margin)
    changed = [
        answer
        for answer in session.exec(edited_query.order_by(Answer.id))
        if _aware(answer.updated_at) - _aware(answer.created_at) > EDITED_AFTER
    ]
    if len(new) + len(changed) > MOST_CHANGES:
        return None
    for answer in changed:
        now.see(answer)
    for answer in new:
        now.add(answer)
    return Changes(new, changed, _encode(f"{workshop_key}/{exercise_key}", now), counts)


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _encode(exercise_key: str, fingerprint: Fingerprint) -> str:
    edited = int(fingerprint.edited.timestamp() * 1_000_000) if fingerprint.edited else 0
    exercise = zlib.crc32(exercise_key.encode())
    return f"{exercise}-{fingerprint.last_id}-{fingerprint.digest()}-{edited}"


def _decode(text: str) -> tuple[int, int, int, datetime | None] | None:
    parts = text.split("-")
    if len(parts) != 4 or not all(part.isdigit() and len(part) < 20 for part in parts):
        return None
    exercise, last_id, digest, edited = (int(part) for part in parts)
    stamp = datetime.fromtimestamp(edited / 1_000_000, UTC) if edited else None
    return exercise, last_id, digest, stamp
