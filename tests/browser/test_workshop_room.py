"""The key journey in a real browser: a process leader runs Workshop 1, two participants answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import axe_check

PASSWORD = "langt-losenord"


@pytest.fixture
def workshop(live_server, new_page):
    """A logged-in leader who created a process and started Workshop 1, with the projector open."""
    created = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    leader = new_page()
    leader.goto(f"{live_server.url}/logga-in")
    leader.get_by_label("Användarnamn").fill("lea")
    leader.get_by_label("Lösenord").fill(PASSWORD)
    leader.get_by_role("button", name="Logga in").click()
    leader.get_by_label("Namn på processen").fill("Ragunda Trampolinen")
    leader.get_by_label("Kommun eller region").fill("Ragunda kommun")
    leader.get_by_role("button", name="Skapa process").click()
    code = leader.locator("strong.code").first.inner_text()
    leader.get_by_role("button", name="Starta workshop 1").click()
    expect(
        leader.get_by_role("heading", level=2, name=re.compile("På projektorn nu"))
    ).to_be_visible()
    projector = leader.context.new_page()
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.goto(leader.url.replace("/styr", "/projektor"))
    expect(projector.locator(".join-code")).to_have_text(re.compile(code[:3]))
    return leader, projector, code


def join(new_page, url, code, organisation, name):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{url}/")
    page.get_by_label("Kod").fill(code.lower())
    page.get_by_role("button", name="Anslut").click()
    page.get_by_label(organisation).check()
    page.get_by_label("Ditt namn (frivilligt)").fill(name)
    page.get_by_role("button", name="Gå in i workshoppen").click()
    expect(page.locator("h1")).to_have_text("Övning 1 – Problem och förutsättningar")
    return page


def send(page, text):
    box = page.get_by_label("Ditt svar").first
    box.fill(text)
    box.locator("xpath=ancestor::form").get_by_role("button", name="Skicka svar").click()
    expect(page.locator(".mine .answer-text", has_text=text)).to_be_visible()


def test_two_participants_answer_live_and_follow_the_projector(workshop, live_server, new_page):
    leader, projector, code = workshop
    anna = join(new_page, live_server.url, code, "Socialtjänst", "Anna")
    bo = join(new_page, live_server.url, code, "Hälso- och sjukvård", "Bo")
    expect(projector.get_by_test_id("participant-count")).to_have_text("2")

    send(anna, "Barnen får hjälp för sent.")
    send(bo, "Vi ser samma barn i olika spår.")
    # The projector shows both without a reload, each under its organisation.
    first_question = projector.locator(".question").first
    expect(first_question.locator(".org-column", has_text="Socialtjänst")).to_contain_text(
        "Barnen får hjälp för sent."
    )
    expect(first_question.locator(".org-column", has_text="Hälso- och sjukvård")).to_contain_text(
        "Vi ser samma barn i olika spår."
    )
    assert "Anna" not in projector.content()  # anonymous by default

    leader.get_by_role("button", name="Nästa övning →").click()
    for page in (anna, bo, projector):
        expect(page.locator("h1")).to_have_text("Övning 2 – Min bild av psykisk hälsa/ohälsa")


def test_views_pass_axe(workshop, live_server, new_page):
    leader, projector, code = workshop
    anna = join(new_page, live_server.url, code, "Skola/elevhälsa", "")
    send(anna, "Ett svar att visa")
    expect(projector.get_by_text("Ett svar att visa")).to_be_visible()
    leader.reload()
    for name, page in (("projector", projector), ("participant", anna), ("control", leader)):
        problems = axe_check(page)
        assert not problems, f"{name}:\n{problems}"
    start = new_page()
    start.goto(f"{live_server.url}/")
    assert not axe_check(start)


def test_restart_mid_workshop_loses_nothing_and_pages_recover(workshop, live_server, new_page):
    leader, projector, code = workshop
    anna = join(new_page, live_server.url, code, "Socialtjänst", "Anna")
    send(anna, "Sagt före omstarten")
    draft = anna.get_by_label("Ditt svar").nth(1)
    draft.fill("Halvskrivet utkast")

    live_server.restart()

    # The participant's page reconnects by itself and the draft is still there.
    send(anna, "Sagt efter omstarten")
    expect(draft).to_have_value("Halvskrivet utkast")
    for text in ("Sagt före omstarten", "Sagt efter omstarten"):
        expect(projector.get_by_text(text)).to_be_visible(timeout=15000)
