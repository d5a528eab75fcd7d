"""Live updates as changes: what a screen's answer list lacks since its cursor.

A screen that shows an exercise's answers keeps a cursor: the newest answer it has, a
fingerprint of the answers up to it (how many per question, which are hidden or highlighted),
the newest stamp of what it has (an answer made or edited, in microseconds) and a digest of the
answers stamped within the edit margin of that stamp (`margin_of`: on SQLite only the stamp
itself), each with its stamp. From the cursor, `since`
says which answers are new and which were edited, or that the list must be fetched whole (the
fingerprint no longer holds: an answer was removed, restored, hidden or highlighted, or one
committed late below the cursor; the exercise changed; or too much changed).

An answer was edited since the cursor when its stamp is after the cursor's newest, or when it is
within the margin and the margin's digest no longer holds (then every answer in the margin is
sent again: an edit that committed after the screen read its answers, stamped before the newest
of them, or in the very same microsecond). How soon after it was made an answer is edited plays
no part: an edit in the same millisecond as its answer is an edit.
"""

import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, select

from toolkit.models import Answer, Process

# On PostgreSQL an edit is stamped before it commits, and transactions commit side by side: a
# screen may read its answers in between, and have a newer answer's stamp as its newest. So the
# answers stamped this far behind the cursor's newest stamp are checked (by their digest). On
# SQLite an edit is stamped once it holds the write lock (room/answering.py), so the stamps follow
# the commits and only the newest stamp itself needs the check.
EDIT_MARGIN = {"sqlite": timedelta(0)}
LATE_COMMIT = timedelta(seconds=2)
# Beyond this many new or edited answers, the whole list is cheaper for everyone.
MOST_CHANGES = 200
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


@dataclass
class Fingerprint:
    """What a screen has of an exercise's answers up to `last_id`, per question; the stamps of
    those it has within the margin of its newest stamp (and perhaps of some older ones)."""

    last_id: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    hidden: int = 0  # the sum of the ids of the hidden answers
    highlighted: int = 0
    newest: int = 0  # µs since the epoch; 0: no answer
    stamps: dict[int, int] = field(default_factory=dict)
    margin_us: int = 0  # how far behind the newest stamp the stamps are checked (margin_of)

    def add(self, answer: Answer) -> None:
        self.last_id = max(self.last_id, answer.id)
        self.counts[answer.question_key] = self.counts.get(answer.question_key, 0) + 1
        self.hidden += answer.id if answer.hidden else 0
        self.highlighted += answer.id if answer.highlighted else 0
        self.see(answer.id, micros(answer.updated_at))

    def see(self, answer_id: int, stamp: int) -> None:
        self.stamps[answer_id] = stamp
        self.newest = max(self.newest, stamp)

    def digest(self) -> int:
        counts = ",".join(f"{k}={v}" for k, v in sorted(self.counts.items()))
        return zlib.crc32(f"{counts};{self.hidden};{self.highlighted}".encode())

    def margin(self) -> int:
        """The digest of the answers stamped within the margin of the newest stamp."""
        return window_digest(self.stamps, self.newest, self.margin_us)


def micros(stamp: datetime) -> int:
    """A stamp as whole microseconds since the epoch (exact: no float on the way)."""
    return (_aware(stamp) - EPOCH) // MICROSECOND


def margin_of(session: Session) -> int:
    """The edit margin on this session's database, in microseconds."""
    dialect = session.get_bind().dialect.name
    return EDIT_MARGIN.get(dialect, LATE_COMMIT) // MICROSECOND


def window_digest(stamps: dict[int, int], newest: int, margin_us: int) -> int:
    """A digest of the answers (id: stamp) from `newest` - the margin up to `newest`."""
    low = newest - margin_us
    inside = sorted((i, s) for i, s in stamps.items() if low <= s <= newest)
    text = ",".join(f"{i}:{s}" for i, s in inside)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest(), "big")


def cursor(session: Session, workshop_key: str, exercise_key: str, answers: list[Answer]) -> str:
    """The cursor of a screen that shows these answers (all of the exercise's, not deleted)."""
    fingerprint = Fingerprint(margin_us=margin_of(session))
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
    _, last_id, digest, newest, margin = parsed
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
    margin_us = margin_of(session)
    now = Fingerprint(last_id=last_id, newest=newest, margin_us=margin_us)
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
    # The stamps from the margin on, compared in whole microseconds (the query reaches a second
    # further, so how the database compares its stamps cannot matter).
    low = EPOCH + (newest - margin_us) * MICROSECOND - timedelta(seconds=1)
    recent = {
        answer_id: micros(stamp)
        for answer_id, stamp in session.exec(
            select(Answer.id, Answer.updated_at).where(
                *of_exercise, Answer.id <= last_id, Answer.updated_at >= low
            )
        )
    }
    recent = {i: s for i, s in recent.items() if s >= newest - margin_us}
    if window_digest(recent, newest, margin_us) == margin:
        edited_ids = [i for i, s in recent.items() if s > newest]
    else:
        edited_ids = list(recent)  # one in the margin changed: send all of the margin again
    if len(new) + len(edited_ids) > MOST_CHANGES:
        return None
    edited = []
    if edited_ids:
        edited = list(
            session.exec(
                select(Answer).where(*of_exercise, Answer.id.in_(edited_ids)).order_by(Answer.id)
            )
        )
    # The screen has each of these as it is now: those sent, and the others in the margin.
    for answer_id, stamp in recent.items():
        now.see(answer_id, stamp)
    for answer in edited:
        now.see(answer.id, micros(answer.updated_at))
    for answer in new:
        now.add(answer)
    return Changes(new, edited, _encode(f"{workshop_key}/{exercise_key}", now), counts)


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _encode(exercise_key: str, fingerprint: Fingerprint) -> str:
    exercise = zlib.crc32(exercise_key.encode())
    return (
        f"{exercise}-{fingerprint.last_id}-{fingerprint.digest()}-{fingerprint.newest}"
        f"-{fingerprint.margin()}"
    )


def _decode(text: str) -> tuple[int, int, int, int, int] | None:
    parts = text.split("-")
    if len(parts) != 5 or not all(part.isdigit() and len(part) < 20 for part in parts):
        return None
    exercise, last_id, digest, newest, margin = (int(part) for part in parts)
    return exercise, last_id, digest, newest, margin
