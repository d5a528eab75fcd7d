"""Exercise kinds: what each kind adds to the pages that show one of its exercises.

Every view of an exercise (projector, control view, participant) renders the same header and
then `templates/<view>/kinds/<kind>.html`; the context function registered here for the kind
gives those partials their data. A new kind adds its templates and one entry in KINDS.
"""

from collections.abc import Callable

from sqlmodel import Session

from toolkit.content import Exercise, Workshop
from toolkit.mapping_views import circles_context
from toolkit.models import Participant, Process

KindContext = Callable[[Session, Process, Workshop, Exercise, Participant | None], dict]


def _nothing_extra(_db, _process, _workshop, _exercise, _participant) -> dict:
    return {}


KINDS: dict[str, KindContext] = {
    "answers": _nothing_extra,
    "circles": circles_context,
}


def extra_context(
    db: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant | None = None,
) -> dict:
    """The kind-specific data for showing this exercise (to this participant, if one)."""
    return KINDS[exercise.kind](db, process, workshop, exercise, participant)
