"""The exercise-kind contract: each kind declares itself once, and the shared screens follow."""

import ast
import re
import shutil
import typing

import pytest
from alembic import command
from bs4 import BeautifulSoup
from jinja2 import TemplateNotFound
from sqlalchemy import text
from sqlmodel import Session, select

from toolkit import create_app, db
from toolkit.accounts import users
from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import Kind as ContentKind
from toolkit.db import open_session
from toolkit.documents import sources
from toolkit.kinds import KINDS, VIEWS, listened_events
from toolkit.models import Participant, Process, TargetGroupVote, User
from toolkit.processes import backup
from toolkit.processes import data as processes
from toolkit.room.pages import STAGE_EVENTS
from toolkit.vignettes import grouping

PASSWORD = "hemligt-lösen-1"
HX = {"HX-Request": "true"}
SHARED_SCREENS = [
    *sorted((ROOT / "templates" / "room").rglob("*.html")),
    *sorted((ROOT / "templates" / "processes").rglob("*.html")),
    *sorted((ROOT / "toolkit" / "room").glob("*.py")),
    ROOT / "toolkit" / "processes" / "views.py",
]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def texts_of(soup, selector: str) -> list[str]:
    return [el.get_text(" ", strip=True) for el in soup.select(selector)]


def published_events() -> set[str]:
    """Every event name a `mark(...)` call in the code publishes, constants resolved."""
    trees = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts): ast.parse(
            path.read_text(encoding="utf-8")
        )
        for path in (ROOT / "toolkit").rglob("*.py")
    }

    def constants(module: str) -> dict[str, str | tuple[str, str]]:
        found = {}
        for node in trees.get(module, ast.Module(body=[])).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                found.update({t.id: node.value.value for t in node.targets if hasattr(t, "id")})
            if isinstance(node, ast.ImportFrom):
                found.update(
                    {a.asname or a.name: (node.module, a.name) for a in node.names if node.module}
                )
        return found

    names = set()
    for module, tree in trees.items():
        known = constants(module)
        for call in ast.walk(tree):
            func = getattr(call, "func", None)
            if getattr(func, "id", getattr(func, "attr", None)) != "mark":
                continue
            for arg in call.args[2:]:
                value = getattr(arg, "value", None) or known.get(getattr(arg, "id", ""))
                if isinstance(value, tuple):  # imported: look it up where it is defined
                    value = constants(value[0]).get(value[1])
                assert isinstance(value, str), f"{module}: mark() with an unknown event"
                names.add(value)
    return names


def listened_in(template: str, seen: set[str] | None = None) -> set[str]:
    """The live events a template and the templates it includes refresh on."""
    seen = seen if seen is not None else set()
    if template in seen:
        return set()
    seen.add(template)
    source = (ROOT / "templates" / template).read_text(encoding="utf-8")
    events = set(re.findall(r"live:(\w+)", source))
    for call in re.findall(r"{%\s*call\s+live_region\((.*?)\)\s*%}", source):
        listed = re.search(r"\[([^\]]*)\]", call)
        events |= set(re.findall(r'"(\w+)"', listed.group(1))) if listed else set()
        events |= set() if "refresh=false" in call else {"refresh"}
    for included in re.findall(r'{%\s*include\s+"([^"]+)"', source):
        events |= listened_in(included, seen)
    return events


def test_every_kind_has_its_four_partials(app):
    for kind in KINDS.values():
        for view in VIEWS:
            try:
                app.jinja_env.get_template(kind.partial(view))
            except TemplateNotFound:
                pytest.fail(f"kind {kind.name} has no {view} partial: {kind.partial(view)}")


def test_every_kind_the_workshops_use_is_registered():
    used = {exercise.kind for w in load_content(ROOT).workshops for exercise in w.exercises}
    assert used <= set(KINDS), f"not registered in toolkit/kinds: {used - set(KINDS)}"
    # The content files may name exactly the registered kinds.
    assert set(typing.get_args(ContentKind)) == set(KINDS)


def test_every_event_a_kind_listens_to_is_published():
    published = published_events()
    for kind in KINDS.values():
        assert set(kind.events) <= published, f"{kind.name}: nothing publishes these events"
    assert set(STAGE_EVENTS) - {"refresh"} <= published  # the broker sends refresh itself


def test_a_kinds_partials_listen_only_to_what_it_or_the_room_declares():
    for kind in KINDS.values():
        heard = set().union(*(listened_in(kind.partial(view)) for view in VIEWS))
        assert heard <= set(kind.events) | set(STAGE_EVENTS), kind.name


def test_the_projector_listens_to_what_the_kinds_and_the_room_declare(leader, room):
    soup = soup_of(leader.get(f"/processer/{room.process_id}/projektor"))
    triggers = [t.strip() for t in soup.select_one("#stage")["hx-trigger"].split(",")]
    assert all(re.fullmatch(r"live:[\w-]+ from:body", t) for t in triggers), triggers
    events = [t.split()[0].removeprefix("live:") for t in triggers]
    assert len(events) == len(set(events))
    # Answers arrive as changes through the stage's changes link; the stage reloads whole on
    # everything else the kinds and the room declare, and when changes cannot be sent.
    assert set(events) == (set(listened_events()) - {"answers"}) | {*STAGE_EVENTS, "stale-stage"}
    links = soup.select("[hx-swap=none][hx-trigger]")
    assert any("live:answers" in link["hx-trigger"] for link in links), "no changes link"


def test_the_control_view_counts_answers_where_the_kind_says(leader, room):
    leader.post(f"/processer/{room.process_id}/workshop/workshop-2/starta")
    soup = soup_of(leader.get(f"/processer/{room.process_id}/styr"))
    counted = [
        form.select_one("input[name=exercise]")["value"]
        for form in soup.select(".exercise-nav form")
        if form.select_one(".count")
    ]
    workshop = load_content(ROOT).workshop("workshop-2")
    assert counted == [e.key for e in workshop.exercises if KINDS[e.kind].counts_answers]
    assert counted  # Workshop 2 has kinds of both sorts
    assert len(counted) < len(workshop.exercises)


def test_the_shared_screens_do_not_branch_on_a_kind():
    for path in SHARED_SCREENS:
        found = re.findall(r"\.kind\s*(?:==|!=|\bin\b)", path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(ROOT)} branches on the exercise's kind"


def test_the_material_kinds_offer_is_what_the_documents_read():
    offered = {name for kind in KINDS.values() for name in kind.material}
    assert offered == set(sources.MATERIAL)
    content = load_content(ROOT)
    for outline in content.outlines.documents:
        for section in outline.sections:
            for source in section.sources:
                exercise = content.workshop(source.workshop).exercise(source.exercise)
                assert KINDS[exercise.kind].material, f"{source.exercise} feeds {section.key}"


WORKSHOP_2 = "2-fran-upptackt-till-hjalp.yaml"
SECOND_VOTE = """
  - key: ovning-4c
    title: "Övning 4c – En röstning till"
    kind: vote
    dots: 2
    prompt: "Sätt prickar en gång till."
    questions:
      - key: varfor-igen
        text: "Varför just de målgrupperna?"

"""
# An answers exercise that also has the vignette discussion.
DISCUSSED = "    kind: answers\n    prompt: |\n      Övningen handlar om hur ni"


@pytest.fixture
def two_votes(database_url, tmp_path):
    """Workshop 2 with a second vote (4c) and vignettes in Övning 5; a leader, a room on 4a."""
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    path = tmp_path / "workshops" / WORKSHOP_2
    yaml = path.read_text(encoding="utf-8")
    assert DISCUSSED in yaml
    yaml = yaml.replace(DISCUSSED, DISCUSSED.replace("answers", "answers\n    vignettes: true"))
    path.write_text(yaml.replace("  - key: ovning-4b", SECOND_VOTE + "  - key: ovning-4b", 1))
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "DATA_DIR": tmp_path,
            "CONTENT_DIR": tmp_path,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "PUBLIC_URL": "",
        }
    )
    with open_session(app) as session:
        owner = users.create_user(session, "leda", PASSWORD, "Lea Leder")
        process = processes.create_process(session, owner, "Ragunda", "Ragunda kommun", [])
        process_id, code = process.id, process.join_code
        organisation = processes.organisations_of(session, process)[0].id
    leader = app.test_client()
    leader.post("/logga-in", data={"username": "leda", "password": PASSWORD})
    leader.post(f"/processer/{process_id}/workshop/workshop-2/starta")
    participant = app.test_client()
    participant.post(f"/{code}", data={"organisation": organisation, "display_name": ""})
    yield app, leader, participant, process_id
    app.extensions["toolkit.engine"].dispose()


def test_a_second_vote_does_not_share_the_first_votes_dots(two_votes):
    _app, leader, participant, process_id = two_votes

    def show(exercise):
        url = f"/processer/{process_id}/styr/visa"
        leader.post(url, data={"workshop": "workshop-2", "exercise": exercise})

    def dot(group):
        url = f"/rum/{process_id}/prick"
        response = participant.post(url, data={"target_group": group}, headers=HX)
        assert response.status_code == 200

    def tally():
        soup = soup_of(leader.get(f"/processer/{process_id}/projektor/_scen"))
        return {el["data-group"]: el.get_text(strip=True) for el in soup.select(".tally-count")}

    dot("stress")
    dot("stress")
    show("ovning-4c")
    soup = soup_of(participant.get(f"/rum/{process_id}"))
    assert soup.select_one("[data-testid=dots-left]").get_text() == "2"
    assert set(tally().values()) == {"0"}
    dot("flera-problem")
    assert tally()["flera-problem"] == "1" and tally()["stress"] == "0"
    show("ovning-4a")
    assert tally()["stress"] == "2" and tally()["flera-problem"] == "0"

    soup = soup_of(leader.get(f"/processer/{process_id}/workshop/workshop-2/resultat"))
    for exercise, dots in (("ovning-4a", ["2"]), ("ovning-4c", ["1"])):
        section = soup.select_one(f"section[aria-labelledby=ex-{exercise}]")
        assert [td.get_text() for td in section.select("table td:nth-of-type(2)")] == dots


def test_clearing_a_vote_keeps_the_other_votes_dots(two_votes):
    _app, leader, participant, process_id = two_votes
    participant.post(f"/rum/{process_id}/prick", data={"target_group": "stress"}, headers=HX)
    leader.post(
        f"/processer/{process_id}/styr/visa",
        data={"workshop": "workshop-2", "exercise": "ovning-4c"},
    )
    assert leader.post(f"/processer/{process_id}/styr/roster/nollstall").status_code == 302
    soup = soup_of(leader.get(f"/processer/{process_id}/workshop/workshop-2/resultat"))
    section = soup.select_one("section[aria-labelledby=ex-ovning-4a]")
    assert [td.get_text() for td in section.select("table td")] == [
        "Barn och unga som har svårigheter med stress",
        "1",
    ]


def test_vignette_discussions_show_under_every_exercise_with_vignettes(two_votes):
    app, leader, participant, process_id = two_votes
    base = f"/processer/{process_id}/vinjetter"
    leader.post(f"{base}/grupper", data={"count": "1", "assign": "mixed"})
    with open_session(app) as session:
        [group] = grouping.groups_of(session, session.get(Process, process_id))
    vignette = app.extensions["toolkit.content"].vignettes[0]
    leader.post(f"{base}/grupper/{group.id}", data={"vignette": vignette.key})
    question = app.extensions["toolkit.content"].vignette_questions.questions[0].key
    participant.post(f"/rum/{process_id}/vinjett/svar", data={"question": question, "text": "Oro"})
    soup = soup_of(leader.get(f"/processer/{process_id}/workshop/workshop-2/resultat"))
    for exercise, discussed in (
        ("ovning-4a", True),
        ("ovning-4c", False),
        ("ovning-4b", False),
        ("ovning-5", True),
    ):
        section = soup.select_one(f"section[aria-labelledby=ex-{exercise}]")
        headings = [h.get_text(strip=True) for h in section.select("h3, h4")]
        assert ("Vinjettdiskussionen" in headings) == discussed, exercise
        assert (f"Grupp 1: {vignette.title}" in headings) == discussed, exercise
        if discussed:
            assert "Oro" in texts_of(section, "li")


def test_the_migration_gives_existing_votes_to_the_vote_exercise(empty_database_url):
    engine = db.make_engine(empty_database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0005")
    with Session(engine) as session:
        # The user table as it was at 0005 (the model has columns added since).
        session.execute(
            text(
                'INSERT INTO "user" (username, name, password_hash, created_at)'
                " VALUES ('leda', '', 'x', CURRENT_TIMESTAMP)"
            )
        )
        owner_id = session.execute(text('SELECT id FROM "user"')).scalar_one()
        owner = User(id=owner_id, username="leda", password_hash="x")
        process = processes.create_process(session, owner, "Ragunda", "", [])
        organisation = processes.organisations_of(session, process)[0]
        person = Participant(process_id=process.id, organisation_id=organisation.id)
        session.add(person)
        session.commit()
        session.execute(
            text(
                "INSERT INTO targetgroupvote (process_id, participant_id, target_group, created_at)"
                " VALUES (:process, :person, 'stress', CURRENT_TIMESTAMP)"
            ),
            {"process": process.id, "person": person.id},
        )
        session.commit()
    command.upgrade(config, "head")
    with Session(engine) as session:
        [vote] = session.exec(select(TargetGroupVote)).all()
        assert (vote.workshop_key, vote.exercise_key) == ("workshop-2", "ovning-4a")
    engine.dispose()


def test_each_kind_is_the_module_named_after_it():
    for kind in KINDS.values():
        assert (ROOT / "toolkit" / "kinds" / f"{kind.name}.py").is_file(), kind.name


def test_a_backup_from_before_votes_had_exercises_gives_its_dots_to_the_vote(two_votes):
    app, _leader, participant, process_id = two_votes
    participant.post(f"/rum/{process_id}/prick", data={"target_group": "stress"}, headers=HX)
    with open_session(app) as session:
        old = backup.dump(session, [process_id])
        for row in old["tables"]["targetgroupvote"]:
            del row["workshop_key"], row["exercise_key"]
        owner = users.create_user(session, "mottagare", PASSWORD)
        [restored] = backup.restore(session, old, owner.id)
        query = select(TargetGroupVote).where(TargetGroupVote.process_id == restored)
        [vote] = session.exec(query).all()
    assert (vote.workshop_key, vote.exercise_key, vote.target_group) == (
        "workshop-2",
        "ovning-4a",
        "stress",
    )
