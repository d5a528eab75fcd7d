"""Exercise kinds: the registry of what each kind declares, read by the screens that show it.

A kind is one module here with its `KIND` declaration (toolkit.kinds.kind), one template folder
templates/kinds/<kind>/ with a partial for each of the VIEWS, and its exercises in workshops/.
The control view, the projector, the participant's screen and the results page include the
current kind's partials and read its declaration; none of them names a kind. A kind's actions
are in <kind>_views.py, its data functions in their own modules (voting, casepaths, surveys).
"""

from sqlmodel import Session

from toolkit.content import Content
from toolkit.content.model import Exercise, Workshop
from toolkit.kinds import answers, case_path, circles, steps, survey, vote, voting
from toolkit.kinds.kind import LIVE_CONTROL, VIEWS, Kind
from toolkit.models import Participant, Process

__all__ = ["KINDS", "LIVE_CONTROL", "VIEWS", "Kind", "extra_context", "listened_events"]

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        answers.KIND,
        circles.KIND,
        vote.KIND,
        steps.KIND,
        case_path.KIND,
        survey.KIND,
    )
}


def listened_events() -> list[str]:
    """Every live event some kind's partials refresh on, each once."""
    return list(dict.fromkeys(event for kind in KINDS.values() for event in kind.events))


def extra_context(
    db: Session,
    content: Content,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant | None = None,
) -> dict:
    """The kind's declaration and data for showing this exercise (to this participant, if one)."""
    kind = KINDS[exercise.kind]
    extra = kind.context(db, content, process, workshop, exercise, participant)
    extra["kind"], extra["kinds"] = kind, KINDS
    extra["chosen_groups"] = voting.chosen_groups(db, content, process)
    return extra
