"""Exercise kinds: what each kind adds to the pages that show one of its exercises.

Every view of an exercise (projector, control view, participant) renders the same header and
then `templates/<view>/kinds/<kind>.html`; the context function registered here for the kind
gives those partials their data. A new kind adds its templates and one entry in KINDS.
"""

from collections.abc import Callable

from sqlmodel import Session

from toolkit.circles.pages import circles_context
from toolkit.content.model import Exercise, Workshop
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import Participant, Process
from toolkit.room import steering
from toolkit.web import content

KindContext = Callable[[Session, Process, Workshop, Exercise, Participant | None], dict]


def _nothing_extra(_db, _process, _workshop, _exercise, _participant) -> dict:
    return {}


def _vote(db, process, _workshop, exercise, participant) -> dict:
    mine = voting.my_votes(db, process, participant) if participant else {}
    extra = {
        "tally": voting.tally(db, content(), process),
        "target_groups": content().target_groups.groups,
        "voters": voting.voters(db, process),
        "my_votes": mine,
        "dots_left": exercise.dots - sum(mine.values()) if participant else 0,
    }
    return extra


def _steps(db, process, workshop, exercise, _participant) -> dict:
    state = steering.exercise_state(db, process, workshop.key, exercise.key)
    step = next((s for s in exercise.steps if s.key == state.current_step), exercise.steps[0])
    return {"current_step": step}


def _case_path(db, process, _workshop, _exercise, _participant) -> dict:
    return {"case_paths": casepaths.steps_of(db, process)}


def _survey(db, process, _workshop, exercise, _participant) -> dict:
    opened = surveys.surveys_of(db, process)
    summaries = {key: surveys.summary(db, survey) for key, survey in opened.items()}
    return {"surveys": opened, "survey_summaries": summaries}


KINDS: dict[str, KindContext] = {
    "answers": _nothing_extra,
    "circles": circles_context,
    "vote": _vote,
    "steps": _steps,
    "case_path": _case_path,
    "survey": _survey,
}


def extra_context(
    db: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant | None = None,
) -> dict:
    """The kind-specific data for showing this exercise (to this participant, if one)."""
    extra = KINDS[exercise.kind](db, process, workshop, exercise, participant)
    extra["chosen_groups"] = voting.chosen_groups(db, content(), process)
    return extra
