"""Two tabs save one section: the older one sees both texts side by side and chooses."""

from playwright.sync_api import expect

from tests.helpers.browser import axe_check
from tests.helpers.web import PASSWORD


def documents_url(page) -> str:
    return page.url.rstrip("/") + "/dokument/beslutsunderlag"


def test_the_older_tab_sees_both_texts_and_keeps_its_own(leader):
    url = documents_url(leader)
    other = leader.context.new_page()
    leader.goto(url)
    other.goto(url)
    theirs = other.locator("#avsnitt-bakgrund")
    theirs.get_by_label("Text till Bakgrund").fill("Den andra flikens text.")
    theirs.get_by_role("button", name="Spara avsnittet").click()
    expect(theirs.get_by_role("status")).to_have_text("Sparat")

    mine = leader.locator("#avsnitt-bakgrund")
    mine.get_by_label("Text till Bakgrund").fill("Min text.")
    mine.get_by_role("button", name="Spara avsnittet").click()

    expect(mine.get_by_role("alert").first).to_contain_text("Någon annan har ändrat avsnittet")
    assert mine.get_by_label("Din text").input_value() == "Min text."
    stored = mine.get_by_label("Den sparade texten (ändrad av någon annan)")
    assert stored.input_value() == "Den andra flikens text."
    assert not (problems := axe_check(leader)), problems

    mine.get_by_role("button", name="Redigera en sammanfogad text").click()
    expect(mine.get_by_label("Din text")).to_have_value("Den andra flikens text.\nMin text.")
    mine.get_by_label("Din text").fill("Båda flikarnas text.")
    mine.get_by_role("button", name="Behåll min text").click()
    expect(mine.get_by_role("status")).to_have_text("Sparat")
    leader.reload()
    assert leader.get_by_label("Text till Bakgrund").input_value() == "Båda flikarnas text."


def test_without_javascript_the_conflict_is_chosen_on_the_whole_page(leader, live_server, new_page):
    url = documents_url(leader)
    plain = new_page(java_script_enabled=False)
    plain.goto(f"{live_server.url}/logga-in")
    plain.get_by_label("Användarnamn").fill("lea")
    plain.get_by_label("Lösenord").fill(PASSWORD)
    plain.get_by_role("button", name="Logga in").click()
    plain.goto(url)
    leader.goto(url)
    leader.get_by_label("Text till Bakgrund").fill("Sparat med htmx.")
    leader.locator("#avsnitt-bakgrund").get_by_role("button", name="Spara avsnittet").click()
    expect(leader.locator("#avsnitt-bakgrund").get_by_role("status")).to_have_text("Sparat")

    plain.get_by_label("Text till Bakgrund").fill("Utan JavaScript.")
    plain.locator("#avsnitt-bakgrund").get_by_role("button", name="Spara avsnittet").click()

    section = plain.locator("#avsnitt-bakgrund")
    assert section.get_by_label("Din text").input_value() == "Utan JavaScript."
    stored = section.get_by_label("Den sparade texten (ändrad av någon annan)")
    assert stored.input_value() == "Sparat med htmx."
    section.get_by_role("button", name="Ta den sparade texten").click()
    assert plain.get_by_label("Text till Bakgrund").input_value() == "Sparat med htmx."
    expect(plain.get_by_role("status").first).to_contain_text("Den sparade texten gäller.")
