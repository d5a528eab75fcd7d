"""The projector is a stage that always fits: every kind, a full room, three screen sizes.

One server and one browser page for the whole module; the room is built through the data
functions on the server's own database, and each scene is put on the projector the way the
process leader's buttons do it (the same data functions). Screenshots at 1920×1080 go to
/tmp/wall/ for looking at.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers.servers import ServerFailed, ToolkitServer
from tests.helpers.web import PASSWORD
from toolkit import create_app
from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.db import open_session
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import Process
from toolkit.processes import data as processes
from toolkit.room import answering, joining, steering
from toolkit.vignettes import grouping

SCREENS = [(1280, 720), (1920, 1080), (3840, 2160)]
SHOTS = Path("/tmp/wall")
ORGANISATIONS = ["Skola/elevhälsa", "Socialtjänst (IFO)", "Hälso- och sjukvård"]
# What the room writes: short and long answers, as a room of 40 writes them.
PHRASES = [
    "Elevhälsan och socialtjänsten behöver träffas oftare än en gång per termin",
    "Mer oro och frånvaro i årskurs sju",
    "Gemensamma rutiner för när vi kontaktar vårdnadshavare",
    "Kuratorn är ofta ensam med samtalen och behöver stöd från fler",
    "Väntetiderna till BUP gör att skolan bär mycket själv",
    "En väg in till socialtjänsten",
    "Tydligare ansvar mellan verksamheterna, så att ingen tror att någon annan gör det",
    "Föräldrar vet inte vart de ska vända sig",
    "SIP oftare och tidigare",
    "Att vi följer upp tillsammans efter sex veckor och säger vem som kallar",
    "Samma bild av barnets behov",
    "Skolsköterskan ser mönstren först: huvudvärk, magont, trötthet",
]
# The wall's answer boxes, whatever the kind: each must be on the stage or on one of its pages.
ITEMS = ".answer, .case-path li, .projector-tally li, .survey-panel, .circles-figure"
# Script: where everything is, measured in the browser.
MEASURE = """
() => {
  const stage = document.querySelector('#stage');
  const box = stage.getBoundingClientRect();
  const shown = el => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const items = [...document.querySelectorAll(ITEMS)].map((el, index) => {
    const r = el.getBoundingClientRect();
    return {index, shown: shown(el), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            text: el.textContent.trim().slice(0, 60)};
  });
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('svg, .visually-hidden, script')) continue;
    if (!shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const text = node.textContent.trim().slice(0, 30);
    if (size < 24) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${size}px "${text}"`);
  }
  const doc = document.documentElement;
  return {
    overflowY: doc.scrollHeight - innerHeight, overflowX: doc.scrollWidth - innerWidth,
    // The stage as far as it is on the screen: a box below the screen's edge is cut.
    stage: {top: Math.max(box.top, 0), bottom: Math.min(box.bottom, innerHeight),
            left: Math.max(box.left, 0), right: Math.min(box.right, innerWidth)},
    pages: parseInt(stage.dataset.pages || '1', 10), page: parseInt(stage.dataset.page || '0', 10),
    items, small,
  };
}
""".replace("ITEMS", repr(ITEMS))


def phrase(n: int) -> str:
    """The n-th answer of the room, some one phrase long and some two."""
    text = PHRASES[n % len(PHRASES)]
    return f"{text}. {PHRASES[(n * 7 + 3) % len(PHRASES)].lower()}" if n % 3 == 0 else text


@pytest.fixture(scope="module")
def wall(tmp_path_factory, browser):
    """A server with a full room in every kind, and the logged-in leader's projector page."""
    server = ToolkitServer(tmp_path_factory.mktemp("wall"))
    try:
        server.start()
    except ServerFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{server.data_dir / 'toolkit.db'}",
            "SECRET_KEY": "test-secret",
            "DATA_DIR": server.data_dir,
            "AUTO_MIGRATE": False,
        }
    )
    with open_session(app) as session:
        scenes = build_room(session, app.extensions["toolkit.content"])
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{server.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield app, server, page, scenes
    context.close()
    app.extensions["toolkit.engine"].dispose()
    server.stop()


def build_room(session, content) -> dict:
    """Two processes: one voting on its target groups, one with every other kind fully worked."""
    owner = users.create_user(session, "lea", PASSWORD, "Lea Leder")
    voting_room = processes.create_process(session, owner, "Ragunda", "", ORGANISATIONS)
    room = processes.create_process(
        session, owner, "Ragunda Trampolinen", "Ragunda kommun", ORGANISATIONS
    )
    lobby = processes.create_process(session, owner, "Ragunda Trampolinen", "", ORGANISATIONS)
    people = {}
    for process in (voting_room, room):
        orgs = processes.organisations_of(session, process)
        people[process.id] = [
            joining.join(session, process, orgs[n % 3].id, f"Deltagare {n + 1}") for n in range(40)
        ]
    groups = content.target_groups.groups

    # Övning 4a: 40 people put their three dots on the 20 target groups.
    workshop = content.workshop("workshop-2")
    vote = workshop.exercise("ovning-4a")
    steering.start_workshop(session, voting_room, workshop)
    for n, person in enumerate(people[voting_room.id]):
        for dot in range(3):
            group = groups[(n * 3 + dot * 7) % len(groups)]
            voting.cast_vote(session, content, voting_room, workshop, vote, person, group.key)

    # Workshop 1: five questions, 40 answers each (by organisation), and the circles.
    crowd = people[room.id]
    workshop1 = content.workshop("workshop-1")
    steering.start_workshop(session, room, workshop1)
    for key in ("ovning-1", "ovning-2"):
        exercise = workshop1.exercise(key)
        for q, question in enumerate(exercise.questions):
            for n in range(40 if key == "ovning-1" else 25):
                add(session, room, workshop1, exercise, question.key, phrase(n + q), crowd[n])
    for n in range(28):
        region = ["a", "b", "c", "ab", "ac", "bc", "abc"][n % 7]
        changes.add_insats(session, room, PHRASES[n % len(PHRASES)][:48], region)

    # Workshop 2: the chosen groups, Övning 4b's first step answered, 4a's answers per group.
    chosen = [g.key for g in groups[:4]]
    workshop2 = content.workshop("workshop-2")
    steering.start_workshop(session, room, workshop2)
    voting.choose_groups(session, content, room, workshop2.exercise("ovning-4a"), chosen)
    for n in range(30):
        add(session, room, workshop2, vote, "vem-gor-vad", phrase(n), crowd[n], chosen)
    steps = workshop2.exercise("ovning-4b")
    for q, question in enumerate(steps.steps[0].questions):
        for n in range(12):
            add(session, room, workshop2, steps, question.key, phrase(n + q), crowd[n], chosen)

    # The vignette discussion: as many groups as the room may have, each reporting back.
    grouping.create_groups(session, room, grouping.MAX_GROUPS)
    grouping.assign_mixed(session, room)
    questions = content.vignette_questions
    for g, group in enumerate(grouping.groups_of(session, room)):
        grouping.give_vignette(session, content, room, group, content.vignettes[g].key)
        member = grouping.members_of(session, room)[group.id][0]
        for q, question in enumerate(questions.questions + questions.perspectives):
            grouping.add_group_answer(session, content, group, member, question.key, phrase(q + g))

    # Workshop 3: a case path of 12 steps for each group, the plan questions and a survey.
    workshop3 = content.workshop("workshop-3")
    steering.start_workshop(session, room, workshop3)
    for g, group in enumerate(chosen):
        for n in range(12):
            casepaths.add_step(
                session, room, group, phrase(n + g), ["Mentor", "Skolkurator"][n % 2]
            )
    trial = workshop3.exercise("prova-i-praktiken")
    for q, question in enumerate(trial.questions):
        for n in range(10):
            add(session, room, workshop3, trial, question.key, phrase(n + q), crowd[n])
    part = trial.surveys[0]
    survey = surveys.open_survey(session, room, workshop3, trial, part)
    for n in range(6):
        surveys.respond(session, survey, part, {part.questions[0].key: phrase(n)})
    return {"voting": voting_room.id, "room": room.id, "lobby": lobby.id}


def add(session, process, workshop, exercise, question, text, person, groups=()):
    target = groups[len(text) % len(groups)] if groups else None
    answering.add_answer(
        session,
        process,
        workshop,
        exercise,
        question,
        text,
        participant=person,
        target_group=target,
    )


# Each scene: (screenshot name, process, workshop, exercise, what the leader does there).
SCENES = {
    "lobby": ("lobby", None, None, None),
    "answers": ("room", "workshop-1", "ovning-1", None),
    "answers_wall": ("room", "workshop-1", "ovning-2", None),
    "answers_focus": ("room", "workshop-1", "ovning-1", ("focus", "samverkan-idag")),
    "answers_join_panel": ("room", "workshop-1", "ovning-1", ("join", "large")),
    "vote": ("voting", "workshop-2", "ovning-4a", None),
    "vote_answers": ("room", "workshop-2", "ovning-4a", None),
    "steps": ("room", "workshop-2", "ovning-4b", None),
    "steps_focus": ("room", "workshop-2", "ovning-4b", ("focus", "barn-kontakt")),
    "case_path": ("room", "workshop-3", "ovning-6", None),
    "survey": ("room", "workshop-3", "prova-i-praktiken", None),
    "survey_focus": (
        "room",
        "workshop-3",
        "prova-i-praktiken",
        ("focus", "enkat-vardnadshavare-elever"),
    ),
    "circles": ("room", "workshop-1", "tre-cirklar", None),
    "vignettes": ("room", "workshop-2", "ovning-4a", ("report", "start")),
    "vignettes_focus": ("room", "workshop-2", "ovning-4a", ("report", "start", "forsta-bedomning")),
}


def put_on_projector(app, process_id: int, workshop_key: str, exercise_key: str, action) -> None:
    """What the leader's buttons do: show the exercise, focus a question or start a report-back."""
    content = app.extensions["toolkit.content"]
    if workshop_key is None:
        return  # the room gathers before a workshop starts
    with open_session(app) as session:
        process = session.get(Process, process_id)
        workshop = content.workshop(workshop_key)
        steering.start_workshop(session, process, workshop)
        steering.show_exercise(session, process, workshop, workshop.exercise(exercise_key))
        focus = action[1] if action and action[0] == "focus" else ""
        if action and action[0] == "report" and len(action) > 2:
            focus = steering.REPORT_FOCUS + action[2]
        steering.set_exercise_state(
            session, process, workshop_key, exercise_key, focus_question=focus
        )
        grouping.report(session, process, action[1] if action and action[0] == "report" else "stop")
        steering.show_join_panel(session, process, large=bool(action and action[0] == "join"))


def pages_of(page) -> list[dict]:
    """The stage's measurements on each of its pages, turning them as a clicker does."""
    seen = {}
    for _ in range(30):
        measured = page.evaluate(MEASURE)
        seen[measured["page"]] = measured
        if len(seen) >= measured["pages"]:
            break
        page.keyboard.press("PageDown")
        page.wait_for_function(
            "p => document.querySelector('#stage').dataset.page !== String(p)", arg=measured["page"]
        )
    return [seen[n] for n in sorted(seen)]


def problems_on(
    pages: list[dict], fonts: bool, expect_empty: bool = False, every_page: bool = True
) -> list[str]:
    """What is wrong on the measured pages; with every_page, also the boxes on none of them."""
    found = []
    first = pages[0]
    if first["overflowY"] > 0 or first["overflowX"] > 0:
        found.append(
            f"the page scrolls: {first['overflowY']} px down, {first['overflowX']} px across"
        )
    if not first["items"] and not expect_empty:
        found.append("nothing from the room on the stage")
    placed = set()
    for measured in pages:
        stage = measured["stage"]
        for item in measured["items"]:
            if not item["shown"]:
                continue
            inside = (
                item["top"] >= stage["top"] - 1
                and item["bottom"] <= stage["bottom"] + 1
                and item["left"] >= stage["left"] - 1
                and item["right"] <= stage["right"] + 1
            )
            if inside:
                placed.add(item["index"])
            else:
                below = round(item["bottom"] - stage["bottom"])
                found.append(f"page {measured['page'] + 1}: cut ({below} px below): {item['text']}")
                if len(found) > 12:
                    break
        if fonts and measured["small"]:
            found.append(f"page {measured['page'] + 1}: text under 24 px: {measured['small'][:5]}")
    missing = [item["text"] for item in first["items"] if item["index"] not in placed]
    if missing and every_page:
        found.append(f"{len(missing)} of {len(first['items'])} never on the stage: {missing[:3]}")
    return found


@contextmanager
def stage_swapped(page):
    """Until the stage has been fetched whole again, its swap settled, and painted: the leader's
    buttons refresh the stage and the join panel in two fetches that arrive in either order."""
    page.evaluate(
        """() => {
          const stage = document.querySelector('#stage');
          window.stageSwapped = false;
          stage.addEventListener('htmx:afterSettle', function settled(event) {
            if (event.target !== stage) return;
            stage.removeEventListener('htmx:afterSettle', settled);
            window.stageSwapped = true;
          });
        }"""
    )
    yield
    page.wait_for_function("() => window.stageSwapped")
    painted(page)


def painted(page) -> None:
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


# What of the join panel sticks out of it: the code, the address, the QR code.
PANEL_OVERFLOW = """() => {
  const panel = document.querySelector('#join-panel').getBoundingClientRect();
  return [...document.querySelectorAll('#join-panel *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width && (box.left < panel.left - 1 || box.right > panel.right + 1
      || box.top < panel.top - 1 || box.bottom > panel.bottom + 1);
  }).map(e => `${e.className || e.tagName}: ${e.textContent.trim().slice(0, 30)}`);
}"""


def this_page(page) -> list[str]:
    """What is wrong on the page of the stage the room is reading now."""
    return problems_on([page.evaluate(MEASURE)], fonts=True, every_page=False)


@pytest.mark.parametrize("scene", list(SCENES))
def test_the_projector_fits_every_screen(wall, scene):
    app, server, page, scenes = wall
    process_key, workshop_key, exercise_key, action = SCENES[scene]
    process_id = scenes[process_key]
    put_on_projector(app, process_id, workshop_key, exercise_key, action)
    problems = []
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{server.url}/processer/{process_id}/projektor")
        page.wait_for_selector("#stage[data-fitted]", state="attached")
        if (width, height) == (1920, 1080):
            page.screenshot(path=str(SHOTS / f"{scene}.png"))
        found = problems_on(pages_of(page), fonts=height == 1080, expect_empty=not workshop_key)
        found += [f"outside the join panel: {what}" for what in page.evaluate(PANEL_OVERFLOW)]
        problems += [f"{width}×{height}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_the_leader_turns_the_pages_from_the_control_view_and_they_turn_by_themselves(wall):
    app, server, page, scenes = wall
    process_id = scenes["room"]
    put_on_projector(app, process_id, "workshop-1", "ovning-1", None)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/processer/{process_id}/projektor")
    stage = page.locator("#stage[data-fitted]")
    expect(stage).to_have_attribute("data-page", "0")
    expect(page.locator(".join-strip")).to_be_visible()
    pages = int(stage.get_attribute("data-pages"))
    assert pages > 1
    control = page.context.new_page()
    control.goto(f"{server.url}/processer/{process_id}/styr")
    control.get_by_role("button", name="Nästa sida →").focus()
    with stage_swapped(page):
        control.keyboard.press("Enter")  # the leader's buttons work from the keyboard
    expect(stage).to_have_attribute("data-page", "1")
    expect(page.locator(".pager")).to_have_text(f"Sida 2 av {pages}")
    # The stage fetched anew shows the second page's answers only, none cut at its edge.
    assert not this_page(page)
    # An answer that arrives meanwhile joins the pages; the room keeps reading the same page.
    control.get_by_role("textbox", name="Svar").fill("Ett svar som kommer medan rummet läser")
    control.get_by_role("button", name="Lägg till svar").click()
    page.get_by_text("Ett svar som kommer medan rummet läser").wait_for(state="attached")
    painted(page)
    expect(stage).to_have_attribute("data-page", "1")
    assert not this_page(page)
    control.get_by_role("button", name="← Föregående sida").click()
    control.get_by_role("button", name="← Föregående sida").click()
    expect(stage).to_have_attribute("data-page", str(pages - 1))  # back from the first: the last
    control.get_by_role("button", name="Bläddra automatiskt").click()
    expect(stage).to_have_attribute("data-page", "0")  # the next turn comes by itself
    with stage_swapped(page):
        control.get_by_role("button", name="Visa anslutningsrutan stort").click()
        expect(page.locator(".join-large")).to_be_visible()
    control.close()
    painted(page)
    assert not problems_on(pages_of(page), fonts=True)  # the narrower stage is laid out anew
