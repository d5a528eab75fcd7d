"""The reference document whose named styles every Word export uses."""

import copy
from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt, RGBColor
from docx.styles.styles import Styles

LANGUAGE = "sv-SE"
# Word has Arial everywhere and LibreOffice swaps in the metric-compatible Liberation Sans.
FONT = "Arial"

TABLE_HEADING = "Table Heading"
TABLE_AMOUNT = "Table Amount"
TABLE_AMOUNT_HEADING = "Table Amount Heading"
FIGURE = "Figure"
NOTE = "Note"
STRONG_EMPHASIS = "Strong Emphasis"

# WCAG AA for body text: every text colour at least this contrast against a white page.
MIN_CONTRAST = 4.5
_KEPT_TABLE_STYLES = {"Normal Table", "Table Grid"}

# In dependency order: a style is borrowed only after the style it is based on.
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "toc 3",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
    "List Continue",
    "Quote",
    "Caption",
    "Footer",
    "Strong",
    "Emphasis",
    STRONG_EMPHASIS,
    "Table Grid",
    TABLE_HEADING,
    TABLE_AMOUNT,
    TABLE_AMOUNT_HEADING,
    FIGURE,
    NOTE,
)


def reference_document(template: bytes | None) -> WordDocument:
    """A document to build into: the municipality's template emptied, or our styled default."""
    if template is None:
        document = styled_default()
    else:
        document = Document(BytesIO(template))
        _clear_body(document)
        _borrow_missing_styles(document, styled_default())
    _set_language(document)
    return document


def styled_default() -> WordDocument:
    """python-docx's default template with our font, headings, A4 page and extra styles."""
    document = Document()
    styles = document.styles
    _use_font(document, FONT)
    for name, size in (
        ("Title", 28),
        ("Subtitle", 16),
        ("Heading 1", 16),
        ("Heading 2", 13),
        ("Heading 3", 11),
    ):
        styles[name].font.size = Pt(size)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.space_after = Pt(4)
    styles["Title"].paragraph_format.space_before = Pt(140)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # A caption names the table below it, so it keeps clear of the table above.
    styles["Caption"].paragraph_format.space_before = Pt(10)
    styles["Caption"].paragraph_format.space_after = Pt(12)
    # A caption names the table or picture after it: never left alone at the foot of a page.
    styles["Caption"].paragraph_format.keep_with_next = True
    _add_builder_styles(styles)
    _readable_colours(styles)
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin = page.right_margin = Cm(2.5)
    page.top_margin = page.bottom_margin = Cm(2.5)
    return document


def _add_builder_styles(styles: Styles) -> None:
    """The styles the builder needs beyond Word's built-in ones."""
    table_heading = styles.add_style(TABLE_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    table_heading.base_style = styles["Normal"]
    table_heading.font.bold = True
    amount = styles.add_style(TABLE_AMOUNT, WD_STYLE_TYPE.PARAGRAPH)
    amount.base_style = styles["Normal"]
    amount.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    amount_heading = styles.add_style(TABLE_AMOUNT_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    amount_heading.base_style = table_heading
    amount_heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    figure = styles.add_style(FIGURE, WD_STYLE_TYPE.PARAGRAPH)
    figure.base_style = styles["Normal"]
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.space_before = Pt(8)
    figure.paragraph_format.space_after = Pt(4)
    # With the default 1.15 line spacing a picture is drawn over what stands above it.
    figure.paragraph_format.line_spacing = 1.0
    note = styles.add_style(NOTE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.italic = True
    note.font.size = Pt(10)
    note.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    note.paragraph_format.space_before = Pt(6)
    strong_emphasis = styles.add_style(STRONG_EMPHASIS, WD_STYLE_TYPE.CHARACTER)
    strong_emphasis.base_style = styles["Strong"]
    strong_emphasis.font.italic = True
    for level in (1, 2, 3):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(4)


def contrast(colour: str) -> float:
    """The contrast ratio of a hex colour ("4F81BD") against white, as WCAG computes it."""

    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def _darkened(colour: str) -> str:
    """The same hue made darker until it reads on white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    factor = 1.0
    while (
        contrast(
            darker := f"{int(red * factor):02X}{int(green * factor):02X}{int(blue * factor):02X}"
        )
        < MIN_CONTRAST
    ):
        factor -= 0.02
    return darker


def _readable_colours(styles: Styles) -> None:
    """Text colours that pass WCAG AA on white; table styles with light text are dropped."""
    element = styles.element
    for style in element.xpath("w:style[@w:type='table']"):
        if style.name_val not in _KEPT_TABLE_STYLES:
            element.remove(style)
    for colour in element.xpath(".//w:color"):
        # A theme colour wins over w:val in Word; name the colour itself instead.
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attribute), None)
        value = colour.get(qn("w:val"), "auto")
        if value != "auto" and contrast(value) < MIN_CONTRAST:
            colour.set(qn("w:val"), _darkened(value))


def _use_font(document: WordDocument, font: str) -> None:
    """Name the font in the document defaults; the template has no theme to resolve theme fonts."""
    styles = document.styles.element
    for fonts in styles.xpath("w:style/w:rPr/w:rFonts[@w:asciiTheme]"):
        fonts.getparent().remove(fonts)
    fonts = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _clear_body(document: WordDocument) -> None:
    """Drop the template's content but keep its page setup, headers, footers and logo."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _borrow_missing_styles(document: WordDocument, source: WordDocument) -> None:
    """Copy the styles the builder needs and a municipality's template lacks from `source`."""
    target_styles = document.styles.element
    for name in REQUIRED_STYLES:
        if name in document.styles:
            continue
        style = copy.deepcopy(source.styles[name].element)
        source_id = style.styleId
        for link in style.xpath("w:link | w:rsid"):
            style.remove(link)
        if target_styles.get_by_id(source_id) is not None:
            style.styleId = f"{source_id}Export"
        for reference in style.xpath("w:basedOn | w:next"):
            # Localised Word names style ids in its own language (Rubrik1), so map by name.
            referenced = source.styles.element.get_by_id(reference.val)
            match = None if referenced is None else target_styles.get_by_name(referenced.name_val)
            if match is None:
                style.remove(reference)
            else:
                reference.val = match.styleId
        for num_id in style.xpath("w:pPr/w:numPr/w:numId"):
            num_id.val = _copy_numbering(source, document, num_id.val, source_id, style.styleId)
        target_styles.append(style)


def _copy_numbering(
    source: WordDocument, document: WordDocument, num_id: int, source_style: str, style: str
) -> int:
    """Copy a list style's numbering definition into `document`; return the new numId."""
    source_numbering = source.part.numbering_part.element
    abstract_id = source_numbering.num_having_numId(num_id).abstractNumId.val
    abstract = copy.deepcopy(
        source_numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    )
    numbering = _numbering(document)
    used = [int(value) for value in numbering.xpath("w:abstractNum/@w:abstractNumId")]
    new_abstract_id = max(used, default=-1) + 1
    abstract.set(qn("w:abstractNumId"), str(new_abstract_id))
    for nsid in abstract.findall(qn("w:nsid")):
        abstract.remove(nsid)  # Word joins lists whose definitions share an nsid
    for link in abstract.iter(qn("w:pStyle")):
        if link.get(qn("w:val")) == source_style:
            link.set(qn("w:val"), style)
    first_num = numbering.xpath("w:num")
    if first_num:
        first_num[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    return numbering.add_num(new_abstract_id).numId


def _numbering(document: WordDocument):
    """The document's numbering definitions, creating the part when the template has none."""
    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CONTENT_TYPE.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.part.package,
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return part.element


def _set_language(document: WordDocument) -> None:
    """Swedish for spelling, hyphenation and screen readers, whatever the template said."""
    styles = document.styles.element
    for lang in styles.xpath("w:style/w:rPr/w:lang"):
        lang.getparent().remove(lang)  # a style's own language would override the default
    defaults = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr")
    if defaults:
        run_defaults = defaults[0]
    else:
        styles.insert(
            0,
            parse_xml(
                f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr/>"
                "</w:rPrDefault></w:docDefaults>"
            ),
        )
        run_defaults = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr")[0]
    for lang in run_defaults.xpath("w:lang"):
        run_defaults.remove(lang)
    lang = OxmlElement("w:lang")
    # As Swedish Word writes it: Swedish text, default East Asian and complex-script languages.
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    run_defaults.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for theme_lang in document.settings.element.xpath("w:themeFontLang"):
        theme_lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE
