"""Every screen the leader steers from is live: what the room adds refreshes where it is shown."""

import re

import pytest
from bs4 import BeautifulSoup

from toolkit.circles import changes
from toolkit.kinds import KINDS, casepaths, surveys, voting
from toolkit.models import Participant, Process
from toolkit.room import answering, steering


def add_answer(db, content, process, workshop, exercise, person, text):
    question = exercise.all_questions[0].key
    answering.add_answer(db, process, workshop, exercise, question, text, participant=person)


def add_dot(db, content, process, workshop, exercise, person, text):
    group = content.target_groups.groups[0].key
    voting.cast_vote(db, content, process, workshop, exercise, person, group)


def add_case_step(db, content, process, workshop, exercise, person, text):
    casepaths.add_step(db, process, voting.chosen_groups(db, content, process)[0].key, text, "")


def add_survey_response(db, content, process, workshop, exercise, person, text):
    part = exercise.surveys[0]
    survey = surveys.open_survey(db, process, workshop, exercise, part)
    surveys.respond(db, survey, part, {part.questions[0].key: text})


def add_insats(db, content, process, workshop, exercise, person, text):
    changes.add_insats(db, process, text, "a")


TEXT = {"styr": None, "projektor": None}
# Per kind: what a participant adds, the event that says so, and where each screen shows it (its
# text unless a selector is given). A new kind fails the test until it is listed here.
ROOM_DATA = {
    "answers": [(add_answer, "answers", TEXT)],
    "vote": [(add_dot, "votes", {"styr": ".tally-count", "projektor": ".tally-count"})],
    "steps": [(add_answer, "answers", TEXT)],
    "case_path": [(add_case_step, "casepath", TEXT)],
    "survey": [
        (add_answer, "answers", TEXT),
        # The projector counts the survey's answers beside its QR code.
        (add_survey_response, "survey", {"styr": None, "projektor": ".survey-panel"}),
    ],
    "circles": [(add_insats, "circles", TEXT)],
}


def first_exercise_of(content, kind: str):
    for workshop in content.workshops:
        for exercise in workshop.exercises:
            if exercise.kind == kind:
                return workshop, exercise
    pytest.fail(f"no workshop uses the kind {kind}")


def live_events(tag) -> set[str]:
    trigger = tag.get("hx-trigger", "") if hasattr(tag, "get") else ""
    return {t.split()[0].removeprefix("live:") for t in trigger.split(",") if "live:" in t}


def triggers_above(element) -> set[str]:
    """The live events that refresh the element: those of every region it sits in, and those of
    a region's changes link (a hidden hx-get that swaps in only what is new, out of band)."""
    events = set()
    for parent in [element, *element.parents]:
        events |= live_events(parent)
        if live_events(parent) and hasattr(parent, "select"):
            for link in parent.select("[hx-swap=none][hx-trigger]"):
                events |= live_events(link)
    return events


def test_every_kind_is_walked():
    assert set(ROOM_DATA) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_what_the_room_adds_is_live_on_the_control_view_and_projector(kind, app, db, leader, room):
    content = app.extensions["toolkit.content"]
    process = db.get(Process, room.process_id)
    person = Participant(process_id=process.id, organisation_id=room.organisation_ids[0])
    db.add(person)
    db.commit()
    if kind == "case_path":  # case paths are drawn for the groups chosen in 4a
        vote = content.workshop("workshop-2").exercise("ovning-4a")
        groups = [g.key for g in content.target_groups.groups[:2]]
        voting.choose_groups(db, content, process, vote, groups)
    workshop, exercise = first_exercise_of(content, kind)
    steering.start_workshop(db, process, workshop)
    steering.show_exercise(db, process, workshop, exercise)
    for add, event, where in ROOM_DATA[kind]:
        text = f"Markör {event}"
        add(db, content, process, workshop, exercise, person, text)
        for screen, selector in where.items():
            response = leader.get(f"/processer/{process.id}/{screen}")
            soup = BeautifulSoup(response.text, "html.parser")
            shown = (
                soup.select(selector)
                if selector
                else [s.parent for s in soup.find_all(string=re.compile(re.escape(text)))]
            )
            shown = [el for el in shown if not el.find_parent(class_="visually-hidden")]
            assert shown, f"{kind}: the {screen} page does not show what the room added"
            for element in shown:
                assert event in triggers_above(element), (
                    f"{kind}: {screen} shows {element.name}.{element.get('class')} "
                    f"but does not refresh it on live:{event}"
                )
