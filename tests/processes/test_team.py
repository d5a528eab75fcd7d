"""A process's team: co-leaders and readers by username or invitation link, comments, backups."""

import hashlib
import io
import json
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit.accounts import users
from toolkit.models import Invitation, Process, SectionComment, TeamMember, utcnow
from toolkit.processes import backup


def logged_in(app, username: str):
    client = app.test_client()
    response = client.post("/logga-in", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def invitation_link(leader, process_id: int, role: str) -> str:
    """The link the owner is shown once, as a path."""
    response = leader.post(f"/processer/{process_id}/team/inbjudan", data={"role": role})
    assert response.status_code == 200
    link = page(response).select_one("[data-new-link] input")["value"]
    return link[link.index("/inbjudan/") :]


@pytest.fixture
def colleague(app, db, leader, room):
    """A second process leader, added by the owner by username as processledare."""
    users.create_user(db, "kollega", PASSWORD, "Kim Kollega")
    response = leader.post(
        f"/processer/{room.process_id}/team", data={"username": "kollega", "role": "processledare"}
    )
    assert response.status_code == 302
    return logged_in(app, "kollega")


@pytest.fixture
def reader(app, db, leader, room):
    """A member of the styrgrupp, added as läsare."""
    users.create_user(db, "styrgrupp", PASSWORD, "Sara Styrgrupp")
    leader.post(
        f"/processer/{room.process_id}/team", data={"username": "styrgrupp", "role": "lasare"}
    )
    return logged_in(app, "styrgrupp")


def test_the_owner_adds_a_co_leader_who_sees_and_steers_the_process(colleague, leader, room):
    listed = texts(page(colleague.get("/processer/")), ".card h2")
    assert listed == ["Ragunda Trampolinen"]
    assert colleague.get(f"/processer/{room.process_id}/styr").status_code == 200
    response = colleague.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-1"},
    )
    assert response.status_code == 302
    team = texts(page(leader.get(f"/processer/{room.process_id}/team")), "tr[data-member]")
    assert any("Kim Kollega" in row and "Processledare" in row for row in team)


def test_a_co_leader_cannot_delete_the_process_or_change_the_team(colleague, room):
    pid = room.process_id
    assert colleague.post(f"/processer/{pid}/radera", data={"confirm_name": "x"}).status_code == 403
    assert (
        colleague.post(f"/processer/{pid}/team/inbjudan", data={"role": "lasare"}).status_code
        == 403
    )
    soup = page(colleague.get(f"/processer/{pid}"))
    assert not soup.select(f'a[href="/processer/{pid}/radera"]')
    assert not page(colleague.get(f"/processer/{pid}/team")).select("[data-new-link], #bjud-in")


def test_an_unknown_username_is_refused_plainly(leader, room):
    response = leader.post(
        f"/processer/{room.process_id}/team", data={"username": "ingen", "role": "lasare"}
    )
    assert response.status_code == 422
    assert "Det finns inget konto med användarnamnet ingen" in response.text
    assert page(response).select_one("#username")["value"] == "ingen"


def test_a_co_leader_sees_nothing_of_the_owners_other_processes(colleague, leader, room):
    leader.post("/processer/", data={"name": "Annan process", "organisations": ""})
    assert texts(page(colleague.get("/processer/")), ".card h2") == ["Ragunda Trampolinen"]
    other = room.process_id + 1
    assert colleague.get(f"/processer/{other}").status_code == 404


def test_an_invitation_makes_an_account_once_and_is_kept_only_as_a_hash(app, db, leader, room):
    link = invitation_link(leader, room.process_id, "lasare")
    token = link.rsplit("/", 1)[-1]
    stored = db.exec(select(Invitation)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    newcomer = app.test_client()
    assert newcomer.get(link).status_code == 200
    form = {
        "name": "Nya Nora",
        "username": "nora",
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    response = newcomer.post(link, data=form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/processer/{room.process_id}")
    assert texts(page(newcomer.get("/processer/")), ".card h2") == ["Ragunda Trampolinen"]
    member = db.exec(select(TeamMember)).one()
    assert member.role == "lasare"
    # Used once: the link stops working, for anyone.
    again = app.test_client().post(link, data=form | {"username": "nora2"})
    assert again.status_code == 404
    assert "redan använd" in again.text
    assert users.authenticate(db, "nora2", PASSWORD) is None


def test_an_expired_invitation_is_refused(app, db, leader, room):
    link = invitation_link(leader, room.process_id, "processledare")
    invitation = db.exec(select(Invitation)).one()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.add(invitation)
    db.commit()
    response = app.test_client().get(link)
    assert response.status_code == 404
    assert "för gammal" in page(response).select_one(".error").get_text()


def test_a_withdrawn_invitation_is_refused(app, db, leader, room):
    link = invitation_link(leader, room.process_id, "lasare")
    invitation = db.exec(select(Invitation)).one()
    leader.post(f"/processer/{room.process_id}/team/inbjudan/{invitation.id}/ta-bort")
    assert app.test_client().get(link).status_code == 404


def test_a_logged_in_account_joins_with_the_link(app, db, leader, room):
    users.create_user(db, "befintlig", PASSWORD, "Bo Befintlig")
    link = invitation_link(leader, room.process_id, "processledare")
    client = logged_in(app, "befintlig")
    assert "Gå med i teamet" in client.get(link).text
    assert client.post(link).status_code == 302
    assert client.get(f"/processer/{room.process_id}/styr").status_code == 200


def test_a_new_account_with_unequal_passwords_keeps_what_was_typed(app, leader, room):
    link = invitation_link(leader, room.process_id, "lasare")
    response = app.test_client().post(
        link,
        data={"name": "Nora", "username": "nora", "password": PASSWORD, "password_again": "annat"},
    )
    assert response.status_code == 422
    assert page(response).select_one("#username")["value"] == "nora"
    assert "Lösenorden är inte lika" in response.text


def test_a_reader_downloads_the_beslutsunderlag_and_comments_on_a_section(reader, leader, room, db):
    pid = room.process_id
    download = reader.get(f"/processer/{pid}/dokument/beslutsunderlag/ladda-ner.docx")
    assert download.status_code == 200
    assert download.mimetype.endswith("wordprocessingml.document")
    soup = page(reader.get(f"/processer/{pid}/dokument/beslutsunderlag"))
    assert not soup.select("[data-section-box] textarea"), "a reader gets no section forms"
    response = reader.post(
        f"/processer/{pid}/dokument/beslutsunderlag/avsnitt/bakgrund/kommentar",
        data={"text": "Lägg till hur många elever det gäller."},
    )
    assert response.status_code == 302
    soup = page(leader.get(f"/processer/{pid}/dokument/beslutsunderlag"))
    comment = texts(soup, "#avsnitt-bakgrund .comment")
    assert comment and "Lägg till hur många elever det gäller." in comment[0]
    assert "Sara Styrgrupp" in comment[0]
    assert soup.select("#avsnitt-bakgrund [data-section-box] textarea")


def test_a_reader_cannot_steer_or_edit(reader, room):
    pid = room.process_id
    assert reader.get(f"/processer/{pid}/styr").status_code == 403
    assert reader.get(f"/processer/{pid}/projektor").status_code == 403
    assert reader.post(f"/processer/{pid}/styr/timer", data={"action": "start"}).status_code == 403
    saved = reader.post(
        f"/processer/{pid}/dokument/beslutsunderlag/avsnitt/bakgrund", data={"text": "Ändrat"}
    )
    assert saved.status_code == 403
    assert reader.get(f"/processer/{pid}/sakerhetskopia").status_code == 403
    soup = page(reader.get(f"/processer/{pid}"))
    assert not soup.select("form[action*='/styr'], form[action*='installningar'], .code")
    assert not page(reader.get(f"/processer/{pid}/dokument")).select("main form[method=post]")
    results = page(reader.get(f"/processer/{pid}/workshop/workshop-1/resultat"))
    assert not results.select("#send-target, [hx-post]")


def test_a_too_long_comment_is_refused_with_the_text_kept(reader, room, db):
    text = "x" * 2001
    response = reader.post(
        f"/processer/{room.process_id}/dokument/beslutsunderlag/avsnitt/bakgrund/kommentar",
        data={"text": text},
    )
    assert response.status_code == 422
    assert page(response).select_one("#kommentar-bakgrund").get_text() == text
    assert db.exec(select(SectionComment)).first() is None


def test_the_team_goes_into_the_backup_as_names_and_comes_back_only_when_asked(
    app, db, colleague, reader, room
):
    dump = backup.dump(db, [room.process_id])
    assert "teammember" not in dump["tables"] and "invitation" not in dump["tables"]
    assert sorted(m["username"] for m in dump["team"][str(room.process_id)]) == [
        "kollega",
        "styrgrupp",
    ]
    owner = users.authenticate(db, "leda", PASSWORD)
    (without,) = backup.restore(db, dump, owner.id)
    assert db.exec(select(TeamMember).where(TeamMember.process_id == without)).all() == []
    (with_team,) = backup.restore(db, dump, owner.id, with_team=True)
    restored = db.exec(select(TeamMember).where(TeamMember.process_id == with_team)).all()
    assert sorted(m.role for m in restored) == ["lasare", "processledare"]


def test_a_backup_cannot_put_an_account_onto_a_team_by_its_id(app, db, colleague, room):
    dump = backup.dump(db, [room.process_id])
    kollega = db.exec(select(TeamMember)).first()
    dump["tables"]["teammember"] = [
        {"id": 1, "process_id": room.process_id, "user_id": kollega.user_id, "role": "lasare"}
    ]
    dump["team"] = {}
    owner = users.authenticate(db, "leda", PASSWORD)
    (new_id,) = backup.restore(db, dump, owner.id, with_team=True)
    assert db.exec(select(TeamMember).where(TeamMember.process_id == new_id)).all() == []
    # A team naming a process outside the file is refused, and nothing is written.
    dump["team"] = {"424242": [{"username": "kollega", "name": "", "role": "lasare"}]}
    before = len(db.exec(select(Process)).all())
    with pytest.raises(backup.Rejected):
        backup.restore(db, dump, owner.id, with_team=True)
    assert len(db.exec(select(Process)).all()) == before


def test_a_restore_from_the_page_takes_the_team_only_when_ticked(app, db, colleague, leader, room):
    raw = json.dumps(backup.dump(db, [room.process_id])).encode()
    for ticked, expected in ((False, 0), (True, 1)):
        data = {"backup": (io.BytesIO(raw), "kopia.json")} | ({"with_team": "on"} if ticked else {})
        response = leader.post("/processer/aterstall", data=data)
        assert response.status_code == 302
        new_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
        members = db.exec(select(TeamMember).where(TeamMember.process_id == new_id)).all()
        assert len(members) == expected
