"""How a section's typed lines are read: as a list, as people, or as dated documents."""

import re

_DATED = re.compile(r"^\s*(?:[-*+]\s+)?(.+?)[,;\s]+(\d{4}-\d{2}-\d{2})\s*$")


def typed_lines(kind: str | None, body: str) -> tuple[str, list[list[str]]]:
    """A section's text read the way its outline says: the text, and any rows for its table.

    "list": each line a list item. "people": each "Namn, titel, förvaltning" line on lines of
    its own, one person after the other. "documents": each "Dokument, ÅÅÅÅ-MM-DD" line a row of
    the documents table (a line without a date too, its date left empty).
    """
    lines = [line.strip() for line in body.splitlines()]
    if kind == "list":
        items = [line.lstrip("-*+ ").strip() for line in lines if line]
        return "\n".join(f"- {item}" for item in items if item), []
    if kind == "people":
        blocks, block = [], []
        for line in [*lines, ""]:
            if "," in line:
                if block:
                    blocks.append(block)
                blocks.append([part.strip() for part in line.split(",") if part.strip()])
                block = []
            elif line:
                block.append(line)
            elif block:
                blocks.append(block)
                block = []
        return "\n\n".join("\n".join(block) for block in blocks), []
    if kind == "documents":
        rows = []
        for line in lines:
            if match := _DATED.match(line):
                rows.append([match[1].strip(" ,;"), match[2]])
            elif line.lstrip("-*+ ").strip():
                rows.append([line.lstrip("-*+ ").strip(), ""])
        return "", rows
    return body, []
