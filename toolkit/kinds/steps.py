"""The steps kind (Övning 4b): the projector shows one step at a time, each with its questions."""

from toolkit.kinds.kind import Kind
from toolkit.room import steering


def _context(db, _content, process, workshop, exercise, _participant) -> dict:
    state = steering.exercise_state(db, process, workshop.key, exercise.key)
    step = next((s for s in exercise.steps if s.key == state.current_step), exercise.steps[0])
    return {"current_step": step}


KIND = Kind(name="steps", context=_context, events=("answers",), counts_answers=True)
