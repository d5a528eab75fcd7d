"""The documents: assembled from the workshops, exported to Word and Markdown and read back."""

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.helpers.tools import convert_to_pdf
from tests.helpers.worked_process import CIRCLES, TODAY
from toolkit.accounts import users
from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import ContentError
from toolkit.content.outline import DOCUMENT_KEYS
from toolkit.documents import budget, build, store, word_template
from toolkit.documents.formats import build_docx, build_markdown
from toolkit.errors import Rejected
from toolkit.models import SECTION_MAX_LENGTH
from toolkit.processes import data as processes


@pytest.fixture
def worked(db, content, trampolinen):
    """The Trampolinen process, fully worked, and its gathered document data with circles."""
    process = trampolinen
    return process, build.gather(db, content, process, circles=CIRCLES)


def docx_of(gathered, key):
    return Document(BytesIO(build_docx(build.build_document(gathered, key, TODAY))))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def outline_headings(outline) -> list[tuple[int, str]]:
    """The headings the outline gives: a shared heading ("Mål") once, its sections below it."""
    expected, group = [], ""
    for section in outline.sections:
        if section.under and section.under != group:
            expected.append((1, section.under))
        group = section.under
        expected.append((2 if group else 1, section.title))
    return expected


def levelled_headings(document) -> list[tuple[int, str]]:
    return [(int(p.style.name[-1]), p.text) for p in document.paragraphs if p.style.name in LEVELS]


LEVELS = ("Heading 1", "Heading 2")


def test_every_document_has_skrs_sections_as_headings_in_order(worked, content):
    _, gathered = worked
    for outline in content.outlines.documents:
        found = levelled_headings(docx_of(gathered, outline.key))
        expected = outline_headings(outline)
        if outline.form == "letter":  # a letter leaves its empty sections out
            expected = [h for h in expected if h in found]
            assert len(found) >= 4, found
        assert [h for h in found if h[0] == 1 or h in expected] == expected, outline.key


def test_the_models_goals_sit_under_one_heading(worked):
    _, gathered = worked
    found = levelled_headings(docx_of(gathered, "modell"))
    start = found.index((1, "Mål"))
    assert found[start + 1 : start + 3] == [(2, "Effektmål"), (2, "Kortsiktiga mål")]


def test_beslutsunderlag_has_exactly_skrs_suggested_sections(content):
    outline = content.outlines.document("beslutsunderlag")
    assert [s.title for s in outline.sections] == [
        "Bakgrund",
        "Målbeskrivning",
        "Styrning och ledning",
        "Resurser",
        "Tillgänglighet",
        "Samarbete och samverkan med andra verksamheter",
        "Insatser",
        "Delaktighet",
        "Dokumentation och sekretess",
        "Uppföljning och utvärdering",
        "Tidsperiod",
    ]


def test_sections_start_from_the_workshop_answers_that_feed_them(worked):
    _, gathered = worked
    background = gathered.texts[("beslutsunderlag", "bakgrund")]
    assert "Skola och IFO arbetar i två spår" in background
    assert "(Skola/elevhälsa)" in background
    assert "Behörighet till gymnasiet" not in background  # fed to Målbeskrivning instead
    assert "Behörighet till gymnasiet" in gathered.texts[("beslutsunderlag", "malbeskrivning")]
    assert gathered.sources[("beslutsunderlag", "bakgrund")][0] == (
        "Workshop 1 · Övning 1 – Problem och förutsättningar"
    )
    assert gathered.texts[("beslutsunderlag", "resurser")] == ""


def test_saved_text_replaces_the_draft_and_sent_answers_note_their_source(worked, db, content):
    process, gathered = worked
    store.save_section(db, process, "beslutsunderlag", "bakgrund", "Vår egen text.")
    store.append_to_section(
        db, process, "beslutsunderlag", "bakgrund", "", "Ett svar.", "Övning 2, Skola", "Övning 2"
    )
    again = build.gather(db, content, process)
    assert again.texts[("beslutsunderlag", "bakgrund")] == (
        "Vår egen text.\n\nEtt svar. *(Övning 2, Skola)*"
    )
    assert "Övning 2" in again.sources[("beslutsunderlag", "bakgrund")]


def test_tables_have_header_rows_marked_to_repeat(worked):
    _, gathered = worked
    expected = {
        "handlingsplan": [
            ["Mål", "Kort- eller långsiktigt", "Så följs det upp", "Klart senast"],
            ["Aktivitet", "Start", "Slut", "Ansvarig", "Status"],
        ],
        "modell": [
            ["Forum", "Vilka ingår", "Hur ofta de träffas", "Vad de beslutar"],
            ["Steg", "Vilka deltar", "Vem ansvarar", "Vad sker"],
            ["Aktivitet", "Start", "Slut", "Ansvarig", "Status"],
        ],
        "budget": [
            ["Kostnadsslag", "Beskrivning", "Andel av heltid", "Belopp"],
            ["Finansieringsslag", "Beskrivning", "Belopp"],
        ],
    }
    for key, headers in expected.items():
        tables = docx_of(gathered, key).tables
        assert [[c.text for c in t.rows[0].cells] for t in tables] == headers
        assert all(t.rows[0]._tr.xpath("w:trPr/w:tblHeader") for t in tables)


def test_tidplan_is_drawn_as_a_timeline_with_alt_text(worked):
    _, gathered = worked
    [shape] = docx_of(gathered, "handlingsplan").inline_shapes
    assert shape._inline.docPr.get("descr") == (
        "Tidslinje över 3 aktiviteter från 2026-01-01 till 2027-06-15; 1 par av aktiviteter "
        "pågår samtidigt. Tabellen Tidplan visar samma aktiviteter med datum, ansvarig och status."
    )


def test_model_description_has_trampolinens_organisation_and_case_process(worked):
    _, gathered = worked
    forums, steps, _ = docx_of(gathered, "modell").tables
    assert [row.cells[0].text for row in forums.rows[1:]] == [
        "Styrgrupp",
        "Arbetsgrupp",
        "Beslutsforum",
    ]
    assert forums.rows[1].cells[2].text == "En gång per månad"
    assert [row.cells[0].text for row in steps.rows[1:]] == [
        "Förberedelser inför beslut",
        "Beslutstillfälle",
        "Genomförande",
        "Avslut med familjen",
        "Uppföljning efter tre månader",
        "Internt avslut",
    ]


def test_forums_start_from_the_people_in_the_processs_roles(db, content):
    owner = users.create_user(db, "karin", "hemligt-lösen-1", "Karin Ek")
    process = processes.create_process(db, owner, "Ny modell", "Ragunda kommun")
    processes.add_role_member(db, process, "styrgrupp", "Anna Berg", "Elevhälsan")
    processes.add_role_member(db, process, "styrgrupp", "Bo Ek", "IFO")
    [table] = docx_of(build.gather(db, content, process), "modell").tables
    assert [c.text for c in table.rows[1].cells] == [
        "Styrgrupp",
        "Anna Berg (Elevhälsan), Bo Ek (IFO)",
        "",
        "",
    ]


def test_beslutsunderlag_shows_the_three_circles_with_alt_text_and_table(worked):
    _, gathered = worked
    document = docx_of(gathered, "beslutsunderlag")
    [shape] = document.inline_shapes
    alt = shape._inline.docPr.get("descr")
    assert alt.startswith("Tre överlappande cirklar för Skola/elevhälsa, Socialtjänst (IFO)")
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Område", "Insatser"]
    assert ["Skola/elevhälsa + Socialtjänst (IFO)", "Ragunda Trampolinen"] in [
        [c.text for c in row.cells] for row in table.rows
    ]


def test_without_circles_data_there_is_no_picture(worked, db, content):
    process, _ = worked
    gathered = build.gather(db, content, process)
    assert gathered.circles is None
    assert not docx_of(gathered, "beslutsunderlag").inline_shapes


def test_word_files_are_swedish_and_name_title_and_author(worked):
    _, gathered = worked
    for key in DOCUMENT_KEYS:
        document = docx_of(gathered, key)
        [lang] = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
        assert lang.get(qn("w:val")) == "sv-SE"
        title = f"{gathered.outlines.document(key).title} – Ragunda Trampolinen"
        assert document.core_properties.title == title
        assert document.core_properties.author == "Karin Ek"
        title_page = [p.text for p in document.paragraphs[:8]]
        assert "Ragunda Trampolinen" in title_page


def test_budget_totals_and_warns_when_financing_does_not_cover_costs(worked, db, content):
    process, gathered = worked
    assert budget.budget_totals(gathered.budget) == (760_000, 760_000)
    assert build.budget_warning(gathered) == ""
    budget.add_budget_line(db, process, "kostnad", "lokaler", "Lokal", "200.000 kr")
    again = build.gather(db, content, process)
    assert build.budget_warning(again) == (
        "Finansieringen (760\u00a0000\u00a0kr) och kostnaderna (960\u00a0000\u00a0kr) går inte "
        "jämnt ut: 200\u00a0000\u00a0kr saknas."
    )
    markdown = build_markdown(build.build_document(again, "budget", TODAY))
    assert "**Obs!** Finansieringen" in markdown
    # Markdown table cells are single lines with plain spaces.
    assert "| **Summa kostnader** |  |  | **960 000 kr** |" in markdown
    assert "| --- | --- | ---: | ---: |" in markdown
    assert "| Personal | Skolsocionom | 0,50 | 240 000 kr |" in markdown


def test_tjansteskrivelse_lists_the_documents_it_rests_on_with_dates(worked):
    _, gathered = worked
    [table] = docx_of(gathered, "tjansteskrivelse").tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Dokument", "Datum"]
    assert rows[1][0] == "Beskrivning av den lokala modellen, Ragunda Trampolinen"


def test_markdown_export_holds_the_same_text_as_word(worked):
    _, gathered = worked
    for key in DOCUMENT_KEYS:
        spec = build.build_document(gathered, key, TODAY)
        markdown = build_markdown(spec)
        document = Document(BytesIO(build_docx(spec)))
        words = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        for text in words + [" ".join(c.split()) for c in cells if c]:
            assert text in markdown, (key, text)
    assert "Skola och IFO arbetar i två spår" in build_markdown(
        build.build_document(gathered, "beslutsunderlag", TODAY)
    )


def test_bad_input_gets_a_plain_message(worked, db):
    process, _ = worked
    with pytest.raises(Rejected, match="högst 20000 tecken"):
        store.save_section(
            db, process, "beslutsunderlag", "bakgrund", "x" * (SECTION_MAX_LENGTH + 1)
        )
    with pytest.raises(Rejected, match="slutar innan den börjar"):
        store.add_activity(db, process, "Baklänges", "2026-05-01", "2026-04-01")
    with pytest.raises(Rejected, match="inte ett tal"):
        budget.add_budget_line(db, process, "kostnad", "aktiviteter", "Föreläsning", "tjugo")
    with pytest.raises(Rejected, match="Word-dokument"):
        word_template.save_template(db, process, "mall.docx", b"PK\x03\x04 inte en zip")
    with pytest.raises(Rejected, match="personnummer"):
        store.save_section(db, process, "modell", "malgrupp", "Eleven 20120304-1239 deltar.")


def test_html_in_a_section_stays_text_in_word_and_markdown(worked, db, content):
    process, _ = worked
    store.save_section(
        db, process, "beslutsunderlag", "delaktighet", 'Elevråd <script>alert("x")</script>'
    )
    spec = build.build_document(build.gather(db, content, process), "beslutsunderlag", TODAY)
    document = Document(BytesIO(build_docx(spec)))
    assert 'Elevråd <script>alert("x")</script>' in [p.text for p in document.paragraphs]
    markdown = build_markdown(spec)
    assert "<script>" not in markdown
    assert "Elevråd &lt;script>" in markdown


def test_shares_of_full_time_are_read_as_typed():
    assert budget.parse_share("0,40") == 40
    assert budget.parse_share("40 %") == 40
    assert budget.parse_share("1,0") == 100
    assert budget.parse_amount("1.160.000") == 1_160_000


def test_handlingsplan_versions_keep_the_old_ones(worked, db, content):
    process, gathered = worked
    first = store.save_version(db, process, build.snapshot(gathered))
    store.add_activity(db, process, "Informationsmöte i förskolan", "2026-09-01", "2026-12-31")
    second = store.save_version(db, process, build.snapshot(build.gather(db, content, process)))
    assert [v.number for v in store.versions_of(db, process)] == [2, 1]
    assert "Informationsmöte i förskolan" not in first.snapshot
    assert "Informationsmöte i förskolan" in second.snapshot
    assert second.snapshot.startswith("## Mål")
    spec = build.build_document(build.gather(db, content, process), "handlingsplan", TODAY)
    assert spec.version == "Version 2"


def test_example_activities_run_in_parallel(db, content, worked):
    process, _ = worked
    before = {a.id for a in store.activities_of(db, process)}
    examples = content.outlines.document("handlingsplan").example_activities
    store.add_example_activities(db, process, examples, TODAY)
    added = [a for a in store.activities_of(db, process) if a.id not in before]
    assert len(added) == 7
    assert added[1].start < added[0].end  # each overlaps the next
    assert all(a.end >= a.start for a in added)


def test_a_mapping_to_an_unknown_exercise_stops_the_app_naming_the_file(tmp_path):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    outlines = tmp_path / "workshops" / "documents.yaml"
    outlines.write_text(
        outlines.read_text(encoding="utf-8").replace("exercise: ovning-3", "exercise: ovning-9"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"workshops/documents.yaml: .*unknown exercise"):
        load_content(tmp_path)


def test_libreoffice_converts_every_document_to_pdf(worked, tmp_path: Path):
    _, gathered = worked
    sources = []
    for key in DOCUMENT_KEYS:
        path = tmp_path / f"{key}.docx"
        path.write_bytes(build_docx(build.build_document(gathered, key, TODAY)))
        sources.append(path)
    result = convert_to_pdf(sources, tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for key in DOCUMENT_KEYS:
        pdf = tmp_path / "pdf" / f"{key}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stdout + key
