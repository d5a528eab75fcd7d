"""What the workshops produced for each section: answers, target groups, case paths, surveys,
vignette groups, the three circles, and the tidplan and roles the process holds."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from toolkit.circles import drawing, mapping
from toolkit.content import Content
from toolkit.content.outline import SectionOutline, SectionSource
from toolkit.guide import startup
from toolkit.kinds import casepaths
from toolkit.models import (
    Activity,
    Answer,
    ChosenTargetGroup,
    Organisation,
    Process,
    RoleMember,
    Survey,
    SurveyResponse,
    VignetteAnswer,
    VignetteGroup,
)
from toolkit.processes.data import ROLES
from toolkit.vignettes import grouping

OTHER_GROUPS = "Utan vald målgrupp"


@dataclass
class Piece:
    """One heading of a section's material: its lines, or its lines per target group."""

    heading: str
    label: str
    lines: list = field(default_factory=list)
    groups: list[tuple[str, list]] = field(default_factory=list)
    numbered: bool = False


class Material:
    """A process's workshop output, loaded once and grouped for the documents' sections."""

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
        chosen = select(ChosenTargetGroup).where(ChosenTargetGroup.process_id == process.id)
        rows = session.exec(chosen.order_by(ChosenTargetGroup.position, ChosenTargetGroup.id))
        self.chosen = [row.target_group for row in rows]
        self.case_paths = casepaths.steps_of(session, process)
        self.surveys = self._surveys(session, process)
        self.vignette_groups = self._vignette_groups(session, process)
        self.circles = circles_for(session, process)
        self.activities = list(
            session.exec(
                select(Activity)
                .where(Activity.process_id == process.id)
                .order_by(Activity.position, Activity.id)
            )
        )
        members = select(RoleMember).where(RoleMember.process_id == process.id)
        self.roles = list(session.exec(members.order_by(RoleMember.position, RoleMember.id)))
        self.start_up = startup.material(session, content, process)

    def _surveys(self, session: Session, process: Process):
        found = {}
        for survey in session.exec(select(Survey).where(Survey.process_id == process.id)):
            query = select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)
            responses = list(session.exec(query.order_by(SurveyResponse.id)))
            found[(survey.workshop_key, survey.exercise_key, survey.part_key)] = responses
        return found

    def _vignette_groups(self, session: Session, process: Process):
        query = select(VignetteGroup).where(VignetteGroup.process_id == process.id)
        groups = {g.id: g for g in session.exec(query.order_by(VignetteGroup.number))}
        answers = select(VignetteAnswer).where(VignetteAnswer.process_id == process.id)
        by_group: dict[int, list[VignetteAnswer]] = defaultdict(list)
        for answer in session.exec(answers.order_by(VignetteAnswer.id)):
            if answer.group_id in groups:
                by_group[answer.group_id].append(answer)
        titles = {v.key: v.title for v in grouping.vignettes_for(session, self.content, process)}
        return [
            (f"Grupp {group.number}: {titles.get(group.vignette_key, group.vignette_key)}", rows)
            for group_id, group in groups.items()
            if (rows := by_group.get(group_id))
        ]

    def pieces(self, section: SectionOutline) -> list[Piece]:
        """The section's material, heading by heading, only what has content."""
        found = []
        for source in section.sources:
            found += READERS[source.material](self, source)
        for name in section.from_process:
            found += PROCESS_READERS[name](self)
        return [p for p in found if p.lines or p.groups]

    def for_section(self, section: SectionOutline) -> list[tuple[str, list]]:
        """The section's material: (heading, lines) for each that has content."""
        return [
            (
                piece.heading,
                piece.lines
                + [f"{title}: {self.line(row)}" for title, rows in piece.groups for row in rows],
            )
            for piece in self.pieces(section)
        ]

    def draft(self, section: SectionOutline) -> str:
        """The section's starting text: its material as lists under their headings."""
        return "\n\n".join(self._markdown(piece) for piece in self.pieces(section))

    def _markdown(self, piece: Piece) -> str:
        if piece.numbered:
            items = [f"{n}. {self.line(row)}" for n, row in enumerate(piece.lines, 1)]
        else:
            items = [f"- {self.line(row)}" for row in piece.lines]
        for title, rows in piece.groups:
            items.append(f"- *{title}*")
            items += [f"    - {self.line(row)}" for row in rows]
        return f"**{piece.heading}**\n\n" + "\n".join(items)

    def line(self, answer) -> str:
        """One answer (or line of material) on one line, with its organisation."""
        if isinstance(answer, str):
            return " ".join(answer.split())
        text = " ".join(answer.text.split())
        organisation = self.organisations.get(answer.organisation_id)
        return f"{text} ({organisation})" if organisation else text

    def source_labels(self, section: SectionOutline) -> list[str]:
        """Where the section's material came from, exercise by exercise."""
        return list(dict.fromkeys(piece.label for piece in self.pieces(section)))

    def _group_title(self, key: str) -> str:
        group = self.content.target_group(key)
        return group.title if group else key

    def _answers(self, source: SectionSource) -> list[Piece]:
        workshop = self.content.workshop(source.workshop)
        exercise = workshop.exercise(source.exercise)
        steps = {q.key: step.title for step in exercise.steps for q in step.questions}
        pieces = []
        for key in source.questions or tuple(q.key for q in exercise.all_questions):
            rows = self.answers.get((workshop.key, exercise.key, key), [])
            question = exercise.question(key)
            if len(exercise.all_questions) == 1:
                heading = exercise.title
            else:
                heading = f"{steps[key]}: {question.text}" if key in steps else question.text
            piece = Piece(heading, label(self.content, workshop.key, exercise.key))
            if any(row.target_group for row in rows):
                order = self.chosen + [r.target_group for r in rows if r.target_group]
                for group in dict.fromkeys(order):
                    given = [row for row in rows if row.target_group == group]
                    if given:
                        piece.groups.append((self._group_title(group), given))
                if rest := [row for row in rows if not row.target_group]:
                    piece.groups.append((OTHER_GROUPS, rest))
            else:
                piece.lines = rows
            pieces.append(piece)
        return pieces

    def _target_groups(self, source: SectionSource) -> list[Piece]:
        titles = [self._group_title(key) for key in self.chosen]
        where = label(self.content, source.workshop, source.exercise)
        return [Piece("Målgrupperna som valdes", where, titles)]

    def _case_paths_of(self, source: SectionSource) -> list[Piece]:
        where = label(self.content, source.workshop, source.exercise)
        return [
            Piece(
                f"Ärendegång: {self._group_title(group)}",
                where,
                [f"{s.text} ({s.actor})" if s.actor else s.text for s in steps],
                numbered=True,
            )
            for group, steps in self.case_paths.items()
        ]

    def _surveys_of(self, source: SectionSource) -> list[Piece]:
        exercise = self.content.workshop(source.workshop).exercise(source.exercise)
        where = label(self.content, source.workshop, source.exercise)
        pieces = []
        for part in exercise.surveys:
            responses = self.surveys.get((source.workshop, source.exercise, part.key), [])
            count = len({r.response for r in responses})
            piece = Piece(f"Enkät: {part.title} ({count} svar)", where)
            for question in part.questions:
                if source.questions and question.key not in source.questions:
                    continue
                given = [r.text for r in responses if r.question_key == question.key]
                if given:
                    piece.groups.append((question.text, given))
            pieces.append(piece)
        return pieces

    def _vignettes_of(self, source: SectionSource) -> list[Piece]:
        asked = self.content.vignette_questions
        questions = asked.questions + asked.perspectives if asked else ()
        where = label(self.content, source.workshop, source.exercise) + " · Vinjettdiskussionen"
        pieces = []
        for question in questions:
            if source.questions and question.key not in source.questions:
                continue
            piece = Piece(f"Vinjettdiskussionen: {question.text}", where)
            for title, rows in self.vignette_groups:
                given = [row.text for row in rows if row.question_key == question.key]
                if given:
                    piece.groups.append((title, given))
            pieces.append(piece)
        return pieces

    def _circles_of(self, source: SectionSource) -> list[Piece]:
        if self.circles is None:
            return []
        names, regions = self.circles
        where = label(self.content, source.workshop, source.exercise)
        return [
            Piece(f"Insatser: {region}", where, list(items))
            for region, items in drawing.region_table(names, regions)
        ]

    def _tidplan(self) -> list[Piece]:
        if not self.activities:
            return []
        start = min(a.start for a in self.activities)
        end = max(a.end for a in self.activities)
        lines = [
            f"{a.name}: {a.start.isoformat()} – {a.end.isoformat()}"
            + (f" ({a.responsible})" if a.responsible else "")
            for a in self.activities
        ]
        heading = f"Tidplanen: {start.isoformat()} – {end.isoformat()}"
        return [Piece(heading, "Handlingsplanen · Tidplan", lines)]

    def _roles(self) -> list[Piece]:
        pieces = []
        for role, title in ROLES.items():
            people = [
                f"{m.name} ({m.organisation})" if m.organisation else m.name
                for m in self.roles
                if m.role == role
            ]
            pieces.append(Piece(title, "Processens roller", people))
        return pieces


READERS = {
    "answers": Material._answers,
    "target-groups": Material._target_groups,
    "case-paths": Material._case_paths_of,
    "surveys": Material._surveys_of,
    "vignette-groups": Material._vignettes_of,
    "circles": Material._circles_of,
}


def _start_up(material: Material) -> list[Piece]:
    """The start-up before Workshop 1: the dialogue, the points ticked, the anchoring steps."""
    where = "Före workshop 1 · Från tanke till handling"
    return [Piece(heading, where, lines) for heading, lines in material.start_up]


PROCESS_READERS = {"tidplan": Material._tidplan, "roles": Material._roles, "start-up": _start_up}


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
# (`material` in toolkit.kinds.kind); each is one of the outline's MATERIALS.
MATERIAL = {name: READERS[name] for name in READERS}
