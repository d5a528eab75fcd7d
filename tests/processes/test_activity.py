"""Who changed what: every change a leader makes is recorded with their name, and shown."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit import create_app
from toolkit.accounts import users
from toolkit.models import Answer, Process, ProcessChange
from toolkit.processes import access, activity, activity_texts, backup, team


def logged_in(app, username: str):
    client = app.test_client()
    response = client.post("/logga-in", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def colleague(app, db, room):
    """Kim Ek, a co-leader of the room's process, logged in."""
    users.create_user(db, "kim", PASSWORD, "Kim Ek")
    team.add_member(db, db.get(Process, room.process_id), "kim", access.CO_LEADER)
    return logged_in(app, "kim")


def answer_form(text: str) -> dict:
    return {"workshop": "workshop-1", "exercise": "ovning-1", "question": "varfor", "text": text}


def changes(db, process_id):
    db.expire_all()
    query = select(ProcessChange).where(ProcessChange.process_id == process_id)
    return [(c.actor_name, c.text) for c in db.exec(query.order_by(ProcessChange.id))]


def test_steering_the_room_is_recorded_with_the_leaders_name(leader, colleague, room, db):
    pid = room.process_id
    leader.post(
        f"/processer/{pid}/styr/visa", data={"workshop": "workshop-1", "exercise": "ovning-2"}
    )
    colleague.post(f"/processer/{pid}/styr/lage", data={"action": "hold"})
    colleague.post(f"/processer/{pid}/styr/lage", data={"action": "reveal"})
    assert changes(db, pid)[-3:] == [
        ("Lea Leder", "gick till Övning 2 – Min bild av psykisk hälsa/ohälsa"),
        ("Kim Ek", "höll tillbaka svaren"),
        ("Kim Ek", "visade svaren"),
    ]
    control = page(leader.get(f"/processer/{pid}/styr"))
    assert texts(control, "[data-latest-changes] [data-change]")[0].startswith(
        "Kim Ek visade svaren"
    )


def test_a_hidden_answer_says_by_whom_on_the_control_view_and_not_on_the_projector(
    leader, colleague, room, join, db
):
    pid = room.process_id
    join(name="Elev Ett").post(
        f"/rum/{pid}/svar", data=answer_form("Skolan och IFO möts för sällan.")
    )
    answer = db.exec(select(Answer).where(Answer.process_id == pid)).one()
    colleague.post(f"/processer/{pid}/styr/svar/{answer.id}", data={"action": "hide"})
    assert changes(db, pid)[-1] == ("Kim Ek", "dolde ett svar")
    control = page(leader.get(f"/processer/{pid}/styr"))
    assert texts(control, f"#m{answer.id} [data-answer-change]") == ["· dold av Kim Ek"]
    projector = leader.get(f"/processer/{pid}/projektor").get_data(as_text=True)
    assert "Kim Ek" not in projector


def test_an_answer_a_leader_adds_is_recorded_and_says_by_whom(leader, colleague, room, db):
    pid = room.process_id
    colleague.post(
        f"/processer/{pid}/styr/svar", data={"question": "varfor", "text": "Vi saknar en väg in."}
    )
    assert changes(db, pid)[-1] == ("Kim Ek", "lade till svaret ”Vi saknar en väg in.”")
    answer = db.exec(select(Answer).where(Answer.process_id == pid)).one()
    control = page(leader.get(f"/processer/{pid}/styr"))
    assert texts(control, f"#m{answer.id} [data-answer-change]") == ["· tillagd av Kim Ek"]


def test_a_participants_own_answers_are_not_changes_by_a_leader(room, join, db):
    pid = room.process_id
    before = changes(db, pid)
    participant = join(name="Elev Ett")
    participant.post(f"/rum/{pid}/svar", data=answer_form("Vi ses för sällan."))
    answer = db.exec(select(Answer).where(Answer.process_id == pid)).one()
    participant.post(f"/rum/{pid}/svar/{answer.id}", data={"text": "Vi ses alldeles för sällan."})
    assert changes(db, pid) == before


def test_a_saved_section_shows_who_saved_it_last(leader, colleague, room, db):
    pid = room.process_id
    url = f"/processer/{pid}/dokument/beslutsunderlag/avsnitt/bakgrund"
    leader.post(url, data={"text": "Första texten.", "version": "0"})
    colleague.post(url, data={"text": "Andra texten.", "version": "1"})
    assert changes(db, pid)[-2:] == [
        ("Lea Leder", "sparade avsnittet Bakgrund"),
        ("Kim Ek", "sparade avsnittet Bakgrund"),
    ]
    edit = page(leader.get(f"/processer/{pid}/dokument/beslutsunderlag"))
    shown = texts(edit, "[data-section-change]")
    assert len(shown) == 1 and shown[0].startswith("Senast ändrat av Kim Ek (")


def test_team_changes_and_invitations_are_recorded(leader, room, db):
    pid = room.process_id
    users.create_user(db, "anna", PASSWORD, "Anna Berg")
    leader.post(f"/processer/{pid}/team", data={"username": "anna", "role": "processledare"})
    leader.post(f"/processer/{pid}/team/inbjudan", data={"role": "lasare"})
    assert changes(db, pid)[-2:] == [
        ("Lea Leder", "lade till Anna Berg i teamet som processledare"),
        ("Lea Leder", "bjöd in en läsare med en länk"),
    ]


def test_circles_and_the_start_up_are_recorded(leader, colleague, room, db):
    pid = room.process_id
    colleague.post(f"/processer/{pid}/cirklar/insatser", data={"text": "SIP", "region": "abc"})
    leader.post(f"/processer/{pid}/uppstart", data={"text-flera-aktorer": "Prata med politiken."})
    assert changes(db, pid)[-2:] == [
        ("Kim Ek", "lade till insatsen ”SIP”"),
        ("Lea Leder", "sparade uppstarten"),
    ]


def test_removing_the_participants_names_is_recorded(leader, room, join, db):
    join(name="Elev Ett")
    leader.post(f"/processer/{room.process_id}/ta-bort-namn")
    assert changes(db, room.process_id)[-1] == ("Lea Leder", "tog bort deltagarnas namn")


def test_the_changes_page_lists_the_newest_first_a_page_at_a_time(leader, room, db):
    pid = room.process_id
    for number in range(activity.PAGE_SIZE + 3):
        db.add(
            ProcessChange(process_id=pid, username="leda", actor_name="Lea", text=f"nr {number}")
        )
    db.commit()
    first = page(leader.get(f"/processer/{pid}/andringar"))
    lines = texts(first, "[data-changes] [data-change]")
    assert len(lines) == activity.PAGE_SIZE
    assert lines[0].startswith(f"Lea nr {activity.PAGE_SIZE + 2} ")
    second = page(leader.get(first.select_one("a[rel=next]")["href"]))
    assert texts(second, "[data-changes] [data-change]")[-1].startswith("Lea Leder ")
    assert second.select_one("a[rel=next]") is None


def test_the_team_reaches_the_changes_and_nobody_else(app, db, colleague, room, join):
    url = f"/processer/{room.process_id}/andringar"
    users.create_user(db, "styr", PASSWORD, "Sara Styr")
    team.add_member(db, db.get(Process, room.process_id), "styr", access.READER)
    users.create_user(db, "annan", PASSWORD, "Annan Ledare")
    assert colleague.get(url).status_code == 200
    assert logged_in(app, "styr").get(url).status_code == 200
    assert logged_in(app, "annan").get(url).status_code == 404
    assert "/logga-in" in join().get(url).headers["Location"]


def test_every_table_of_a_process_says_what_a_change_to_it_is_or_why_not():
    tables = {table.name for table in backup.process_tables()}
    described = set(activity_texts.DESCRIBERS) | set(activity_texts.NOT_LEADER_CHANGES)
    assert tables == described


def test_the_record_travels_in_the_backup_with_usernames_and_goes_with_the_process(
    leader, colleague, room, db
):
    pid = room.process_id
    colleague.post(f"/processer/{pid}/styr/lage", data={"action": "hold"})
    dumped = backup.dump(db, [pid])
    rows = dumped["tables"]["processchange"]
    assert {(r["username"], r["actor_name"], r["text"]) for r in rows} >= {
        ("kim", "Kim Ek", "höll tillbaka svaren")
    }
    assert all("user_id" not in row for row in rows)
    restored = backup.restore(db, dumped, db.get(Process, pid).owner_id)[0]
    assert ("Kim Ek", "höll tillbaka svaren") in changes(db, restored)
    leader.post(f"/processer/{pid}/radera", data={"confirm_name": "Ragunda Trampolinen"})
    assert changes(db, pid) == []


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (datetime(2026, 12, 1, 10, 5, tzinfo=UTC), "2026-12-01 11:05"),  # winter: UTC+1
        (datetime(2026, 7, 1, 10, 5, tzinfo=UTC), "2026-07-01 12:05"),  # summer: UTC+2
        (datetime(2026, 3, 31, 22, 30, tzinfo=UTC), "2026-04-01 00:30"),  # past midnight
    ],
)
def test_the_changes_page_shows_swedish_time_not_utc(leader, room, db, stored, shown):
    db.add(
        ProcessChange(
            process_id=room.process_id, username="leda", actor_name="Lea", text="nr 1", at=stored
        )
    )
    db.commit()
    lines = texts(page(leader.get(f"/processer/{room.process_id}/andringar")), "[data-change]")
    assert any(line.startswith("Lea nr 1") and line.endswith(shown) for line in lines), lines


def test_an_unknown_time_zone_is_refused_at_start_with_the_setting_named(app_config):
    with pytest.raises(ValueError, match="TOOLKIT_TIMEZONE='Europe/Gnarp'"):
        create_app(app_config | {"TIMEZONE": "Europe/Gnarp"})
