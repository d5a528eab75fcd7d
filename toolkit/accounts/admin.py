"""The instance's administration: accounts opened and closed, password links, the processes."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from toolkit.accounts import users
from toolkit.errors import Rejected
from toolkit.models import Answer, Participant, PasswordLink, Process, User, utcnow

LINK_HOURS = 72
NOT_VALID = "Länken gäller inte längre: den är redan använd eller för gammal."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def accounts(session: Session) -> list[User]:
    """Every account, in the order made."""
    return list(session.exec(select(User).order_by(User.id)))


def create_account(session: Session, username: str, name: str) -> tuple[User, str]:
    """A new process leader account with no usable password, and the link to set one."""
    user = users.create_user(session, username, secrets.token_urlsafe(32), name)
    return user, password_link(session, user)


def password_link(session: Session, user: User) -> str:
    """A new single-use token to set the account's password, valid for three days."""
    token = secrets.token_urlsafe(24)
    session.add(
        PasswordLink(
            user_id=user.id,
            token_hash=_hash(token),
            expires_at=utcnow() + timedelta(hours=LINK_HOURS),
        )
    )
    session.commit()
    return token


def link_for(session: Session, token: str) -> PasswordLink | None:
    """The unused, unexpired password link of this token, or None."""
    link = session.exec(select(PasswordLink).where(PasswordLink.token_hash == _hash(token))).first()
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    return link


def set_password(session: Session, token: str, new: str, again: str) -> User:
    """Set the password through the link; the link stops working and old sessions end."""
    link = link_for(session, token)
    if link is None:
        raise Rejected(NOT_VALID)
    user = session.get(User, link.user_id)
    if user.disabled:
        raise Rejected("Kontot är stängt. Kontakta administratören.")
    used = session.execute(
        update(PasswordLink)
        .where(PasswordLink.id == link.id, PasswordLink.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if used.rowcount != 1:
        session.rollback()
        raise Rejected(NOT_VALID)
    users.change_password(session, user, new, again)
    return user


def set_disabled(session: Session, admin: User, user: User, disabled: bool) -> None:
    """Close or reopen an account; closing ends its sessions at once."""
    if user.id == admin.id:
        raise Rejected("Du kan inte stänga ditt eget konto.")
    user.disabled = disabled
    if disabled:
        users.end_sessions(session, user)  # commits
    else:
        session.add(user)
        session.commit()


def hand_over(session: Session, user: User, username: str) -> int:
    """Give every process the account owns to another account; return how many."""
    target = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if target is None or target.disabled or target.id == user.id:
        raise Rejected("Välj ett annat öppet konto att lämna över processerna till.")
    moved = session.execute(
        update(Process).where(Process.owner_id == user.id).values(owner_id=target.id)
    ).rowcount
    session.commit()
    return moved


@dataclass
class ProcessSummary:
    """What the administrator sees of a process: never its content."""

    id: int
    name: str
    owner: str
    created_at: datetime
    last_activity: datetime | None
    participants: int
    answers: int


def process_summaries(session: Session) -> list[ProcessSummary]:
    """Every process with its owner, last answer and size."""
    answers = (
        select(
            Answer.process_id, func.count().label("n"), func.max(Answer.created_at).label("last")
        )
        .group_by(Answer.process_id)
        .subquery()
    )
    people = (
        select(Participant.process_id, func.count().label("n"))
        .group_by(Participant.process_id)
        .subquery()
    )
    query = (
        select(Process, User.username, answers.c.n, answers.c.last, people.c.n)
        .join(User, User.id == Process.owner_id)
        .outerjoin(answers, answers.c.process_id == Process.id)
        .outerjoin(people, people.c.process_id == Process.id)
        .order_by(Process.id)
    )
    return [
        ProcessSummary(
            process.id, process.name, owner, process.created_at, last, joined or 0, count or 0
        )
        for process, owner, count, last, joined in session.exec(query)
    ]
