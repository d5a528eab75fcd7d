"""An answer or a case-path step sent while the server is down: said not sent, kept, sent once
when it is back."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check
from tests.helpers.servers import demo_process
from tests.helpers.web import PASSWORD


def test_an_answer_sent_while_the_server_is_down_is_sent_once_when_it_returns(
    live_server, new_page
):
    process_id, code = demo_process(live_server)
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{code}")
    page.get_by_label("Socialtjänst").check()
    page.get_by_role("button", name="Gå in i workshoppen").click()
    box = page.get_by_label("Ditt svar").first
    form = box.locator("xpath=ancestor::form")
    text = "Skickat medan servern låg nere."
    # Every script of the page is in before the server stops.
    page.wait_for_function(
        "() => window.htmx && window.toolkitAnnounce && document.readyState === 'complete'"
    )

    live_server.stop()
    box.fill(text)
    form.get_by_role("button", name="Skicka svar").click()
    expect(form.locator("[data-send-status]")).to_contain_text("Inte skickat än")
    expect(box).to_have_value(text)
    expect(page.locator("[data-live-status]")).to_contain_text("1 svar är inte skickat än")

    live_server.start()  # the same port, as after a crash
    expect(page.locator(".mine .answer-text", has_text=text)).to_have_count(1, timeout=60_000)
    expect(page.locator("[data-live-status]")).to_have_text("")
    page.reload()
    expect(page.locator(".mine .answer-text", has_text=text)).to_have_count(1)
    expect(page.get_by_label("Ditt svar").first).to_have_value(re.compile("^$"))


def test_a_case_path_step_sent_while_the_server_is_down_is_added_once(live_server, new_page):
    assert (
        live_server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    )
    process_id, code = demo_process(live_server)
    leader = new_page()
    leader.goto(f"{live_server.url}/logga-in")
    leader.get_by_label("Användarnamn").fill("lea")
    leader.get_by_label("Lösenord").fill(PASSWORD)
    leader.get_by_role("button", name="Logga in").click()
    leader.goto(f"{live_server.url}/processer/{process_id}")
    leader.get_by_role("button", name=re.compile("workshop 3$")).click()
    leader.get_by_role("button", name=re.compile("^Övning 6")).first.click()
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{code}")
    page.get_by_label("Socialtjänst").check()
    page.get_by_role("button", name="Gå in i workshoppen").click()
    expect(page.locator("#exercise h1")).to_contain_text("Övning 6")
    problems = axe_check(page, WCAG21_AA)
    assert not problems, problems
    form = page.locator("#case-paths form[data-answer-form]").first
    box = form.get_by_label(re.compile("^Nästa steg: vad händer"))
    text = "Kuratorn ringer hem medan servern ligger nere."
    steps = page.locator("#case-paths .step-line", has_text=text)
    page.wait_for_function(
        "() => window.htmx && window.toolkitAnnounce && document.readyState === 'complete'"
    )

    live_server.stop()
    box.fill(text)
    form.get_by_role("button", name=re.compile("^Lägg till steg")).click()
    expect(form.locator("[data-send-status]")).to_contain_text("Inte skickat än")
    expect(box).to_have_value(text)

    live_server.start()
    expect(steps).to_have_count(1, timeout=60_000)
    expect(page.locator("[data-live-status]")).to_have_text("")
    page.reload()
    expect(steps).to_have_count(1)
