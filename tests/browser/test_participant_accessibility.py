"""WCAG 2.1 AA on the journey's pages: focus kept after swaps, announcements, names, reflow."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check, join, join_code
from tests.helpers.servers import demo_process
from tests.helpers.web import PASSWORD


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def no_wcag_problems(page, name):
    problems = axe_check(page, WCAG21_AA)
    assert not problems, f"{name}:\n{problems}"


@pytest.fixture
def room(live_server, new_page):
    """The demo process (Workshop 1 running), a logged-in leader and a joined participant."""
    created = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    process_id, code = demo_process(live_server)
    leader = new_page()
    leader.goto(f"{live_server.url}/logga-in")
    leader.get_by_label("Användarnamn").fill("lea")
    leader.get_by_label("Lösenord").fill(PASSWORD)
    leader.get_by_role("button", name="Logga in").click()
    participant = new_page(viewport={"width": 390, "height": 844})
    participant.goto(f"{live_server.url}/anslut")
    no_wcag_problems(participant, "join code page")
    participant.get_by_label("Kod").fill(code)
    participant.get_by_role("button", name="Anslut").click()
    no_wcag_problems(participant, "organisation page")
    participant.get_by_label("Socialtjänst").check()
    participant.get_by_role("button", name="Gå in i workshoppen").click()
    expect(participant.locator("#exercise h1")).to_be_visible()
    return leader, participant, process_id


def test_a_keyboard_user_keeps_their_place_and_hears_what_happened(room, live_server):
    leader, page, process_id = room
    no_wcag_problems(page, "participant room")
    announced = page.locator("[data-announce]")
    box = page.get_by_label("Ditt svar").first
    question = box.locator("xpath=ancestor::section").locator("h2").inner_text()
    # Every answer box's label names its question, so five boxes have five names.
    expect(page.get_by_label(f"Ditt svar på frågan: {question}")).to_have_count(1)

    box.focus()
    page.keyboard.type("Skrivet med tangentbordet.")
    page.keyboard.press("Tab")  # to this question's Skicka svar
    page.keyboard.press("Enter")
    mine = page.locator(".mine .answer-text", has_text="Skrivet med tangentbordet.")
    expect(mine).to_be_visible()
    expect(announced).to_have_text("Ditt svar är sparat.")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == f"Skicka svar på frågan: {question}"
    no_wcag_problems(page, "participant room after saving")

    edit = page.get_by_role("link", name="Ändra").first
    edit.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Ändra ditt svar")).to_be_focused()
    no_wcag_problems(page, "editing an answer")
    page.keyboard.press("End")
    page.keyboard.type(" Ändrat.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".mine .answer-text", has_text="Ändrat.")).to_be_visible()
    expect(page.get_by_role("link", name="Ändra").first).to_be_focused()

    # The exercise changes while the participant types: told, and taken to the new heading.
    page.get_by_label("Ditt svar").nth(1).fill("Halvskrivet")
    page.get_by_label("Ditt svar").nth(1).focus()
    leader.goto(f"{live_server.url}/processer/{process_id}/styr")
    leader.get_by_role("button", name="Nästa övning →").click()
    heading = page.locator("#exercise h1")
    expect(announced).to_contain_text("Övningen har bytts: ")
    assert heading.inner_text() in announced.inner_text()
    expect(heading).to_be_focused()
    # What was typed and not sent is shown, not lost.
    expect(page.locator("#kept textarea")).to_have_value("Halvskrivet")
    expect(page.locator("#kept")).to_contain_text("Texten är inte skickad")


def test_focus_ring_and_field_borders_stand_out(room):
    _, page, _ = room
    box = page.get_by_label("Ditt svar").first
    border = box.evaluate("el => getComputedStyle(el).borderTopColor")
    assert contrast(border, "rgb(255, 255, 255)") >= 3
    page.keyboard.press("Tab")  # the skip link, focused from the keyboard
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    assert contrast(ring, "rgb(255, 255, 255)") >= 3


def test_leader_pages_reflow_at_320_px_and_pass_axe(room, live_server):
    leader, participant, process_id = room
    participant.set_viewport_size({"width": 320, "height": 640})
    assert participant.evaluate("() => document.documentElement.scrollWidth") <= 320
    base = f"{live_server.url}/processer/{process_id}"
    leader.set_viewport_size({"width": 320, "height": 640})
    for path in ("/styr", "/cirklar"):
        leader.goto(base + path)
        expect(leader.locator("h1")).to_be_visible()
        width = leader.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
    leader.set_viewport_size({"width": 1280, "height": 800})
    for path in ("/styr", "/cirklar", "/projektor"):
        leader.goto(base + path)
        no_wcag_problems(leader, path)
    leader.goto(f"{live_server.url}/tillganglighet")
    expect(leader.locator("h1")).to_have_text("Tillgänglighet för Samverkansverkstaden")
    no_wcag_problems(leader, "tillgänglighetsredogörelse")


def test_dots_in_4a_are_given_from_the_keyboard_without_starting_over(
    live_server, new_page, leader
):
    code = join_code(leader)
    leader.get_by_role("button", name="Starta workshop 2").click()
    page = join(live_server, new_page, code, "Socialtjänst")
    expect(page.locator("#exercise h1")).to_contain_text("Övning 4a")
    no_wcag_problems(page, "4a dots")
    dot = page.get_by_role("button", name="Lägg en prick på").nth(3)
    name = dot.get_attribute("aria-label")
    dot.focus()
    for left in (2, 1):
        page.keyboard.press("Enter")  # the same button keeps the focus: no Tabs from the top
        expect(page.get_by_test_id("dots-left")).to_have_text(str(left))
        expect(page.get_by_role("button", name=name, exact=True)).to_be_focused()
        expect(page.locator("[data-announce]")).to_contain_text(f"Du har {left} av")
    # The last dot disables every "+ Prick": focus goes to the status saying so, not to the top.
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("dots-left")).to_have_text("0")
    status = page.locator("#dots-status")
    expect(status).to_be_focused()
    expect(status).to_contain_text("Alla dina prickar är lagda")
    expect(page.locator("[data-announce]")).to_contain_text("Alla dina prickar är lagda")
    no_wcag_problems(page, "4a with no dots left")
    # Taking the group's dots back one by one: the last one leaves its "+ Prick" focused.
    group = name.removeprefix("Lägg en prick på ")
    remove = page.get_by_role("button", name=f"Ta bort en prick från {group}", exact=True)
    remove.focus()
    for left in (1, 2):
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("dots-left")).to_have_text(str(left))
        expect(remove).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("dots-left")).to_have_text("3")
    expect(page.get_by_role("button", name=name, exact=True)).to_be_focused()
