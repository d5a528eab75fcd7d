"""A process's team: co-leaders and readers added by username or by a single-use link."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from toolkit.accounts import users
from toolkit.errors import Rejected
from toolkit.models import Invitation, Process, TeamMember, User, utcnow
from toolkit.processes.access import OWNER, TEAM_ROLES, role_of

INVITATION_DAYS = 7
BROKEN = "Säkerhetskopian är skadad och lästes inte in: teamet har fel form."
NOT_VALID = "Länken gäller inte längre: den är redan använd, återkallad eller för gammal."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def team_of(session: Session, process: Process) -> list[tuple[TeamMember, User]]:
    """The process's team members besides the owner, with their accounts, in the order added."""
    query = (
        select(TeamMember, User)
        .where(TeamMember.process_id == process.id, TeamMember.user_id == User.id)
        .order_by(TeamMember.id)
    )
    return list(session.exec(query))


def _checked_role(role: str) -> str:
    if role not in TEAM_ROLES:
        raise Rejected("Välj processledare eller läsare.")
    return role


def add_member(session: Session, process: Process, username: str, role: str) -> TeamMember:
    """Put an existing account on the team in this role."""
    role = _checked_role(role)
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise Rejected(
            f"Det finns inget konto med användarnamnet {username.strip()[:80]}. "
            "Skapa en inbjudningslänk i stället."
        )
    return _join(session, process, user, role)


def _join(session: Session, process: Process, user: User, role: str) -> TeamMember:
    if role_of(session, process, user) == OWNER:
        raise Rejected("Ägaren är redan med i teamet.")
    if role_of(session, process, user) is not None:
        raise Rejected(f"{user.name or user.username} är redan med i teamet.")
    member = TeamMember(process_id=process.id, user_id=user.id, role=role)
    session.add(member)
    session.commit()
    return member


def remove_member(session: Session, process: Process, member_id: int) -> None:
    """Take an account off the team; it no longer reaches the process."""
    member = session.get(TeamMember, member_id)
    if member and member.process_id == process.id:
        session.delete(member)
        session.commit()


def create_invitation(session: Session, process: Process, role: str) -> str:
    """A new single-use link's token, valid for a week; the database keeps only its hash."""
    role = _checked_role(role)
    token = secrets.token_urlsafe(24)
    session.add(
        Invitation(
            process_id=process.id,
            role=role,
            token_hash=_hash(token),
            expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
        )
    )
    session.commit()
    return token


def open_invitations(session: Session, process: Process) -> list[Invitation]:
    """The process's links that are neither used nor expired."""
    query = select(Invitation).where(
        Invitation.process_id == process.id,
        Invitation.used_at.is_(None),
        Invitation.expires_at > utcnow(),
    )
    return list(session.exec(query.order_by(Invitation.id)))


def withdraw_invitation(session: Session, process: Process, invitation_id: int) -> None:
    """Stop a link from working before it is used."""
    invitation = session.get(Invitation, invitation_id)
    if invitation and invitation.process_id == process.id:
        session.delete(invitation)
        session.commit()


def invitation_for(session: Session, token: str) -> Invitation | None:
    """The unused, unexpired invitation this token belongs to, or None."""
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == _hash(token))
    ).first()
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        return None
    return invitation


def accept(session: Session, token: str, user: User) -> Process:
    """Put the account on the invitation's team; the link stops working."""
    invitation = invitation_for(session, token)
    if invitation is None:
        raise Rejected(NOT_VALID)
    process = session.get(Process, invitation.process_id)
    if role_of(session, process, user) is not None:
        raise Rejected("Du är redan med i teamet för den här processen.")
    _use(session, invitation)
    _join(session, process, user, invitation.role)
    return process


def accept_with_new_account(
    session: Session, token: str, username: str, password: str, again: str, name: str
) -> tuple[User, Process]:
    """Create an account from the link and put it on the team."""
    invitation = invitation_for(session, token)
    if invitation is None:
        raise Rejected(NOT_VALID)
    if password != again:
        raise Rejected("Lösenorden är inte lika.")
    user = users.create_user(session, username, password, name)
    return user, accept(session, token, user)


def _use(session: Session, invitation: Invitation) -> None:
    """Mark the link used; of two people opening it at once, only one gets in."""
    used = session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if used.rowcount != 1:
        session.rollback()
        raise Rejected(NOT_VALID)


def dumped(session: Session, rows) -> dict[str, list[dict]]:
    """For a backup: per process id, the team of these rows as usernames, names and roles."""
    query = (
        select(TeamMember.process_id, User.username, User.name, TeamMember.role)
        .where(TeamMember.user_id == User.id, rows)
        .order_by(TeamMember.id)
    )
    team: dict[str, list[dict]] = {}
    for process_id, username, name, role in session.execute(query):
        team.setdefault(str(process_id), []).append(
            {"username": username, "name": name, "role": role}
        )
    return team


def restore(session: Session, team, new_process_ids: dict, owner_id: int) -> None:
    """A backup's team joined to this server's accounts by username; others are left out."""
    if team is None:
        return
    if not isinstance(team, dict):
        raise Rejected(BROKEN)
    for old_id, members in team.items():
        new_id = new_process_ids.get(int(old_id)) if str(old_id).isdigit() else None
        if new_id is None or not isinstance(members, list):
            raise Rejected(BROKEN)
        for member in members:
            if not isinstance(member, dict) or member.get("role") not in TEAM_ROLES:
                raise Rejected(BROKEN)
            username = member.get("username")
            user = session.execute(
                select(User.id).where(User.username == str(username))
            ).scalar_one_or_none()
            if user is None or user == owner_id:
                continue
            session.add(TeamMember(process_id=new_id, user_id=user, role=member["role"]))
    session.flush()
