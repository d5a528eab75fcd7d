"""Screens that tell the truth: a retried send stores one answer, refusals keep the text."""

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Answer
from toolkit.room import answering
from toolkit.room import participant as participant_routes

HX = {"HX-Request": "true"}


def send(client, room, text, key, exercise="ovning-1", question="varfor"):
    return client.post(
        f"/rum/{room.process_id}/svar",
        data={
            "workshop": "workshop-1",
            "exercise": exercise,
            "question": question,
            "text": text,
            "key": key,
        },
        headers=HX,
    )


def stored(db) -> list[Answer]:
    db.expire_all()
    return list(db.exec(select(Answer).where(Answer.deleted_at.is_(None)).order_by(Answer.id)))


def test_every_form_carries_its_own_key(join, room):
    soup = page(join(0).get(f"/rum/{room.process_id}"))
    keys = [field["value"] for field in soup.select("form.answer-form input[name=key]")]
    assert len(keys) == 5 and len(set(keys)) == 5 and all(len(key) >= 16 for key in keys)


def test_the_same_send_twice_stores_one_answer_and_says_saved_both_times(join, room, db):
    participant = join(0)
    for _ in range(2):  # a double press, or a retry after a time-out
        response = send(participant, room, "Barnen får hjälp för sent.", "k-1")
        assert response.status_code == 200
        assert texts(page(response), ".saved") == ["Ditt svar är sparat."]
    assert [a.text for a in stored(db)] == ["Barnen får hjälp för sent."]
    # A new key is a new answer, even with the same words.
    send(participant, room, "Barnen får hjälp för sent.", "k-2")
    assert len(stored(db)) == 2


def test_keys_are_per_participant(join, room, db):
    send(join(0), room, "Ett", "samma")
    send(join(1), room, "Två", "samma")
    assert [a.text for a in stored(db)] == ["Ett", "Två"]


def test_a_confirmation_that_fails_after_the_commit_does_not_lead_to_a_second_answer(
    app, join, room, db, monkeypatch
):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    participant = join(0)
    real = participant_routes.participant_context
    calls = {"n": 0}

    def fails_once(who, **options):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup after the commit")
        return real(who, **options)

    monkeypatch.setattr(participant_routes, "participant_context", fails_once)
    response = send(participant, room, "Sparat men inte bekräftat", "k-500")
    assert response.status_code == 500
    assert len(stored(db)) == 1  # it was committed
    response = send(participant, room, "Sparat men inte bekräftat", "k-500")  # the retry
    assert response.status_code == 200
    assert texts(page(response), ".saved") == ["Ditt svar är sparat."]
    assert [a.text for a in stored(db)] == ["Sparat men inte bekräftat"]


def test_a_retry_after_the_exercise_closed_still_finds_the_answer_saved(join, leader, room, db):
    participant = join(0)
    send(participant, room, "Hann fram", "k-close")
    leader.post(f"/processer/{room.process_id}/styr/lage", data={"action": "close"})
    response = send(participant, room, "Hann fram", "k-close")
    assert response.status_code == 200
    assert len(stored(db)) == 1


def test_a_refusal_after_the_leader_moved_on_is_shown_with_the_text(join, leader, room, db):
    participant = join(0)
    leader.post(f"/processer/{room.process_id}/styr/lage", data={"action": "close"})
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-2"},
    )
    response = send(participant, room, "Skrivet för sent", "k-late")
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#kept"
    soup = page(response)
    assert "sparades inte" in soup.get_text() and "stängd" in soup.get_text()
    assert soup.select_one("#kept-text").get_text() == "Skrivet för sent"
    assert stored(db) == []
    # Without JavaScript the whole page says it, above the new exercise.
    response = participant.post(
        f"/rum/{room.process_id}/svar",
        data={"workshop": "workshop-1", "exercise": "ovning-1", "question": "varfor",
              "text": "Skrivet för sent", "key": "k-late2"},
    )  # fmt: skip
    soup = page(response)
    assert soup.select_one("#kept #kept-text").get_text() == "Skrivet för sent"
    assert soup.h1.get_text(strip=True).startswith("Övning 2")


@pytest.mark.parametrize("how", ["removed", "hidden"])
def test_editing_an_answer_removed_or_hidden_meanwhile_says_so_and_keeps_the_text(
    join, leader, room, db, how
):
    participant = join(0)
    send(participant, room, "Första", "k-e")
    (answer,) = stored(db)
    if how == "removed":
        answering.delete_answer(db, answer)
    else:
        answering.flag_answer(db, answer, hidden=True)
    base = f"/rum/{room.process_id}/svar/{answer.id}"
    response = participant.post(base, data={"text": "Min ändring"}, headers=HX)
    assert response.status_code == 409
    soup = page(response)
    message = texts(soup, "[role=alert]")[0]
    assert ("tagits bort" if how == "removed" else "dolt svaret") in message
    assert soup.select_one("textarea").get_text() == "Min ändring"
    assert soup.find("button", string="Spara ändringen") is None
    # The edit link of a page opened before says so too, instead of "Sidan finns inte".
    response = participant.get(f"{base}/redigera", headers=HX)
    assert response.status_code == 409
    assert "Sidan finns inte" not in page(response).get_text()
    db.expire_all()
    assert db.get(Answer, answer.id).text == "Första"


def test_a_key_whose_digits_look_like_a_personnummer_is_stored_without_a_word(join, room, db):
    # Browser keys are random hex: now and then a run of digits forms a valid personnummer.
    response = send(join(0), room, "Ett vanligt svar", "ab8001011231cd")
    assert response.status_code == 200
    assert "personnummer" not in page(response).get_text()
    assert [a.text for a in stored(db)] == ["Ett vanligt svar"]
