"""Word export: a DocumentSpec into .docx bytes, styled only by a reference document's styles."""

import datetime as dt
import re
from io import BytesIO

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph

from toolkit.documents.formats.docx_markdown import add_markdown
from toolkit.documents.formats.docx_styles import (
    FIGURE,
    NOTE,
    TABLE_AMOUNT,
    TABLE_AMOUNT_HEADING,
    TABLE_HEADING,
    reference_document,
)
from toolkit.documents.formats.model import (
    EMPTY_SECTION,
    DocumentSpec,
    ImageSpec,
    Section,
    TableSpec,
)

TOC_HEADING = "Innehåll"
TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'
TOC_PLACEHOLDER = "Innehållsförteckningen fylls i när dokumentet öppnas i Word."

# Arial's widest common letters are about 0.6 em; a cell has 0.19 cm padding on each side.
_CHARACTER_EM = 0.6
_CELL_PADDING = Cm(0.19 * 2 + 0.1)

# Elements that follow w:updateFields in settings.xml; Word rejects children out of order.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def build_docx(spec: DocumentSpec, template: bytes | None = None) -> bytes:
    """The document as .docx bytes, styled by a municipality's `template` or our default."""
    document = reference_document(template)
    _set_properties(document, spec)
    if spec.is_letter:
        _add_letter_head(document, spec)
    else:
        _add_title_page(document, spec)
        _add_table_of_contents(document, spec)
    captions = _Captions()
    for section in spec.sections:
        _add_section(document, section, captions)
    _end_with_paragraph(document)
    _add_page_numbers(document)
    _update_fields_on_open(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_properties(document: WordDocument, spec: DocumentSpec) -> None:
    """Fill in the properties Word shows under File > Info, replacing the template's."""
    properties = document.core_properties
    properties.title = spec.full_title
    properties.subject = spec.process_name
    properties.author = spec.author
    properties.last_modified_by = spec.author
    properties.comments = ""
    properties.keywords = ""
    properties.category = spec.document_name
    properties.revision = 1
    # The document's own date, so the same spec always gives the same file contents.
    stamp = dt.datetime.combine(spec.date, dt.time())
    properties.created = properties.modified = stamp


def _add_title_page(document: WordDocument, spec: DocumentSpec) -> None:
    document.add_paragraph(spec.title, style="Title")
    document.add_paragraph(spec.process_name, style="Subtitle")
    for label, value in spec.title_details():
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ", style="Strong")
        paragraph.add_run(value)
    document.add_page_break()


def _add_letter_head(document: WordDocument, spec: DocumentSpec) -> None:
    """The municipality's header block (kommun, diarienummer, …), then the case's heading."""
    for label, value in spec.letter_head:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ", style="Strong")
        paragraph.add_run(value)
    heading = document.add_paragraph(spec.heading, style="Title")
    # The Title style opens a title page; under a header block it needs no such distance.
    heading.paragraph_format.space_before = Pt(18)


def _add_table_of_contents(document: WordDocument, spec: DocumentSpec) -> None:
    """A real TOC field; its cached entries list the headings until Word fills in pages."""
    document.add_paragraph(TOC_HEADING, style="TOC Heading")
    entries = [(section.heading, _heading_level(section.level)) for section in spec.sections]
    entries = entries or [(TOC_PLACEHOLDER, 1)]
    paragraphs = [document.add_paragraph(style=f"toc {level}") for _, level in entries]
    _field_char(paragraphs[0], "begin")
    _instruction(paragraphs[0], TOC_INSTRUCTION)
    _field_char(paragraphs[0], "separate")
    for paragraph, (text, _) in zip(paragraphs, entries, strict=True):
        paragraph.add_run(text)
    _field_char(paragraphs[-1], "end")
    document.add_page_break()


def _add_section(document: WordDocument, section: Section, captions: "_Captions") -> None:
    level = _heading_level(section.level)
    document.add_paragraph(section.heading, style=f"Heading {level}")
    if section.is_empty:
        document.add_paragraph(EMPTY_SECTION, style=NOTE)
    add_markdown(document, section.body_markdown, level, _add_table)
    for table in section.tables:
        _add_table_spec(document, table, captions)
    for image in section.images:
        _add_image(document, image)
        captions.add(document, "Figur", image.title or image.alt_text)
    if section.source_note:
        document.add_paragraph(section.source_note, style=NOTE)


def _heading_level(level: int) -> int:
    return min(max(level, 1), 3)


def _add_table_spec(document: WordDocument, table: TableSpec, captions: "_Captions") -> None:
    if table.caption:
        captions.add(document, "Tabell", table.caption)
    _add_table(document, table)


def _add_table(document: WordDocument, spec: TableSpec) -> None:
    """A Table Grid table with alt text, columns fitted to their words, the header repeated."""
    header, rows = spec.header, spec.rows
    columns = max([len(header), *(len(row) for row in rows)])
    if not columns:
        return
    if _ends_with_table(document):
        document.add_paragraph()  # Word merges two tables that touch
    body_rows = [header, *rows] if header else rows
    table = document.add_table(rows=len(body_rows), cols=columns, style="Table Grid")
    table.autofit = False
    widths = _column_widths(document, body_rows, columns)
    totals = {index + (1 if header else 0) for index in spec.total_rows}
    for number, (row, texts) in enumerate(zip(table.rows, body_rows, strict=True)):
        for column, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
            cell.width = width
            text = texts[column] if column < len(texts) else ""
            paragraph = cell.paragraphs[0]
            amount = column in spec.amount_columns
            if header and number == 0:
                paragraph.style = TABLE_AMOUNT_HEADING if amount else TABLE_HEADING
            elif amount:
                paragraph.style = TABLE_AMOUNT
            run = paragraph.add_run(text)
            if number in totals:
                run.style = "Strong"
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    if header:
        table_header = OxmlElement("w:tblHeader")
        table_header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(table_header)
    _describe(table, spec)


def _column_widths(document: WordDocument, rows: list[list[str]], columns: int) -> list[Emu]:
    """Widths that fit each column's text; no column narrower than its longest word if they fit."""
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    character = _font_size(document) * _CHARACTER_EM
    narrowest, natural = [], []
    for column in range(columns):
        texts = [row[column] for row in rows if column < len(row)]
        # A non-breaking space holds its words together ("1 425 000 kr"), so split at the others.
        words = [len(word) for text in texts for word in re.split(r"[ \t\n]+", text)]
        lines = [len(line) for text in texts for line in text.splitlines()]
        narrowest.append(max(words, default=1) * character + _CELL_PADDING)
        natural.append(max(lines, default=1) * character + _CELL_PADDING)
    if sum(natural) <= text_width:
        extra = [want * (text_width - sum(natural)) / sum(natural) for want in natural]
        return [Emu(int(want + more)) for want, more in zip(natural, extra, strict=True)]
    if sum(narrowest) >= text_width:
        return [Emu(int(least * text_width / sum(narrowest))) for least in narrowest]
    room = [want - least for want, least in zip(natural, narrowest, strict=True)]
    share = (text_width - sum(narrowest)) / sum(room)
    return [Emu(int(least + more * share)) for least, more in zip(narrowest, room, strict=True)]


def _font_size(document: WordDocument) -> int:
    """The body text's size in EMU: the Normal style's, else the document default's."""
    size = document.styles["Normal"].font.size
    if size is None:
        half_points = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
        size = Pt(int(half_points[0]) / 2) if half_points else Pt(11)
    return size


def _describe(table, spec: TableSpec) -> None:
    """The table's title and description, which Word shows as its alt text."""
    properties = table._tbl.tblPr
    for tag, value in (
        ("w:tblCaption", spec.caption or "Tabell"),
        ("w:tblDescription", spec.alt_text),
    ):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)


def _add_image(document: WordDocument, image: ImageSpec) -> None:
    """The picture at most as wide as the text, with alt text and title for screen readers."""
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    width = min(Cm(image.width_cm), text_width)
    paragraph = document.add_paragraph(style=FIGURE)
    shape = paragraph.add_run().add_picture(BytesIO(image.png_bytes), width=width)
    properties = shape._inline.docPr
    properties.set("descr", image.alt_text)
    properties.set("title", image.title)


class _Captions:
    """Numbers tables and figures with SEQ fields, caching the number Word would compute."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, document: WordDocument, label: str, text: str) -> None:
        self.counts[label] = self.counts.get(label, 0) + 1
        paragraph = document.add_paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        _add_field(paragraph, rf"SEQ {label} \* ARABIC", str(self.counts[label]))
        paragraph.add_run(f". {text}")


def _add_page_numbers(document: WordDocument) -> None:
    """'Sida N (M)' in the footer, unless the template's footer already has a page number."""
    footer = document.sections[0].footer
    element = footer._element
    instructions = element.xpath(".//w:instrText/text()") + element.xpath(".//w:fldSimple/@w:instr")
    if any(re.search(r"\bPAGE\b", instruction) for instruction in instructions):
        return
    paragraphs = footer.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0]._p.xpath(".//w:r"):
        paragraph = paragraphs[0]
    else:
        paragraph = footer.add_paragraph()
    paragraph.style = "Footer"
    paragraph.add_run("Sida ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" (")
    _add_field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")")


def _update_fields_on_open(document: WordDocument) -> None:
    """Ask Word to fill in the TOC and page numbers when the document is opened."""
    settings = document.settings.element
    for existing in settings.xpath("w:updateFields"):
        settings.remove(existing)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.insert_element_before(update, *_AFTER_UPDATE_FIELDS)


def _end_with_paragraph(document: WordDocument) -> None:
    """Word expects a paragraph, not a table, just before the final section properties."""
    if _ends_with_table(document):
        document.add_paragraph()


def _ends_with_table(document: WordDocument) -> bool:
    blocks = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    return bool(blocks) and blocks[-1].tag == qn("w:tbl")


def _add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    _field_char(paragraph, "begin")
    _instruction(paragraph, instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run(cached)
    _field_char(paragraph, "end")


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _instruction(paragraph: Paragraph, text: str) -> None:
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {text} "
    paragraph.add_run()._r.append(instruction)
