"""docs/SECURITY.md names tests that exist: the checklist cannot point at a test that is gone."""

import re

from toolkit.config import ROOT

SECURITY = ROOT / "docs" / "SECURITY.md"
REFERENCE = re.compile(r"`((?:[\w/]+/)?test_\w+\.py)::(test_\w+)`|`::(test_\w+)`")


def referenced_tests() -> list[tuple[str, str]]:
    """(file, test) for every `file::test` and every `::test` (same file as the one before)."""
    found, last_file = [], None
    for match in REFERENCE.finditer(SECURITY.read_text(encoding="utf-8")):
        path, name, same_file_name = match.groups()
        if path:
            last_file = path
        found.append((last_file, name or same_file_name))
    return found


def test_every_test_the_security_checklist_names_exists():
    references = referenced_tests()
    assert len(references) > 30
    missing = []
    for path, name in references:
        source = ROOT / "tests" / path
        if not source.is_file() or not re.search(rf"^def {name}\(", source.read_text(), re.M):
            missing.append(f"{path}::{name}")
    assert not missing, missing


def test_the_checklist_covers_each_chapter_and_says_how_to_report():
    text = SECURITY.read_text(encoding="utf-8")
    assert "## Reporting a vulnerability" in text
    for chapter in ("V2", "V3", "V4", "V5", "V7", "V8", "V9", "V12", "V14"):
        assert re.search(rf"^### .*\b{chapter}\b", text, re.M), chapter
    assert "docs/SECURITY.md" in (ROOT / "README.md").read_text(encoding="utf-8")
