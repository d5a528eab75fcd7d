"""The survey kind (Prova i praktiken): the room's answers and anonymous surveys by link."""

from toolkit.kinds import surveys
from toolkit.kinds.kind import Kind


def _context(db, _content, process, _workshop, _exercise, _participant) -> dict:
    opened = surveys.surveys_of(db, process)
    summaries = {key: surveys.summary(db, survey) for key, survey in opened.items()}
    return {"surveys": opened, "survey_summaries": summaries}


KIND = Kind(
    name="survey",
    context=_context,
    events=("answers", "survey"),
    counts_answers=True,
    material=("answers", "surveys"),
)
