"""The three circles in the room: adding, moving, merging, undo, the region table, the picture."""

import io

import pytest
from PIL import Image
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.circles import drawing, mapping
from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.content.model import ContentError
from toolkit.models import Insats, Process
from toolkit.processes import data as processes
from toolkit.processes import retention

HX = {"HX-Request": "true"}


@pytest.fixture
def at_circles(leader, room):
    """The room on the circles exercise of Workshop 1."""
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "tre-cirklar"},
    )
    return room


def add(client, room, text, level="", region=""):
    return client.post(
        f"/rum/{room.process_id}/cirklar/insatser",
        data={"text": text, "level": level, "region": region},
        headers=HX,
    )


def leader_add(leader, room, text, region, level=""):
    return leader.post(
        f"/processer/{room.process_id}/cirklar/insatser",
        data={"text": text, "region": region, "level": level},
        headers=HX,
    )


def stored(db) -> list[Insats]:
    db.expire_all()
    return list(db.exec(select(Insats).order_by(Insats.id)))


def move(leader, room, insats_id, region):
    return leader.post(
        f"/processer/{room.process_id}/cirklar/insatser/{insats_id}/flytta",
        data={"region": region},
        headers=HX,
    )


def table(soup) -> dict[str, list[str]]:
    """The region table as region key -> insats texts (without the level)."""
    return {
        row["data-region"]: [li.contents[0].strip() for li in row.select("li")]
        for row in soup.select("[data-testid=region-table] tbody tr")
    }


def projector(leader, room):
    return page(leader.get(f"/processer/{room.process_id}/projektor/_scen"))


def test_projector_shows_three_named_circles_empty_at_first(leader, at_circles):
    soup = projector(leader, at_circles)
    svg = soup.select_one("[data-testid=circles-figure] svg")
    assert len(svg.select("circle")) == 6  # three fills and three outlines
    badge_texts = [t.get_text() for t in svg.select("text")[1:4]]
    assert badge_texts == ["Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård"]
    assert all(texts == [] for texts in table(soup).values())
    assert list(table(soup)) == list(drawing.REGIONS)


def test_participant_insats_lands_in_their_organisations_circle(join, leader, at_circles, db):
    response = add(join(1), at_circles, "Föräldrastöd i grupp", level="forebyggande")
    assert response.status_code == 200
    assert "Insatsen är sparad i Socialtjänst." in texts(page(response), "[data-announce-on-swap]")
    [insats] = stored(db)
    assert (insats.region, insats.level) == ("b", "forebyggande")
    rows = table(projector(leader, at_circles))
    assert rows["b"] == ["Föräldrastöd i grupp"]
    svg_text = " ".join(t.get_text() for t in projector(leader, at_circles).select("svg tspan"))
    assert "Föräldrastöd i grupp" in svg_text


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Insatsen är tom"), ("x" * 121, "högst 120 tecken"), ("Ok", "Välj nivå")],
)
def test_bad_insats_is_refused_and_text_kept(join, at_circles, db, text, message):
    level = "fel" if text == "Ok" else ""
    response = add(join(0), at_circles, text, level=level)
    assert response.status_code == 422
    soup = page(response)
    assert message in texts(soup, "[role=alert]")[0]
    assert soup.select_one("#insats-text")["value"] == text
    assert stored(db) == []


def test_participant_cannot_add_when_the_room_moved_on(join, leader, at_circles, db):
    """The circles' form is gone from the screen: the refusal and the text go to the kept box."""
    participant = join(0)
    leader.post(
        f"/processer/{at_circles.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-1"},
    )
    response = add(participant, at_circles, "Hälsosamtal")
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#kept"
    kept = page(response)
    assert "Din insats sparades inte." in kept.get_text()
    assert "gått vidare" in kept.get_text()
    assert kept.select_one("#kept-text").get_text() == "Hälsosamtal"
    assert stored(db) == []
    # Without JavaScript the whole room page says the same, with the new exercise below.
    whole = participant.post(
        f"/rum/{at_circles.process_id}/cirklar/insatser",
        data={"text": "Hälsosamtal", "level": "", "region": ""},
    )
    assert whole.status_code == 409
    soup = page(whole)
    assert soup.select_one("#kept #kept-text").get_text() == "Hälsosamtal"
    assert soup.select_one("#exercise h1").get_text(strip=True).startswith("Övning 1")
    assert stored(db) == []


def test_leader_moves_an_insats_into_the_three_way_overlap(join, leader, at_circles, db):
    add(join(0), at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    response = move(leader, at_circles, insats.id, "abc")
    assert response.status_code == 200
    assert "”Elevhälsoteam” ligger nu i Alla tre." in texts(page(response), "[role=status]")
    assert table(projector(leader, at_circles))["abc"] == ["Elevhälsoteam"]
    assert table(projector(leader, at_circles))["a"] == []


def test_moving_into_a_region_that_does_not_exist_is_refused(join, leader, at_circles, db):
    add(join(0), at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    response = move(leader, at_circles, insats.id, "abd")
    assert response.status_code == 422
    assert "Det området finns inte" in texts(page(response), "[role=alert]")[0]
    assert stored(db)[0].region == "a"


def test_two_moves_at_once_last_wins_and_every_view_agrees(join, leader, at_circles, db):
    add(join(2), at_circles, "Samtalsstöd")
    [insats] = stored(db)
    move(leader, at_circles, insats.id, "ac")
    second = move(leader, at_circles, insats.id, "bc")
    assert table(page(second))["bc"] == ["Samtalsstöd"]
    assert table(projector(leader, at_circles))["bc"] == ["Samtalsstöd"]
    assert table(projector(leader, at_circles))["ac"] == []


def test_moving_a_removed_insats_from_a_stale_page_says_so(join, leader, at_circles, db):
    add(join(0), at_circles, "Trygghetsarbete")
    [insats] = stored(db)
    leader.post(
        f"/processer/{at_circles.process_id}/cirklar/insatser/{insats.id}/ta-bort", headers=HX
    )
    response = move(leader, at_circles, insats.id, "abc")
    assert response.status_code == 409
    assert "finns inte längre" in texts(page(response), "[role=alert]")[0]
    assert stored(db)[0].region == "a"


def test_removal_and_move_are_undone_newest_first(join, leader, at_circles, db):
    add(join(0), at_circles, "Trygghetsarbete")
    [insats] = stored(db)
    move(leader, at_circles, insats.id, "ab")
    removed = leader.post(
        f"/processer/{at_circles.process_id}/cirklar/insatser/{insats.id}/ta-bort", headers=HX
    )
    assert "Senaste ändringen: ”Trygghetsarbete” togs bort" in page(removed).get_text(" ")
    assert table(projector(leader, at_circles))["ab"] == []
    undo = f"/processer/{at_circles.process_id}/cirklar/angra"
    leader.post(undo, headers=HX)
    assert table(projector(leader, at_circles))["ab"] == ["Trygghetsarbete"]
    leader.post(undo, headers=HX)
    assert table(projector(leader, at_circles))["a"] == ["Trygghetsarbete"]
    response = leader.post(undo, headers=HX)
    assert response.status_code == 409
    assert "Det finns inget att ångra." in texts(page(response), "[role=alert]")


def test_merge_keeps_the_first_and_undo_brings_the_others_back(join, leader, at_circles, db):
    add(join(0), at_circles, "Föräldrastöd")
    add(join(1), at_circles, "Föräldrastödsprogram", level="forebyggande")
    first, second = stored(db)
    response = leader.post(
        f"/processer/{at_circles.process_id}/cirklar/sla-ihop",
        data={"ids": [str(first.id), str(second.id)], "text": "Föräldrastöd i grupp"},
        headers=HX,
    )
    assert response.status_code == 200
    rows = table(projector(leader, at_circles))
    assert (rows["a"], rows["b"]) == (["Föräldrastöd i grupp"], [])
    assert stored(db)[0].level == "forebyggande"
    leader.post(f"/processer/{at_circles.process_id}/cirklar/angra", headers=HX)
    rows = table(projector(leader, at_circles))
    assert (rows["a"], rows["b"]) == (["Föräldrastöd"], ["Föräldrastödsprogram"])


def test_merging_one_insats_is_refused(join, leader, at_circles, db):
    add(join(0), at_circles, "Föräldrastöd")
    [only] = stored(db)
    response = leader.post(
        f"/processer/{at_circles.process_id}/cirklar/sla-ihop",
        data={"ids": [str(only.id)]},
        headers=HX,
    )
    assert response.status_code == 422
    assert "minst två" in texts(page(response), "[role=alert]")[0]


def test_leader_edits_and_adds_a_joint_insats_straight_into_an_overlap(leader, at_circles, db):
    response = leader_add(leader, at_circles, "Gemensam föräldraträff", "ab", "framjande")
    assert response.status_code == 200
    [insats] = stored(db)
    leader.post(
        f"/processer/{at_circles.process_id}/cirklar/insatser/{insats.id}/andra",
        data={"text": "Gemensam föräldraträff i skolan", "level": "framjande"},
        headers=HX,
    )
    assert table(projector(leader, at_circles))["ab"] == ["Gemensam föräldraträff i skolan"]


def test_participants_may_move_only_when_the_leader_allows(join, leader, at_circles, db):
    participant = join(0)
    add(participant, at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    url = f"/rum/{at_circles.process_id}/cirklar/insatser/{insats.id}/flytta"
    refused = participant.post(url, data={"region": "ab"}, headers=HX)
    assert refused.status_code == 403
    assert stored(db)[0].region == "a"
    orgs = at_circles.organisation_ids
    leader.post(
        f"/processer/{at_circles.process_id}/cirklar/installningar",
        data={
            "circle_a": orgs[0],
            "circle_b": orgs[1],
            "circle_c": orgs[2],
            "participants_may_move": "on",
        },
    )
    assert participant.post(url, data={"region": "ab"}, headers=HX).status_code == 200
    assert stored(db)[0].region == "ab"


def test_leader_picks_the_three_circles_when_a_process_has_four(leader, at_circles, db, join):
    process = db.get(Process, at_circles.process_id)
    processes.set_organisations(
        db, process, ["Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård", "Fritid"]
    )
    control = page(leader.get(f"/processer/{at_circles.process_id}/styr"))
    assert "Processen har 4 organisationer, men cirklarna är tre" in control.get_text(" ")
    orgs = [o.id for o in processes.organisations_of(db, process)]
    leader.post(
        f"/processer/{at_circles.process_id}/cirklar/installningar",
        data={"circle_a": orgs[3], "circle_b": orgs[1], "circle_c": orgs[2]},
    )
    db.expire_all()
    assert mapping.circle_org_names(db, process) == [
        "Fritid",
        "Socialtjänst",
        "Hälso- och sjukvård",
    ]
    # Someone from the organisation left out chooses the circle themselves.
    response = add(join(0), at_circles, "Läxhjälp", region="")
    assert "Välj vilken cirkel" in texts(page(response), "[role=alert]")[0]
    assert add(join(0), at_circles, "Läxhjälp", region="c").status_code == 200
    assert mapping.regions_for(db, process)["c"] == ["Läxhjälp"]


def test_ovning_3_answers_become_insatser_with_one_click(join, leader, at_circles, db):
    participant = join(1)
    leader.post(
        f"/processer/{at_circles.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-3"},
    )
    participant.post(
        f"/rum/{at_circles.process_id}/svar",
        data={
            "workshop": "workshop-1",
            "exercise": "ovning-3",
            "question": "atgardande",
            "text": "Familjebehandling i hemmet",
        },
    )
    soup = page(leader.get(f"/processer/{at_circles.process_id}/cirklar"))
    [form] = soup.select("form.suggestion")
    assert "Familjebehandling i hemmet" in form.get_text()
    response = leader.post(form["action"], headers=HX)
    assert "Familjebehandling i hemmet" in table(page(response))["b"]
    assert page(response).select("form.suggestion") == []
    assert stored(db)[0].level == "atgardande"


def test_regions_for_and_names_are_what_the_documents_take(join, leader, at_circles, db):
    add(join(0), at_circles, "Elevhälsoteam")
    add(join(1), at_circles, "Föräldrastöd")
    process = db.get(Process, at_circles.process_id)
    regions = mapping.regions_for(db, process)
    assert regions == {
        "a": ["Elevhälsoteam"],
        "b": ["Föräldrastöd"],
        "c": [],
        "ab": [],
        "ac": [],
        "bc": [],
        "abc": [],
    }
    names = mapping.circle_org_names(db, process)
    assert drawing.region_table(names, regions)[3] == ("Skola/elevhälsa + Socialtjänst", [])


def test_png_download_is_an_image_with_ink_in_each_filled_circle(join, leader, at_circles, db):
    add(join(0), at_circles, "Elevhälsoteam som träffas varje vecka")
    add(join(2), at_circles, "Samtalsstöd på vårdcentralen")
    response = leader.get(f"/processer/{at_circles.process_id}/cirklar.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data)).convert("L")
    assert image.size == (1600, 1200)
    scale = 1600 / drawing.WIDTH

    def dark_pixels(region: str) -> int:
        x, y = drawing.geometry().anchors[region]
        box = [round(v * scale) for v in (x - 80, y - 60, x + 80, y + 60)]
        return sum(image.crop(box).histogram()[:100])

    assert dark_pixels("a") > 50
    assert dark_pixels("c") > 50
    assert dark_pixels("b") == 0  # Socialtjänst's circle is empty


def test_svg_download_and_circles_page_need_the_owner(app, leader, at_circles, client):
    svg = leader.get(f"/processer/{at_circles.process_id}/cirklar.svg")
    assert svg.mimetype == "image/svg+xml"
    assert svg.data.startswith(b"<svg")
    assert "attachment" in svg.headers["Content-Disposition"]
    assert client.get(f"/processer/{at_circles.process_id}/cirklar.svg").status_code == 302


def test_circles_page_on_its_own_without_a_workshop(leader, app, db):
    response = leader.post("/processer/", data={"name": "Revidering", "organisations": ""})
    process_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    soup = page(leader.get(f"/processer/{process_id}/cirklar"))
    assert soup.h1.get_text(strip=True) == "De tre cirklarna"
    assert soup.select_one("[data-testid=circles-figure] svg") is not None
    process_link = page(leader.get(f"/processer/{process_id}"))
    assert process_link.select_one(f"a[href='/processer/{process_id}/cirklar']") is not None


def test_deleting_a_process_deletes_its_circles(join, leader, at_circles, db):
    add(join(0), at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    move(leader, at_circles, insats.id, "abc")
    retention.delete_process(db, db.get(Process, at_circles.process_id))
    assert stored(db) == []


def test_results_show_the_filled_circles_as_picture_and_table(join, leader, at_circles):
    add(join(0), at_circles, "Elevhälsoteam")
    soup = page(leader.get(f"/processer/{at_circles.process_id}/workshop/workshop-1/resultat"))
    section = soup.select_one("section[aria-labelledby=ex-tre-cirklar]")
    assert section.select_one("[data-testid=circles-figure] svg") is not None
    assert table(section)["a"] == ["Elevhälsoteam"]


def test_removing_an_organisation_chosen_as_a_circle_falls_back(leader, at_circles, db):
    process = db.get(Process, at_circles.process_id)
    processes.set_organisations(db, process, ["Skola", "Socialtjänst", "Vården", "Fritid"])
    fritid = processes.organisations_of(db, process)[3]
    orgs = at_circles.organisation_ids
    mapping.set_setup(db, process, [orgs[0], orgs[1], fritid.id], False)
    processes.set_organisations(db, process, ["Skola", "Socialtjänst", "Vården"])
    assert mapping.circle_org_names(db, process) == ["Skola", "Socialtjänst", "Vården"]
    processes.set_organisations(db, process, ["Skola", "Socialtjänst"])
    assert mapping.circle_org_names(db, process) == ["Skola", "Socialtjänst", "Hälso- och sjukvård"]
    control = page(leader.get(f"/processer/{at_circles.process_id}/styr"))
    assert "Processen har bara 2 organisationer" in control.get_text(" ")


def test_participant_removes_own_insats_and_the_leader_can_undo(join, leader, at_circles, db):
    mine, other = join(0), join(0)
    add(mine, at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    url = f"/rum/{at_circles.process_id}/cirklar/insatser/{insats.id}/ta-bort"
    assert other.post(url, headers=HX).status_code == 403
    listed = page(mine.get(f"/rum/{at_circles.process_id}/cirklar", headers=HX))
    assert [li.contents[0].strip() for li in listed.select(".mine-insatser li")] == [
        "Elevhälsoteam"
    ]
    response = mine.post(url, headers=HX)
    assert "”Elevhälsoteam” är borttagen." in texts(page(response), "[data-announce-on-swap]")
    assert page(response).select(".mine-insatser li") == []
    assert table(projector(leader, at_circles))["a"] == []
    leader.post(f"/processer/{at_circles.process_id}/cirklar/angra", headers=HX)
    assert table(projector(leader, at_circles))["a"] == ["Elevhälsoteam"]


def test_suggestions_skip_what_is_already_in_the_circles(join, leader, at_circles, db):
    participant = join(0)
    leader.post(
        f"/processer/{at_circles.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-3"},
    )
    for text in ("Trygghetsarbete", "Elevhälsoteam", "Läxhjälp"):
        participant.post(
            f"/rum/{at_circles.process_id}/svar",
            data={
                "workshop": "workshop-1",
                "exercise": "ovning-3",
                "question": "framjande",
                "text": text,
            },
        )
    leader_add(leader, at_circles, "trygghetsarbete", "a")
    board = f"/processer/{at_circles.process_id}/cirklar/_tavla"
    forms = page(leader.get(board, headers=HX)).select("form.suggestion")
    assert [f.span.contents[0].strip() for f in forms] == ["Elevhälsoteam", "Läxhjälp"]
    for form in forms:
        leader.post(form["action"], headers=HX)
    ids = [str(i.id) for i in stored(db)[1:]]
    leader.post(
        f"/processer/{at_circles.process_id}/cirklar/sla-ihop", data={"ids": ids}, headers=HX
    )
    assert page(leader.get(board, headers=HX)).select("form.suggestion") == []


def test_content_names_the_file_when_suggestions_point_nowhere(tmp_path):
    (tmp_path / "workshops").mkdir()
    source = (ROOT / "workshops" / "1-problembeskrivning.yaml").read_text(encoding="utf-8")
    broken = source.replace("suggestions_from: ovning-3", "suggestions_from: ovning-9")
    (tmp_path / "workshops" / "1-problembeskrivning.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match=r"1-problembeskrivning\.yaml.*ovning-9"):
        load_content(tmp_path)


def test_closed_exercise_refuses_new_insatser_and_keeps_the_text(join, leader, at_circles, db):
    participant = join(0)
    leader.post(f"/processer/{at_circles.process_id}/styr/lage", data={"action": "close"})
    response = add(participant, at_circles, "Elevhälsoteam")
    assert response.status_code == 422
    assert "stängd" in texts(page(response), "[role=alert]")[0]
    assert page(response).select_one("#insats-text")["value"] == "Elevhälsoteam"
    assert stored(db) == []


def test_move_without_javascript_returns_to_the_control_view_with_a_message(
    join, leader, at_circles, db
):
    add(join(0), at_circles, "Elevhälsoteam")
    [insats] = stored(db)
    response = leader.post(
        f"/processer/{at_circles.process_id}/cirklar/insatser/{insats.id}/flytta",
        data={"region": "abc", "back": "styr"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/processer/{at_circles.process_id}/styr#cirklar")
    soup = page(leader.get(f"/processer/{at_circles.process_id}/styr"))
    assert "”Elevhälsoteam” ligger nu i Alla tre." in texts(soup, ".notice")
    assert table(soup)["abc"] == ["Elevhälsoteam"]
