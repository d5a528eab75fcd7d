"""The process leader sends a workshop answer into the beslutsunderlag and downloads it as Word."""

from docx import Document
from playwright.sync_api import expect

from tests.helpers.browser import axe_check
from toolkit.config import ROOT
from toolkit.content import load_content

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
        page.get_by_role("button", name="Ladda ned Word").click()
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
    for document in ("modell", "tjansteskrivelse", "ansokan", "beslutsunderlag"):
        page.goto(f"{documents}/{document}")
        assert not (problems := axe_check(page)), (document, problems)


def word_texts(page, tmp_path, name: str) -> list[str]:
    """Every paragraph and table cell of the page's downloaded Word file."""
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Ladda ned Word").click()
    path = tmp_path / f"{name}.docx"
    download_info.value.save_as(path)
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def word_rows(page, tmp_path, name: str) -> list[list[str]]:
    """The rows of every table in the page's downloaded Word file."""
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Ladda ned Word").click()
    path = tmp_path / f"{name}-tabeller.docx"
    download_info.value.save_as(path)
    tables = Document(str(path)).tables
    return [[cell.text for cell in row.cells] for table in tables for row in table.rows]


def save_text_sections(page, outline) -> list[str]:
    """Save two text sections: one through htmx, one as a plain form post; both stay on the page."""
    written = []
    plain = [s for s in outline.sections if not s.part][:2]
    for index, section in enumerate(plain):
        box = page.locator(f"#avsnitt-{section.key}")
        text = f"{outline.title}: vår text om {section.title.lower()}."
        box.get_by_label(f"Text till {section.title}", exact=True).fill(text)
        if index == 0:
            box.get_by_role("button", name="Spara avsnittet").click()
            expect(box.get_by_role("status")).to_have_text("Sparat")
        else:  # the form as without JavaScript: submit() is not seen by htmx
            with page.expect_navigation():
                box.locator("form[data-section-form]").evaluate("form => form.submit()")
            expect(page.get_by_role("status").first).to_have_text(
                f"Avsnittet {section.title} är sparat."
            )
        page.reload()
        expect(box.get_by_label(f"Text till {section.title}", exact=True)).to_have_value(text)
        written.append(text)
    return written


def test_every_part_of_every_document_page_is_saved_and_reaches_word(leader, live_server, tmp_path):
    page = leader
    documents = page.url.rstrip("/") + "/dokument"
    outlines = load_content(ROOT).outlines

    # A save that fails (here the old 404) keeps the typed text and says so in Swedish.
    page.goto(f"{documents}/beslutsunderlag")
    page.route(
        "**/avsnitt/bakgrund",
        lambda route: route.fulfill(status=404, content_type="text/html", body="<h1>Nej</h1>"),
    )
    box = page.locator("#avsnitt-bakgrund")
    box.get_by_label("Text till Bakgrund").fill("Text som inte får försvinna.")
    box.get_by_role("button", name="Spara avsnittet").click()
    expect(box.get_by_role("alert")).to_contain_text("Texten kunde inte sparas.")
    expect(box.get_by_label("Text till Bakgrund")).to_have_value("Text som inte får försvinna.")
    page.unroute("**/avsnitt/bakgrund")

    for outline in outlines.documents:
        page.goto(f"{documents}/{outline.key}")
        written = save_text_sections(page, outline)
        in_word = word_texts(page, tmp_path, outline.key)
        for text in written:
            assert any(text in paragraph for paragraph in in_word), (outline.key, text)

    # The model page: SKR's example activities, a status, a removal, a forum and a step.
    page.goto(f"{documents}/modell")
    page.get_by_role("button", name="Börja med SKR:s exempelaktiviteter").click()
    expect(page.locator(".timeline-bar")).to_have_count(7)
    page.get_by_label("Status för Praktiska förberedelser").select_option("Pågår")
    page.get_by_role("button", name="Ändra status för Praktiska förberedelser").click()
    expect(page.get_by_role("status").first).to_have_text("Praktiska förberedelser är nu pågår.")
    page.get_by_role("button", name="Ta bort Uppföljning", exact=True).click()
    expect(page.locator(".timeline-bar")).to_have_count(6)
    forum = page.locator("#forum-styrgrupp")
    forum.get_by_label("Vilka ingår").fill("Socialchef, rektor, verksamhetschef BUP")
    forum.get_by_label("Hur ofta de träffas").fill("Varannan vecka")
    forum.get_by_label("Vad de beslutar").fill("Resurser och prioriteringar")
    forum.get_by_role("button", name="Spara styrgrupp").click()
    expect(page.get_by_role("status").first).to_have_text("Forumet Styrgrupp är sparat.")
    expect(page.locator("#forum-styrgrupp-when")).to_have_value("Varannan vecka")
    # Ragunda's fourth forum: added by name, described, moved to the top.
    page.get_by_label("Nytt forum").fill("Arbetsgrupp/styrgrupp")
    page.get_by_role("button", name="Lägg till forum").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Forumet Arbetsgrupp/styrgrupp är tillagt."
    )
    added = page.locator(".model-part", has_text="Arbetsgrupp/styrgrupp").last
    added.get_by_label("Hur ofta de träffas").fill("Varannan vecka")
    added.get_by_role("button", name="Spara arbetsgrupp/styrgrupp").click()
    for _ in range(3):
        added = page.locator(".model-part", has_text="Arbetsgrupp/styrgrupp").last
        added.get_by_role("button", name="Flytta upp Arbetsgrupp/styrgrupp").click()
    expect(page.locator("#del-forums h3").first).to_have_text("Arbetsgrupp/styrgrupp")
    step = page.locator("#step-forberedelser")
    step.get_by_label("Vilka deltar").fill("Familjen och skolan")
    step.get_by_label("Vem ansvarar").fill("Samordnaren")
    step.get_by_label("Vad sker").fill("Ett första möte hemma hos familjen")
    step.get_by_role("button", name="Spara steget förberedelser inför beslut").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Steget Förberedelser inför beslut är sparat."
    )
    expect(page.locator("#step-forberedelser-lead")).to_have_value("Samordnaren")
    rows = word_rows(page, tmp_path, "modell")
    assert [
        "Styrgrupp",
        "Socialchef, rektor, verksamhetschef BUP",
        "Varannan vecka",
        "Resurser och prioriteringar",
    ] in rows
    assert ["Arbetsgrupp/styrgrupp", "", "Varannan vecka", ""] in rows
    assert [
        "Förberedelser inför beslut",
        "Familjen och skolan",
        "Samordnaren",
        "Ett första möte hemma hos familjen",
    ] in rows
    assert any(row[0] == "Praktiska förberedelser" and row[-1] == "Pågår" for row in rows)
    assert not any(row[0] == "Uppföljning" for row in rows)

    # The handlingsplan: a goal, and an activity added and marked done.
    page.goto(f"{documents}/handlingsplan")
    page.get_by_role("textbox", name="Mål", exact=True).fill("Två familjer aktiva")
    page.get_by_label("Kort- eller långsiktigt").select_option("Kortsiktigt")
    page.get_by_label("Så följs det upp").fill("Årlig utvärdering")
    page.get_by_role("button", name="Lägg till mål").click()
    expect(page.locator("#del-goals tbody td").first).to_have_text("Två familjer aktiva")
    page.get_by_label("Aktivitet", exact=True).fill("Föräldraträff")
    page.get_by_label("Start", exact=True).fill("2026-10-01")
    page.get_by_label("Slut", exact=True).fill("2026-10-31")
    page.get_by_label("Ansvarig").fill("Skolsocionom")
    page.get_by_role("button", name="Lägg till aktivitet").click()
    page.get_by_label("Status för Föräldraträff").select_option("Klar")
    page.get_by_role("button", name="Ändra status för Föräldraträff").click()
    expect(page.get_by_label("Status för Föräldraträff")).to_have_value("klar")
    rows = word_rows(page, tmp_path, "handlingsplan")
    assert ["Två familjer aktiva", "Kortsiktigt", "Årlig utvärdering", ""] in rows
    assert ["Föräldraträff", "2026-10-01", "2026-10-31", "Skolsocionom", "Klar"] in rows

    # The budget: lines added, one changed where it stands, one moved, one removed.
    page.goto(f"{documents}/budget")
    for kind, description, share, amount in [
        ("Personal", "Samordnare", "1", "600 000"),
        ("Lokaler", "Lokal", "", "50 000"),
        ("Övrigt", "Resor", "", "5 000"),
        ("Egen insats", "Kommunen", "", "660 000"),
    ]:
        page.get_by_label("Kostnads- eller finansieringsslag", exact=True).select_option(kind)
        page.get_by_label("Beskrivning", exact=True).fill(description)
        page.get_by_label("Andel av heltid (personal)").fill(share)
        page.get_by_label("Belopp i kronor", exact=True).fill(amount)
        page.get_by_role("button", name="Lägg till rad").click()
        expect(page.get_by_role("status").first).to_have_text(f"Raden {description} är tillagd.")
    costs = page.locator("table", has=page.locator("caption", has_text="Kostnader"))
    expect(costs.locator("tbody tr").nth(0)).to_contain_text("1,00")
    page.get_by_role("link", name="Ändra raden Lokal").click()
    assert not (problems := axe_check(page)), problems
    page.get_by_label("Beskrivning för raden Lokal").fill("Lokal i skolan")
    page.get_by_label("Belopp i kronor för raden Lokal").fill("55 000")
    page.get_by_role("button", name="Spara raden").click()
    expect(page.get_by_role("status").first).to_have_text("Raden Lokal i skolan är ändrad.")
    expect(costs.locator("tbody tr").nth(1)).to_contain_text("Lokal i skolan")
    expect(costs.locator("tbody tr").nth(1)).to_contain_text("55 000 kr")
    page.get_by_role("button", name="Flytta upp raden Lokal i skolan").click()
    expect(costs.locator("tbody tr").nth(0)).to_contain_text("Lokal i skolan")
    page.get_by_role("button", name="Ta bort raden Resor").click()
    expect(costs.locator("tbody tr")).to_have_count(2)
    rows = word_rows(page, tmp_path, "budget")
    cost_rows = [row for row in rows if row[0] in ("Personal", "Lokaler", "Övrigt")]
    assert [row[1] for row in cost_rows] == ["Lokal i skolan", "Samordnare"]
    assert cost_rows[1][2] in ("1", "1,0", "1,00")
    assert cost_rows[0][-1].replace("\u00a0", " ") == "55 000 kr"
    assert not (problems := axe_check(page)), problems
