"""Every page a logged-in leader reaches reflows at 320 px (WCAG 1.4.10): none scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check
from tests.helpers.servers import ServerFailed, ToolkitServer, demo_process
from tests.helpers.web import PASSWORD
from toolkit import create_app
from toolkit.db import open_session
from toolkit.documents import store
from toolkit.models import Process
from toolkit.room import steering

# The projector is the wall's stage, laid out for a screen (tests/browser/test_projector_fit.py);
# downloads and pictures are not pages.
NOT_PAGES = re.compile(r"/projektor|/ladda-ner\.|\.png$|\.svg$|/sakerhetskopia$")
LEADER_PAGES = ("/processer", "/vagledning", "/administration", "/konto", "/tillganglighet")


@pytest.fixture
def demo(tmp_path, browser):
    """A server with the demo process (all three workshops run, two handlingsplan versions)."""
    server = ToolkitServer(tmp_path)
    try:
        server.start()
    except ServerFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    assert server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    process_id, _ = demo_process(server)
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{server.data_dir / 'toolkit.db'}",
            "SECRET_KEY": "test-secret",
            "DATA_DIR": server.data_dir,
            "AUTO_MIGRATE": False,
        }
    )
    with open_session(app) as session:
        process = session.get(Process, process_id)
        for note in ("Första utkastet", "Efter styrgruppen"):
            store.save_version(session, process, f"Handlingsplan\n{note}\n", note)
    yield app, server, process_id
    app.extensions["toolkit.engine"].dispose()
    server.stop()


def show(app, process_id: int, workshop_key: str, exercise_key: str) -> None:
    """What the leader's buttons do: start the workshop and show the exercise."""
    content = app.extensions["toolkit.content"]
    with open_session(app) as session:
        process = session.get(Process, process_id)
        workshop = content.workshop(workshop_key)
        steering.start_workshop(session, process, workshop)
        steering.show_exercise(session, process, workshop, workshop.exercise(exercise_key))


def leader_links(page, origin: str) -> set[str]:
    """The leader's pages this page links to, on this server."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    paths = {href.removeprefix(origin).split("#")[0] for href in hrefs if href.startswith(origin)}
    return {p for p in paths if p.startswith(LEADER_PAGES) and not NOT_PAGES.search(p)}


def too_wide(page) -> str:
    """'' when the page fits 320 px, else its width and what sticks out."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width <= 320:
        return ""
    # The deepest element without which the page would be narrower: what sticks out.
    culprit = page.evaluate(
        """() => {
            const width = () => document.documentElement.scrollWidth, full = width();
            let found = null, parent = document.body;
            while (parent) {
                const next = [...parent.children].find(child => {
                    const before = child.style.display;
                    child.style.display = "none";
                    const narrower = width() < full;
                    child.style.display = before;
                    return narrower;
                });
                if (next) found = next;
                parent = next;
            }
            return found ? found.outerHTML.slice(0, 160) : "";
        }"""
    )
    return f"{width} px: {culprit}"


def test_every_leader_page_reflows_at_320_px(demo, new_page):
    app, server, process_id = demo
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{server.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    base = f"/processer/{process_id}"
    # Every page reached by a link from these (the documents, the guide, the results …), once.
    start = [
        "/processer/",
        base,
        f"{base}/dokument",
        f"{base}/dokument/handlingsplan/versioner/jamfor?fran=1&till=2",
        f"{base}/radera",
        "/vagledning/",
        "/administration/",
    ]
    seen, todo, problems = set(), list(start), {}
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(server.url + path)
        expect(page.locator("h1").first).to_be_visible()
        if wide := too_wide(page):
            problems[path] = wide
        if path.startswith((base, "/vagledning", "/processer/")) and "styr" not in path:
            todo.extend(sorted(leader_links(page, server.url) - seen))
    # The control view in every exercise of every workshop: each kind has its own controls.
    for workshop in app.extensions["toolkit.content"].workshops:
        for exercise in workshop.exercises:
            show(app, process_id, workshop.key, exercise.key)
            page.goto(f"{server.url}{base}/styr")
            expect(page.locator("h1").first).to_be_visible()
            if wide := too_wide(page):
                problems[f"/styr: {workshop.key}/{exercise.key}"] = wide
    assert len(seen) > 25, sorted(seen)  # the walk reached the pages it is meant to
    for required in ("uppstart", "team", "cirklar", "vinjetter", "workshop/workshop-2/resultat"):
        assert f"{base}/{required}" in seen, required
    assert {"/konto/losenord", "/tillganglighet"} <= seen
    assert problems == {}, "\n".join(f"{path}: {wide}" for path, wide in problems.items())


def test_the_pages_whose_tables_reflow_pass_axe_at_320_px(demo, new_page):
    _, server, process_id = demo
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{server.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    base = f"/processer/{process_id}"
    for path in (
        base,
        f"{base}/dokument/budget",
        f"{base}/dokument/handlingsplan",
        f"{base}/dokument/modell",
        "/administration/",
        f"{base}/styr",
    ):
        page.goto(server.url + path)
        problems = axe_check(page, WCAG21_AA)
        assert not problems, f"{path}:\n{problems}"
