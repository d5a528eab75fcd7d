"""Joining a process with its code, and who is in the room."""

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from toolkit import privacy
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import JoinAttempt, Participant, Process, utcnow
from toolkit.processes.data import normalise_code, organisations_of

JOIN_FAILURES_ALLOWED = 10


JOIN_FAILURE_WINDOW = timedelta(minutes=10)


def find_process_by_code(session: Session, code: str) -> Process | None:
    """The process with this join code, expired or not."""
    query = select(Process).where(Process.join_code == normalise_code(code))
    return session.exec(query).first()


def too_many_join_failures(session: Session, client: str) -> bool:
    """True when this client has guessed wrong too often lately."""
    since = utcnow() - JOIN_FAILURE_WINDOW
    query = (
        select(func.count())
        .select_from(JoinAttempt)
        .where(JoinAttempt.client == client, JoinAttempt.at > since)
    )
    return session.exec(query).one() >= JOIN_FAILURES_ALLOWED


def record_join_failure(session: Session, client: str) -> None:
    """Remember a wrong join code from this client; forget the old ones."""
    session.add(JoinAttempt(client=client[:64]))
    stale = select(JoinAttempt).where(JoinAttempt.at < utcnow() - JOIN_FAILURE_WINDOW)
    for attempt in session.exec(stale):
        session.delete(attempt)
    session.commit()


def join(
    session: Session, process: Process, organisation_id: int, display_name: str
) -> Participant:
    """Let someone into the process's room as a participant."""
    if not any(org.id == organisation_id for org in organisations_of(session, process)):
        raise Rejected("Välj vilken organisation du kommer från.")
    display_name = display_name.strip()
    if len(display_name) > 60:
        raise Rejected("Namnet får vara högst 60 tecken.")
    if privacy.contains_personnummer(display_name):
        raise Rejected(privacy.REFUSAL)
    participant = Participant(
        process_id=process.id, organisation_id=organisation_id, display_name=display_name
    )
    session.add(participant)
    mark(session, process.id, "participants")
    session.commit()
    return participant


def count_participants(session: Session, process: Process) -> int:
    """How many have joined the process's room."""
    query = (
        select(func.count()).select_from(Participant).where(Participant.process_id == process.id)
    )
    return session.exec(query).one()


def participant_names(session: Session, process: Process) -> dict[int, str]:
    """Display names of the process's participants, by id."""
    query = select(Participant).where(Participant.process_id == process.id)
    return {p.id: p.display_name for p in session.exec(query)}
