"""Slowing down password guessing: failed logins per account and per address, in the database."""

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from toolkit.models import LoginFailure, utcnow

FAILURE_WINDOW = timedelta(hours=1)


# A leader who mistypes a few times is never slowed; a school or office address shares more.
FREE_FAILURES_PER_ACCOUNT = 5


FREE_FAILURES_PER_ADDRESS = 20


FIRST_WAIT = timedelta(seconds=15)


LONGEST_WAIT = timedelta(minutes=15)


def _key(username: str) -> str:
    return username.strip().lower()[:80]


def _wait_after(failures: int, free: int) -> timedelta:
    """The wait after the latest failure: doubling from FIRST_WAIT once past the free ones."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - free, 20), LONGEST_WAIT)


def _failures(session: Session, column, value: str) -> tuple[int, datetime | None]:
    query = select(func.count(), func.max(LoginFailure.at)).where(
        column == value, LoginFailure.at > utcnow() - FAILURE_WINDOW
    )
    count, latest = session.exec(query).one()
    return count, latest


def login_refused_until(session: Session, username: str, client: str) -> datetime | None:
    """When the next attempt for this account or from this address may be tried, if not now."""
    until = None
    for column, value, free in (
        (LoginFailure.username, _key(username), FREE_FAILURES_PER_ACCOUNT),
        (LoginFailure.client, client[:64], FREE_FAILURES_PER_ADDRESS),
    ):
        count, latest = _failures(session, column, value)
        if latest is not None and count >= free:
            candidate = latest + _wait_after(count, free)
            until = max(until, candidate) if until else candidate
    return until if until and until > utcnow() else None


def record_login_failure(session: Session, username: str, client: str) -> None:
    """Remember a failed login; forget those older than the window."""
    session.add(LoginFailure(username=_key(username), client=client[:64]))
    session.exec(delete(LoginFailure).where(LoginFailure.at < utcnow() - FAILURE_WINDOW))
    session.commit()


def forget_login_failures(session: Session, username: str) -> None:
    """The account's owner got in: its earlier failures no longer count against it."""
    session.exec(delete(LoginFailure).where(LoginFailure.username == _key(username)))
    session.commit()
