"""Process leader accounts (processledare): create, authenticate, count."""

from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from toolkit.errors import Rejected
from toolkit.models import (
    User,
)


def create_user(session: Session, username: str, password: str, name: str = "") -> User:
    """Create a process leader account with a hashed password."""
    username = username.strip().lower()
    if not username or len(username) > 80:
        raise Rejected("Ange ett användarnamn på högst 80 tecken.")
    if len(password) < 8:
        raise Rejected("Lösenordet måste ha minst 8 tecken.")
    if session.exec(select(User).where(User.username == username)).first():
        raise Rejected(f"Användarnamnet {username} finns redan.")
    user = User(
        username=username, name=name.strip()[:120], password_hash=generate_password_hash(password)
    )
    session.add(user)
    session.commit()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user with these credentials, or None."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user and check_password_hash(user.password_hash, password):
        return user
    return None


def count_users(session: Session) -> int:
    """How many process leader accounts exist."""
    return session.exec(select(func.count()).select_from(User)).one()
