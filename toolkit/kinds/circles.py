"""The circles kind (De tre cirklarna): insatser placed in three organisations' circles."""

from toolkit.circles.pages import circles_context
from toolkit.kinds.kind import Kind


def _context(db, content, process, workshop, exercise, participant) -> dict:
    return circles_context(db, content, process, workshop, exercise, participant)


KIND = Kind(
    name="circles",
    context=_context,
    events=("circles",),
    whole_screen=True,
    material=("circles",),
)
