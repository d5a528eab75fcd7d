"""Two process leaders steer one live room from two browsers; a reader comments on a section."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import axe_check
from tests.helpers.web import PASSWORD


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/logga-in")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def add_to_team(leader, username: str, role: str) -> None:
    leader.get_by_role("link", name="Processens team").click()
    leader.get_by_label("Användarnamn").fill(username)
    leader.locator("#role").select_option(label=role)
    leader.get_by_role("button", name="Lägg till").click()
    expect(leader.locator("tr[data-member]", has_text=username)).to_contain_text(role)
    leader.get_by_role("link", name="← Ragunda Trampolinen").click()


def test_two_leaders_steer_one_room_and_a_reader_comments(leader, live_server, new_page):
    for username in ("kollega", "styrgrupp"):
        made = live_server.cli("create-user", "--username", username, "--password", PASSWORD)
        assert made.returncode == 0, made.stderr
    process_url = leader.url
    add_to_team(leader, "kollega", "Processledare")
    leader.get_by_role("link", name="Processens team").click()
    leader.get_by_role("button", name="Skapa inbjudningslänk").click()
    expect(leader.get_by_label("Inbjudningslänk")).to_have_value(re.compile("/inbjudan/"))
    assert not (problems := axe_check(leader)), problems
    leader.get_by_role("link", name="Administration").click()
    expect(leader.locator("tr[data-account]", has_text="kollega")).to_contain_text("Öppet")
    assert not (problems := axe_check(leader)), problems
    leader.goto(process_url)
    add_to_team(leader, "styrgrupp", "Läsare")
    assert not (problems := axe_check(leader)), problems
    code = leader.locator("strong.code").first.inner_text()
    leader.get_by_role("button", name="Starta workshop 1").click()
    projector = leader.context.new_page()
    projector.goto(leader.url.replace("/styr", "/projektor"))

    colleague = new_page()
    log_in(colleague, live_server.url, "kollega")
    colleague.get_by_role("link", name="Ragunda Trampolinen").click()
    colleague.get_by_role("link", name="Till ledarvyn").click()
    expect(
        colleague.get_by_role("heading", level=2, name=re.compile("På projektorn nu"))
    ).to_be_visible()

    participant = new_page(viewport={"width": 390, "height": 844})
    participant.goto(f"{live_server.url}/{code}")
    participant.get_by_label("Socialtjänst", exact=True).check()
    participant.get_by_role("button", name="Gå in i workshoppen").click()
    expect(participant.locator("h1")).to_contain_text("Övning 1")

    # A participant's answer reaches both leaders' control views live.
    participant.get_by_label("Ditt svar").first.fill("Barnen får hjälp för sent.")
    participant.get_by_role("button", name="Skicka svar").first.click()
    for control in (leader, colleague):
        expect(control.locator("#answers")).to_contain_text("Barnen får hjälp för sent.")

    # The co-leader moves the room on, then the owner does: both steer the same room.
    colleague.get_by_role("button", name="Nästa övning →").click()
    for page in (participant, projector):
        expect(page.locator("h1")).to_contain_text("Övning 2")
    leader.reload()
    leader.get_by_role("button", name="Nästa övning →").click()
    for page in (participant, projector):
        expect(page.locator("h1")).to_contain_text("Övning 3")

    # The reader downloads the beslutsunderlag and comments; the leaders see it by the section.
    reader = new_page()
    log_in(reader, live_server.url, "styrgrupp")
    reader.get_by_role("link", name="Ragunda Trampolinen").click()
    reader.get_by_role("link", name="Öppna dokumenten").click()
    reader.get_by_role("link", name=re.compile("Beslutsunderlag")).first.click()
    with reader.expect_download() as download:
        reader.get_by_role("button", name="Ladda ned Word").click()
    assert download.value.suggested_filename.endswith(".docx")
    section = reader.locator("#avsnitt-bakgrund")
    assert section.locator("[data-section-box]").count() == 0
    section.get_by_label("Kommentera Bakgrund").fill("Hur många elever gäller det?")
    section.get_by_role("button", name="Spara kommentaren").click()
    expect(reader.locator("#avsnitt-bakgrund .comment")).to_contain_text("Hur många elever")
    assert not (problems := axe_check(reader)), problems
    colleague.goto(reader.url.split("#")[0])
    expect(colleague.locator("#avsnitt-bakgrund .comment")).to_contain_text("Hur många elever")
