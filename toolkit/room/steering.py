"""Which workshop and exercise the room is on, each exercise's state, and the timer."""

from sqlmodel import Session, select

from toolkit.content.model import Exercise, Workshop
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import ExerciseState, Process, WorkshopState, utcnow


def start_workshop(session: Session, process: Process, workshop: Workshop) -> None:
    """Make this workshop the current one, at its first exercise unless already under way."""
    state = session.exec(
        select(WorkshopState).where(
            WorkshopState.process_id == process.id, WorkshopState.workshop_key == workshop.key
        )
    ).first()
    if state is None:
        session.add(WorkshopState(process_id=process.id, workshop_key=workshop.key))
    else:  # the room gathers again: the join panel is large until an exercise runs
        state.join_panel_large = True
        session.add(state)
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
    moved_on = (process.current_workshop, process.current_exercise) != (workshop.key, exercise.key)
    process.current_workshop, process.current_exercise = workshop.key, exercise.key
    session.add(process)
    state = workshop_state(session, process)
    if state is not None and moved_on:  # the exercise runs: the join panel becomes a strip
        state.join_panel_large = False
        state.projector_page, state.pages_turn = 0, True
        session.add(state)
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
        _first_page(session, process)
    session.add(state)
    mark(session, process.id, "exercise", "answers")
    session.commit()
    return state


# The focus of a report-back: one vignette question of each group's answers on the projector.
REPORT_FOCUS = "vinjett-"


def show_step(
    session: Session, process: Process, workshop: Workshop, exercise: Exercise, step_key: str
) -> None:
    """Show one step of a step-by-step exercise large on the projector."""
    state = exercise_state(session, process, workshop.key, exercise.key)
    state.current_step = step_key
    state.focus_question = None  # a question focused in another step is not on this one
    session.add(state)
    _first_page(session, process)
    mark(session, process.id, "exercise", "answers")
    session.commit()


def workshop_state(session: Session, process: Process) -> WorkshopState | None:
    """The state of the workshop the room is on (None before one is started)."""
    return session.exec(
        select(WorkshopState).where(
            WorkshopState.process_id == process.id,
            WorkshopState.workshop_key == process.current_workshop,
        )
    ).first()


def _first_page(session: Session, process: Process) -> None:
    """What the stage shows changed: it starts again from its first page."""
    state = workshop_state(session, process)
    if state is not None:
        state.projector_page, state.pages_turn = 0, True
        session.add(state)


def show_join_panel(session: Session, process: Process, large: bool) -> None:
    """Bring the projector's join panel back large, or make it a strip again."""
    state = workshop_state(session, process)
    if state is None:
        raise Rejected("Starta en workshop först.")
    state.join_panel_large = large
    session.add(state)
    mark(session, process.id, "projector")
    session.commit()


PAGE_ACTIONS = ("next", "previous", "turn")


def turn_page(session: Session, process: Process, action: str) -> None:
    """Show the stage's next or previous page (and stop the pages turning), or let them turn."""
    state = workshop_state(session, process)
    if state is None or action not in PAGE_ACTIONS:
        raise Rejected("Starta en workshop först." if state is None else "Okänt val.")
    if action == "turn":
        state.pages_turn = True
    else:
        # The projector counts the pages: it shows this one modulo however many it has.
        step = 1 if action == "next" else -1
        state.projector_page, state.pages_turn = state.projector_page + step, False
    session.add(state)
    mark(session, process.id, "projector")
    session.commit()


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
