"""The demo process: a filled Workshop 1 so a newcomer sees the tool at work at once."""

import secrets

import yaml
from sqlmodel import Session, select

from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.config import ROOT
from toolkit.content import Content
from toolkit.errors import Rejected
from toolkit.models import Participant, Process, User
from toolkit.processes import data as processes
from toolkit.processes import retention
from toolkit.room import answering, joining, steering

DEMO_FILE = ROOT / "workshops" / "demo" / "trampolinen.yaml"


def build_demo(
    session: Session, content: Content, username: str | None
) -> tuple[Process, str | None]:
    """Create or reset the demo process; return it and a new account's password, if one was made."""
    spec = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    owner, password = _owner(session, username)
    for old in session.exec(
        select(Process).where(Process.owner_id == owner.id, Process.name == spec["name"])
    ):
        retention.delete_process(session, old)
    process = processes.create_process(
        session, owner, spec["name"], spec["municipality"], spec["organisations"]
    )
    for member in spec["roles"]:
        processes.add_role_member(
            session, process, member["role"], member["name"], member["organisation"]
        )
    organisations = processes.organisations_of(session, process)
    participants = []
    for person in spec["participants"]:
        participants.append(
            joining.join(session, process, organisations[person["organisation"]].id, person["name"])
        )
    workshop = content.workshop(spec["workshop"])
    steering.start_workshop(session, process, workshop)
    for exercise_key, answers in spec["answers"].items():
        exercise = workshop.exercise(exercise_key)
        for answer in answers:
            question = answer.get("question", exercise.questions[0].key)
            participant: Participant = participants[answer["participant"]]
            answering.add_answer(
                session,
                process,
                workshop,
                exercise,
                question,
                answer["text"],
                participant=participant,
            )
    for insats in spec.get("insatser", []):
        who = participants[insats["participant"]] if "participant" in insats else None
        changes.add_insats(
            session, process, insats["text"], insats["region"], insats.get("level"), participant=who
        )
    steering.show_exercise(session, process, workshop, workshop.exercise(spec["current_exercise"]))
    return process, password


def _owner(session: Session, username: str | None) -> tuple[User, str | None]:
    if username:
        user = session.exec(select(User).where(User.username == username.lower())).first()
        if user is None:
            raise Rejected(f"Det finns inget konto {username}.")
        return user, None
    user = session.exec(select(User).order_by(User.id)).first()
    if user:
        return user, None
    password = secrets.token_urlsafe(9)
    return users.create_user(session, "demo", password, "Demo"), password
