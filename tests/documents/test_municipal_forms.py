"""The municipality's forms: the tjänsteskrivelse as a letter, the ansökan om utvecklingsmedel,
named forums in the model, and drafts against final versions – through the pages and the files."""

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from sqlmodel import select

from tests.helpers.tools import convert_to_pdf
from tests.helpers.web import page, texts
from tests.helpers.worked_process import (
    ANSWERS,
    TODAY,
    WORKSHOP_2,
)
from toolkit.documents import export
from toolkit.models import ModelPart

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ENSKEDE = [
    "Bakgrund och syfte",
    "Beskrivning av insats",
    "Målgrupp",
    "Genomförande och metod",
    "Förväntat resultat",
    "Referensgrupp",
    "Implementering i ordinarie verksamhet",
    "Projekttid",
    "Utvärdering och uppföljning",
    "Projektbudget",
]


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


def downloaded(leader, room, document, fmt="docx", final=False):
    query = "?utgava=slutlig" if final else ""
    response = leader.get(docs(room, f"/{document}/ladda-ner.{fmt}{query}"))
    assert response.status_code == 200
    return response.data


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def under(document, title: str) -> list[str]:
    """The paragraphs' texts between a heading and the next one."""
    paragraphs = document.paragraphs
    start = next(
        i for i, p in enumerate(paragraphs) if p.text == title and "Heading" in p.style.name
    )
    rest = paragraphs[start + 1 :]
    end = next((i for i, p in enumerate(rest) if p.style.name.startswith("Heading")), len(rest))
    return [p.text for p in rest[:end]]


@pytest.fixture
def worked(db, content, all_workshops):
    process = all_workshops
    return process


HEADER = {
    "kommun": "Ragunda kommun",
    "forvaltning": "Barn- och utbildningsförvaltningen",
    "diarienummer": "KS 2022/123",
    "datum": "2022-09-22",
    "namnd": "Sociala utskottet och barn- och utbildningsutskottet",
    "rubrik": "Ragunda Trampolinen – behandlande skola",
    "handlaggare": "Gun Valli",
    "handlaggare-titel": "Verksamhetschef",
    "handlaggare-kontakt": "gun.valli@ragunda.se, 0696-68 20 00",
}


def test_the_tjansteskrivelse_header_is_edited_on_its_page_and_heads_the_letter(leader, room):
    soup = page(leader.get(docs(room, "/tjansteskrivelse")))
    form = soup.select_one("#huvud form")
    assert [label.get_text(strip=True) for label in form.select("label")] == [
        "Kommun",
        "Förvaltning",
        "Diarienummer",
        "Datum",
        "Nämnd eller utskott",
        "Ärendets rubrik",
        "Handläggare",
        "Handläggarens titel",
        "Handläggarens e-post och telefon",
    ]
    response = leader.post(docs(room, "/tjansteskrivelse/huvud"), data=HEADER)
    assert response.headers["Location"].endswith("/dokument/tjansteskrivelse#huvud")
    soup = page(leader.get(response.headers["Location"]))
    assert soup.select_one("#huvud-diarienummer")["value"] == "KS 2022/123"
    leader.post(
        docs(room, "/tjansteskrivelse/avsnitt/forslag-till-beslut"),
        data={"text": "Utskotten föreslår kommunstyrelsen att permanenta projektet."},
    )

    data = downloaded(leader, room, "tjansteskrivelse")
    document = Document(BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[:9] == [
        ("Normal", "Kommun: Ragunda kommun"),
        ("Normal", "Förvaltning: Barn- och utbildningsförvaltningen"),
        ("Normal", "Diarienummer: KS 2022/123"),
        ("Normal", "Datum: 2022-09-22"),
        ("Normal", "Nämnd eller utskott: Sociala utskottet och barn- och utbildningsutskottet"),
        ("Normal", "Handläggare: Gun Valli"),
        ("Normal", "Handläggarens titel: Verksamhetschef"),
        ("Normal", "Handläggarens e-post och telefon: gun.valli@ragunda.se, 0696-68 20 00"),
        ("Title", "Ragunda Trampolinen – behandlande skola"),
    ]
    assert paragraphs[9] == ("Heading 1", "Förslag till beslut")
    body = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert "TOC \\o" not in body and "Innehåll" not in body
    assert 'w:type="page"' not in body
    assert "Ej ifyllt ännu." not in body  # a letter leaves its empty sections out
    assert "Beslut skickas till" not in headings(document)
    footer = document.sections[0].footer
    instructions = " ".join(footer._element.xpath(".//w:instrText/text()"))
    assert " PAGE " in instructions and " NUMPAGES " in instructions
    assert footer.paragraphs[-1].text == "Sida 1 (1)"


def test_an_unfilled_header_falls_back_on_the_process(leader, room):
    document = Document(BytesIO(downloaded(leader, room, "tjansteskrivelse")))
    first = [p.text for p in document.paragraphs[:3]]
    assert first[0] == "Kommun: Ragunda kommun"
    assert first[2] == "Handläggare: Lea Leder"
    assert document.paragraphs[3].style.name == "Title"
    assert document.paragraphs[3].text == "Ragunda Trampolinen"


def test_the_letters_lists_read_one_line_each(leader, room):
    sections = {
        "underlag-for-beslut": "Projektbeskrivning Ragunda Trampolinen, 2022-09-22\n"
        "Ragunda Trampolinen – arbetsgång, 2022-09-22\nUtvärdering hösten 2021",
        "beredande-handlaggare": "Gun Valli, verksamhetschef, Individ- och familjeomsorgen\n"
        "Maria Renvall, förvaltningschef, Barn- och utbildningsförvaltningen",
        "beslut-skickas-till": "Kommunstyrelsen\n- Rektorerna",
    }
    soup = page(leader.get(docs(room, "/tjansteskrivelse")))
    hint = texts(soup, "#avsnitt-beredande-handlaggare p.muted")[0]
    assert hint.startswith("En person per rad: namn, titel, förvaltning")
    for key, text in sections.items():
        leader.post(docs(room, f"/tjansteskrivelse/avsnitt/{key}"), data={"text": text})

    document = Document(BytesIO(downloaded(leader, room, "tjansteskrivelse")))

    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Dokument"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows[-3:] == [
        ["Projektbeskrivning Ragunda Trampolinen", "2022-09-22"],
        ["Ragunda Trampolinen – arbetsgång", "2022-09-22"],
        ["Utvärdering hösten 2021", ""],
    ]
    assert under(document, "Beredande handläggare")[:2] == [
        "Gun Valli\nverksamhetschef\nIndivid- och familjeomsorgen",
        "Maria Renvall\nförvaltningschef\nBarn- och utbildningsförvaltningen",
    ]
    sent_to = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.text in ("Kommunstyrelsen", "Rektorerna")
    ]
    assert sent_to == [("List Bullet", "Kommunstyrelsen"), ("List Bullet", "Rektorerna")]


def test_the_ansokan_has_enskedes_sections_filled_from_the_workshops(db, content, worked):
    outline = content.outlines.document("ansokan")
    assert [s.title for s in outline.sections] == ENSKEDE
    data, name, _ = export.export_document(db, content, worked, "ansokan", "docx", TODAY)
    assert name == "ragunda-trampolinen-ansokan.docx"
    document = Document(BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ENSKEDE
    assert any(ANSWERS["ovning-1"][0][1] in text for text in under(document, "Bakgrund och syfte"))
    målgrupp = " ".join(under(document, "Målgrupp"))
    assert WORKSHOP_2["ovning-4a"][0][2] in målgrupp
    assert "Mentorn uppmärksammar oro och frånvaro" in " ".join(
        under(document, "Genomförande och metod")
    )
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert any("Kostnader" in c for c in captions) and any("Finansiering" in c for c in captions)
    costs = next(t for t in document.tables if t.rows[0].cells[0].text == "Kostnadsslag")
    assert costs.rows[-1].cells[0].text == "Summa kostnader"


def test_the_ansokan_has_its_page_with_the_budget_forms(leader, room):
    soup = page(leader.get(docs(room, "/ansokan")))
    assert soup.select_one("h1").get_text(strip=True) == "Ansökan om utvecklingsmedel"
    assert texts(soup, ".doc-section > h2") == ENSKEDE
    line = {"kind": "kostnad:personal", "description": "Samordnare", "amount": "500 000"}
    response = leader.post(docs(room, "/ansokan/budgetrad"), data={**line, "share": "1"})
    assert response.status_code == 302
    soup = page(leader.get(docs(room, "/budget")))
    assert "Samordnare" in " ".join(texts(soup, "#del-budget td"))


def test_forums_are_added_renamed_moved_and_removed_through_the_page(leader, room, db):
    assert leader.post(docs(room, "/modell/forum"), data={"title": ""}).status_code == 422
    response = leader.post(docs(room, "/modell/forum"), data={"title": "Arbetsgrupp/styrgrupp"})
    assert response.status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert texts(soup, "#del-forums h3") == [
        "Styrgrupp",
        "Arbetsgrupp",
        "Beslutsforum",
        "Arbetsgrupp/styrgrupp",
    ]
    new = db.exec(select(ModelPart).where(ModelPart.title == "Arbetsgrupp/styrgrupp")).one()
    saved = {"title": "Arbetsgrupp/styrgrupp", "who": "Rektor, enhetschef IFO"}
    leader.post(
        docs(room, f"/modell/forum/{new.key}"), data={**saved, "when_or_lead": "Varannan vecka"}
    )
    leader.post(docs(room, f"/modell/forum/{new.key}/flytta"), data={"riktning": "upp"})
    leader.post(docs(room, "/modell/forum/beslutsforum"), data={"title": "Ledningsgrupp"})
    leader.post(docs(room, "/modell/forum/arbetsgrupp/ta-bort"))

    soup = page(leader.get(docs(room, "/modell")))
    assert texts(soup, "#del-forums h3") == ["Styrgrupp", "Arbetsgrupp/styrgrupp", "Ledningsgrupp"]
    assert soup.select_one(f"#forum-{new.key}-when")["value"] == "Varannan vecka"
    document = Document(BytesIO(downloaded(leader, room, "modell")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Forum")
    assert [row.cells[0].text for row in table.rows[1:]] == ["Arbetsgrupp/styrgrupp"]
    assert table.rows[1].cells[2].text == "Varannan vecka"


def test_a_draft_marks_what_is_empty_and_a_final_version_leaves_it_out(leader, room):
    answer = {"question": "varfor", "text": "Skola och IFO arbetar i två spår."}
    assert leader.post(f"/processer/{room.process_id}/styr/svar", data=answer).status_code == 302
    leader.post(docs(room, "/beslutsunderlag/avsnitt/resurser"), data={"text": "En samordnare."})
    soup = page(leader.get(docs(room, "/beslutsunderlag")))
    assert [i["value"] for i in soup.select(".download-choice input[name=utgava]")] == [
        "utkast",
        "slutlig",
    ]
    assert "(tomt)" in " ".join(texts(soup, ".doc-toc li"))

    draft = Document(BytesIO(downloaded(leader, room, "beslutsunderlag")))
    final = Document(BytesIO(downloaded(leader, room, "beslutsunderlag", final=True)))

    draft_texts = [p.text for p in draft.paragraphs]
    assert "Ej ifyllt ännu." in draft_texts and "Målbeskrivning" in headings(draft)
    assert any(t.startswith("Underlag från workshopparna") for t in draft_texts)
    final_texts = [p.text for p in final.paragraphs]
    assert "Ej ifyllt ännu." not in final_texts
    assert not any("Underlag från workshopparna" in t for t in final_texts)
    assert "Resurser" in headings(final) and "Målbeskrivning" not in headings(final)
    assert "Skola och IFO arbetar i två spår." in " ".join(final_texts)
    assert "Version: Utkast" in draft_texts and "Version: Utkast" not in final_texts
    markdown = downloaded(leader, room, "beslutsunderlag", "md", final=True).decode()
    assert "Ej ifyllt" not in markdown and "Underlag från" not in markdown


def test_every_new_form_converts_with_libreoffice(db, content, worked, tmp_path: Path):
    sources = []
    for key in ("tjansteskrivelse", "ansokan"):
        for final in (False, True):
            data, _, _ = export.export_document(db, content, worked, key, "docx", TODAY, final)
            source = tmp_path / f"{key}-{'slutlig' if final else 'utkast'}.docx"
            source.write_bytes(data)
            sources.append(source)
    result = convert_to_pdf(sources, tmp_path)
    assert result.returncode == 0, result.stderr
    for source in sources:
        assert source.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
