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


def send(client, room, text, key, question="hur-snart"):
    return client.post(
        f"/rum/{room.process_id}/vinjett/svar",
        data={"question": question, "text": text, "key": key},
        headers=HX,
    )


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
