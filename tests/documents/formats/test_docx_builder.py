"""The Word export, checked by re-opening the .docx and reading what Word would read."""

import re
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.helpers.tools import convert_to_pdf
from toolkit.documents.formats.docx_builder import build_docx
from toolkit.documents.formats.model import Section

HEADER_TEXT = "Ragunda kommun – Barn- och utbildningsförvaltningen"


def reopen(data: bytes):
    """The exported bytes as a python-docx Document."""
    return Document(BytesIO(data))


def part_xml(data: bytes, name: str) -> str:
    """One XML part of the .docx package as text."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def paragraphs_in_style(document, prefix: str) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(prefix)]


def instructions(element) -> str:
    return " ".join(element.xpath(".//w:instrText/text()"))


def test_sections_become_headings_in_order(decision_basis):
    document = reopen(build_docx(decision_basis))

    assert paragraphs_in_style(document, "Heading") == [
        ("Heading 1", "Bakgrund"),
        ("Heading 1", "Målbeskrivning"),
        ("Heading 2", "Effektmål och kortsiktiga mål"),
        ("Heading 1", "Styrning och ledning"),
        ("Heading 1", "Resurser"),
        ("Heading 1", "Insatser"),
        ("Heading 1", "Uppföljning och utvärdering"),
    ]


def test_title_page_names_process_municipality_document_version_and_date(decision_basis):
    document = reopen(build_docx(decision_basis))
    paragraphs = document.paragraphs
    title_page = []
    for paragraph in paragraphs:
        title_page.append(paragraph)
        if paragraph._p.xpath('.//w:br[@w:type="page"]'):
            break
    text = "\n".join(paragraph.text for paragraph in title_page)

    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Title", "Beslutsunderlag")
    assert (paragraphs[1].style.name, paragraphs[1].text) == ("Subtitle", "Ragunda Trampolinen")
    for expected in (
        "Kommun: Ragunda kommun",
        "Version: 0.3",
        "Datum: 2024-05-14",
        "Dokument: Beslutsunderlag – förstärkt samverkan kring tidiga insatser",
    ):
        assert expected in text
    assert "Bakgrund" not in text


def test_table_of_contents_is_a_field_word_fills_in_on_open(decision_basis):
    data = build_docx(decision_basis)
    document = reopen(data)
    toc = [p for p in document.paragraphs if p.style.name.startswith("toc ")]

    assert r'TOC \o "1-3" \h \z \u' in instructions(document.element.body)
    assert [p.text for p in toc][:3] == [
        "Bakgrund",
        "Målbeskrivning",
        "Effektmål och kortsiktiga mål",
    ]
    assert toc[2].style.name == "toc 2"
    update = document.settings.element.xpath("w:updateFields/@w:val")
    assert update == ["true"]


def test_table_header_repeats_on_each_page_in_a_bold_named_style(decision_basis):
    document = reopen(build_docx(decision_basis))
    table = document.tables[0]
    header = table.rows[0]

    assert [cell.text for cell in header.cells] == ["Forum", "Vem", "Hur ofta"]
    assert table.rows[1].cells[0].text == "Styrgrupp"
    assert header._tr.xpath("w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("w:trPr/w:tblHeader")
    heading_style = header.cells[0].paragraphs[0].style
    assert heading_style.name == "Table Heading" and heading_style.font.bold
    assert not any(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert table.style.name == "Table Grid"
    caption = [p.text for p in document.paragraphs if p.style.name == "Caption"][0]
    assert caption == "Tabell 1. Organisation för Ragunda Trampolinen"


def test_picture_carries_alt_text_and_title(decision_basis):
    document = reopen(build_docx(decision_basis))
    image = decision_basis.sections[5].images[0]

    [shape] = document.inline_shapes
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == image.alt_text
    assert doc_pr.get("title") == "De tre cirklarna"
    assert round(shape.width.cm, 1) == 9.0
    assert "Figur 1. De tre cirklarna" in [p.text for p in document.paragraphs]


def test_document_language_is_swedish(decision_basis):
    data = build_docx(decision_basis)
    document = reopen(data)
    styles = document.styles.element

    [lang] = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert lang.get(qn("w:val")) == "sv-SE"
    assert 'w:val="sv-SE"' in part_xml(data, "word/styles.xml")
    assert not styles.xpath("w:style/w:rPr/w:lang")
    assert document.core_properties.language == "sv-SE"


def test_core_properties_name_the_document_and_author(decision_basis):
    properties = reopen(build_docx(decision_basis)).core_properties

    assert properties.title == "Beslutsunderlag – Ragunda Trampolinen"
    assert properties.author == "Karin Ek"
    assert properties.subject == "Ragunda Trampolinen"
    assert properties.comments == ""


def test_footer_shows_the_page_number(decision_basis):
    footer = reopen(build_docx(decision_basis)).sections[0].footer

    assert re.search(r"\bPAGE\b", instructions(footer._element))
    assert footer.paragraphs[-1].text.startswith("Sida ")


def test_markdown_body_becomes_styled_runs_lists_and_tables(decision_basis):
    document = reopen(build_docx(decision_basis))
    paragraphs = document.paragraphs
    background = next(p for p in paragraphs if p.text.startswith("I samverkan"))
    runs = {run.text: run.style.name for run in background.runs}

    assert runs["IFO och skolan"] == "Strong"
    assert runs["gemensamt arbete"] == "Emphasis"
    assert "ger ett\nmer effektivt" in background.text  # a line break stays a line break
    assert paragraphs_in_style(document, "List Bullet") == [
        ("List Bullet", "Effektmål – långsiktiga effekter som utvärderas från år 4."),
        ("List Bullet", "Kortsiktiga mål – utvärderas årligen."),
    ]
    numbered = paragraphs_in_style(document, "List Number")
    first_goal = "Deltagarna har behörighet till nationellt gymnasieprogram."
    assert numbered[0] == ("List Number", first_goal)
    assert len(numbered) == 4
    body_table = document.tables[1]
    assert [c.text for c in body_table.rows[0].cells] == ["Organisation", "Insats"]
    assert body_table.rows[0]._tr.xpath("w:trPr/w:tblHeader")
    assert body_table.rows[2].cells[1].text == "Behandlingsassistent i hemmet"


def test_each_numbered_list_starts_again_from_one(decision_basis):
    document = reopen(build_docx(decision_basis))
    numbering = document.part.numbering_part.element
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]

    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    for num_id in {num_ids[0], num_ids[2]}:
        start = numbering.num_having_numId(num_id).xpath("w:lvlOverride/w:startOverride/@w:val")
        assert start == ["1"]


def test_raw_html_in_markdown_stays_visible_text(decision_basis):
    data = build_docx(decision_basis)
    document = reopen(data)
    texts = [p.text for p in document.paragraphs]

    assert 'Uppföljning sker efter tre månader. <script>alert("hej")</script>' in texts
    assert '<b onclick="alert(1)">Inte fet</b>' in texts
    xml = part_xml(data, "word/document.xml")
    assert "<script" not in xml and "&lt;script&gt;" in xml
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert not [name for name in package.namelist() if name.endswith((".htm", ".html"))]
    assert not document.element.body.xpath(".//w:altChunk")


def test_empty_section_says_it_is_not_filled_in(decision_basis):
    paragraphs = reopen(build_docx(decision_basis)).paragraphs
    position = [(p.style.name, p.text) for p in paragraphs].index(("Heading 1", "Resurser"))

    assert paragraphs[position + 1].text == "Ej ifyllt ännu."
    assert paragraphs[position + 1].style.name == "Note"


def test_a_document_with_only_an_empty_section_builds(decision_basis):
    empty = replace(decision_basis, sections=[Section("Bakgrund")])
    document = reopen(build_docx(empty))

    assert paragraphs_in_style(document, "Heading") == [("Heading 1", "Bakgrund")]
    assert "Ej ifyllt ännu." in [p.text for p in document.paragraphs]


def test_a_document_without_sections_has_a_toc_placeholder(decision_basis):
    document = reopen(build_docx(replace(decision_basis, sections=[])))
    toc = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]

    assert toc == ["Innehållsförteckningen fylls i när dokumentet öppnas i Word."]
    assert not paragraphs_in_style(document, "Heading")


def municipality_template(*, without_list_styles: bool = False) -> bytes:
    """A template as a municipality might upload it: own font, header text, sample content."""
    document = Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(12)
    document.sections[0].header.paragraphs[0].text = HEADER_TEXT
    document.add_paragraph("Mallens exempeltext som inte ska följa med.")
    if without_list_styles:
        for name in ("List Bullet", "List Number", "Caption", "Table Grid"):
            style = document.styles[name].element
            style.getparent().remove(style)
        for rel_id, rel in list(document.part.rels.items()):
            if rel.reltype == RELATIONSHIP_TYPE.NUMBERING:
                document.part.drop_rel(rel_id)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_municipality_template_keeps_its_styles_and_header(decision_basis):
    document = reopen(build_docx(decision_basis, template=municipality_template()))
    texts = [p.text for p in document.paragraphs]

    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(12)
    assert document.sections[0].header.paragraphs[0].text == HEADER_TEXT
    assert "Mallens exempeltext som inte ska följa med." not in texts
    assert texts[0] == "Beslutsunderlag"
    assert paragraphs_in_style(document, "Heading 1")[0] == ("Heading 1", "Bakgrund")
    assert document.core_properties.language == "sv-SE"


def test_styles_missing_from_a_template_are_borrowed(decision_basis):
    template = municipality_template(without_list_styles=True)
    document = reopen(build_docx(decision_basis, template=template))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]

    assert len(bullets) == 2
    num_id = bullets[0].style.element.xpath("w:pPr/w:numPr/w:numId/@w:val")[0]
    document.part.numbering_part.element.num_having_numId(int(num_id))
    assert document.tables[0].style.name == "Table Grid"
    assert document.styles["Normal"].font.name == "Georgia"


def test_a_template_footer_with_a_page_number_gets_no_second_one(decision_basis):
    first = build_docx(decision_basis)
    again = reopen(build_docx(decision_basis, template=first))
    footer = instructions(again.sections[0].footer._element)

    assert len(re.findall(r"\bPAGE\b", footer)) == 1


def test_libreoffice_converts_the_document_to_pdf(decision_basis, tmp_path: Path):
    source = tmp_path / "beslutsunderlag.docx"
    source.write_bytes(build_docx(decision_basis))
    result = convert_to_pdf([source], tmp_path)

    pdf = tmp_path / "beslutsunderlag.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stdout + result.stderr
