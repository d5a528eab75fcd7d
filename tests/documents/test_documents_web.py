"""The documents pages: editing sections, sending answers, parts, versions, downloads, CLI."""

from io import BytesIO

from click.testing import CliRunner
from docx import Document
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.cli.commands import cli
from toolkit.documents import store, word_template
from toolkit.models import SECTION_MAX_LENGTH, Answer, Process
from toolkit.processes import retention

HTMX = {"HX-Request": "true"}


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


def answer_in_room(leader, room, text, question="varfor"):
    response = leader.post(
        f"/processer/{room.process_id}/styr/svar", data={"question": question, "text": text}
    )
    assert response.status_code == 302


def test_process_page_leads_to_the_documents(leader, room):
    soup = page(leader.get(f"/processer/{room.process_id}"))
    assert soup.select_one(f'a[href="{docs(room)}"]').get_text(strip=True) == "Öppna dokumenten"
    soup = page(leader.get(docs(room)))
    assert texts(soup, ".documents h2") == [
        "Beslutsunderlag",
        "Handlingsplan",
        "Beskrivning av den lokala modellen",
        "Tjänsteskrivelse",
        "Budget",
        "Ansökan om utvecklingsmedel",
    ]
    assert soup.select_one(f'a[href="{docs(room, "/modell/ladda-ner.docx")}"]')


def test_a_section_starts_from_the_workshop_and_shows_where_it_came_from(leader, room):
    answer_in_room(leader, room, "Barnen faller mellan stolarna.")
    soup = page(leader.get(docs(room, "/beslutsunderlag")))
    assert texts(soup, ".doc-section h2")[0] == "Bakgrund"
    textarea = soup.select_one("#text-bakgrund")
    assert "- Barnen faller mellan stolarna." in textarea.get_text()
    assert texts(soup, "#avsnitt-bakgrund .sources") == [
        "Underlag från: Workshop 1 · Övning 1 – Problem och förutsättningar"
    ]
    assert (
        "Kortare beskrivning av problemformulering" in texts(soup, "#avsnitt-bakgrund .guidance")[0]
    )


def test_saving_a_section_answers_with_the_fragment(leader, room):
    response = leader.post(
        docs(room, "/beslutsunderlag/avsnitt/bakgrund"),
        data={"text": "Vår bakgrund."},
        headers=HTMX,
    )
    soup = page(response)
    assert texts(soup, "[role=status]") == ["Sparat"]
    assert soup.select_one("#text-bakgrund").get_text() == "Vår bakgrund."


def test_a_too_long_section_is_refused_and_the_text_kept(leader, room, db):
    long_text = "ord " * (SECTION_MAX_LENGTH // 4 + 10)
    response = leader.post(
        docs(room, "/beslutsunderlag/avsnitt/bakgrund"), data={"text": long_text}
    )
    assert response.status_code == 422
    soup = page(response)
    assert "högst 20000 tecken" in texts(soup, "#avsnitt-bakgrund [role=alert]")[0]
    assert soup.select_one("#text-bakgrund").get_text() == long_text
    assert not store.sections_of(db, db.get(Process, room.process_id))


def test_preview_renders_markdown_without_raw_html(leader, room):
    response = leader.post(
        docs(room, "/forhandsvisning"),
        data={"text": "**Fet** <script>alert(1)</script> <img src=x onerror=alert(1)>"},
        headers=HTMX,
    )
    soup = page(response)
    assert soup.select_one("strong").get_text() == "Fet"
    assert not soup.select("script, img")
    assert "<script>alert(1)</script>" in soup.get_text()


def test_an_answer_on_the_control_view_can_be_sent_to_a_section(leader, room, db):
    answer_in_room(leader, room, "Vi behöver en gemensam väg in.")
    soup = page(leader.get(f"/processer/{room.process_id}/styr"))
    assert soup.select_one("label[for=send-target]").get_text(strip=True)
    assert "beslutsunderlag/bakgrund" in [o["value"] for o in soup.select("#send-target option")]
    assert texts(soup, "#answers button[hx-post$='/dokument/skicka']") == ["Skicka till dokument"]
    answer = db.exec(select(Answer)).first()
    response = leader.post(
        docs(room, "/skicka"),
        data={"answer": answer.id, "target": "beslutsunderlag/delaktighet"},
        headers=HTMX,
    )
    assert texts(page(response), "[role=status]") == ["Skickat till Delaktighet (Beslutsunderlag)."]
    section = store.sections_of(db, db.get(Process, room.process_id))[
        ("beslutsunderlag", "delaktighet")
    ]
    assert section.text == (
        "Vi behöver en gemensam väg in. "
        "*(Workshop 1 · Övning 1 – Problem och förutsättningar · Varför behövs "
        "utvecklingsarbetet?)*"
    )


def test_sending_without_a_chosen_section_says_so(leader, room, db):
    answer_in_room(leader, room, "Ett svar.")
    answer = db.exec(select(Answer)).first()
    response = leader.post(
        docs(room, "/skicka"), data={"answer": answer.id, "target": ""}, headers=HTMX
    )
    assert response.status_code == 422
    assert texts(page(response), "[role=status]") == [
        "Välj först vilket avsnitt svaret ska skickas till."
    ]


def test_results_page_offers_sending_too(leader, room):
    answer_in_room(leader, room, "Ett svar.")
    soup = page(leader.get(f"/processer/{room.process_id}/workshop/workshop-1/resultat"))
    assert soup.select_one("#send-target")
    assert texts(soup, ".answer button") == ["Skicka till dokument"]


def test_download_is_a_word_file_with_the_documents_headings(leader, room):
    response = leader.get(docs(room, "/handlingsplan/ladda-ner.docx"))
    assert response.status_code == 200
    assert "ragunda-trampolinen-handlingsplan.docx" in response.headers["Content-Disposition"]
    document = Document(BytesIO(response.data))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:3] == [
        "Mål",
        "Ledning och styrning",
        "Tidplan",
    ]
    markdown = leader.get(docs(room, "/handlingsplan/ladda-ner.md")).get_data(as_text=True)
    assert "## Ledning och styrning" in markdown
    assert leader.get(docs(room, "/okand/ladda-ner.docx")).status_code == 404


def test_an_activity_ending_before_it_starts_is_refused_with_the_input_kept(leader, room):
    response = leader.post(
        docs(room, "/handlingsplan/tidplan"),
        data={"name": "Baklänges", "start": "2026-05-01", "end": "2026-04-01"},
    )
    assert response.status_code == 422
    soup = page(response)
    assert texts(soup, "#del-activities [role=alert]") == [
        "Aktiviteten slutar innan den börjar. Ändra start eller slut."
    ]
    assert soup.select_one("#activity-name")["value"] == "Baklänges"


def test_example_activities_show_as_a_timeline_and_a_table(leader, room):
    leader.post(docs(room, "/handlingsplan/tidplan/exempel"))
    soup = page(leader.get(docs(room, "/handlingsplan")))
    assert len(soup.select(".timeline-bar")) == 7
    assert texts(soup, "#del-activities tbody tr td:first-child")[0] == (
        "Problembeskrivning och behovsanalys"
    )


def test_a_budget_figure_that_is_not_a_number_is_refused(leader, room):
    response = leader.post(
        docs(room, "/budget/budgetrad"),
        data={"kind": "kostnad:aktiviteter", "description": "Föreläsningar", "amount": "många"},
    )
    assert response.status_code == 422
    soup = page(response)
    assert "inte ett tal" in texts(soup, "#del-budget [role=alert]")[0]
    assert soup.select_one("#budget-description")["value"] == "Föreläsningar"


def test_budget_page_totals_and_warns(leader, room):
    leader.post(
        docs(room, "/budget/budgetrad"),
        data={
            "kind": "kostnad:personal",
            "description": "Samordnare",
            "amount": "600 000",
            "share": "1",
        },
    )
    soup = page(leader.get(docs(room, "/budget")))
    assert texts(soup, "#del-budget tfoot td.number") == ["600 000 kr", "0 kr"]
    assert "600 000 kr saknas" in texts(soup, "#del-budget p.error")[0]


def test_versions_are_compared_line_by_line(leader, room):
    leader.post(docs(room, "/handlingsplan/versioner"), data={"note": "Första"})
    leader.post(
        docs(room, "/handlingsplan/avsnitt/tillganglighet"), data={"text": "Drop-in varje tisdag."}
    )
    leader.post(docs(room, "/handlingsplan/versioner"), data={"note": "Andra"})
    soup = page(leader.get(docs(room, "/handlingsplan")))
    link = soup.select_one("#versioner a")
    assert link.get_text(strip=True) == "Jämför med version 1"
    soup = page(leader.get(link["href"]))
    assert texts(soup, ".diff .diff-added") == ["Tillagd: + Drop-in varje tisdag."]
    assert texts(soup, ".diff .diff-removed") == ["Borttagen: − *Ej ifyllt ännu.*"]


def test_a_corrupt_template_is_refused_and_the_old_one_kept(leader, room, db):
    good = BytesIO()
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Ragunda kommun"
    template.save(good)
    leader.post(docs(room, "/mall"), data={"template": (BytesIO(good.getvalue()), "ragunda.docx")})
    response = leader.post(
        docs(room, "/mall"), data={"template": (BytesIO(b"not a word file"), "bild.docx")}
    )
    assert response.status_code == 422
    assert "gick inte att öppna som ett Word-dokument" in texts(page(response), "[role=alert]")[0]
    assert (
        word_template.template_of(db, db.get(Process, room.process_id)).filename == "ragunda.docx"
    )
    exported = Document(BytesIO(leader.get(docs(room, "/budget/ladda-ner.docx")).data))
    assert exported.sections[0].header.paragraphs[0].text == "Ragunda kommun"


def test_cli_exports_and_refuses_bad_ids_and_names(app, leader, room, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    runner = CliRunner()
    target = tmp_path / "ut.docx"
    result = runner.invoke(
        cli,
        [
            "export",
            "--process",
            str(room.process_id),
            "--document",
            "modell",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    title = "Beskrivning av den lokala modellen – Ragunda Trampolinen"
    assert Document(str(target)).core_properties.title == title
    result = runner.invoke(
        cli, ["export", "--process", "999", "--document", "modell", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "Det finns ingen process med id 999." in result.output
    result = runner.invoke(
        cli, ["export", "--process", "1", "--document", "protokoll", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "Okänt dokument: protokoll" in result.output


def test_deleting_a_process_deletes_its_documents(db, leader, room):
    process = db.get(Process, room.process_id)
    store.save_section(db, process, "modell", "malgrupp", "Barn i förskolan.")
    store.add_goal(db, process, "Ett mål", "kort", "", "")
    retention.delete_process(db, process)
    assert db.get(Process, room.process_id) is None
