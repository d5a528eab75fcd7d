"""The demo process: all three workshops run, so a newcomer sees the tool and its documents."""

import secrets

import yaml
from sqlmodel import Session, select

from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.config import ROOT
from toolkit.content import Content
from toolkit.documents import budget, forums, store
from toolkit.errors import Rejected
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import Participant, Process, User
from toolkit.processes import data as processes
from toolkit.processes import retention
from toolkit.room import answering, joining, steering
from toolkit.vignettes import grouping

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
    participants = [
        joining.join(session, process, organisations[person["organisation"]].id, person["name"])
        for person in spec["participants"]
    ]
    workshop = content.workshop("workshop-1")
    steering.start_workshop(session, process, workshop)
    _answer(session, process, workshop, spec["answers"], participants)
    for insats in spec.get("insatser", []):
        who = participants[insats["participant"]] if "participant" in insats else None
        changes.add_insats(
            session, process, insats["text"], insats["region"], insats.get("level"), participant=who
        )
    _workshop_2(session, content, process, spec, participants)
    _workshop_3(session, content, process, spec, participants)
    _plan(session, content, process, spec)
    current = content.workshop(spec["current"]["workshop"])
    steering.show_exercise(session, process, current, current.exercise(spec["current"]["exercise"]))
    return process, password


def _answer(session, process, workshop, answers: dict, participants: list[Participant]) -> None:
    for exercise_key, given in answers.items():
        exercise = workshop.exercise(exercise_key)
        for answer in given:
            answering.add_answer(
                session,
                process,
                workshop,
                exercise,
                answer.get("question", exercise.all_questions[0].key),
                answer["text"],
                participant=participants[answer["participant"]],
                target_group=answer.get("target_group"),
            )


def _workshop_2(session, content, process, spec: dict, participants) -> None:
    workshop = content.workshop("workshop-2")
    steering.start_workshop(session, process, workshop)
    vote = workshop.exercise("ovning-4a")
    for dot in spec["votes"]:
        person = participants[dot["participant"]]
        voting.cast_vote(session, content, process, workshop, vote, person, dot["target_group"])
    voting.choose_groups(session, content, process, vote, spec["chosen"])
    _answer(session, process, workshop, spec["workshop_2"], participants)
    groups = spec["vignette_groups"]
    grouping.create_groups(session, process, len(groups))
    grouping.assign_mixed(session, process)
    for group, given in zip(grouping.groups_of(session, process), groups, strict=True):
        grouping.give_vignette(session, content, process, group, given["vignette"])
        for answer in given["answers"]:
            grouping.add_group_answer(
                session, content, group, None, answer["question"], answer["text"]
            )


def _workshop_3(session, content, process, spec: dict, participants) -> None:
    workshop = content.workshop("workshop-3")
    steering.start_workshop(session, process, workshop)
    for target_group, steps in spec["case_paths"].items():
        for step in steps:
            casepaths.add_step(session, process, target_group, step["text"], step["actor"])
    _answer(session, process, workshop, spec["workshop_3"], participants)
    trial = workshop.exercise("prova-i-praktiken")
    for part_key, responses in spec["surveys"].items():
        part = trial.survey(part_key)
        survey = surveys.open_survey(session, process, workshop, trial, part)
        for response in responses:
            surveys.respond(session, survey, part, response)
        surveys.close_survey(session, survey)


def _plan(session, content, process, spec: dict) -> None:
    for goal in spec["goals"]:
        store.add_goal(session, process, goal["text"], goal["term"], goal["follow_up"], goal["due"])
    for activity in spec["activities"]:
        store.add_activity(
            session,
            process,
            activity["name"],
            activity["start"],
            activity["end"],
            activity["responsible"],
            activity.get("status", "planerad"),
        )
    for key, step in spec["model_steps"].items():
        store.save_model_part(
            session, process, "step", key, step["who"], step["lead"], step["what"]
        )
    _documents(session, content, process, spec)


def _documents(session, content, process, spec: dict) -> None:
    """Ragunda's four forums, the tjänsteskrivelse's header, the budget and the leader's texts."""
    defaults = content.outlines.document("modell").forums
    keys = [key for key, _title in forums.forum_list(session, process, defaults)]
    for number, forum in enumerate(spec["forums"]):
        if number < len(keys):
            key = keys[number]
        else:
            key = forums.add_forum(session, process, defaults, forum["title"]).key
        texts = (forum["who"], forum["when"], forum["what"])
        forums.save_forum(session, process, defaults, key, forum["title"], texts)
    store.save_header(session, process, "tjansteskrivelse", spec["header"])
    for line in spec["budget"]:
        budget.add_budget_line(
            session,
            process,
            line["side"],
            line["kind"],
            line["description"],
            line["amount"],
            line.get("share", ""),
        )
    for section in spec["sections"]:
        store.save_section(session, process, section["document"], section["key"], section["text"])


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
