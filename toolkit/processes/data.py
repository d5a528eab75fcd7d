"""A process: its settings, join code, organisations, roles and chosen target groups."""

import secrets
from datetime import timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import (
    Answer,
    ChosenTargetGroup,
    Organisation,
    Participant,
    Process,
    RoleMember,
    TeamMember,
    User,
    utcnow,
)

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read from a projector and to type.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


# 25**9 codes: guessing one of thousands of live codes takes years at the join limits (README).
# Codes made before were 6 long and keep working.
JOIN_CODE_LENGTH = 9


JOIN_CODE_DAYS = 60


DEFAULT_ORGANISATIONS = ("Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård")


ROLES = {
    "processledare": "Processledare",
    "styrgrupp": "Styrgrupp",
    "arbetsgrupp": "Arbetsgrupp",
    "beslutsforum": "Beslutsforum",
}


def normalise_code(code: str) -> str:
    """A join code as typed (spaces, dashes, lower case) in its stored form."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_join_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not session.exec(select(Process).where(Process.join_code == code)).first():
            return code


def create_process(
    session: Session,
    owner: User,
    name: str,
    municipality: str = "",
    organisations: list[str] | None = None,
) -> Process:
    """Create a process with its organisations and a fresh join code."""
    name = name.strip()
    if not name:
        raise Rejected("Ge processen ett namn, till exempel ”Ragunda Trampolinen”.")
    names = _clean_organisations(organisations or list(DEFAULT_ORGANISATIONS))
    process = Process(
        owner_id=owner.id,
        name=name,
        municipality=municipality.strip(),
        join_code=new_join_code(session),
        join_code_expires_at=utcnow() + timedelta(days=JOIN_CODE_DAYS),
    )
    session.add(process)
    session.flush()
    for position, org_name in enumerate(names):
        session.add(Organisation(process_id=process.id, name=org_name, position=position))
    try:
        session.commit()
    except Rejected:
        session.rollback()  # the process was flushed already: it goes with its organisations
        raise
    return process


def _clean_organisations(names: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not cleaned:
        raise Rejected("Minst en organisation måste delta.")
    return cleaned


def processes_of(session: Session, user: User) -> list[Process]:
    """The processes this account owns or is on the team of, newest first."""
    on_team = select(TeamMember.process_id).where(TeamMember.user_id == user.id)
    query = (
        select(Process)
        .where(or_(Process.owner_id == user.id, Process.id.in_(on_team)))
        .order_by(Process.id.desc())
    )
    return list(session.exec(query))


def update_process(
    session: Session,
    process: Process,
    *,
    name: str,
    municipality: str,
    show_names: bool,
    hold_answers: bool,
) -> None:
    """Change a process's name and room settings."""
    name = name.strip()
    if not name:
        raise Rejected("Processen måste ha ett namn.")
    process.name, process.municipality = name, municipality.strip()
    process.show_names, process.hold_answers = show_names, hold_answers
    session.add(process)
    mark(session, process.id, "process", "answers")
    session.commit()


def renew_join_code(session: Session, process: Process) -> None:
    """Give the process a new join code; the old one stops working."""
    process.join_code = new_join_code(session)
    process.join_code_expires_at = utcnow() + timedelta(days=JOIN_CODE_DAYS)
    session.add(process)
    mark(session, process.id, "process")
    session.commit()


def organisations_of(session: Session, process: Process) -> list[Organisation]:
    """The process's organisations in their order."""
    query = select(Organisation).where(Organisation.process_id == process.id)
    return list(session.exec(query.order_by(Organisation.position, Organisation.id)))


def set_organisations(session: Session, process: Process, names: list[str]) -> None:
    """Rename, add and remove organisations; one with answers or participants is kept."""
    wanted = _clean_organisations(names)
    current = organisations_of(session, process)
    for position, org_name in enumerate(wanted):
        if position < len(current):
            current[position].name, current[position].position = org_name, position
            session.add(current[position])
        else:
            session.add(Organisation(process_id=process.id, name=org_name, position=position))
    for org in current[len(wanted) :]:
        in_use = (
            session.exec(
                select(func.count()).select_from(Answer).where(Answer.organisation_id == org.id)
            ).one()
            + session.exec(
                select(func.count())
                .select_from(Participant)
                .where(Participant.organisation_id == org.id)
            ).one()
        )
        if in_use:
            session.rollback()
            raise Rejected(f"{org.name} har redan deltagare eller svar och kan inte tas bort.")
        session.delete(org)
    mark(session, process.id, "process", "answers")
    session.commit()


def roles_of(session: Session, process: Process) -> list[RoleMember]:
    """The people in the process's roles."""
    query = select(RoleMember).where(RoleMember.process_id == process.id)
    return list(session.exec(query.order_by(RoleMember.role, RoleMember.position, RoleMember.id)))


def add_role_member(
    session: Session, process: Process, role: str, name: str, organisation: str = ""
) -> RoleMember:
    """Add a person to one of the process's roles."""
    if role not in ROLES:
        raise Rejected("Välj en roll i listan.")
    name = name.strip()
    if not name:
        raise Rejected("Ange ett namn.")
    member = RoleMember(
        process_id=process.id, role=role, name=name, organisation=organisation.strip()
    )
    session.add(member)
    session.commit()
    return member


def remove_role_member(session: Session, process: Process, member_id: int) -> None:
    """Remove a person from the process's roles."""
    member = session.get(RoleMember, member_id)
    if member and member.process_id == process.id:
        session.delete(member)
        session.commit()


def chosen_target_group_keys(session: Session, process: Process) -> list[str]:
    """The keys of the target groups the process leader confirmed, in their order."""
    query = select(ChosenTargetGroup).where(ChosenTargetGroup.process_id == process.id)
    rows = session.exec(query.order_by(ChosenTargetGroup.position, ChosenTargetGroup.id))
    return [row.target_group for row in rows]
