"""What the workshops produced for each section: answers, their labels, and the three circles."""

from collections import defaultdict

from sqlmodel import Session, select

from toolkit.circles import mapping
from toolkit.content import Content
from toolkit.content.outline import SectionOutline
from toolkit.models import Answer, Organisation, Process


class Material:
    """A process's visible workshop answers, loaded once and grouped for the documents."""

    def __init__(self, session: Session, content: Content, process: Process):
        self.content = content
        query = select(Answer).where(
            Answer.process_id == process.id,
            Answer.deleted_at.is_(None),
            Answer.hidden.is_(False),
        )
        self.answers: dict[tuple[str, str, str], list[Answer]] = defaultdict(list)
        for answer in session.exec(query.order_by(Answer.created_at, Answer.id)):
            key = (answer.workshop_key, answer.exercise_key, answer.question_key)
            self.answers[key].append(answer)
        organisations = select(Organisation).where(Organisation.process_id == process.id)
        self.organisations = {o.id: o.name for o in session.exec(organisations)}

    def _fed(self, section: SectionOutline):
        """(source, exercise, question key, answers) for each fed question that has answers."""
        for source in section.sources:
            workshop = self.content.workshop(source.workshop)
            exercise = workshop.exercise(source.exercise)
            for question_key in source.questions or tuple(q.key for q in exercise.questions):
                rows = self.answers.get((workshop.key, exercise.key, question_key), [])
                if rows:
                    yield source, exercise, question_key, rows

    def for_section(self, section: SectionOutline) -> list[tuple[str, list[Answer]]]:
        """The section's material: (question or exercise, answers) for each that has answers."""
        groups = []
        for _source, exercise, question_key, rows in self._fed(section):
            single = len(exercise.questions) == 1
            groups.append(
                (exercise.title if single else exercise.question(question_key).text, rows)
            )
        return groups

    def draft(self, section: SectionOutline) -> str:
        """The section's starting text: the answers that feed it, as lists under their question."""
        blocks = []
        for heading, rows in self.for_section(section):
            items = "\n".join(f"- {self.line(answer)}" for answer in rows)
            blocks.append(f"**{heading}**\n\n{items}")
        return "\n\n".join(blocks)

    def line(self, answer: Answer) -> str:
        """One answer on one line, with its organisation."""
        text = " ".join(answer.text.split())
        organisation = self.organisations.get(answer.organisation_id)
        return f"{text} ({organisation})" if organisation else text

    def source_labels(self, section: SectionOutline) -> list[str]:
        """Which workshop material feeds the section, exercise by exercise."""
        labels = [label(self.content, s.workshop, s.exercise) for s, *_ in self._fed(section)]
        return list(dict.fromkeys(labels))


def label(content: Content, workshop_key: str, exercise_key: str, question_key: str = "") -> str:
    """Where an answer came from, as the documents say it: "Workshop 1 · Övning 1 – …"."""
    workshop = content.workshop(workshop_key)
    if workshop is None:
        return workshop_key
    exercise = workshop.exercise(exercise_key)
    parts = [f"Workshop {workshop.number}", exercise.title if exercise else exercise_key]
    question = exercise.question(question_key) if exercise and question_key else None
    if question is not None and len(exercise.questions) > 1:
        parts.append(question.text)
    return " · ".join(parts)


Circles = tuple[list[str], dict[str, list[str]]]


def circles_for(session: Session, process: Process) -> Circles | None:
    """The three circles' organisation names and insatser per region, or None without any.

    The one place the documents read the circles from (`toolkit.circles.mapping` holds them).
    """
    regions = mapping.regions_for(session, process)
    names = mapping.circle_org_names(session, process)
    # The picture needs exactly three organisations; without them the documents go without it.
    if not any(regions.values()) or len(names) != 3:
        return None
    return names, regions


# What the documents read from an exercise, by the name an exercise kind offers it under
# (`material` in toolkit.kinds.kind): the answers to its questions, or the three circles.
MATERIAL = {"answers": Material, "circles": circles_for}
