"""The content of all three workshops and the vignettes validates and is complete."""

import shutil
from pathlib import Path

import pytest

from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import ContentError, Exercise


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def test_three_workshops_in_order(content):
    assert [w.key for w in content.workshops] == ["workshop-1", "workshop-2", "workshop-3"]


def test_workshop_2_and_3_have_the_agreed_exercise_keys(content):
    assert [e.key for e in content.workshop("workshop-2").exercises] == [
        "ovning-4a",
        "ovning-4b",
        "ovning-5",
    ]
    assert [e.key for e in content.workshop("workshop-3").exercises] == [
        "ovning-6",
        "ovning-7",
        "prova-i-praktiken",
    ]


def test_all_19_vignettes_and_20_target_groups(content):
    assert len(content.vignettes) == 19
    assert content.vignettes[0].title == "Kalle 5 år"
    assert content.vignettes[-1].title == "Linda 17 år"
    assert len(content.target_groups.groups) == 20
    known = {g.key for g in content.target_groups.groups}
    for vignette in content.vignettes:
        assert vignette.source.startswith("SKR (2023)")
        assert set(vignette.target_groups) <= known


def test_figure_4_has_five_steps_with_the_role_questions(content):
    steps = content.workshop("workshop-2").exercise("ovning-4b").steps
    assert [s.title for s in steps] == [
        "Upptäcka och uppmärksamma",
        "Kartläggning och bedömning",
        "Sekretess, dokumentation och uppföljning på individnivå",
        "Åtgärder/insatser",
        "Uppföljning",
    ]
    roles = [q.text for q in steps[3].questions if q.text.endswith("roll?")]
    assert len(roles) == 8
    assert "Vad är skolpsykologens roll?" in roles


def test_follow_up_questions_for_both_audiences(content):
    surveys = content.workshop("workshop-3").exercise("prova-i-praktiken").surveys
    assert [len(s.questions) for s in surveys] == [6, 3]


def test_vote_without_dots_names_the_file(tmp_path):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    path = tmp_path / "workshops" / "2-fran-upptackt-till-hjalp.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    dots: 3\n", ""), "utf-8")
    with pytest.raises(ContentError, match=r"workshops/2-fran-upptackt-till-hjalp.yaml: .*dots"):
        load_content(tmp_path)


def test_a_kind_refuses_fields_of_another_kind():
    with pytest.raises(ValueError, match="only an exercise of kind steps has steps"):
        Exercise(
            key="x",
            title="X",
            kind="answers",
            prompt="p",
            questions=[{"key": "a", "text": "A"}],
            steps=[{"key": "s", "title": "S", "questions": [{"key": "b", "text": "B"}]}],
        )


def test_a_dropped_in_vignette_without_target_groups_is_refused(tmp_path):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    extra = Path(tmp_path / "vignettes" / "20-sara-11.md")
    extra.write_text(
        "---\ntitle: Sara 11 år\nname: Sara\nage: 11\nstage: 4-6\ntarget_groups: []\n"
        "source: Lokal\n---\nSara är en påhittad elev.\n",
        "utf-8",
    )
    with pytest.raises(ContentError, match="vignettes/20-sara-11.md: .*target group"):
        load_content(tmp_path)


def test_a_dropped_in_vignette_loads(tmp_path):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    (tmp_path / "vignettes" / "20-sara-11.md").write_text(
        "---\ntitle: Sara 11 år\nname: Sara\nage: 11\nstage: 4-6\ntarget_groups: [stress]\n"
        "source: Lokal\n---\nSara är en påhittad elev.\n",
        "utf-8",
    )
    assert len(load_content(tmp_path).vignettes) == 20


def test_a_dropped_in_vignette_with_a_personnummer_is_refused(tmp_path):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    (tmp_path / "vignettes" / "20-sara-11.md").write_text(
        "---\ntitle: Sara 11 år\nname: Sara\nage: 11\nstage: 4-6\ntarget_groups: [stress]\n"
        "source: Lokal\n---\nSara, 121212-1212, är elev.\n",
        "utf-8",
    )
    with pytest.raises(ContentError, match="20-sara-11.md: .*personnummer"):
        load_content(tmp_path)
