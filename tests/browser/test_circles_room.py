"""The three circles in a real browser: participants add, the leader moves, the projector shows."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check

PASSWORD = "hemligt-lösen-1"
LIVE_TIMEOUT = 10_000

# Where the projector's SVG draws a text: inside which of the three circles (by their geometry).
CIRCLES_OF_TEXT = """(needle) => {
  const svg = document.querySelector("[data-testid=circles-figure] svg");
  if (!svg) return null;
  const span = [...svg.querySelectorAll("tspan")].find((t) => t.textContent.includes(needle));
  if (!span) return null;
  const x = parseFloat(span.getAttribute("x")), y = parseFloat(span.getAttribute("y"));
  const fills = [...svg.querySelectorAll("circle")].filter((c) => c.getAttribute("fill") != "none");
  return fills.map((c) =>
    Math.hypot(x - c.cx.baseVal.value, y - c.cy.baseVal.value) < c.r.baseVal.value);
}"""


def log_in(page, url):
    page.goto(f"{url}/logga-in")
    page.fill("#username", "lea")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def join(new_page, url, code, organisation):
    page = new_page()
    page.goto(f"{url}/{code}")
    page.get_by_label(organisation, exact=True).check()
    page.get_by_role("button", name="Gå in i workshoppen").click()
    expect(page.get_by_role("heading", name="Lägg till en insats")).to_be_visible()
    return page


def add_insats(page, text):
    page.get_by_label("Insats som er verksamhet ger").fill(text)
    page.get_by_role("button", name="Lägg till insats").click()
    expect(page.locator(".saved", has_text="Insatsen är sparad")).to_be_visible()
    # Said through the page's live region, which is there before its text changes.
    expect(page.locator("[data-announce]")).to_contain_text("Insatsen är sparad")


def test_leader_moves_an_insats_into_the_centre_and_the_projector_follows(live_server, new_page):
    created = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    leader = new_page()
    url = live_server.url
    log_in(leader, url)
    leader.goto(f"{url}/processer/")
    leader.fill("#name", "Ragunda Trampolinen")
    leader.get_by_role("button", name="Skapa process").click()
    code = leader.locator("strong.code").first.inner_text()
    leader.get_by_role("button", name="Starta workshop 1").click()
    leader.get_by_role("button", name=re.compile("De tre cirklarna")).click()
    expect(leader.get_by_role("heading", name="Cirklarna", exact=True)).to_be_visible()

    projector = leader.context.new_page()
    projector.goto(leader.url.replace("/styr", "/projektor"))
    expect(projector.locator("[data-testid=circles-figure] svg")).to_be_visible()
    projector.evaluate("window.notReloaded = true")

    school = join(new_page, url, code, "Skola/elevhälsa")
    social = join(new_page, url, code, "Socialtjänst")
    add_insats(school, "Elevhälsoteam")
    add_insats(social, "Föräldrastöd i grupp")

    # Each lands in its own circle on the projector, live.
    projector.wait_for_function(
        f"() => JSON.stringify(({CIRCLES_OF_TEXT})('Elevhälsoteam')) === "
        "JSON.stringify([true, false, false])",
        timeout=LIVE_TIMEOUT,
    )
    projector.wait_for_function(
        f"() => JSON.stringify(({CIRCLES_OF_TEXT})('Föräldrastöd')) === "
        "JSON.stringify([false, true, false])",
        timeout=LIVE_TIMEOUT,
    )

    # The leader moves one into the three-way overlap with the keyboard "Flytta till" control.
    move = leader.get_by_label(re.compile("Flytta till.*Elevhälsoteam"))
    expect(move).to_be_visible(timeout=LIVE_TIMEOUT)
    move.focus()
    move.select_option(label="Alla tre")
    move.press("Tab")
    expect(move.locator("xpath=ancestor::li").get_by_role("button", name="Flytta")).to_be_focused()
    leader.keyboard.press("Enter")
    centre_box = leader.locator("#circles-board section[data-region=abc]")
    expect(centre_box).to_contain_text("Elevhälsoteam", timeout=LIVE_TIMEOUT)

    projector.wait_for_function(
        f"() => JSON.stringify(({CIRCLES_OF_TEXT})('Elevhälsoteam')) === "
        "JSON.stringify([true, true, true])",
        timeout=LIVE_TIMEOUT,
    )
    assert projector.evaluate("window.notReloaded") is True
    centre = projector.locator("[data-testid=region-table] tr[data-region=abc] li")
    assert centre.all_inner_texts() == ["Elevhälsoteam"]

    # Dragging works too: it fills in and sends the same form.
    dragged = leader.locator("#circles-board li.insats").filter(has_text="Föräldrastöd i grupp")
    dragged.drag_to(leader.locator("#circles-board section[data-region=ab]"))
    projector.wait_for_function(
        f"() => JSON.stringify(({CIRCLES_OF_TEXT})('Föräldrastöd')) === "
        "JSON.stringify([true, true, false])",
        timeout=LIVE_TIMEOUT,
    )

    # A live refresh while the leader edits keeps the open form and what is typed in it.
    item = leader.locator("#circles-board li.insats").filter(has_text="Elevhälsoteam")
    item.locator("summary").click()
    item.get_by_label("Text").fill("Elevhälsoteam varje vecka")
    add_insats(school, "Trygghetsarbete")
    expect(leader.locator("#circles-board")).to_contain_text("Trygghetsarbete")
    expect(item.get_by_label("Text")).to_have_value("Elevhälsoteam varje vecka")
    item.get_by_role("button", name="Spara").click()
    projector.wait_for_function(
        f"() => JSON.stringify(({CIRCLES_OF_TEXT})('varje vecka')) === "
        "JSON.stringify([true, true, true])",
        timeout=LIVE_TIMEOUT,
    )

    for view, rules in ((projector, None), (leader, WCAG21_AA), (school, WCAG21_AA)):
        problems = axe_check(view, rules)
        assert not problems, f"{view.url}\n{problems}"
    leader.get_by_role("link", name="Öppna cirklarna på egen sida").click()
    expect(leader.get_by_role("heading", level=1, name="De tre cirklarna")).to_be_visible()
    problems = axe_check(leader)
    assert not problems, f"{leader.url}\n{problems}"
