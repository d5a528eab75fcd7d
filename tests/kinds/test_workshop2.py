"""Workshop 2: voting on target groups, confirming them, and answering step by step per group."""

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Answer, TargetGroupVote

HX = {"HX-Request": "true"}


@pytest.fixture
def workshop2(leader, room):
    """The room on Övning 4a of Workshop 2."""
    leader.post(f"/processer/{room.process_id}/workshop/workshop-2/starta")
    return room


def show(leader, room, exercise, workshop="workshop-2"):
    response = leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": workshop, "exercise": exercise},
    )
    assert response.status_code == 302


def dot(client, room, group, action="add"):
    return client.post(
        f"/rum/{room.process_id}/prick",
        data={"target_group": group, "action": action},
        headers=HX,
    )


def projector_tally(leader, room) -> dict[str, str]:
    soup = page(leader.get(f"/processer/{room.process_id}/projektor/_scen"))
    return {el["data-group"]: el.get_text(strip=True) for el in soup.select(".tally-count")}


def test_participant_sees_all_20_target_groups_and_three_dots(workshop2, join):
    soup = page(join().get(f"/rum/{workshop2.process_id}"))
    assert len(soup.select(".vote-item")) == 20
    assert soup.select_one("[data-testid=dots-left]").get_text() == "3"


def test_dots_show_on_the_projector_tally(workshop2, join, leader):
    anna, bo = join(0), join(1)
    assert dot(anna, workshop2, "stress").status_code == 200
    dot(anna, workshop2, "stress")
    dot(bo, workshop2, "stress")
    dot(bo, workshop2, "ledsna-nedstamda")
    tally = projector_tally(leader, workshop2)
    assert tally["stress"] == "3"
    assert tally["ledsna-nedstamda"] == "1"
    assert tally["flera-problem"] == "0"
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    assert texts(soup, ".tally-title")[0] == "Barn och unga som har svårigheter med stress"


def test_a_participant_cannot_put_more_dots_than_allowed(workshop2, join, leader):
    anna = join()
    for _ in range(3):
        dot(anna, workshop2, "stress")
    response = dot(anna, workshop2, "stress")
    assert response.status_code == 422
    assert "alla dina 3 prickar" in texts(page(response), "[role=alert]")[0]
    assert projector_tally(leader, workshop2)["stress"] == "3"


def test_a_dot_can_be_taken_back(workshop2, join, leader):
    anna = join()
    dot(anna, workshop2, "stress")
    soup = page(dot(anna, workshop2, "stress", action="remove"))
    assert soup.select_one("[data-testid=dots-left]").get_text() == "3"
    assert projector_tally(leader, workshop2)["stress"] == "0"


def test_voting_on_another_exercise_is_refused_in_the_kept_box(workshop2, join, leader, db):
    anna = join()
    show(leader, workshop2, "ovning-5")
    response = dot(anna, workshop2, "stress")
    assert response.status_code == 409
    # The dots are gone with the exercise: the message goes where a refresh does not take it.
    assert response.headers["HX-Retarget"] == "#kept"
    said = page(response).get_text(" ", strip=True)
    assert said.startswith(
        "Ändringen av dina prickar sparades inte. Processledaren har gått vidare"
    )
    assert db.exec(select(TargetGroupVote)).all() == []
    soup = page(anna.post(f"/rum/{workshop2.process_id}/prick", data={"target_group": "stress"}))
    assert "Ändringen av dina prickar sparades inte." in texts(soup, "#kept strong")


def test_leader_confirms_two_to_four_groups(workshop2, leader):
    url = f"/processer/{workshop2.process_id}/styr/malgrupper"
    response = leader.post(url, data={"target_group": ["stress"]})
    assert response.status_code == 422
    soup = page(response)
    assert "Välj mellan 2 och 4 målgrupper (du valde 1)" in texts(soup, "[role=alert]")[0]
    assert soup.select_one("#tg-stress").has_attr("checked")
    response = leader.post(url, data={"target_group": ["stress", "ledsna-nedstamda"]})
    assert response.status_code == 302
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    assert texts(soup, ".org-column h3") == [
        "Barn och unga som har svårigheter med stress",
        "Barn och unga som är ledsna eller nedstämda",
    ]


def choose(leader, room, *groups):
    response = leader.post(
        f"/processer/{room.process_id}/styr/malgrupper", data={"target_group": list(groups)}
    )
    assert response.status_code == 302


def test_after_choosing_the_room_describes_who_does_what_per_group(workshop2, join, leader, db):
    choose(leader, workshop2, "stress", "ledsna-nedstamda")
    anna = join()
    soup = page(anna.get(f"/rum/{workshop2.process_id}"))
    options = texts(soup, "#target-group-vem-gor-vad option")
    assert options == [
        "Alla målgrupper",
        "Barn och unga som har svårigheter med stress",
        "Barn och unga som är ledsna eller nedstämda",
    ]
    response = anna.post(
        f"/rum/{workshop2.process_id}/svar",
        data={
            "workshop": "workshop-2",
            "exercise": "ovning-4a",
            "question": "vem-gor-vad",
            "target_group": "stress",
            "text": "Kuratorn gör en första bedömning.",
        },
        headers=HX,
    )
    assert response.status_code == 200
    saved = db.exec(select(Answer)).one()
    assert saved.target_group == "stress"
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    column = next(c for c in soup.select(".org-column") if "stress" in c.h3.get_text())
    assert texts(column, ".answer-text") == ["Kuratorn gör en första bedömning."]


def test_an_answer_for_a_group_not_chosen_is_refused(workshop2, join, leader):
    choose(leader, workshop2, "stress", "ledsna-nedstamda")
    response = join().post(
        f"/rum/{workshop2.process_id}/svar",
        data={
            "workshop": "workshop-2",
            "exercise": "ovning-4a",
            "question": "vem-gor-vad",
            "target_group": "flera-problem",
            "text": "Något",
        },
        headers=HX,
    )
    assert response.status_code == 422
    assert "Målgruppen är inte längre vald" in page(response).get_text()


def test_steps_show_figure_4_and_one_step_at_a_time(workshop2, join, leader):
    show(leader, workshop2, "ovning-4b")
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    assert len(soup.select(".figure-4 li")) == 5
    assert texts(soup, ".figure-4 [aria-current]") == ["Upptäcka och uppmärksamma"]
    leader.post(f"/processer/{workshop2.process_id}/styr/steg", data={"step": "atgarder"})
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    assert texts(soup, ".figure-4 [aria-current]") == ["Åtgärder/insatser"]
    assert "Vad är skolkuratorns roll?" in texts(soup, ".question h2")
    control = page(leader.get(f"/processer/{workshop2.process_id}/styr"))
    assert texts(control, "#answers h3.step-heading") == [
        "Steg: Upptäcka och uppmärksamma",
        "Steg: Kartläggning och bedömning",
        "Steg: Sekretess, dokumentation och uppföljning på individnivå",
        "Steg: Åtgärder/insatser",
        "Steg: Uppföljning",
    ]
    participant = page(join().get(f"/rum/{workshop2.process_id}"))
    assert len(participant.select("details.step")) == 5
    assert texts(participant, "details.step[open] summary") == ["4. Åtgärder/insatser"]


def test_an_answer_to_a_step_question_is_kept_per_step_and_group(workshop2, join, leader, db):
    choose(leader, workshop2, "stress", "ledsna-nedstamda")
    show(leader, workshop2, "ovning-4b")
    response = join().post(
        f"/rum/{workshop2.process_id}/svar",
        data={
            "workshop": "workshop-2",
            "exercise": "ovning-4b",
            "question": "skolkuratorns-roll",
            "target_group": "ledsna-nedstamda",
            "text": "Stödsamtal",
        },
        headers=HX,
    )
    assert response.status_code == 200
    saved = db.exec(select(Answer)).one()
    assert (saved.question_key, saved.target_group) == ("skolkuratorns-roll", "ledsna-nedstamda")
    leader.post(f"/processer/{workshop2.process_id}/styr/steg", data={"step": "atgarder"})
    soup = page(leader.get(f"/processer/{workshop2.process_id}/projektor/_scen"))
    assert "Stödsamtal" in " ".join(texts(soup, ".answer-text"))


def test_exercise_5_asks_the_seeds_questions(workshop2, join, leader):
    show(leader, workshop2, "ovning-5")
    soup = page(join().get(f"/rum/{workshop2.process_id}"))
    assert "Hur hanteras avvikelser?" in texts(soup, ".question h2")


def test_clearing_the_votes_gives_everyone_their_dots_back(workshop2, join, leader):
    anna = join()
    dot(anna, workshop2, "stress")
    response = leader.post(f"/processer/{workshop2.process_id}/styr/roster/nollstall")
    assert response.status_code == 302
    assert projector_tally(leader, workshop2)["stress"] == "0"
    soup = page(anna.get(f"/rum/{workshop2.process_id}"))
    assert soup.select_one("[data-testid=dots-left]").get_text() == "3"
