"""Vignette discussions: filters, local vignettes, groups mixing organisations, report-back."""

from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Participant, Process
from toolkit.processes import retention
from toolkit.vignettes import grouping

HX = {"HX-Request": "true"}


def url(room, rest=""):
    return f"/processer/{room.process_id}/vinjetter{rest}"


def test_all_vignettes_are_listed_and_filtered_by_age_and_target_group(leader, room):
    soup = page(leader.get(url(room)))
    assert soup.select_one("[data-testid=vignette-count]").get_text() == "19 av 19 vinjetter"
    soup = page(leader.get(url(room, "?fran=13&till=17")))
    titles = texts(soup, "details.vignette summary")
    assert titles and all(int(t.split()[1]) >= 13 for t in titles)
    soup = page(leader.get(url(room, "?malgrupp=sarskild-begavning")))
    assert len(texts(soup, "details.vignette summary")) < 19


def test_groups_mix_organisations(leader, room, join, db):
    for organisation in (0, 0, 0, 1, 1, 1):
        join(organisation)
    response = leader.post(url(room, "/grupper"), data={"count": "3", "assign": "mixed"})
    assert response.status_code == 302
    process = db.get(Process, room.process_id)
    members = grouping.members_of(db, process)
    assert [len(people) for people in members.values()] == [2, 2, 2]
    for people in members.values():
        assert len({p.organisation_id for p in people}) == 2


def test_participants_choose_a_group_see_its_vignette_and_answer_together(leader, room, join, db):
    leader.post(url(room, "/grupper"), data={"count": "2", "assign": "choose"})
    process = db.get(Process, room.process_id)
    first, second = grouping.groups_of(db, process)
    anna, bo = join(0), join(2)
    soup = page(anna.get(f"/rum/{room.process_id}/vinjett"))
    assert texts(soup, "fieldset label") == ["Grupp 1", "Grupp 2"]
    for client in (anna, bo):
        client.post(f"/rum/{room.process_id}/vinjett/grupp", data={"group": first.id})
    leader.post(url(room, f"/grupper/{first.id}"), data={"vignette": "01-kalle-5"})
    soup = page(bo.get(f"/rum/{room.process_id}/vinjett"))
    assert soup.h1.get_text(strip=True) == "Grupp 1: Kalle 5 år"
    assert "Kalle går sista terminen i förskolan" in soup.select_one(".vignette-text").get_text()
    assert len(soup.select("section.question")) == 13
    response = anna.post(
        f"/rum/{room.process_id}/vinjett/svar",
        data={"question": "hur-snart", "text": "Inom en vecka"},
        headers=HX,
    )
    assert response.status_code == 200
    soup = page(bo.get(f"/rum/{room.process_id}/vinjett"))
    assert texts(soup, "#fraga-hur-snart .answer-text") == ["Inom en vecka"]
    assert second.vignette_key == ""


def test_report_back_steps_from_group_to_group_on_the_projector(leader, room, join, db):
    leader.post(url(room, "/grupper"), data={"count": "2", "assign": "choose"})
    process = db.get(Process, room.process_id)
    first, second = grouping.groups_of(db, process)
    leader.post(url(room, f"/grupper/{first.id}"), data={"vignette": "01-kalle-5"})
    leader.post(url(room, f"/grupper/{second.id}"), data={"vignette": "19-linda-17"})
    anna = join()
    anna.post(f"/rum/{room.process_id}/vinjett/grupp", data={"group": second.id})
    anna.post(
        f"/rum/{room.process_id}/vinjett/svar", data={"question": "forum", "text": "EHT-mötet"}
    )
    stage = f"/processer/{room.process_id}/projektor/_scen"
    leader.post(url(room, "/aterrapportering"), data={"step": "start"})
    assert page(leader.get(stage)).h1.get_text(strip=True) == "Grupp 1: Kalle 5 år"
    leader.post(url(room, "/aterrapportering"), data={"step": "next"})
    soup = page(leader.get(stage))
    assert soup.h1.get_text(strip=True) == "Grupp 2: Linda 17 år"
    assert texts(soup, ".report-answers .answer-text") == ["EHT-mötet"]
    leader.post(url(room, "/aterrapportering"), data={"step": "previous"})
    assert page(leader.get(stage)).h1.get_text(strip=True) == "Grupp 1: Kalle 5 år"
    leader.post(url(room, "/aterrapportering"), data={"step": "stop"})
    assert (
        page(leader.get(stage)).h1.get_text(strip=True) == "Övning 1 – Problem och förutsättningar"
    )


LOCAL = {
    "title": "Sara 11 år",
    "name": "Sara",
    "age": "11",
    "stage": "4-6",
    "target_groups": ["stress"],
    "text": "Sara är en **påhittad** elev som ofta har ont i magen.",
}


def test_a_local_vignette_is_added_and_can_be_given_to_a_group(leader, room, db):
    response = leader.post(url(room, "/lokal"), data=LOCAL)
    assert response.status_code == 302
    leader.post(url(room, "/grupper"), data={"count": "1", "assign": "choose"})
    soup = page(leader.get(url(room)))
    assert soup.select_one("[data-testid=vignette-count]").get_text() == "20 av 20 vinjetter"
    assert "Sara 11 år · Grundskola 4–6" in texts(soup, "details.vignette summary")
    assert texts(soup, "select[name=vignette] option")[-1] == "Sara 11 år"
    process = db.get(Process, room.process_id)
    (group,) = grouping.groups_of(db, process)
    leader.post(url(room, f"/grupper/{group.id}"), data={"vignette": "lokal-1"})
    leader.post(url(room, "/aterrapportering"), data={"step": "start"})
    soup = page(leader.get(f"/processer/{room.process_id}/projektor/_scen"))
    assert soup.select_one(".vignette-large strong").get_text() == "påhittad"


def test_a_local_vignette_with_a_personnummer_is_refused_and_kept(leader, room):
    response = leader.post(url(room, "/lokal"), data=LOCAL | {"text": "Sara 121212-1212."})
    assert response.status_code == 422
    soup = page(response)
    assert "personnummer" in texts(soup, "#lokal [role=alert]")[0]
    assert soup.select_one("#lokal textarea").get_text() == "Sara 121212-1212."


def test_a_local_vignette_needs_age_stage_and_target_groups(leader, room):
    for missing, message in (
        ({"age": ""}, "Ange barnets ålder"),
        ({"stage": ""}, "Välj skolform"),
        ({"target_groups": []}, "Välj minst en målgrupp"),
    ):
        response = leader.post(url(room, "/lokal"), data=LOCAL | missing)
        assert response.status_code == 422
        assert message in texts(page(response), "#lokal [role=alert]")[0]


def test_participants_not_in_the_process_cannot_reach_the_groups(client, room):
    assert client.get(f"/rum/{room.process_id}/vinjett").status_code == 403


def test_deleting_a_process_removes_its_groups(leader, room, join, db):
    join()
    leader.post(url(room, "/grupper"), data={"count": "2", "assign": "mixed"})
    process = db.get(Process, room.process_id)
    retention.delete_process(db, process)
    assert db.exec(select(Participant)).all() == []
