"""Process leader accounts (processledare): create, authenticate, change password, count."""

from functools import cache

from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from toolkit.errors import Rejected
from toolkit.models import (
    User,
)

PASSWORD_MIN_LENGTH = 8


def create_user(session: Session, username: str, password: str, name: str = "") -> User:
    """Create a process leader account with a hashed password."""
    username = username.strip().lower()
    if not username or len(username) > 80:
        raise Rejected("Ange ett användarnamn på högst 80 tecken.")
    if len(password) < PASSWORD_MIN_LENGTH:
        raise Rejected(f"Lösenordet måste ha minst {PASSWORD_MIN_LENGTH} tecken.")
    if session.exec(select(User).where(User.username == username)).first():
        raise Rejected(f"Användarnamnet {username} finns redan.")
    user = User(
        username=username,
        name=name.strip()[:120],
        password_hash=generate_password_hash(password),
        is_admin=count_users(session) == 0,  # the first account administers the instance
    )
    session.add(user)
    session.commit()
    return user


@cache
def _dummy_hash() -> str:
    """A hash made the way real ones are, checked for unknown users so that they cost as much."""
    return generate_password_hash("ingen-har-det-här-lösenordet")


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The open account with these credentials, or None; as slow for an unknown name."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    matches = check_password_hash(user.password_hash, password)
    return user if matches and not user.disabled else None


def password_matches(user: User, password: str) -> bool:
    """True when this is the account's password."""
    return check_password_hash(user.password_hash, password)


def change_password(session: Session, user: User, new: str, again: str) -> None:
    """Give the account a new password; every session of it ends, the caller's included."""
    if new != again:
        raise Rejected("De nya lösenorden är inte lika.")
    if len(new) < PASSWORD_MIN_LENGTH:
        raise Rejected(f"Lösenordet måste ha minst {PASSWORD_MIN_LENGTH} tecken.")
    user.password_hash = generate_password_hash(new)
    end_sessions(session, user)


def end_sessions(session: Session, user: User) -> None:
    """Log the account out everywhere: cookies carrying the old generation stop working."""
    user.session_generation += 1
    session.add(user)
    session.commit()


def count_users(session: Session) -> int:
    """How many process leader accounts exist."""
    return session.exec(select(func.count()).select_from(User)).one()
