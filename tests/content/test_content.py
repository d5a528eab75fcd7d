"""Content files: the real ones validate, and a broken one is named with its problem."""

import shutil
from pathlib import Path

import pytest

from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import ContentError


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the real content, to break."""
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    return tmp_path


def test_real_content_validates_with_seed_texts():
    content = load_content(ROOT)
    workshop = content.workshop("workshop-1")
    assert workshop.title == "Problembeskrivning och olika begrepp"
    assert [e.key for e in workshop.exercises][:3] == ["ovning-1", "ovning-2", "ovning-3"]
    levels = [q.text for q in workshop.exercise("ovning-3").questions]
    assert levels == ["Hälsofrämjande arbete", "Förebyggande arbete", "Åtgärdande arbete"]
    assert workshop.exercise("ovning-1").question("varfor").text == (
        "Varför behövs utvecklingsarbetet?"
    )
    assert len(content.target_groups.groups) == 20
    assert len(content.vignettes) == 19


def test_broken_yaml_names_the_file(content_copy):
    path = content_copy / "workshops" / "1-problembeskrivning.yaml"
    path.write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"workshops/1-problembeskrivning\.yaml: cannot be read"):
        load_content(content_copy)


def test_unknown_exercise_kind_names_file_and_field(content_copy):
    path = content_copy / "workshops" / "1-problembeskrivning.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: answers", "kind: quiz", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    assert "workshops/1-problembeskrivning.yaml" in str(error.value)
    assert "exercises.0.kind" in str(error.value)


def test_duplicate_question_keys_are_refused(content_copy):
    path = content_copy / "workshops" / "1-problembeskrivning.yaml"
    text = path.read_text(encoding="utf-8").replace("key: framjande", "key: forebyggande")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="duplicate keys in questions: forebyggande"):
        load_content(content_copy)


def test_vignette_with_unknown_target_group_is_named(content_copy):
    path = content_copy / "vignettes" / "01-kalle-5.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("target_groups: [", "target_groups: [pahittad-grupp, ", 1), "utf-8"
    )
    with pytest.raises(ContentError, match=r"vignettes/01-kalle-5\.md: .*pahittad-grupp"):
        load_content(content_copy)


def test_vignette_without_front_matter_is_named(content_copy):
    (content_copy / "vignettes" / "20-lokal.md").write_text("Bara text\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"vignettes/20-lokal\.md: must start with"):
        load_content(content_copy)


def test_no_workshop_files_is_an_error(tmp_path):
    (tmp_path / "workshops").mkdir()
    with pytest.raises(ContentError, match="no workshop files"):
        load_content(tmp_path)


def test_templates_carry_no_question_text():
    """Question texts live in the content files only."""
    content = load_content(ROOT)
    templates = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "templates").rglob("*.html"))
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "toolkit").rglob("*.py"))
    sentences = [
        question.text
        for workshop in content.workshops
        for exercise in workshop.exercises
        for question in exercise.all_questions
        if len(question.text) > 30  # short labels like "Uppföljning" are ordinary words too
    ]
    assert len(sentences) > 30
    for text in sentences:
        assert text not in templates + code, text


def test_an_unknown_guide_reference_names_the_workshop_file(content_copy):
    path = content_copy / "workshops" / "1-problembeskrivning.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[verksamheternas-uppdrag]", "[finns-inte]"), "utf-8")
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    assert str(error.value) == (
        "workshops/1-problembeskrivning.yaml: ovning-3: no reference finns-inte in "
        "workshops/guide.yaml"
    )


def test_a_link_without_https_is_refused_with_its_place(content_copy):
    path = content_copy / "workshops" / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"https://www.bris.se"', '"http://www.bris.se"'), "utf-8")
    with pytest.raises(ContentError, match=r"workshops/guide\.yaml: materials\.\d+\.url: .*https"):
        load_content(content_copy)


def test_the_guide_file_is_required(content_copy):
    (content_copy / "workshops" / "guide.yaml").unlink()
    with pytest.raises(ContentError, match=r"workshops/guide\.yaml: missing"):
        load_content(content_copy)
