"""The contract of an exercise kind: what a kind declares for the screens and the documents."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from toolkit.content import Content
from toolkit.content.model import Exercise, Workshop
from toolkit.models import Participant, Process

# The screens that show an exercise: each includes templates/kinds/<kind>/<view>.html.
VIEWS = ("participant", "control", "projector", "results")
# The part of a control view that shows the room's data and has no live region of its own
# (templates/kinds/<kind>/_control.html): the control view refreshes it on the kind's events.
LIVE_CONTROL = "_control"

KindContext = Callable[[Session, Content, Process, Workshop, Exercise, Participant | None], dict]


def no_context(_db, _content, _process, _workshop, _exercise, _participant) -> dict:
    """A kind whose partials need nothing beyond what every exercise screen has."""
    return {}


@dataclass(frozen=True)
class Kind:
    """One exercise kind, as the shared screens and the documents see it."""

    name: str
    # What its partials show besides the exercise, its state and its answers.
    context: KindContext = no_context
    # The live events (toolkit.live.events.mark) its partials refresh on.
    events: tuple[str, ...] = ()
    # The control view's list of exercises counts the answers given to it.
    counts_answers: bool = False
    # The projector gives it the whole screen: a compact heading and no prompt.
    whole_screen: bool = False
    # What the documents read from its exercises (the names in toolkit.documents.sources),
    # and, for "answers", whether the results page lists the answers to its questions.
    material: tuple[str, ...] = ("answers",)

    def focusable(self, exercise: Exercise) -> tuple[str, ...]:
        """What the leader can show alone on the projector: a question, or a survey part."""
        return tuple(q.key for q in exercise.all_questions) + tuple(
            f"enkat-{part.key}" for part in exercise.surveys
        )

    def partial(self, view: str) -> str:
        """The template that shows this kind on one of the VIEWS."""
        return f"kinds/{self.name}/{view}.html"
