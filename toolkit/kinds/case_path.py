"""The case path kind (Övning 6): ordered steps per target group chosen in Workshop 2."""

from toolkit.kinds import casepaths
from toolkit.kinds.kind import Kind


def _context(db, content, process, _workshop, _exercise, _participant) -> dict:
    paths = casepaths.steps_of(db, process)
    groups = [content.target_group(key) for key in paths]
    return {
        "case_paths": paths,
        "case_groups": [group for group in groups if group is not None],
        "other_case_groups": [g for g in casepaths.all_groups(content) if g.key not in paths],
    }


KIND = Kind(
    name="case_path",
    context=_context,
    events=("casepath",),
    material=("answers", "case-paths"),
)
