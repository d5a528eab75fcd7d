"""Markdown export: the same content as the Word document, as one Markdown text."""

import re
from collections.abc import Iterator

from toolkit.documents.formats.model import (
    EMPTY_SECTION,
    DocumentSpec,
    ImageSpec,
    Section,
    TableSpec,
)

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])(?!https?://|mailto:)")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")


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
    """The user's Markdown with its headings below the section's and raw HTML made text."""
    lines = []
    in_fence = False
    for line in text.strip().splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            # Same levels as the Word export: body headings sit under the section, at most 3.
            line = _ATX_HEADING.sub(lambda m: "#" * (min(level + len(m[1]), 3) + 1), line)
            line = _escape_tags_outside_code(line)
        lines.append(line)
    return "\n".join(lines)


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

    lines = [line(cells(table.header)), line(["---"] * columns)]
    return "\n".join(lines + [line(cells(row)) for row in table.rows])


def _image(image: ImageSpec, file_name: str, number: int) -> str:
    alt = _inline(image.alt_text).replace("[", r"\[").replace("]", r"\]")
    caption = _inline(image.title or image.alt_text)
    return f"![{alt}]({file_name})\n\n*Figur {number}. {caption} (bildfil: {file_name})*"


def _inline(text: str) -> str:
    """One line of user text where tags show as text."""
    return _escape_tags_outside_code(" ".join(text.split()))
