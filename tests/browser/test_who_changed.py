"""Two leaders steer one room from two browsers, and each sees the other's change by name."""

import os
import re

from playwright.sync_api import expect

from tests.helpers.browser import axe_check
from tests.helpers.web import PASSWORD


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/logga-in")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_each_leader_sees_the_others_change_with_the_right_name(leader, live_server, new_page):
    made = live_server.cli(
        "create-user", "--username", "kim", "--password", PASSWORD, "--name", "Kim Ek"
    )
    assert made.returncode == 0, made.stderr
    leader.get_by_role("link", name="Processens team").click()
    leader.get_by_label("Användarnamn").fill("kim")
    leader.locator("#role").select_option(label="Processledare")
    leader.get_by_role("button", name="Lägg till").click()
    leader.get_by_role("link", name="← Ragunda Trampolinen").click()
    code = leader.locator("strong.code").first.inner_text()
    leader.get_by_role("button", name="Starta workshop 1").click()
    latest = leader.locator("[data-latest-changes]")
    expect(latest).to_contain_text("lea startade Workshop 1")

    colleague = new_page()
    log_in(colleague, live_server.url, "kim")
    colleague.get_by_role("link", name="Ragunda Trampolinen").click()
    colleague.get_by_role("link", name="Till ledarvyn").click()
    participant = new_page(viewport={"width": 390, "height": 844})
    participant.goto(f"{live_server.url}/{code}")
    participant.get_by_label("Socialtjänst", exact=True).check()
    participant.get_by_role("button", name="Gå in i workshoppen").click()
    participant.get_by_label("Ditt svar").first.fill("Barnen får hjälp för sent.")
    participant.get_by_role("button", name="Skicka svar").first.click()

    # Kim holds the answers back and hides the participant's answer: Lea's view says so, live.
    colleague.get_by_role("button", name="Dölj svaren på projektorn").click()
    expect(latest.locator("[data-change]").first).to_contain_text("Kim Ek höll tillbaka svaren")
    answer = colleague.locator("#answers li", has_text="Barnen får hjälp för sent.")
    answer.get_by_role("button", name="Dölj", exact=True).click()
    expect(latest.locator("[data-change]").first).to_contain_text("Kim Ek dolde ett svar")
    lea_answer = leader.locator("#answers li", has_text="Barnen får hjälp för sent.")
    expect(lea_answer.locator("[data-answer-change]")).to_have_text("· dold av Kim Ek")

    # Lea moves the room on: Kim's view names her.
    leader.get_by_role("button", name="Nästa övning →").click()
    expect(colleague.locator("[data-latest-changes] [data-change]").first).to_contain_text(
        re.compile(r"^lea gick till Övning 2")
    )
    assert not (problems := axe_check(colleague)), problems

    colleague.get_by_role("link", name="Alla ändringar").click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Ändringar")
    lines = colleague.locator("[data-changes] [data-change]")
    expect(lines.first).to_contain_text("lea gick till Övning 2")
    expect(lines.nth(1)).to_contain_text("Kim Ek dolde ett svar")
    assert not (problems := axe_check(colleague)), problems
    if folder := os.environ.get("TOOLKIT_SCREENSHOTS"):  # to look at what was built
        colleague.screenshot(path=f"{folder}/andringar.png", full_page=True)
        leader.screenshot(path=f"{folder}/ledarvy.png", full_page=True)
