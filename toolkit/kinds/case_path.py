"""The case path kind (Övning 6): ordered steps per target group chosen in Workshop 2."""

from toolkit.kinds import casepaths
from toolkit.kinds.kind import Kind


def _context(db, _content, process, _workshop, _exercise, _participant) -> dict:
    return {"case_paths": casepaths.steps_of(db, process)}


KIND = Kind(
    name="case_path",
    context=_context,
    events=("casepath",),
    material=("answers", "case-paths"),
)
