"""The Markdown export, checked as text and by rendering it back with the markdown package."""

import re
from dataclasses import replace
from io import BytesIO

import markdown
from bs4 import BeautifulSoup
from docx import Document

from toolkit.documents.formats.docx_builder import build_docx
from toolkit.documents.formats.markdown_export import build_markdown, image_files
from toolkit.documents.formats.model import Section, TableSpec


def test_title_block_names_process_municipality_version_and_date(decision_basis):
    text = build_markdown(decision_basis)

    assert text.startswith("# Beslutsunderlag\n\n**Ragunda Trampolinen**\n")
    for line in (
        "- Kommun: Ragunda kommun",
        "- Version: 0.3",
        "- Datum: 2024-05-14",
        "- Författare: Karin Ek",
    ):
        assert line in text.splitlines()


def test_sections_are_headings_one_level_below_the_title(decision_basis):
    lines = build_markdown(decision_basis).splitlines()
    headings = [line for line in lines if line.startswith("#")]

    assert headings == [
        "# Beslutsunderlag",
        "## Bakgrund",
        "## Målbeskrivning",
        "### Effektmål och kortsiktiga mål",
        "## Styrning och ledning",
        "## Resurser",
        "## Insatser",
        "## Uppföljning och utvärdering",
    ]


def test_bodies_keep_their_markdown(decision_basis):
    html = markdown.markdown(build_markdown(decision_basis), extensions=["tables"])

    assert "<strong>IFO och skolan</strong>" in html
    assert "<li><strong>Effektmål</strong> – långsiktiga effekter" in html
    assert "<ol>" in html and "<li>Två familjer är aktiva under projekttiden.</li>" in html


def test_tables_are_pipe_tables_with_a_numbered_caption(decision_basis):
    lines = build_markdown(decision_basis).splitlines()
    start = lines.index("*Tabell 1. Organisation för Ragunda Trampolinen*")

    assert lines[start + 2 : start + 5] == [
        "| Forum | Vem | Hur ofta |",
        "| --- | --- | --- |",
        "| Styrgrupp | Verksamhetschef elevhälsan, biträdande IFO-chef | En gång per månad |",
    ]


def test_pipes_in_cells_are_escaped(decision_basis):
    table = TableSpec("Kostnader", ["Post", "Belopp"], [["Lön | del", "100 000 kr"]])
    spec = replace(decision_basis, sections=[Section("Budget", tables=[table])])

    assert r"| Lön \| del | 100 000 kr |" in build_markdown(spec)


def test_pictures_are_referred_to_by_file_name_with_a_note(decision_basis):
    text = build_markdown(decision_basis)
    image = decision_basis.sections[5].images[0]

    assert f"![{image.alt_text}](bild-1.png)" in text
    assert "*Figur 1. De tre cirklarna (bildfil: bild-1.png)*" in text
    assert image_files(decision_basis) == [("bild-1.png", image.png_bytes)]


def test_empty_section_says_it_is_not_filled_in(decision_basis):
    text = build_markdown(decision_basis)

    assert "## Resurser\n\n*Ej ifyllt ännu.*\n\n## Insatser" in text


def test_raw_html_is_escaped_to_text(decision_basis):
    text = build_markdown(decision_basis)
    html = markdown.markdown(text)

    assert "<script" not in html and "<b onclick" not in html
    assert "&lt;script&gt;" in html or "&lt;script>" in html


def test_code_and_headings_in_a_body_are_handled_like_the_word_export(decision_basis):
    body = "# Delmål\n\nSkriv `<br>` i koden.\n\n```\n<div>\n```\n"
    spec = replace(decision_basis, sections=[Section("Mål", 1, body)])
    text = build_markdown(spec)

    assert "### Delmål" in text
    assert "Skriv `<br>` i koden." in text
    assert "```\n<div>\n```" in text


TYPED = """\
Gun Valli, verksamhetschef
Anna Berg, rektor

- Första punkten
- Andra punkten
  fortsätter här

> Citat
> på två rader

| Post | Belopp |
|---|---|
| Lön | 100 000 kr |

Rubrik
======

Text
på två rader
---

# Delmål

Sista
raden"""


def blocks_as_read(html: str) -> list[tuple[str, str]]:
    """Each paragraph, item and heading of rendered HTML, a <br> read as a line break."""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\x00")
    blocks = []
    for element in soup.find_all(["p", "li", "h1", "h2", "h3", "h4"]):
        if element.find("p"):
            continue
        text = re.sub(r"\s*\x00\s*", "\n", " ".join(element.get_text().split()))
        blocks.append(("heading" if element.name[0] == "h" else "text", text))
    return blocks


def test_a_reader_of_the_markdown_sees_the_lines_and_headings_word_shows(decision_basis):
    spec = replace(decision_basis, sections=[Section("Avsnitt", 1, TYPED)])
    html = markdown.markdown(build_markdown(spec), extensions=["tables"])
    document = Document(BytesIO(build_docx(spec)))
    paragraphs = document.paragraphs
    start = [p.text for p in paragraphs].index("Avsnitt", 10)
    in_word = [
        ("heading" if p.style.name.startswith("Heading") else "text", p.text)
        for p in paragraphs[start:]
        if p.text
    ]
    in_markdown = blocks_as_read(html)
    assert in_markdown[-len(in_word) :] == in_word
    assert ("text", "Gun Valli, verksamhetschef\nAnna Berg, rektor") in in_word
    assert ("heading", "Rubrik") in in_word and ("heading", "Delmål") in in_word
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["Lön", "100 000 kr"]


def test_sums_are_bold_and_amounts_right_aligned(decision_basis):
    table = TableSpec(
        "Kostnader",
        ["Kostnadsslag", "Belopp"],
        [["Personal", "560 000 kr"], ["Summa kostnader", "560 000 kr"]],
        amount_columns=(1,),
        total_rows=(1,),
    )
    spec = replace(decision_basis, sections=[Section("Budget", tables=[table])])
    text = build_markdown(spec)
    assert (
        "| --- | ---: |\n| Personal | 560 000 kr |\n| **Summa kostnader** | **560 000 kr** |"
        in text
    )
    html = BeautifulSoup(markdown.markdown(text, extensions=["tables"]), "html.parser")
    assert [td.get_text() for td in html.select("tr:last-child strong")] == [
        "Summa kostnader",
        "560 000 kr",
    ]


def test_a_code_fence_closes_only_with_a_fence_of_its_own_kind(decision_basis):
    body = "````\n```\n# inte en rubrik\n~~~\n<b>kvar</b>\n````\n\n# Rubrik\n<i>text</i>"
    spec = replace(decision_basis, sections=[Section("Kod", body_markdown=body)])
    text = build_markdown(spec)
    assert "```\n# inte en rubrik\n~~~\n<b>kvar</b>\n````" in text  # inside: as typed
    assert "\n### Rubrik\n" in text and "&lt;i>text&lt;/i>" in text  # after: read as Markdown
