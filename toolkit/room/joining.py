"""Joining a process with its code, and who is in the room."""

from datetime import timedelta

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import JoinAttempt, JoinTurn, Participant, Process, utcnow
from toolkit.processes.data import normalise_code, organisations_of
from toolkit.texts import privacy

# Only wrong codes count, and the right code is always checked: a class behind one school
# address, each mistyping once, is never held up. Past these, attempts wait their turn.
JOIN_FAILURE_WINDOW = timedelta(minutes=10)


FREE_FAILURES_PER_ADDRESS = 30


FREE_FAILURES_OVERALL = 200


# An address past its free failures waits 1 s, then 2, 4 … for each further one; held under
# gunicorn's 30 s worker timeout.
LONGEST_ADDRESS_WAIT = timedelta(seconds=20)


# While the whole site sees many wrong codes, addresses that made one share a few turns.
OVERALL_WAIT = timedelta(seconds=5)


OVERALL_TURNS = 2


def find_process_by_code(session: Session, code: str) -> Process | None:
    """The process with this join code, expired or not."""
    query = select(Process).where(Process.join_code == normalise_code(code))
    return session.exec(query).first()


def _failures(session: Session, client: str | None = None) -> int:
    query = (
        select(func.count())
        .select_from(JoinAttempt)
        .where(JoinAttempt.at > utcnow() - JOIN_FAILURE_WINDOW)
    )
    if client is not None:
        query = query.where(JoinAttempt.client == client[:64])
    return session.exec(query).one()


def join_wait(session: Session, client: str) -> tuple[timedelta, bool]:
    """How long this address's next code waits before it is checked; if it needs an overall turn."""
    mine = _failures(session, client)
    if not mine:
        return timedelta(0), False
    wait = timedelta(0)
    if mine >= FREE_FAILURES_PER_ADDRESS:
        extra = min(mine - FREE_FAILURES_PER_ADDRESS, 10)
        wait = min(timedelta(seconds=2**extra), LONGEST_ADDRESS_WAIT)
    overall = _failures(session) >= FREE_FAILURES_OVERALL
    if overall:
        wait = max(wait, OVERALL_WAIT)
    return wait, overall


def _take(session: Session, key: str, wait: timedelta) -> bool:
    # The key is the primary key: of two workers taking the same turn, one insert fails.
    session.add(JoinTurn(key=key, until=utcnow() + wait + timedelta(seconds=10)))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def take_turn(session: Session, client: str, wait: timedelta, overall: bool) -> list[str] | None:
    """Hold this address's turn (and an overall one if needed), or None while they are taken."""
    session.exec(delete(JoinTurn).where(JoinTurn.until < utcnow()))
    session.commit()
    address = f"address:{client[:64]}"
    if not _take(session, address, wait):
        return None
    if not overall:
        return [address]
    for number in range(OVERALL_TURNS):
        if _take(session, f"overall:{number}", wait):
            return [address, f"overall:{number}"]
    end_turn(session, [address])
    return None


def end_turn(session: Session, keys: list[str]) -> None:
    """Give the turns back once the code has been checked."""
    session.exec(delete(JoinTurn).where(JoinTurn.key.in_(keys)))
    session.commit()


def record_join_failure(session: Session, client: str) -> None:
    """Remember a wrong join code from this client; forget the old ones."""
    session.add(JoinAttempt(client=client[:64]))
    session.exec(delete(JoinAttempt).where(JoinAttempt.at < utcnow() - JOIN_FAILURE_WINDOW))
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
