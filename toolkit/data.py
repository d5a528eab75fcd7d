"""Small data-access functions: each takes the session and does one thing."""

import secrets
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from toolkit import privacy
from toolkit.content import Exercise, Workshop
from toolkit.live import mark
from toolkit.models import (
    ANSWER_MAX_LENGTH,
    Answer,
    ChosenTargetGroup,
    ExerciseState,
    JoinAttempt,
    Organisation,
    Participant,
    Process,
    RoleMember,
    User,
    WorkshopState,
    utcnow,
)

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read from a projector and to type.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6
JOIN_CODE_DAYS = 60
JOIN_FAILURES_ALLOWED = 10
JOIN_FAILURE_WINDOW = timedelta(minutes=10)
DEFAULT_ORGANISATIONS = ("Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård")
ROLES = {
    "processledare": "Processledare",
    "styrgrupp": "Styrgrupp",
    "arbetsgrupp": "Arbetsgrupp",
    "beslutsforum": "Beslutsforum",
}


class Rejected(Exception):
    """The input was refused; the message is plain Swedish for the user."""


# Users (processledare)


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


# Processes


def normalise_code(code: str) -> str:
    """A join code as typed (spaces, dashes, lower case) in its stored form."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_join_code(session: Session) -> str:
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
    if len(name) > 120 or len(municipality) > 120:
        raise Rejected("Namn och kommun får vara högst 120 tecken.")
    names = _clean_organisations(organisations or list(DEFAULT_ORGANISATIONS))
    process = Process(
        owner_id=owner.id,
        name=name,
        municipality=municipality.strip(),
        join_code=_new_join_code(session),
        join_code_expires_at=utcnow() + timedelta(days=JOIN_CODE_DAYS),
    )
    session.add(process)
    session.flush()
    for position, org_name in enumerate(names):
        session.add(Organisation(process_id=process.id, name=org_name, position=position))
    session.commit()
    return process


def _clean_organisations(names: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not cleaned:
        raise Rejected("Minst en organisation måste delta.")
    if any(len(n) > 80 for n in cleaned):
        raise Rejected("Organisationernas namn får vara högst 80 tecken.")
    return cleaned


def processes_of(session: Session, user: User) -> list[Process]:
    """The processes this process leader owns, newest first."""
    query = select(Process).where(Process.owner_id == user.id).order_by(Process.id.desc())
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
    if len(name) > 120 or len(municipality) > 120:
        raise Rejected("Namn och kommun får vara högst 120 tecken.")
    process.name, process.municipality = name, municipality.strip()
    process.show_names, process.hold_answers = show_names, hold_answers
    session.add(process)
    mark(session, process.id, "process", "answers")
    session.commit()


def renew_join_code(session: Session, process: Process) -> None:
    """Give the process a new join code; the old one stops working."""
    process.join_code = _new_join_code(session)
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
    if not name or len(name) > 120 or len(organisation) > 120:
        raise Rejected("Ange ett namn (högst 120 tecken).")
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


# Joining


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


# Workshops and exercises


def start_workshop(session: Session, process: Process, workshop: Workshop) -> None:
    """Make this workshop the current one, at its first exercise unless already under way."""
    state = session.exec(
        select(WorkshopState).where(
            WorkshopState.process_id == process.id, WorkshopState.workshop_key == workshop.key
        )
    ).first()
    if state is None:
        session.add(WorkshopState(process_id=process.id, workshop_key=workshop.key))
    if process.current_workshop != workshop.key or not workshop.exercise(process.current_exercise):
        process.current_workshop = workshop.key
        process.current_exercise = workshop.exercises[0].key
    session.add(process)
    mark(session, process.id, "exercise", "answers")
    session.commit()


def started_workshops(session: Session, process: Process) -> dict[str, WorkshopState]:
    """The workshops this process has started, by key."""
    query = select(WorkshopState).where(WorkshopState.process_id == process.id)
    return {state.workshop_key: state for state in session.exec(query)}


def show_exercise(
    session: Session, process: Process, workshop: Workshop, exercise: Exercise
) -> None:
    """Put this exercise on the projector and on every participant's screen."""
    process.current_workshop, process.current_exercise = workshop.key, exercise.key
    session.add(process)
    mark(session, process.id, "exercise", "answers")
    session.commit()


def exercise_state(
    session: Session, process: Process, workshop_key: str, exercise_key: str
) -> ExerciseState:
    """The exercise's open/revealed state for this process (defaults if never changed)."""
    state = session.exec(
        select(ExerciseState).where(
            ExerciseState.process_id == process.id,
            ExerciseState.workshop_key == workshop_key,
            ExerciseState.exercise_key == exercise_key,
        )
    ).first()
    return state or ExerciseState(
        process_id=process.id,
        workshop_key=workshop_key,
        exercise_key=exercise_key,
        revealed=not process.hold_answers,
    )


def set_exercise_state(
    session: Session,
    process: Process,
    workshop_key: str,
    exercise_key: str,
    *,
    is_open: bool | None = None,
    revealed: bool | None = None,
    focus_question: str | None = None,
) -> ExerciseState:
    """Open or close an exercise, reveal or hide its answers, or focus one question ("" = all)."""
    state = exercise_state(session, process, workshop_key, exercise_key)
    if is_open is not None:
        state.is_open = is_open
    if revealed is not None:
        state.revealed = revealed
    if focus_question is not None:
        state.focus_question = focus_question or None
    session.add(state)
    mark(session, process.id, "exercise", "answers")
    session.commit()
    return state


def show_step(
    session: Session, process: Process, workshop: Workshop, exercise: Exercise, step_key: str
) -> None:
    """Show one step of a step-by-step exercise large on the projector."""
    state = exercise_state(session, process, workshop.key, exercise.key)
    state.current_step = step_key
    session.add(state)
    mark(session, process.id, "exercise", "answers")
    session.commit()


# Answers


def chosen_target_group_keys(session: Session, process: Process) -> list[str]:
    """The keys of the target groups the process leader confirmed, in their order."""
    query = select(ChosenTargetGroup).where(ChosenTargetGroup.process_id == process.id)
    rows = session.exec(query.order_by(ChosenTargetGroup.position, ChosenTargetGroup.id))
    return [row.target_group for row in rows]


def check_text(text: str, limit: int = ANSWER_MAX_LENGTH) -> str:
    """The text stripped, or Rejected with a plain reason."""
    text = text.strip()
    if not text:
        raise Rejected("Svaret är tomt. Skriv något innan du skickar.")
    if len(text) > limit:
        raise Rejected(
            f"Svaret är {len(text)} tecken långt; högst {limit} tecken får plats. "
            "Korta ned det – din text finns kvar."
        )
    if privacy.contains_personnummer(text):
        raise Rejected(privacy.REFUSAL)
    return text


def add_answer(
    session: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    question_key: str,
    text: str,
    *,
    participant: Participant | None = None,
    organisation_id: int | None = None,
    target_group: str | None = None,
) -> Answer:
    """Save an answer from a participant, or from the process leader for the room."""
    if exercise.question(question_key) is None:
        raise Rejected("Frågan finns inte längre i övningen. Ladda om sidan.")
    if target_group and target_group not in chosen_target_group_keys(session, process):
        raise Rejected("Målgruppen är inte längre vald. Ladda om sidan – din text finns kvar.")
    if not exercise_state(session, process, workshop.key, exercise.key).is_open:
        raise Rejected("Övningen är stängd för nya svar. Din text finns kvar här.")
    text = check_text(text)
    if participant is not None:
        organisation_id = participant.organisation_id
    answer = Answer(
        process_id=process.id,
        workshop_key=workshop.key,
        exercise_key=exercise.key,
        question_key=question_key,
        target_group=target_group or None,
        organisation_id=organisation_id,
        participant_id=participant.id if participant else None,
        text=text,
    )
    session.add(answer)
    mark(session, process.id, "answers")
    session.commit()
    return answer


def edit_answer(session: Session, answer: Answer, text: str) -> None:
    """Change an answer's text."""
    answer.text = check_text(text)
    answer.updated_at = utcnow()
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def delete_answer(session: Session, answer: Answer) -> None:
    """Remove an answer (kept, so it can be restored)."""
    answer.deleted_at = utcnow()
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def restore_answer(session: Session, answer: Answer) -> None:
    """Undo the removal of an answer."""
    answer.deleted_at = None
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def flag_answer(
    session: Session, answer: Answer, *, hidden: bool | None = None, highlighted: bool | None = None
) -> None:
    """Hide an answer from the projector, or highlight it."""
    if hidden is not None:
        answer.hidden = hidden
    if highlighted is not None:
        answer.highlighted = highlighted
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def answers_to(
    session: Session,
    process: Process,
    workshop_key: str,
    exercise_key: str,
    *,
    participant: Participant | None = None,
    visible_only: bool = False,
) -> list[Answer]:
    """The answers to an exercise, oldest first; only one participant's, or only visible."""
    query = select(Answer).where(
        Answer.process_id == process.id,
        Answer.workshop_key == workshop_key,
        Answer.exercise_key == exercise_key,
        Answer.deleted_at.is_(None),
    )
    if participant is not None:
        query = query.where(Answer.participant_id == participant.id)
    if visible_only:
        query = query.where(Answer.hidden.is_(False))
    return list(session.exec(query.order_by(Answer.created_at, Answer.id)))


def count_answers(session: Session, process: Process, workshop_key: str) -> dict[str, int]:
    """Answers per exercise of a workshop."""
    query = (
        select(Answer.exercise_key, func.count())
        .where(
            Answer.process_id == process.id,
            Answer.workshop_key == workshop_key,
            Answer.deleted_at.is_(None),
        )
        .group_by(Answer.exercise_key)
    )
    return dict(session.exec(query).all())


# Timer


def timer_remaining(process: Process) -> int:
    """Seconds left on the room's timer (negative when over time)."""
    elapsed = process.timer_elapsed
    if process.timer_started_at is not None:
        elapsed += int((utcnow() - process.timer_started_at).total_seconds())
    return process.timer_duration - elapsed


def set_timer(session: Session, process: Process, action: str, minutes: int | None = None) -> None:
    """Start, stop or reset the room's timer, or set its length."""
    now = utcnow()
    if action == "start" and process.timer_started_at is None:
        process.timer_started_at = now
    elif action == "stop" and process.timer_started_at is not None:
        process.timer_elapsed += int((now - process.timer_started_at).total_seconds())
        process.timer_started_at = None
    elif action == "reset":
        process.timer_started_at, process.timer_elapsed = None, 0
        if minutes is not None:
            if not 1 <= minutes <= 180:
                raise Rejected("Ange en tid mellan 1 och 180 minuter.")
            process.timer_duration = minutes * 60
    session.add(process)
    mark(session, process.id, "timer")
    session.commit()


def participant_names(session: Session, process: Process) -> dict[int, str]:
    """Display names of the process's participants, by id."""
    query = select(Participant).where(Participant.process_id == process.id)
    return {p.id: p.display_name for p in session.exec(query)}


def delete_process(session: Session, process: Process) -> None:
    """Delete a process and everything recorded in it (see retention.delete_process)."""
    from toolkit.retention import delete_process as delete_everything

    delete_everything(session, process)
