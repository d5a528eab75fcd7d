"""The vote kind (Övning 4a): dots on target groups, then answers per confirmed group."""

from toolkit.kinds import voting
from toolkit.kinds.kind import Kind


def _context(db, content, process, workshop, exercise, participant) -> dict:
    mine = voting.my_votes(db, process, workshop, exercise, participant) if participant else {}
    return {
        "tally": voting.tally(db, content, process, workshop, exercise),
        "target_groups": content.target_groups.groups,
        "voters": voting.voters(db, process, workshop, exercise),
        "my_votes": mine,
        "dots_left": exercise.dots - sum(mine.values()) if participant else 0,
        # After the vote the room answers per confirmed group, whatever the exercise says.
        "per_target_group": True,
    }


KIND = Kind(
    name="vote",
    context=_context,
    events=("votes", "answers"),
    material=("answers", "target-groups", "vignette-groups"),
)
