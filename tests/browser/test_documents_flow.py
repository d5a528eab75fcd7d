"""The process leader sends a workshop answer into the beslutsunderlag and downloads it as Word."""

from docx import Document
from playwright.sync_api import expect

from tests.helpers.browser import axe_check

PASSWORD = "hemligt-lösen-1"
ANSWER = (
    "Skola och IFO arbetar i två spår: skolan med eleven, IFO med familjen. "
    "Vi behöver ett gemensamt arbetssätt med helhetssyn."
)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_answer_sent_from_the_control_view_reaches_the_word_file(live_server, new_page, tmp_path):
    created = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    demo = live_server.cli("demo", "--username", "lea")
    assert demo.returncode == 0, demo.stderr
    process_id = demo.stdout.split("id ")[1].split(",")[0]

    page = new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/processer/{process_id}")
    page.get_by_role("link", name="Öppna dokumenten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dokument"
    assert not (problems := axe_check(page)), problems

    # The demo's workshops already feed Delaktighet: the sent answer follows that draft.
    page.goto(f"{live_server.url}/processer/{process_id}/dokument/beslutsunderlag")
    draft = page.get_by_label("Text till Delaktighet").input_value()
    assert draft
    page.goto(f"{live_server.url}/processer/{process_id}/styr")
    page.get_by_role("button", name="Övning 1 – Problem och förutsättningar").click()
    page.get_by_label("Skicka svar till avsnitt").select_option("beslutsunderlag/delaktighet")
    answer = page.locator("#answers li.answer", has_text=ANSWER)
    answer.get_by_role("button", name="Skicka till dokument").click()
    status = answer.get_by_role("status")
    status.wait_for()
    assert status.inner_text() == "Skickat till Delaktighet (Beslutsunderlag)."

    page.goto(f"{live_server.url}/processer/{process_id}/dokument/beslutsunderlag")
    text = page.get_by_label("Text till Delaktighet").input_value()
    assert text == draft + (
        f"\n\n{ANSWER} *(Workshop 1 · Övning 1 – Problem och förutsättningar · "
        "Varför behövs utvecklingsarbetet?, Skola/elevhälsa)*"
    )
    page.get_by_label("Text till Resurser").fill("**Skolsocionom** 100 %")
    page.locator("#avsnitt-resurser").get_by_role("button", name="Förhandsvisa").click()
    assert page.locator("#forhandsvisning-resurser strong").inner_text() == "Skolsocionom"
    resurser = page.locator("#avsnitt-resurser")
    resurser.get_by_role("button", name="Spara avsnittet").click()
    assert resurser.get_by_role("status").inner_text() == "Sparat"
    assert not (problems := axe_check(page)), problems

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner Word").click()
    path = tmp_path / "beslutsunderlag.docx"
    download_info.value.save_as(path)
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Bakgrund", "Målbeskrivning", "Styrning och ledning"]
    paragraphs = document.paragraphs

    def under(title: str) -> list[str]:
        index = next(
            i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == title
        )
        rest = paragraphs[index + 1 :]
        end = next((i for i, p in enumerate(rest) if p.style.name == "Heading 1"), len(rest))
        return [p.text for p in rest[:end]]

    assert any(text.startswith(ANSWER) for text in under("Delaktighet"))
    assert under("Resurser")[0] == "Skolsocionom 100 %"


def test_document_pages_with_their_parts_pass_axe(live_server, new_page):
    assert (
        live_server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    )
    demo = live_server.cli("demo", "--username", "lea")
    process_id = demo.stdout.split("id ")[1].split(",")[0]
    page = new_page()
    log_in(page, live_server)
    documents = f"{live_server.url}/processer/{process_id}/dokument"
    page.goto(f"{documents}/handlingsplan")
    expect(page.locator(".timeline-bar")).to_have_count(5)  # the demo's tidplan
    page.get_by_role("textbox", name="Mål", exact=True).fill("Två familjer aktiva")
    page.get_by_role("button", name="Lägg till mål").click()
    page.get_by_role("button", name="Spara som ny version").click()
    assert (
        page.get_by_role("status").first.inner_text() == "Version 1 av handlingsplanen är sparad."
    )
    assert not (problems := axe_check(page)), problems
    page.goto(f"{documents}/budget")
    page.get_by_label("Beskrivning").fill("Samordnare")
    page.get_by_label("Belopp i kronor").fill("ett par kronor")
    page.get_by_role("button", name="Lägg till rad").click()
    assert "inte ett tal" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Beskrivning").input_value() == "Samordnare"
    assert not (problems := axe_check(page)), problems
    for document in ("modell", "tjansteskrivelse"):
        page.goto(f"{documents}/{document}")
        assert not (problems := axe_check(page)), (document, problems)
