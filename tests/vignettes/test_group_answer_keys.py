"""A group's answer sent twice, or confirmed by a page that failed, is stored once."""

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Process, VignetteAnswer
from toolkit.vignettes import grouping, room_views

HX = {"HX-Request": "true"}


@pytest.fixture
def in_group(leader, room, join, db):
    """A participant in group 1, which discusses Kalle 5 år."""
    leader.post(f"/processer/{room.process_id}/vinjetter/grupper", data={"count": "1"})
    (group,) = grouping.groups_of(db, db.get(Process, room.process_id))
    leader.post(
        f"/processer/{room.process_id}/vinjetter/grupper/{group.id}",
        data={"vignette": "01-kalle-5"},
    )
    anna = join(0)
    anna.post(f"/rum/{room.process_id}/vinjett/grupp", data={"group": group.id})
    return anna


def send(client, room, text, key, question="hur-snart", group="", headers=HX):
    return client.post(
        f"/rum/{room.process_id}/vinjett/svar",
        data={"question": question, "text": text, "key": key, "group": group},
        headers=headers,
    )


def group_id(client, room) -> str:
    """The group the participant's vignette page sends its answers to."""
    soup = page(client.get(f"/rum/{room.process_id}/vinjett"))
    return soup.select_one("form[data-answer-form] input[name=group]")["value"]


def stored(db) -> list[str]:
    db.expire_all()
    return [a.text for a in db.exec(select(VignetteAnswer).order_by(VignetteAnswer.id))]


def test_every_group_answer_form_carries_its_own_key(in_group, room):
    soup = page(in_group.get(f"/rum/{room.process_id}/vinjett"))
    keys = [field["value"] for field in soup.select("form[data-answer-form] input[name=key]")]
    assert len(keys) == 13 and len(set(keys)) == 13


def test_the_same_answer_sent_twice_is_stored_once(in_group, room, join, db):
    for _ in range(2):
        response = send(in_group, room, "Inom en vecka", "v-1")
        assert response.status_code == 200
        assert texts(page(response), "#fraga-hur-snart .answer-text") == ["Inom en vecka"]
        assert texts(page(response), "#fraga-hur-snart [data-send-status]") == [
            "Gruppens svar är sparat."
        ]
    assert stored(db) == ["Inom en vecka"]
    send(in_group, room, "Inom en vecka", "v-2")
    assert len(stored(db)) == 2


def test_a_confirmation_that_fails_after_the_commit_does_not_lead_to_a_second_answer(
    app, in_group, room, db, monkeypatch
):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    real, calls = room_views.render_template, {"n": 0}

    def fails_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup after the commit")
        return real(*args, **kwargs)

    monkeypatch.setattr(room_views, "render_template", fails_once)
    assert send(in_group, room, "Sparat men inte bekräftat", "v-500").status_code == 500
    assert stored(db) == ["Sparat men inte bekräftat"]
    response = send(in_group, room, "Sparat men inte bekräftat", "v-500")
    assert response.status_code == 200
    assert texts(page(response), "#fraga-hur-snart [data-send-status]") == [
        "Gruppens svar är sparat."
    ]
    assert stored(db) == ["Sparat men inte bekräftat"]


def make_groups_anew(leader, room):
    leader.post(f"/processer/{room.process_id}/vinjetter/grupper", data={"count": "1"})


def test_an_answer_to_a_group_made_anew_keeps_its_text_in_the_kept_box(in_group, room, leader, db):
    old = group_id(in_group, room)
    make_groups_anew(leader, room)
    response = send(in_group, room, "Skrivet i den gamla gruppen", "v-old", group=old)
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#kept"
    soup = page(response)
    assert soup.strong.get_text() == "Gruppens svar sparades inte."
    assert "delat in grupperna på nytt" in soup.p.get_text()
    assert soup.select_one("#kept-text").get_text() == "Skrivet i den gamla gruppen"
    # Without JavaScript the vignette page says it, above the choice of a new group.
    response = send(in_group, room, "Skrivet i den gamla gruppen", "v-x", group=old, headers={})
    soup = page(response)
    assert soup.select_one("#kept #kept-text").get_text() == "Skrivet i den gamla gruppen"
    assert texts(soup, "fieldset legend") == ["Välj grupp"]
    assert stored(db) == []


def test_a_retry_after_the_groups_were_made_anew_is_not_stored_in_the_new_group(
    in_group, room, leader, db
):
    old = group_id(in_group, room)
    assert send(in_group, room, "Inom en vecka", "v-1", group=old).status_code == 200
    make_groups_anew(leader, room)  # the old group's answers go with it
    (group,) = grouping.groups_of(db, db.get(Process, room.process_id))
    leader.post(
        f"/processer/{room.process_id}/vinjetter/grupper/{group.id}",
        data={"vignette": "02-lisa-5"},
    )
    in_group.post(f"/rum/{room.process_id}/vinjett/grupp", data={"group": group.id})
    response = send(in_group, room, "Inom en vecka", "v-1", group=old)  # the old page's retry
    assert response.status_code == 409
    assert "Din grupp eller gruppens vinjett har ändrats" in page(response).p.get_text()
    assert stored(db) == []
    # From the new group's own form it is stored there.
    new = group_id(in_group, room)
    assert send(in_group, room, "Inom två veckor", "v-2", group=new).status_code == 200
    assert stored(db) == ["Inom två veckor"]


def test_an_answer_after_the_vignette_was_taken_away_keeps_its_text(in_group, room, leader, db):
    group = group_id(in_group, room)
    leader.post(
        f"/processer/{room.process_id}/vinjetter/grupper/{group.split('-')[0]}",
        data={"vignette": ""},
    )
    response = send(in_group, room, "Inom en vecka", "v-1", group=group)
    assert response.status_code == 409
    assert "tagit bort gruppens vinjett" in page(response).p.get_text()
    assert page(response).select_one("#kept-text").get_text() == "Inom en vecka"
    assert stored(db) == []
