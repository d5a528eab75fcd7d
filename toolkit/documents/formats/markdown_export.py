"""Markdown export: the same content as the Word document, as one Markdown text."""

import re
from collections.abc import Iterator

from toolkit.documents.formats.model import (
    EMPTY_SECTION,
    MAX_HEADING_LEVEL,
    DocumentSpec,
    ImageSpec,
    Section,
    TableSpec,
)
from toolkit.texts.markup import NestedHeadings

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])(?!https?://|mailto:)")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+\.)\s")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def build_markdown(spec: DocumentSpec) -> str:
    """The document as Markdown; pictures are referred to by the names `image_files` gives."""
    blocks = [_title_block(spec)]
    file_names = iter(name for name, _ in image_files(spec))
    numbers = {"Tabell": 0, "Figur": 0}
    for section in spec.sections:
        blocks.extend(_section(section, file_names, numbers))
    return "\n\n".join(blocks) + "\n"


def image_files(spec: DocumentSpec) -> list[tuple[str, bytes]]:
    """Each picture's file name, as the Markdown refers to it, with its PNG bytes."""
    images = [image for section in spec.sections for image in section.images]
    return [(f"bild-{number}.png", image.png_bytes) for number, image in enumerate(images, 1)]


def _title_block(spec: DocumentSpec) -> str:
    if spec.is_letter:
        lines = [f"- {label}: {_inline(value)}" for label, value in spec.letter_head]
        return "\n".join([f"# {_inline(spec.heading)}", "", *lines]).rstrip()
    lines = [f"# {_inline(spec.title)}", "", f"**{_inline(spec.process_name)}**", ""]
    lines += [f"- {label}: {_inline(value)}" for label, value in spec.title_details()]
    return "\n".join(lines)


def _section(section: Section, file_names: Iterator[str], numbers: dict[str, int]) -> list[str]:
    level = min(max(section.level, 1), 3)
    blocks = [f"{'#' * (level + 1)} {_inline(section.heading)}"]
    if section.is_empty:
        blocks.append(f"*{EMPTY_SECTION}*")
    if section.body_markdown.strip():
        blocks.append(_body(section.body_markdown, level))
    for table in section.tables:
        if table.caption:
            numbers["Tabell"] += 1
            blocks.append(f"*Tabell {numbers['Tabell']}. {_inline(table.caption)}*")
        if table.header or table.rows:
            blocks.append(_pipe_table(table))
    for image in section.images:
        numbers["Figur"] += 1
        blocks.append(_image(image, next(file_names), numbers["Figur"]))
    if section.source_note:
        blocks.append(f"*{_inline(section.source_note)}*")
    return blocks


def _body(text: str, level: int) -> str:
    """The user's Markdown as the Word export reads it: headings nested, lines kept, HTML text."""
    headings = NestedHeadings(level, MAX_HEADING_LEVEL)
    lines: list[str] = []
    fences = _Fences()
    for line in text.strip().split("\n"):
        if fences.at(line):
            pass
        elif (setext := _SETEXT_LINE.match(line)) and _ends_paragraph(lines):
            if len(lines) == 1 or not lines[-2].strip():
                # "Rubrik" over "===" is a heading too; written as # so it can be renumbered.
                typed = 1 if setext[1][0] == "=" else 2
                lines[-1] = f"{'#' * (headings.level(typed) + 1)} {lines[-1].strip()}"
                continue
            if setext[1][0] == "-":
                # Under a longer paragraph the Word export reads --- as a rule, as must others.
                lines.append("")
        else:
            line = _ATX_HEADING.sub(lambda m: "#" * (headings.level(len(m[1])) + 1), line)
            line = _escape_tags_outside_code(line)
        lines.append(line)
    return "\n".join(_hard_breaks(lines))


class _Fences:
    """Where fenced code is: a fence closes with the same character, at least as many of them."""

    def __init__(self) -> None:
        self.open = ""

    def at(self, line: str) -> bool:
        """True for a fence line or a line inside fenced code, which stay as typed."""
        match = _FENCE.match(line)
        if self.open:
            if match and match[1][0] == self.open[0] and len(match[1]) >= len(self.open):
                if not line.strip().strip(self.open[0]):
                    self.open = ""
            return True
        if match:
            self.open = match[1]
            return True
        return False


def _ends_paragraph(lines: list[str]) -> bool:
    """True when the last line is paragraph text a setext underline turns into a heading."""
    if not lines or not lines[-1].strip() or _ATX_HEADING.match(lines[-1]):
        return False
    return not (_LIST_ITEM.match(lines[-1]) or re.match(r"^\s*>|^\s{4}", lines[-1]))


def _hard_breaks(lines: list[str]) -> list[str]:
    """Two trailing spaces where a line goes on in its paragraph, as the Word export keeps it."""
    kept = []
    fences = _Fences()
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if (
            not fences.at(line)
            and line.strip()
            and following.strip()
            and not _FENCE.match(following)
            and not _ATX_HEADING.match(line.lstrip())
            and not _ATX_HEADING.match(following.lstrip())
            and not _in_table(lines, number)
            and not (_LIST_ITEM.match(following) and _in_list(lines, number))
        ):
            line = line.rstrip() + "  "
        kept.append(line)
    return kept


def _block_start(lines: list[str], number: int) -> int:
    while number > 0 and lines[number - 1].strip():
        number -= 1
    return number


def _in_list(lines: list[str], number: int) -> bool:
    """True for a line of a list, where the next item starts a new line anyway."""
    return bool(_LIST_ITEM.match(lines[_block_start(lines, number)]))


def _in_table(lines: list[str], number: int) -> bool:
    """True for a line of a pipe table: its block's second line is the rule under the header."""
    start = _block_start(lines, number)
    return (
        start + 1 < len(lines) and bool(_TABLE_RULE.match(lines[start + 1])) and "|" in lines[start]
    )


def _escape_tags_outside_code(line: str) -> str:
    parts = _CODE_SPAN.split(line)
    return "".join(
        part if index % 2 else _TAG_START.sub("&lt;", part) for index, part in enumerate(parts)
    )


def _pipe_table(table: TableSpec) -> str:
    columns = max([len(table.header), *(len(row) for row in table.rows)])

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    def cells(row: list[str]) -> list[str]:
        return [_inline(row[i]).replace("|", r"\|") if i < len(row) else "" for i in range(columns)]

    rule = ["---:" if i in table.amount_columns else "---" for i in range(columns)]
    body = [
        [f"**{cell}**" if cell and number in table.total_rows else cell for cell in cells(row)]
        for number, row in enumerate(table.rows)
    ]
    return "\n".join([line(cells(table.header)), line(rule)] + [line(row) for row in body])


def _image(image: ImageSpec, file_name: str, number: int) -> str:
    alt = _inline(image.alt_text).replace("[", r"\[").replace("]", r"\]")
    caption = _inline(image.title or image.alt_text)
    return f"![{alt}]({file_name})\n\n*Figur {number}. {caption} (bildfil: {file_name})*"


def _inline(text: str) -> str:
    """One line of user text where tags show as text."""
    return _escape_tags_outside_code(" ".join(text.split()))
