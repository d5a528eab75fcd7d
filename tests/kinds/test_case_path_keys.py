"""Övning 6: a case-path step sent twice, or confirmed by a page that failed, is one step."""

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.kinds import actions
from toolkit.models import CasePathStep

HX = {"HX-Request": "true"}
STRESS = "Barn och unga som har svårigheter med stress"


@pytest.fixture
def workshop3(leader, room):
    """Target groups chosen in Workshop 2, the room on Övning 6 of Workshop 3."""
    leader.post(f"/processer/{room.process_id}/workshop/workshop-2/starta")
    leader.post(
        f"/processer/{room.process_id}/styr/malgrupper",
        data={"target_group": ["stress", "ledsna-nedstamda"]},
    )
    leader.post(f"/processer/{room.process_id}/workshop/workshop-3/starta")
    return room


def send_step(client, room, text, key, group="stress"):
    return client.post(
        f"/rum/{room.process_id}/arendegang",
        data={"target_group": group, "text": text, "actor": "Mentor", "key": key},
        headers=HX,
    )


def stored(db) -> list[str]:
    db.expire_all()
    return [s.text for s in db.exec(select(CasePathStep).order_by(CasePathStep.id))]


def test_every_step_form_carries_its_own_key(workshop3, join):
    soup = page(join().get(f"/rum/{workshop3.process_id}"))
    forms = soup.select("#case-paths form[data-answer-form]")
    keys = [form.select_one("input[name=key]")["value"] for form in forms]
    # One per chosen group and one for another group of the bilaga.
    assert len(keys) == 3 and len(set(keys)) == 3 and all(len(key) >= 16 for key in keys)
    assert all(form.select_one("[data-send-status]") for form in forms)


def test_the_same_step_sent_twice_is_stored_once_and_said_saved_both_times(workshop3, join, db):
    anna = join()
    for _ in range(2):  # a double press, or a retry after a time-out
        response = send_step(anna, workshop3, "Mentorn ringer hem", "s-1")
        assert response.status_code == 200
        soup = page(response)
        assert texts(soup, "#case-paths .step-line") == ["Mentorn ringer hem · Mentor"]
        assert texts(soup, "form[data-saved] [data-send-status]") == ["Steget är sparat."]
    assert stored(db) == ["Mentorn ringer hem"]
    # A new key is a new step, even with the same words.
    send_step(anna, workshop3, "Mentorn ringer hem", "s-2")
    assert stored(db) == ["Mentorn ringer hem", "Mentorn ringer hem"]


def test_a_confirmation_that_fails_after_the_commit_does_not_lead_to_a_second_step(
    app, workshop3, join, db, monkeypatch
):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    anna = join()
    real, calls = actions.render_template, {"n": 0}

    def fails_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup after the commit")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "render_template", fails_once)
    assert send_step(anna, workshop3, "Sparat men inte bekräftat", "s-500").status_code == 500
    assert stored(db) == ["Sparat men inte bekräftat"]  # it was committed
    response = send_step(anna, workshop3, "Sparat men inte bekräftat", "s-500")  # the retry
    assert response.status_code == 200
    assert texts(page(response), "form[data-saved] [data-send-status]") == ["Steget är sparat."]
    assert stored(db) == ["Sparat men inte bekräftat"]


def test_a_retry_after_the_leader_moved_on_still_finds_the_step_saved(workshop3, join, leader, db):
    anna = join()
    send_step(anna, workshop3, "Hann fram", "s-late")
    leader.post(
        f"/processer/{workshop3.process_id}/styr/visa",
        data={"workshop": "workshop-3", "exercise": "prova-i-praktiken"},
    )
    assert send_step(anna, workshop3, "Hann fram", "s-late").status_code == 200
    assert send_step(anna, workshop3, "För sent", "s-new").status_code == 409
    assert stored(db) == ["Hann fram"]


def test_keys_belong_to_their_process_and_a_step_for_another_group_has_one_too(workshop3, join, db):
    anna = join()
    send_step(anna, workshop3, "Ett", "samma")
    response = send_step(anna, workshop3, "Elevhälsoteamet samlas", "annan", "flera-problem")
    assert response.status_code == 200
    send_step(anna, workshop3, "Elevhälsoteamet samlas", "annan", "flera-problem")
    assert stored(db) == ["Ett", "Elevhälsoteamet samlas"]


def test_the_leaders_double_press_adds_one_step(workshop3, leader, db):
    soup = page(leader.get(f"/processer/{workshop3.process_id}/styr"))
    form = soup.select_one("#arende-stress form.stack")
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    data.update(text="Kuratorn gör en bedömning", actor="Skolkurator")
    for _ in range(2):
        response = leader.post(f"/processer/{workshop3.process_id}/styr/arendegang", data=data)
        assert response.status_code == 302
    assert stored(db) == ["Kuratorn gör en bedömning"]


def move_on(leader, room):
    response = leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-3", "exercise": "prova-i-praktiken"},
    )
    assert response.status_code == 302


def test_a_step_sent_after_the_leader_moved_on_keeps_its_text_and_actor_in_the_kept_box(
    workshop3, join, leader, db
):
    anna = join()
    move_on(leader, workshop3)
    response = send_step(anna, workshop3, "Skrivet för sent", "s-late")
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#kept"
    soup = page(response)
    assert soup.strong.get_text() == (f"Ditt steg i ärendegången för {STRESS} sparades inte.")
    assert "gått vidare till en annan övning" in soup.p.get_text()
    assert soup.select_one("#kept-text").get_text() == "Skrivet för sent"
    assert soup.select_one("#kept-actor")["value"] == "Mentor"
    assert stored(db) == []
    # Without JavaScript the whole page says it, above the exercise the room is on now.
    response = anna.post(
        f"/rum/{workshop3.process_id}/arendegang",
        data={"target_group": "stress", "text": "Skrivet för sent", "actor": "Mentor", "key": "x"},
    )
    assert response.status_code == 409
    soup = page(response)
    assert soup.select_one("#kept #kept-text").get_text() == "Skrivet för sent"
    assert soup.select_one("#kept #kept-actor")["value"] == "Mentor"
    assert not soup.select("#case-paths")
    assert stored(db) == []


def test_a_retry_of_a_step_the_leader_removed_is_not_added_again(workshop3, join, leader, db):
    anna = join()
    send_step(anna, workshop3, "Mentorn ringer hem", "s-1")
    (step,) = db.exec(select(CasePathStep)).all()
    leader.post(
        f"/processer/{workshop3.process_id}/styr/arendegang/{step.id}", data={"action": "delete"}
    )
    response = send_step(anna, workshop3, "Mentorn ringer hem", "s-1")  # e.g. after a time-out
    assert response.status_code == 409
    soup = page(response)
    assert "processledaren har tagit bort det" in soup.p.get_text()
    assert soup.select_one("#kept-text").get_text() == "Mentorn ringer hem"
    # Nowhere a step: not on the participant's screen, the projector, the control view or results.
    assert texts(page(anna.get(f"/rum/{workshop3.process_id}")), "#case-paths .step-line") == []
    assert steps_on_projector(leader, workshop3) == []
    control = page(leader.get(f"/processer/{workshop3.process_id}/styr"))
    assert control.select("form.case-step") == []
    results = leader.get(f"/processer/{workshop3.process_id}/workshop/workshop-3/resultat")
    assert "Mentorn ringer hem" not in page(results).get_text()
    # The row stays, removed, with its key; it cannot be edited or moved any more.
    db.expire_all()
    (row,) = db.exec(select(CasePathStep)).all()
    assert row.deleted_at is not None and row.idempotency_key == "s-1"
    change = f"/rum/{workshop3.process_id}/arendegang/{step.id}"
    assert anna.post(change, data={"action": "up"}, headers=HX).status_code == 404
    change = f"/processer/{workshop3.process_id}/styr/arendegang/{step.id}"
    assert leader.post(change, data={"action": "save", "text": "Igen"}).status_code == 404
    # The leader's record says it was removed.
    changes = page(leader.get(f"/processer/{workshop3.process_id}/andringar")).get_text()
    assert "tog bort steget ”Mentorn ringer hem” i ärendegången" in changes
    # A new send (a new key) with the same words is a new step.
    assert send_step(anna, workshop3, "Mentorn ringer hem", "s-2").status_code == 200
    assert steps_on_projector(leader, workshop3) == ["Mentorn ringer hem · Mentor"]


def steps_on_projector(leader, room) -> list[str]:
    soup = page(leader.get(f"/processer/{room.process_id}/projektor/_scen"))
    column = next(c for c in soup.select(".case-column") if c.h2.get_text() == STRESS)
    return texts(column, ".case-path li")
