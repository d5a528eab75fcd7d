"""The projector's stage and the control view's answer list receive changes, not the whole list.

Each keeps a cursor; on "answers" it asks for what is new or edited after it, and is told to fetch
itself whole when that cannot be sent as changes. After a missed event it catches up from its
cursor; with a cursor from before a removal (or none, after a reload) it is fetched whole.
"""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import update

from tests.helpers.web import page
from tests.room.test_room import answer
from toolkit.live import changes as changes_module
from toolkit.models import Answer

STAGE = "/processer/{}/projektor/_scen"
STAGE_CHANGES = "/processer/{}/projektor/_nya"
ANSWERS = "/processer/{}/styr/_svar"
ANSWER_CHANGES = "/processer/{}/styr/_nya"


def cursor_of(soup, screen: str) -> str:
    return soup.select_one(f"#{screen}-cursor")["value"]


def changes(leader, url: str, cursor: str):
    response = leader.get(url + f"?efter={cursor}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response, page(response)


def appended(soup, prefix: str) -> dict[str, list[str]]:
    """The texts each out-of-band append puts at the end of which list."""
    found: dict[str, list[str]] = {}
    for element in soup.select("[hx-swap-oob^='beforeend:']"):
        target = element["hx-swap-oob"].removeprefix("beforeend:#")
        assert target.startswith(prefix)
        found.setdefault(target, []).extend(
            p.get_text(" ", strip=True) for p in element.select(".answer-text")
        )
    return found


def test_the_stage_receives_only_the_answers_after_its_cursor(join, leader, room):
    participant = join(0)
    answer(participant, room, "Första svaret")
    stage = page(leader.get(STAGE.format(room.process_id)))
    assert stage.select_one("#stage-more")["hx-trigger"] == "live:answers from:body"
    cursor = cursor_of(stage, "stage")

    answer(participant, room, "Andra svaret")
    answer(participant, room, "Tredje svaret")
    # The stage missed the first of these events: its next fetch brings both.
    response, soup = changes(leader, STAGE_CHANGES.format(room.process_id), cursor)
    assert "HX-Trigger" not in response.headers
    column = f"wall-varfor-{room.organisation_ids[0]}"  # the exercise has a column per organisation
    assert appended(soup, "wall-") == {column: ["Andra svaret", "Tredje svaret"]}
    assert "Första svaret" not in response.text  # the stage has it, unchanged
    newer = soup.select_one("#stage-cursor[hx-swap-oob]")["value"]
    assert newer != cursor

    # Nothing new since the newer cursor: nothing to add.
    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), newer)
    assert appended(soup, "wall-") == {}
    # The whole stage, fetched now, holds all three, and the same cursor.
    whole = page(leader.get(STAGE.format(room.process_id)))
    assert [t.get_text(strip=True) for t in whole.select(f"#{column} .answer-text")] == [
        "Första svaret",
        "Andra svaret",
        "Tredje svaret",
    ]
    assert cursor_of(whole, "stage") == newer


def test_an_edit_replaces_its_answer_on_the_stage_and_in_the_control_view(db, join, leader, room):
    participant = join(0)
    answer(participant, room, "Ett svar")
    stored = db.exec(Answer.__table__.select()).first()
    stage_cursor = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")
    list_cursor = cursor_of(page(leader.get(ANSWERS.format(room.process_id))), "answers")
    edited = participant.post(
        f"/rum/{room.process_id}/svar/{stored.id}",
        data={"text": "Ett ändrat svar"},
        headers={"HX-Request": "true"},
    )
    assert edited.status_code == 200

    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), stage_cursor)
    replaced = soup.select_one(f"li#a{stored.id}[hx-swap-oob='true']")
    assert replaced.select_one(".answer-text").get_text(strip=True) == "Ett ändrat svar"
    _, soup = changes(leader, ANSWER_CHANGES.format(room.process_id), list_cursor)
    replaced = soup.select_one(f"li#m{stored.id}[hx-swap-oob='true']")
    assert replaced.select_one(".answer-text").get_text(strip=True) == "Ett ändrat svar"
    assert replaced.select_one("button[value='delete']")  # its moderation form comes along


# The answers' stamps are set by hand below, so each test says when what happened.
T = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def stamped(db, text: str, made: datetime, edited: datetime | None = None) -> int:
    """The answer with this text, stamped as made (and edited) then; its id."""
    db.expire_all()
    answer_id = db.exec(Answer.__table__.select().where(Answer.text == text)).first().id
    values = {"created_at": made, "updated_at": edited or made}
    db.exec(update(Answer).where(Answer.id == answer_id).values(**values))
    db.commit()
    return answer_id


def edit(participant, room, answer_id: int, text: str) -> None:
    response = participant.post(
        f"/rum/{room.process_id}/svar/{answer_id}",
        data={"text": text},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200


def edited_on(soup, prefix: str) -> dict[int, str]:
    """The answers an out-of-band swap replaces (by id), with their texts."""
    return {
        int(li["id"].removeprefix(prefix)): li.select_one(".answer-text").get_text(strip=True)
        for li in soup.select(f"li[id^='{prefix}'][hx-swap-oob='true']")
    }


def test_an_edit_in_the_same_millisecond_as_its_answer_is_an_edit(db, join, leader, room):
    participant = join(0)
    answer(participant, room, "Ett svar")
    answer_id = stamped(db, "Ett svar", T)
    stage = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")
    moderation = cursor_of(page(leader.get(ANSWERS.format(room.process_id))), "answers")
    edit(participant, room, answer_id, "Ett ändrat svar")
    stamped(db, "Ett ändrat svar", T, T + 300 * MICROSECOND)  # 0.3 ms after it was made

    for url, cursor, prefix in (
        (STAGE_CHANGES, stage, "a"),
        (ANSWER_CHANGES, moderation, "m"),
    ):
        _, soup = changes(leader, url.format(room.process_id), cursor)
        assert edited_on(soup, prefix) == {answer_id: "Ett ändrat svar"}
        # Sent once: from the cursor after it, nothing is left to send.
        newer = soup.select_one("[id$='-cursor'][hx-swap-oob]")["value"]
        _, soup = changes(leader, url.format(room.process_id), newer)
        assert edited_on(soup, prefix) == {} and appended(soup, "") == {}


def test_an_edit_stamped_in_the_microsecond_of_the_cursor_is_not_missed(db, join, leader, room):
    """The screen has an answer with the same stamp as the edit: the stamp alone cannot tell."""
    participant = join(0)
    answer(participant, room, "Först")
    answer(participant, room, "Sedan")
    first = stamped(db, "Först", T - timedelta(minutes=1))
    later = stamped(db, "Sedan", T)
    cursor = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")

    edit(participant, room, first, "Först, ändrat")
    stamped(db, "Först, ändrat", T - timedelta(minutes=1), T)  # the cursor's own stamp
    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), cursor)
    # Those stamped near it come along, as they are.
    assert edited_on(soup, "a") == {first: "Först, ändrat", later: "Sedan"}
    cursor = soup.select_one("#stage-cursor[hx-swap-oob]")["value"]
    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), cursor)
    assert edited_on(soup, "a") == {}


def test_an_edit_committed_late_is_not_missed(db, join, leader, room):
    """On PostgreSQL transactions commit side by side: an edit stamped before the newest answer
    the screen has can commit after the screen read it. (SQLite cannot: see the next test.)"""
    if changes_module.margin_of(db) == 0:
        pytest.skip("SQLite stamps an edit under the write lock, in the order of the commits")
    participant = join(0)
    answer(participant, room, "Först")
    answer(participant, room, "Sedan")
    first = stamped(db, "Först", T - timedelta(minutes=1))
    later = stamped(db, "Sedan", T)
    cursor = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")
    edit(participant, room, first, "Först, ändrat")
    stamped(db, "Först, ändrat", T - timedelta(minutes=1), T - timedelta(seconds=1))
    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), cursor)
    # Those stamped near it come along, as they are.
    assert edited_on(soup, "a") == {first: "Först, ändrat", later: "Sedan"}
    cursor = soup.select_one("#stage-cursor[hx-swap-oob]")["value"]
    _, soup = changes(leader, STAGE_CHANGES.format(room.process_id), cursor)
    assert edited_on(soup, "a") == {}
    whole = page(leader.get(STAGE.format(room.process_id)))
    assert [t.get_text(strip=True) for t in whole.select(".answer-text")] == [
        "Först, ändrat",
        "Sedan",
    ]


def test_on_sqlite_an_edit_waiting_for_the_write_lock_is_stamped_after_the_writer_before_it(
    db, join, leader, room, app
):
    """The stamps follow the commits, so a screen with a newer stamp has every earlier edit."""
    if changes_module.margin_of(db) != 0:
        pytest.skip("PostgreSQL checks a margin behind the newest stamp instead")
    participant = join(0)
    answer(participant, room, "Ett svar")
    answer_id = stamped(db, "Ett svar", T)
    other = app.extensions["toolkit.engine"].raw_connection()
    other.execute("BEGIN IMMEDIATE")  # another worker, writing
    editing = threading.Thread(target=edit, args=(participant, room, answer_id, "Ändrat"))
    editing.start()
    editing.join(timeout=0.3)
    assert editing.is_alive()  # waiting for the lock
    holder_stamp = datetime.now(UTC)  # what the other writer stamps before it commits
    other.execute("COMMIT")
    other.close()
    editing.join(timeout=10)
    db.expire_all()
    assert db.get(Answer, answer_id).updated_at.replace(tzinfo=UTC) > holder_stamp


def test_the_control_view_list_grows_by_its_new_answers_with_their_counts(join, leader, room):
    whole = page(leader.get(ANSWERS.format(room.process_id)))
    assert whole.select_one("#none-varfor").get_text(strip=True) == "Inga svar ännu."
    cursor = cursor_of(whole, "answers")
    participant = join(0)
    answer(participant, room, "Svar ett")
    answer(participant, room, "Svar två")

    response, soup = changes(leader, ANSWER_CHANGES.format(room.process_id), cursor)
    assert "HX-Trigger" not in response.headers
    assert appended(soup, "mod-") == {"mod-varfor": ["Svar ett", "Svar två"]}
    assert soup.select_one("#count-varfor[hx-swap-oob]").get_text(strip=True) == "(2)"
    assert soup.select_one("#none-varfor")["hx-swap-oob"] == "delete"


def test_after_a_removal_the_lists_are_fetched_whole(join, leader, room, db):
    participant = join(0)
    answer(participant, room, "Kvar")
    answer(participant, room, "Borttaget")
    stage_cursor = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")
    list_cursor = cursor_of(page(leader.get(ANSWERS.format(room.process_id))), "answers")
    removed = db.exec(Answer.__table__.select().where(Answer.text == "Borttaget")).first()
    leader.post(f"/processer/{room.process_id}/styr/svar/{removed.id}", data={"action": "delete"})

    response, _ = changes(leader, STAGE_CHANGES.format(room.process_id), stage_cursor)
    assert response.headers["HX-Trigger"] == "live:stale-stage" and response.text == ""
    response, _ = changes(leader, ANSWER_CHANGES.format(room.process_id), list_cursor)
    assert response.headers["HX-Trigger"] == "live:stale-answers"
    # The parts that are then fetched whole listen to that sign.
    projector = page(leader.get(f"/processer/{room.process_id}/projektor"))
    assert "live:stale-stage from:body" in projector.select_one("#stage")["hx-trigger"]
    assert "live:answers" not in projector.select_one("#stage")["hx-trigger"]
    control = page(leader.get(f"/processer/{room.process_id}/styr"))
    assert "live:stale-answers from:body" in control.select_one("#answers")["hx-trigger"]
    whole = page(leader.get(STAGE.format(room.process_id)))
    assert [t.get_text(strip=True) for t in whole.select(".answer-text")] == ["Kvar"]


def test_a_cursor_that_is_no_cursor_or_of_another_exercise_fetches_whole(join, leader, room):
    participant = join(0)
    answer(participant, room, "Ett svar")
    cursor = cursor_of(page(leader.get(STAGE.format(room.process_id))), "stage")
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-2"},
    )
    for bad in (cursor, "", "x-1-2-3", "9" * 40, "1-2-3"):
        response, _ = changes(leader, STAGE_CHANGES.format(room.process_id), bad)
        assert response.headers["HX-Trigger"] == "live:stale-stage"
