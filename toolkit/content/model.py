"""The typed pieces of the content: workshops, exercises, target groups, vignettes."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


STAGES = ("forskola", "f-3", "4-6", "7-9", "gymnasiet")


class ContentError(Exception):
    """A content file is missing or broken; the message names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Question(_Strict):
    """Something participants answer within an exercise."""

    key: Key
    text: str
    help: str = ""


class Step(_Strict):
    """One step of an exercise that goes step by step (the arrows of Figur 4)."""

    key: Key
    title: str
    intro: str = ""
    # what the tool adds that the guide does not say (shown as the tool's own note)
    note: str = ""
    questions: tuple[Question, ...]


class SurveyPart(_Strict):
    """A short anonymous survey to one audience (e.g. vårdnadshavare och elever)."""

    key: Key
    title: str
    intro: str = ""
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _questions_unique(self):
        _require_unique([q.key for q in self.questions], "questions")
        return self

    def question_key(self, key: str) -> bool:
        """Whether this part asks a question with this key."""
        return any(q.key == key for q in self.questions)


Kind = Literal["answers", "circles", "vote", "steps", "case_path", "survey"]


# What each kind needs besides a title and prompt (the rest is optional).
KIND_NEEDS = {"vote": ("dots",), "steps": ("steps",), "survey": ("surveys",)}


class Exercise(_Strict):
    """One exercise (övning) of a workshop."""

    key: Key
    title: str
    kind: Kind
    prompt: str
    material: str = ""
    # what the tool adds that the guide does not say (shown as the tool's own note)
    note: str = ""
    # the guide's reference texts (workshops/guide.yaml) that give this exercise its background
    references: tuple[Key, ...] = ()
    # the materials the guide links to for this exercise (workshops/guide.yaml)
    links: tuple[Key, ...] = ()
    by_organisation: bool = False
    questions: tuple[Question, ...] = ()
    # circles: the exercise of the same workshop whose answers are offered as insatser
    suggestions_from: str = ""
    # vote: dots per participant and how many target groups the room confirms
    dots: int | None = None
    min_choices: int = 1
    max_choices: int = 4
    # steps: the steps in order, each with its own questions
    steps: tuple[Step, ...] = ()
    # answers can be given per chosen target group (from the vote in Workshop 2)
    per_target_group: bool = False
    # the vignette discussion in groups is part of this exercise
    vignettes: bool = False
    # survey: the audiences and their questions
    surveys: tuple[SurveyPart, ...] = ()

    @model_validator(mode="after")
    def _check_kind(self):
        for needed in KIND_NEEDS.get(self.kind, ()):
            if not getattr(self, needed):
                raise ValueError(f"an exercise of kind {self.kind} needs {needed}")
        if self.kind != "steps" and self.steps:
            raise ValueError("only an exercise of kind steps has steps")
        if self.kind != "survey" and self.surveys:
            raise ValueError("only an exercise of kind survey has surveys")
        if self.dots is not None and not 1 <= self.dots <= 10:
            raise ValueError("dots must be between 1 and 10")
        if not 1 <= self.min_choices <= self.max_choices:
            raise ValueError("min_choices must be at least 1 and at most max_choices")
        questions = self.all_questions
        if not questions:
            raise ValueError("an exercise needs at least one question")
        _require_unique([q.key for q in questions], "questions")
        _require_unique([s.key for s in self.steps], "steps")
        _require_unique([s.key for s in self.surveys], "surveys")
        return self

    @property
    def all_questions(self) -> tuple[Question, ...]:
        """The exercise's own questions and those of its steps, in order."""
        return self.questions + tuple(q for step in self.steps for q in step.questions)

    def question(self, key: str) -> Question | None:
        """The question with this key (in the exercise or one of its steps), or None."""
        return next((q for q in self.all_questions if q.key == key), None)

    def survey(self, key: str) -> SurveyPart | None:
        """The survey part with this key, or None."""
        return next((s for s in self.surveys if s.key == key), None)


class Workshop(_Strict):
    """One of the SKR workshops, with its exercises in order."""

    key: Key
    number: int
    title: str
    intro: str = ""
    source: str
    # the guide's reference texts (workshops/guide.yaml) that give this workshop its background
    references: tuple[Key, ...] = ()
    exercises: tuple[Exercise, ...]

    @model_validator(mode="after")
    def _exercises_unique(self):
        _require_unique([e.key for e in self.exercises], "exercises")
        if not self.exercises:
            raise ValueError("a workshop needs at least one exercise")
        keys = {e.key for e in self.exercises}
        for exercise in self.exercises:
            if exercise.suggestions_from and exercise.suggestions_from not in keys:
                raise ValueError(
                    f"{exercise.key}: suggestions_from names no exercise of this workshop: "
                    f"{exercise.suggestions_from}"
                )
        return self

    def exercise(self, key: str | None) -> Exercise | None:
        """The exercise with this key, or None."""
        return next((e for e in self.exercises if e.key == key), None)

    def next_exercise(self, key: str, step: int = 1) -> Exercise | None:
        """The exercise `step` places after (or before) the one with this key."""
        keys = [e.key for e in self.exercises]
        index = keys.index(key) + step
        return self.exercises[index] if 0 <= index < len(keys) else None


class TargetGroup(_Strict):
    """A group of children who may need early support (Bilaga 1)."""

    key: Key
    title: str


class TargetGroups(_Strict):
    """SKR's list "Vilka barn kan behöva tidiga insatser?"."""

    title: str
    intro: str = ""
    # the paragraph after the list: serious problems and SIP
    closing: str = ""
    source: str
    groups: tuple[TargetGroup, ...]

    @model_validator(mode="after")
    def _groups_unique(self):
        _require_unique([g.key for g in self.groups], "groups")
        return self


class VignetteQuestions(_Strict):
    """The question set and perspectives shared by every vignette."""

    title: str
    source: str
    # what the guide says the vignettes are, and the tool's note on the target groups it tags
    about: str = ""
    tags_note: str = ""
    questions: tuple[Question, ...]
    perspectives: tuple[Question, ...]


class Vignette(_Strict):
    """A fictional case (vinjett) for discussion."""

    key: Key
    title: str
    name: str
    age: int
    stage: Literal[STAGES]
    target_groups: tuple[str, ...]
    source: str
    text: str

    @model_validator(mode="after")
    def _described(self):
        if not 0 <= self.age <= 25:
            raise ValueError("age must be between 0 and 25")
        if not self.target_groups:
            raise ValueError("a vignette needs at least one target group")
        return self


def _require_unique(keys: list[str], what: str) -> None:
    seen = {k for k in keys if keys.count(k) > 1}
    if seen:
        raise ValueError(f"duplicate keys in {what}: {', '.join(sorted(seen))}")
