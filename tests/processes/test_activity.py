"""Who changed what: every change a leader makes is recorded with their name, and shown."""

import pytest
from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit.accounts import users
from toolkit.models import Process, ProcessChange
from toolkit.processes import access, team


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
