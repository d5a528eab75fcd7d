"""Every leader route, for every role, answers as the role × action table says.

A new route that forgets to reach its process through the one checked helper answers another
leader with its page instead of 404 and fails here.
"""

import pytest

from tests.helpers.web import PASSWORD
from toolkit.accounts import users
from toolkit.models import Process
from toolkit.processes import access, team
from toolkit.processes import data as processes

# A value for each URL argument: real keys where the page needs them, ids of no row (a
# request as the owner must not remove the co-leader before the co-leader's turn).
ARGUMENTS = {
    "document": "beslutsunderlag",
    "section_key": "bakgrund",
    "workshop_key": "workshop-1",
    "fmt": "docx",
    "key": "styrgrupp",
    "action": "flytta",
    "part_key": "plan",
}
ROLES = ("owner", "processledare", "lasare", "other_leader", "participant", "anonymous")


def leader_rules(app):
    """Every route of a process's leader pages, with each of its methods."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/processer/<int:process_id>"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def url_of(rule, process_id: int) -> str:
    values = {name: ARGUMENTS.get(name, 999999) for name in rule.arguments}
    path = rule.rule
    for name, value in (values | {"process_id": process_id}).items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    return path


def logged_in(app, username: str):
    client = app.test_client()
    response = client.post("/logga-in", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def clients(app, db, leader, room, join):
    """A client per role for the room's process."""
    process = db.get(Process, room.process_id)
    for username in ("kollega", "styrgruppen", "annan"):
        users.create_user(db, username, PASSWORD, username.title())
    team.add_member(db, process, "kollega", access.CO_LEADER)
    team.add_member(db, process, "styrgruppen", access.READER)
    processes.create_process(db, users.authenticate(db, "annan", PASSWORD), "Annans process")
    return {
        "owner": leader,
        "processledare": logged_in(app, "kollega"),
        "lasare": logged_in(app, "styrgruppen"),
        "other_leader": logged_in(app, "annan"),
        "participant": join(),
        "anonymous": app.test_client(),
    }


def test_every_action_the_table_names_is_a_real_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(access.ENDPOINT_ACTIONS) <= endpoints
    assert set(access.ENDPOINT_ACTIONS.values()) <= set(access.PERMISSIONS)


def test_the_owner_may_do_everything_and_a_reader_only_read_export_and_comment():
    assert all(access.allowed("owner", action) for action in access.PERMISSIONS)
    assert [a for a in access.PERMISSIONS if not access.allowed("processledare", a)] == [
        "delete_process",
        "manage_team",
    ]
    assert [a for a in access.PERMISSIONS if access.allowed("lasare", a)] == [
        "read",
        "export",
        "comment",
    ]


def test_every_leader_route_answers_each_role_as_the_table_says(app, clients, room):
    wrong = []
    for rule, method in leader_rules(app):
        action = access.action_for(rule.endpoint)
        url = url_of(rule, room.process_id)
        owner_status = None
        for role in ROLES:
            response = clients[role].open(url, method=method)
            status = response.status_code
            location = response.headers.get("Location", "")
            if role in ("participant", "anonymous"):
                ok = status == 302 and "/logga-in" in location
            elif role == "other_leader":
                ok = status == 404
            elif access.allowed(role, action):
                # Allowed, the request fares as the owner's does (a form may still be refused
                # or name a row that is not there).
                ok = status not in (403, 500) and "/logga-in" not in location
                if role == "owner":
                    owner_status = status
                else:
                    ok = ok and status == owner_status
            else:
                ok = status == 403
            if not ok:
                wrong.append(f"{method} {rule.rule} ({action}) as {role}: {status} {location}")
    assert wrong == [], "\n".join(wrong)


def test_a_reader_reaches_the_pages_the_table_opens_to_them(clients, room):
    reader = clients["lasare"]
    pid = room.process_id
    for url in (
        f"/processer/{pid}",
        f"/processer/{pid}/workshop/workshop-1/resultat",
        f"/processer/{pid}/dokument",
        f"/processer/{pid}/dokument/beslutsunderlag",
        f"/processer/{pid}/dokument/beslutsunderlag/ladda-ner.docx",
        f"/processer/{pid}/team",
    ):
        assert reader.get(url).status_code == 200, url


def test_the_event_stream_is_for_the_leaders_and_participants(clients, room):
    url = f"/live/{room.process_id}"
    for role, expected in {
        "owner": 200,
        "processledare": 200,
        "participant": 200,
        "lasare": 404,
        "other_leader": 404,
        "anonymous": 404,
    }.items():
        response = clients[role].get(url)
        response.close()
        assert response.status_code == expected, role


def test_every_administration_route_is_for_the_administrator_alone(app, clients):
    # `leader` is the first account, so the administrator; the others are not.
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/administration"):
            continue
        url = rule.rule.replace("<int:user_id>", "999999")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            for role in ("processledare", "lasare", "other_leader"):
                assert clients[role].open(url, method=method).status_code == 403, (url, role)
            for role in ("participant", "anonymous"):
                response = clients[role].open(url, method=method)
                assert "/logga-in" in response.headers.get("Location", ""), (url, role)
            assert clients["owner"].open(url, method=method).status_code != 403, url
