"""Text arrives in Word as typed, and any stored text exports: read back from the exported files."""

import re
import zipfile
from io import BytesIO
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from tests.helpers.tools import convert_to_pdf
from tests.helpers.worked_process import TODAY
from toolkit.content.outline import DOCUMENT_KEYS
from toolkit.documents import budget, export, store
from toolkit.models import Goal
from toolkit.room import answering
from toolkit.texts.markup import render_markdown

HANDLAGGARE = "Gun Valli, verksamhetschef IFO\nAnna Berg, rektor\nPer Ek, skolsocionom"
SUBHEADINGS = "### Delmål\n\nFörsta delen.\n\n#### Mätbart\n\nAndra delen.\n\n### Tidplan\n\nSist."
BUDGET_HEAD = "Ragunda kommun\nBarn- och utbildningsförvaltningen\nProjektbudget 2026"
CONTROL = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def worked(db, content, trampolinen):
    """The Trampolinen process, fully worked, with lines and subheadings typed into sections."""
    process = trampolinen
    store.save_section(db, process, "tjansteskrivelse", "beredande-handlaggare", HANDLAGGARE)
    store.save_section(db, process, "handlingsplan", "mal", SUBHEADINGS)
    budget_section = content.outlines.document("budget").sections[0].key
    store.save_section(db, process, "budget", budget_section, BUDGET_HEAD)
    return process


def exported(db, content, process, key: str, fmt: str = "docx") -> bytes:
    data, _, _ = export.export_document(db, content, process, key, fmt, TODAY)
    return data


def word(db, content, process, key: str):
    return Document(BytesIO(exported(db, content, process, key)))


def heading_level(paragraph) -> int | None:
    match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
    return int(match[1]) if match else None


def test_lines_typed_one_per_line_stay_lines_in_word_markdown_and_the_preview(db, content, worked):
    document = word(db, content, worked, "tjansteskrivelse")
    texts = [p.text for p in document.paragraphs]
    # Beredande handläggare: each "Namn, titel" line is a person, name and title on lines of
    # their own (python-docx reads a line break as "\n").
    for person in ("Gun Valli\nverksamhetschef IFO", "Anna Berg\nrektor", "Per Ek\nskolsocionom"):
        assert person in texts
    budget_texts = [p.text for p in word(db, content, worked, "budget").paragraphs]
    assert BUDGET_HEAD in budget_texts

    html = markdown.markdown(exported(db, content, worked, "tjansteskrivelse", "md").decode())
    assert "<p>Gun Valli<br />\nverksamhetschef IFO</p>\n<p>Anna Berg<br />\nrektor</p>" in html
    preview = str(render_markdown(HANDLAGGARE))
    assert preview.count("<br") == 2 and "Per Ek, skolsocionom" in preview


def test_heading_levels_never_skip_in_any_document(db, content, worked):
    for key in DOCUMENT_KEYS:
        levels = [
            level
            for p in word(db, content, worked, key).paragraphs
            if (level := heading_level(p)) is not None
        ]
        assert levels and levels[0] == 1, key
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (key, levels)
        lines = exported(db, content, worked, key, "md").decode().splitlines()
        md_levels = [len(m[1]) for line in lines if (m := re.match(r"(#+) ", line))]
        assert md_levels[0] == 1
        for before, after in zip(md_levels, md_levels[1:], strict=False):
            assert after <= before + 1, (key, md_levels)


def test_a_typed_subheading_nests_one_below_its_section(db, content, worked):
    document = word(db, content, worked, "handlingsplan")
    headings = [(heading_level(p), p.text) for p in document.paragraphs if heading_level(p)]
    start = headings.index((1, "Mål"))
    assert headings[start + 1 : start + 4] == [(2, "Delmål"), (3, "Mätbart"), (2, "Tidplan")]
    md = exported(db, content, worked, "handlingsplan", "md").decode()
    assert "## Mål\n\n### Delmål\n\nFörsta delen.\n\n#### Mätbart" in md
    # The page's preview sits under its own h3 and nests the same way.
    preview = BeautifulSoup(str(render_markdown(SUBHEADINGS)), "html.parser")
    assert [(h.name, h.text) for h in preview.select("h1, h2, h3, h4, h5, h6")] == [
        ("h4", "Delmål"),
        ("h5", "Mätbart"),
        ("h4", "Tidplan"),
    ]


def test_amounts_are_right_aligned_with_nonbreaking_spaces_and_sums_bold(db, content, worked):
    costs, financing = word(db, content, worked, "budget").tables[:2]
    rows = [[cell for cell in row.cells] for row in costs.rows]
    amounts = [row[3] for row in rows[1:]]
    assert [cell.text for cell in amounts] == [
        "480\u00a0000\u00a0kr",
        "240\u00a0000\u00a0kr",
        "40\u00a0000\u00a0kr",
        "760\u00a0000\u00a0kr",
    ]
    for cell in amounts + [row.cells[2] for row in financing.rows[1:]]:
        assert cell.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    heading = costs.rows[0].cells[3].paragraphs[0].style
    assert heading.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert heading.font.bold or heading.base_style.font.bold
    for table in (costs, financing):
        total = table.rows[-1]
        assert total.cells[0].text.startswith("Summa")
        runs = [run for cell in total.cells for run in cell.paragraphs[0].runs if run.text]
        assert runs and all(run.bold or run.style.font.bold for run in runs)
        body_runs = [run for cell in table.rows[1].cells for run in cell.paragraphs[0].runs]
        assert not any(run.bold or run.style.font.bold for run in body_runs)


def font_size(document) -> float:
    size = document.styles["Normal"].font.size
    if size is None:
        values = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
        size = Pt(int(values[0]) / 2) if values else Pt(11)
    return size


def test_columns_fit_their_content_without_splitting_words(db, content, worked):
    checked = 0
    for key in DOCUMENT_KEYS:
        document = word(db, content, worked, key)
        page = document.sections[-1]
        text_width = page.page_width - page.left_margin - page.right_margin
        # Half an em per character is a lenient average for Arial; a word must fit its column.
        character = font_size(document) * 0.5
        for table in document.tables:
            widths = [int(w) for w in table._tbl.xpath("w:tblGrid/w:gridCol/@w:w")]
            widths = [w * 635 for w in widths]  # twentieths of a point to EMU
            columns = list(zip(*[[c.text for c in row.cells] for row in table.rows], strict=True))
            for width, texts in zip(widths, columns, strict=True):
                # "1 145 000 kr" is held together by non-breaking spaces: one word.
                words = [w for text in texts for w in re.split(r"[ \t\n]+", text)]
                longest = max((len(w) for w in words), default=0)
                assert width >= longest * character, (key, texts[0], width, longest)
            if len({tuple(sorted(len(t) for t in texts)) for texts in columns}) > 1:
                assert len(set(widths)) > 1, (key, [c[0] for c in columns])
            assert sum(widths) <= text_width * 1.01
            checked += 1
    assert checked >= 6


def contrast_on_white(colour: str) -> float:
    def linear(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_style_colour_reads_on_white(db, content, worked):
    data = exported(db, content, worked, "beslutsunderlag")
    with zipfile.ZipFile(BytesIO(data)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    colours = styles.iter(f"{W}color")
    values = []
    for colour in colours:
        assert colour.get(f"{W}themeColor") is None  # Word would use the theme's colour instead
        value = colour.get(f"{W}val")
        if value != "auto":
            values.append(value)
            assert contrast_on_white(value) >= 4.5, value
    assert len(values) > 10
    caption = Document(BytesIO(data)).styles["Caption"].font.color.rgb
    assert contrast_on_white(str(caption)) >= 4.5


def test_each_table_has_alt_text_and_the_file_names_document_and_process(db, content, worked):
    for key in DOCUMENT_KEYS:
        document = word(db, content, worked, key)
        for table in document.tables:
            properties = table._tbl.tblPr
            [caption] = properties.xpath("w:tblCaption/@w:val")
            [description] = properties.xpath("w:tblDescription/@w:val")
            assert caption and "kolumnerna" in description
        title = document.core_properties.title
        assert title == f"{content.outlines.document(key).title} – Ragunda Trampolinen"
        [lang] = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
        assert lang.get(qn("w:val")) == "sv-SE"
        assert document.core_properties.language == "sv-SE"
    assert word(db, content, worked, "handlingsplan").core_properties.title == (
        "Handlingsplan – Ragunda Trampolinen"
    )


def store_raw(db, row, **texts) -> None:
    """Write text straight into a row, as an older version might have stored it (past the guard)."""
    table = type(row).__table__
    db.execute(table.update().where(table.c.id == row.id).values(texts))
    db.commit()
    db.expire_all()


def test_stored_control_characters_never_break_an_export(db, content, worked, tmp_path: Path):
    # PostgreSQL cannot store NUL in text, so there it never reaches an export.
    weird = CONTROL if db.get_bind().dialect.name == "sqlite" else CONTROL[1:]
    text = f"Före{weird}efter"
    process = worked
    workshop = content.workshop("workshop-1")
    exercise = workshop.exercise("ovning-1")
    answer = answering.add_answer(db, process, workshop, exercise, "varfor", "Svar")
    store_raw(db, answer, text=f"Svaret{weird}slut")
    sent = store.append_to_section(
        db, process, "beslutsunderlag", "bakgrund", "", "Svar", "Övning 1", "Övning 1"
    )
    store_raw(db, sent, text=f"Skickat{weird}svar")
    store_raw(db, store.sections_of(db, process)[("modell", "malgrupp")], text=text)
    store_raw(db, store.goals_of(db, process)[0], text=text, follow_up=text)
    store_raw(db, store.activities_of(db, process)[0], name=text, responsible=text)
    store_raw(db, budget.budget_of(db, process)[0], description=text)
    part = store.model_parts_of(db, process)[("forum", "styrgrupp")]
    store_raw(db, part, who=text, when_or_lead=text, what=text)
    assert weird in db.get(Goal, store.goals_of(db, process)[0].id).text

    sources = []
    for key in DOCUMENT_KEYS:
        docx = exported(db, content, process, key)
        md = exported(db, content, process, key, "md").decode()
        assert not re.search("[\x00-\x08\x0b-\x1f]", md), key
        document = Document(BytesIO(docx))
        written = "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for row in t.rows for c in row.cells]
        )
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", written), key
        path = tmp_path / f"{key}.docx"
        path.write_bytes(docx)
        sources.append(path)
    model = Document(BytesIO(exported(db, content, process, "modell")))
    cells = [c.text for t in model.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Före") and c.endswith("efter") for c in cells)
    plan = Document(BytesIO(exported(db, content, process, "handlingsplan")))
    cells = [c.text for t in plan.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Före") for c in cells)

    result = convert_to_pdf(sources, tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for key in DOCUMENT_KEYS:
        pdf = tmp_path / "pdf" / f"{key}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stdout + key
