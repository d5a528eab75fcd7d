"""Every workshop's output reaches the sections SKR's guide ties it to, in the Word files."""

import shutil
from io import BytesIO

import pytest
from docx import Document

from tests.helpers.worked_process import TODAY
from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import ContentError
from toolkit.documents import build
from toolkit.documents.formats import build_docx
from toolkit.documents.sources import Material


@pytest.fixture
def documents(db, content, all_workshops):
    """Each document of a process that ran all three workshops, as {heading: its text}."""
    process = all_workshops
    gathered = build.gather(db, content, process)
    return {
        outline.key: by_heading(build.build_document(gathered, outline.key, TODAY))
        for outline in content.outlines.documents
    }


def by_heading(spec) -> dict[str, list[str]]:
    """The exported .docx read back: the paragraphs under each Heading 1, by heading."""
    document = Document(BytesIO(build_docx(spec)))
    sections: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = sections.setdefault(paragraph.text, [])
        elif current is not None and paragraph.text:
            current.append(paragraph.text)
    return sections


def test_the_chosen_target_groups_are_listed_where_the_guide_asks_who_it_is_for(documents):
    chosen = [
        "Barn och unga som känner rädsla, oro eller ångest",
        "Barn och unga som har en besvärlig hemsituation",
    ]
    for document, heading in (
        ("beslutsunderlag", "Bakgrund"),
        ("handlingsplan", "Åtgärder och insatser"),
    ):
        lines = documents[document][heading]
        i = lines.index("Målgrupperna som valdes")
        assert lines[i + 1 : i + 3] == chosen, (document, heading)


def test_the_models_malgrupp_offers_the_chosen_groups_beside_the_saved_text(
    db, content, all_workshops
):
    process = all_workshops
    material = Material(db, content, process)
    section = content.outlines.document("modell").section("malgrupp")
    groups = dict(material.for_section(section))
    assert groups["Målgrupperna som valdes"][0] == (
        "Barn och unga som känner rädsla, oro eller ångest"
    )
    gathered = build.gather(db, content, process)
    assert gathered.texts[("modell", "malgrupp")].startswith("Barn i förskola")  # saved stays
    assert (
        "Workshop 2 · Övning 4a – Vägen från upptäckt till hjälp"
        in (gathered.sources[("modell", "malgrupp")])
    )


def test_each_4b_step_is_answered_per_target_group(documents):
    access = documents["beslutsunderlag"]["Tillgänglighet"]
    i = access.index(
        "Upptäcka och uppmärksamma: Hur tar barn kontakt och med vem inom er elevhälsobaserade "
        "modell? Ska barn ta kontakt via en särskild person, i så fall vem?"
    )
    assert access[i + 1 : i + 3] == [
        "Barn och unga som känner rädsla, oro eller ångest",
        "Eleven vänder sig till mentorn eller kuratorn. (Skola/elevhälsa)",
    ]
    expected = {
        ("handlingsplan", "Hur mående och behov bedöms"): "Skolsköterskan gör en första bedömning.",
        ("handlingsplan", "Dokumentation och sekretess"): "Samtycke inhämtas skriftligt av rektor.",
        (
            "beslutsunderlag",
            "Dokumentation och sekretess",
        ): "Samtycke inhämtas skriftligt av rektor.",
        ("handlingsplan", "Åtgärder och insatser"): "Behandlingsassistenten träffar familjen.",
        ("beslutsunderlag", "Resurser"): "Kuratorn leder samtalsgruppen.",
        ("beslutsunderlag", "Delaktighet"): "Eleven är med och sätter målen.",
        (
            "handlingsplan",
            "Uppföljning och utvärdering",
        ): "Rektor och socialsekreterare följer upp.",
    }
    for (document, heading), text in expected.items():
        lines = documents[document][heading]
        assert any(line.startswith(text) for line in lines), (document, heading)
    step = "Sekretess, dokumentation och uppföljning på individnivå: Hur inhämtar ni samtycke"
    lines = documents["handlingsplan"]["Dokumentation och sekretess"]
    i = next(n for n, line in enumerate(lines) if line.startswith(step))
    assert lines[i + 1] == "Barn och unga som har en besvärlig hemsituation"


def test_ovning_5_and_7_reach_their_sections(documents):
    for document in ("beslutsunderlag", "handlingsplan"):
        lines = documents[document]["Samarbete och samverkan med andra verksamheter"]
        assert "Remiss till BUP skrivs tillsammans med vårdnadshavare. (Skola/elevhälsa)" in lines
        assert "Avvikelser lyfts i arbetsgruppen varannan vecka. (Socialtjänst (IFO))" in lines
    info = "Informationsmöte i förskolan och grundskolan under hösten. (Socialtjänst (IFO))"
    assert info in documents["beslutsunderlag"]["Insatser"]
    assert info in documents["handlingsplan"]["Kompetensutveckling"]


def test_case_paths_go_step_by_step(documents):
    for document, heading in (("modell", "Processen"), ("handlingsplan", "Åtgärder och insatser")):
        lines = documents[document][heading]
        i = lines.index("Ärendegång: Barn och unga som känner rädsla, oro eller ångest")
        assert lines[i + 1 : i + 4] == [
            "Mentorn uppmärksammar oro och frånvaro (Mentor)",
            "Elevhälsoteamet gör en första bedömning (Skolkurator)",
            "Samtalsstöd i skolan, uppföljning efter sex veckor (Skolkurator)",
        ]
        i = lines.index("Ärendegång: Barn och unga som har en besvärlig hemsituation")
        assert lines[i + 1] == "Skolan och IFO träffar familjen tillsammans (Rektor)"


def test_the_case_paths_are_numbered_lists(db, content, all_workshops):
    process = all_workshops
    spec = build.build_document(build.gather(db, content, process), "handlingsplan", TODAY)
    document = Document(BytesIO(build_docx(spec)))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Mentorn uppmärksammar oro och frånvaro (Mentor)"] == "List Number"
    # An answer given for a target group is listed under the group's title.
    assert (
        styles["Behandlingsassistenten träffar familjen. (Socialtjänst (IFO))"] == "List Bullet 2"
    )


def test_the_vignette_groups_conclusions_reach_their_sections(documents):
    lines = documents["handlingsplan"]["Hur barn involveras"]
    i = lines.index(
        "Vinjettdiskussionen: Vilka krav ska barnet kunna ställa utifrån vad som framkommit i "
        "era diskussioner?"
    )
    assert lines[i + 1 : i + 3] == [
        "Grupp 1: Kalle 5 år",
        "Att bli lyssnad på och få veta vad som händer",
    ]
    assert (
        "Skolsköterskan och kuratorn tillsammans"
        in (documents["handlingsplan"]["Hur mående och behov bedöms"])
    )
    assert (
        "BUP och ungdomsmottagningen"
        in (documents["beslutsunderlag"]["Samarbete och samverkan med andra verksamheter"])
    )


def test_the_survey_summaries_reach_the_follow_up(documents):
    for document in ("beslutsunderlag", "handlingsplan"):
        lines = documents[document]["Uppföljning och utvärdering"]
        i = lines.index("Enkät: Förslag på frågor till vårdnadshavare och elever (1 svar)")
        assert lines[i + 1 : i + 3] == ["Hur kom du/ni i kontakt med hjälpen?", "Via mentorn"]
        assert "Ja, vi fick vara med och bestämma" in lines
    assert "Via mentorn" in documents["beslutsunderlag"]["Tillgänglighet"]
    assert "Ja, vi fick vara med och bestämma" in documents["beslutsunderlag"]["Delaktighet"]


def test_the_circles_insatser_are_listed_per_region_beside_the_picture(db, content, documents):
    lines = documents["beslutsunderlag"]["Insatser"]
    i = lines.index("Insatser: Skola/elevhälsa + Socialtjänst (IFO)")
    assert lines[i + 1] == "Ragunda Trampolinen"
    i = lines.index("Insatser: Alla tre")
    assert lines[i + 1] == "SIP"
    i = lines.index("Insatser: Skola/elevhälsa")
    assert lines[i + 1] == "Elevhälsoteam"
    assert "Ragunda Trampolinen" in documents["handlingsplan"]["Åtgärder och insatser"]


def test_the_picture_of_the_circles_stays_beside_the_list(db, content, all_workshops):
    process = all_workshops
    spec = build.build_document(build.gather(db, content, process), "beslutsunderlag", TODAY)
    [insatser] = [s for s in spec.sections if s.heading == "Insatser"]
    assert insatser.images and "- Ragunda Trampolinen" in insatser.body_markdown


def test_tidsperiod_lists_the_tidplan(db, content, documents):
    period = documents["beslutsunderlag"]["Tidsperiod"]
    assert period[0] == "Tidplanen: 2026-01-01 – 2027-06-15"
    assert "Problembeskrivning och behovsanalys: 2026-01-01 – 2026-03-31 (Arbetsgruppen)" in (
        period
    )


def test_every_source_reads_what_its_exercise_gives(content):
    from toolkit.kinds import KINDS

    for outline in content.outlines.documents:
        for section in outline.sections:
            for source in section.sources:
                exercise = content.workshop(source.workshop).exercise(source.exercise)
                assert source.material in KINDS[exercise.kind].material, (
                    outline.key,
                    section.key,
                    source.exercise,
                )


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (
            "{workshop: workshop-3, exercise: ovning-6, material: case-paths}",
            "{workshop: workshop-3, exercise: ovning-7, material: case-paths}",
        ),
        (
            "{workshop: workshop-2, exercise: ovning-4a, material: vignette-groups, "
            "questions: [barnet]}",
            "{workshop: workshop-2, exercise: ovning-4a, material: vignette-groups, "
            "questions: [ingen-sadan]}",
        ),
        (
            "{workshop: workshop-3, exercise: ovning-6, material: case-paths}",
            "{workshop: workshop-3, exercise: ovning-6, material: arendegangar}",
        ),
    ],
)
def test_an_unknown_source_stops_the_app_naming_the_file_and_problem(tmp_path, broken, problem):
    shutil.copytree(ROOT / "workshops", tmp_path / "workshops")
    shutil.copytree(ROOT / "vignettes", tmp_path / "vignettes")
    path = tmp_path / "workshops" / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    assert broken in text
    path.write_text(text.replace(broken, problem, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    message = str(caught.value)
    assert message.startswith("workshops/documents.yaml: ")
    if "ovning-7" in problem:
        assert "workshop-3/ovning-7 gives no case-paths" in message
    elif "ingen-sadan" in problem:
        assert "unknown question ovning-4a/ingen-sadan" in message
    else:
        assert ".material: Input should be 'answers', 'target-groups'" in message
