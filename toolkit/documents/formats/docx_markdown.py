"""User-written Markdown appended to a Word document as named-style paragraphs, lists and tables."""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from toolkit.documents.formats.docx_styles import STRONG_EMPHASIS
from toolkit.documents.formats.model import MAX_HEADING_LEVEL, TableSpec
from toolkit.texts.markup import EXTENSIONS, NestedHeadings

AddTable = Callable[[WordDocument, TableSpec], None]

_SHOWN_LINK_SCHEMES = {"http", "https", "mailto"}


def add_markdown(
    document: WordDocument, text: str, section_level: int, add_table: AddTable
) -> None:
    """Append Markdown `text` under a heading of `section_level`; raw HTML stays text."""
    converter = markdown.Markdown(extensions=list(EXTENSIONS))
    # Python-Markdown passes raw HTML through; without these two it is escaped as text.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    writer = _WordWriter(document, NestedHeadings(section_level, MAX_HEADING_LEVEL), add_table)
    writer.feed(converter.convert(text))
    writer.close()


def restart_numbering(document: WordDocument, style: ParagraphStyle, start: int = 1) -> int | None:
    """A fresh numbering instance for `style`'s list, so a new list counts from `start` again."""
    num_ids = style.element.xpath("w:pPr/w:numPr/w:numId/@w:val")
    if not num_ids:
        return None
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(int(num_ids[0])).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


class _WordWriter(HTMLParser):
    """Walks Markdown's HTML; tags it does not know are dropped and only their text kept."""

    def __init__(self, document: WordDocument, headings: NestedHeadings, add_table: AddTable):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.style_ids: dict = {}
        self.headings = headings
        self.after_break = False
        self.add_table = add_table
        self.paragraph: Paragraph | None = None
        self.lists: list[tuple[str, int | None]] = []
        self.quote_depth = 0
        self.strong = 0
        self.emphasis = 0
        self.preformatted = False
        self.link: tuple[str, list[str]] | None = None
        self.table_rows: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open the Word counterpart of an HTML element."""
        if tag in {"p", "pre"}:
            self.preformatted = tag == "pre"
            # A loose list item wraps its text in <p>: keep it on the bullet already opened.
            if not (self.paragraph is not None and self.lists and not self.paragraph.text):
                self._open(self._running_style())
        elif re.fullmatch(r"h[1-6]", tag):
            self._open(f"Heading {self.headings.level(int(tag[1]))}")
        elif tag in {"ul", "ol"}:
            self.paragraph = None
            self.lists.append((tag, self._numbering(tag, attrs)))
        elif tag == "li" and self.lists:
            kind, num_id = self.lists[-1]
            self._open(self._list_style(kind, len(self.lists)).name)
            if num_id is not None:
                num_pr = self.paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
        elif tag in {"strong", "b"}:
            self.strong += 1
        elif tag in {"em", "i"}:
            self.emphasis += 1
        elif tag == "blockquote":
            self.quote_depth += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
            self.after_break = True
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", [])
        elif tag == "img":
            self.handle_data(dict(attrs).get("alt") or "")
        elif tag == "table":
            self.table_rows = []
        elif tag == "tr" and self.table_rows is not None:
            self.table_rows.append([])
        elif tag in {"th", "td"}:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        """Close what the matching start tag opened."""
        if tag in {"p", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6"}:
            self.paragraph = None
            self.preformatted = False
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag in {"strong", "b"}:
            self.strong = max(self.strong - 1, 0)
        elif tag in {"em", "i"}:
            self.emphasis = max(self.emphasis - 1, 0)
        elif tag == "blockquote":
            self.quote_depth = max(self.quote_depth - 1, 0)
        elif tag == "a" and self.link is not None:
            href, words = self.link
            self.link = None
            if urlsplit(href).scheme in _SHOWN_LINK_SCHEMES and href != "".join(words).strip():
                self.handle_data(f" ({href})")
        elif tag in {"th", "td"} and self.cell is not None and self.table_rows:
            self.table_rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.table_rows is not None:
            rows, self.table_rows = self.table_rows, None
            if rows:
                self.add_table(self.document, TableSpec("", rows[0], rows[1:]))

    def handle_data(self, data: str) -> None:
        """Add text as a run carrying the character style of the surrounding emphasis."""
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.link is not None:
            self.link[1].append(data)
        if self.preformatted:
            self._add_preformatted(data)
            return
        text = re.sub(r"\s+", " ", data)
        if self.paragraph is None:
            if not text.strip():
                return
            self._open(self._running_style())
        if self.after_break or not self.paragraph.text:
            text = text.lstrip()
        if text:
            self.after_break = False
            run = self.paragraph.add_run(text)
            if style := self._character_style():
                run._r.style = self._style_id(style, WD_STYLE_TYPE.CHARACTER)

    def _add_preformatted(self, data: str) -> None:
        """Keep the line breaks of a code block."""
        lines = data.rstrip("\n").split("\n")
        for number, line in enumerate(lines):
            run = self.paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()

    def _open(self, style: str | ParagraphStyle) -> None:
        self.after_break = False
        self.paragraph = self.document.add_paragraph()
        self.paragraph._p.style = self._style_id(style, WD_STYLE_TYPE.PARAGRAPH)

    def _style_id(self, style: str | ParagraphStyle, kind: WD_STYLE_TYPE) -> str | None:
        """The style's id, looked up once: python-docx scans every style on each lookup."""
        key = (style if isinstance(style, str) else style.style_id, kind)
        if key not in self.style_ids:
            self.style_ids[key] = self.document.part.get_style_id(style, kind)
        return self.style_ids[key]

    def _numbering(self, tag: str, attrs: list[tuple[str, str | None]]) -> int | None:
        """A new numbering instance for an ordered list, counting from where Markdown says."""
        if tag != "ol":
            return None
        start = dict(attrs).get("start") or ""
        style = self._list_style(tag, len(self.lists) + 1)
        return restart_numbering(self.document, style, int(start) if start.isdigit() else 1)

    def _running_style(self) -> str:
        if self.quote_depth:
            return "Quote"
        return "List Continue" if self.lists else "Normal"

    def _list_style(self, kind: str, depth: int) -> ParagraphStyle:
        name = "List Number" if kind == "ol" else "List Bullet"
        return self.document.styles[name if depth == 1 else f"{name} {min(depth, 3)}"]

    def _character_style(self) -> str | None:
        if self.strong and self.emphasis:
            return STRONG_EMPHASIS
        if self.strong:
            return "Strong"
        return "Emphasis" if self.emphasis else None
