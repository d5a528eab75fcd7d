"""The demo is a whole process: all three workshops, and documents with material everywhere."""

import os
import subprocess
import sys
from io import BytesIO

import pytest
from docx import Document

from tests.helpers.worked_process import TODAY
from toolkit.accounts import users
from toolkit.documents import build
from toolkit.documents.formats import build_docx
from toolkit.documents.progress import progress_of
from toolkit.kinds import casepaths, surveys
from toolkit.processes.data import chosen_target_group_keys
from toolkit.processes.demo import build_demo
from toolkit.vignettes import grouping

FILLED = ("beslutsunderlag", "handlingsplan")


@pytest.fixture
def demo(db, app):
    users.create_user(db, "lea", "hemligt-lösen-1", "Lea Leder")
    process, password = build_demo(db, app.extensions["toolkit.content"], None)
    assert password is None
    return process


def paragraphs_by_heading(body: bytes) -> dict[str, list[str]]:
    document = Document(BytesIO(body))
    sections: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = sections.setdefault(paragraph.text, [])
        elif current is not None and paragraph.text:
            current.append(paragraph.text)
    return sections


def test_the_demo_runs_all_three_workshops(db, demo):
    assert chosen_target_group_keys(db, demo) == [
        "flera-problem",
        "besvarlig-hemsituation",
        "radsla-oro-angest",
    ]
    paths = casepaths.steps_of(db, demo)
    assert [s.text for s in paths["flera-problem"]][2] == (
        "Beslutstillfälle: beslut att bevilja insatsen"
    )
    assert len(grouping.groups_of(db, demo)) == 2
    counts = {key: surveys.summary(db, s)[0] for key, s in surveys.surveys_of(db, demo).items()}
    assert counts == {"vardnadshavare-elever": 2, "rektor-skolpersonal": 1}
    # The room is left where a newcomer starts.
    assert (demo.current_workshop, demo.current_exercise) == ("workshop-1", "ovning-3")


def test_no_section_of_the_beslutsunderlag_or_handlingsplan_is_without_material(db, app, demo):
    content = app.extensions["toolkit.content"]
    gathered = build.gather(db, content, demo)
    progress = progress_of(db, content, demo, gathered)
    for key in FILLED:
        empty = [s.title for s in progress[key].sections if not s.has_material]
        assert not empty, (key, empty)
        spec = build.build_document(gathered, key, TODAY)
        sections = paragraphs_by_heading(build_docx(spec))
        assert list(sections) == [s.title for s in content.outlines.document(key).sections]
        for title, lines in sections.items():
            assert lines and "Ej ifyllt ännu." not in lines, (key, title)
    # Every workshop reaches the beslutsunderlag.
    labels = {label for s in progress["beslutsunderlag"].sections for label in s.sources}
    for number in (1, 2, 3):
        assert any(label.startswith(f"Workshop {number} ") for label in labels), number


def test_the_demo_command_leaves_documents_with_material_in_every_section(tmp_path):
    env = {**os.environ, "TOOLKIT_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)

    def toolkit(*args):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "Demoprocessen är klar: id 1, kod " in toolkit("demo")
    for key in FILLED:
        path = tmp_path / f"{key}.docx"
        toolkit("export", "--process", "1", "--document", key, "--output", str(path))
        sections = paragraphs_by_heading(path.read_bytes())
        assert all(lines and "Ej ifyllt ännu." not in lines for lines in sections.values()), key
    beslutsunderlag = paragraphs_by_heading((tmp_path / "beslutsunderlag.docx").read_bytes())
    assert (
        "Ärendegång: Barn och unga med flera problem samtidigt" not in (beslutsunderlag["Insatser"])
    )
    handlingsplan = paragraphs_by_heading((tmp_path / "handlingsplan.docx").read_bytes())
    lines = handlingsplan["Åtgärder och insatser"]
    i = lines.index("Ärendegång: Barn och unga med flera problem samtidigt")
    assert lines[i + 3] == "Beslutstillfälle: beslut att bevilja insatsen (Beslutsforum)"
