"""The instance's administration: the first account runs it, opens and closes accounts."""

from datetime import timedelta

from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit.accounts import users
from toolkit.models import PasswordLink, Process, User, utcnow


def logged_in(app, username: str, password: str = PASSWORD):
    client = app.test_client()
    response = client.post("/logga-in", data={"username": username, "password": password})
    assert response.status_code == 302, response.text
    return client


def new_account(leader, username: str) -> str:
    """Open an account from the page; the password link it shows, as a path."""
    response = leader.post("/administration/konton", data={"username": username, "name": "Ny"})
    assert response.status_code == 200
    link = page(response).select_one("[data-new-link] input")["value"]
    return link[link.index("/konto/") :]


def set_password(client, link: str):
    return client.post(link, data={"password": "nytt-lösen-2", "password_again": "nytt-lösen-2"})


def test_the_first_account_administers_and_no_one_else_reaches_the_page(app, db, leader):
    assert db.exec(select(User).where(User.username == "leda")).one().is_admin
    assert "Administration" in texts(page(leader.get("/processer/")), "nav a")
    users.create_user(db, "andra", PASSWORD)
    other = logged_in(app, "andra")
    assert other.get("/administration/").status_code == 403
    assert other.post("/administration/konton", data={"username": "x"}).status_code == 403
    assert "Administration" not in texts(page(other.get("/processer/")), "nav a")
    anonymous = app.test_client().get("/administration/")
    assert anonymous.status_code == 302 and "/logga-in" in anonymous.headers["Location"]


def test_a_new_account_sets_its_password_once_through_its_link(app, db, leader):
    link = new_account(leader, "nyledare")
    assert "nyledare" in texts(page(leader.get("/administration/")), "tr[data-account] td")
    stored = db.exec(select(PasswordLink)).one()
    assert link.rsplit("/", 1)[-1] not in stored.token_hash
    client = app.test_client()
    response = set_password(client, link)
    assert response.status_code == 302
    assert client.get("/processer/").status_code == 200
    assert logged_in(app, "nyledare", "nytt-lösen-2")
    reused = app.test_client().post(link, data={"password": "x" * 9, "password_again": "x" * 9})
    assert reused.status_code == 404 and "redan använd" in reused.text


def test_an_expired_password_link_is_refused(app, db, leader):
    link = new_account(leader, "sen")
    stored = db.exec(select(PasswordLink)).one()
    stored.expires_at = utcnow() - timedelta(minutes=1)
    db.add(stored)
    db.commit()
    assert set_password(app.test_client(), link).status_code == 404


def test_a_disabled_accounts_open_session_is_refused_at_its_next_request(app, db, leader):
    users.create_user(db, "stangs", PASSWORD)
    other = logged_in(app, "stangs")
    assert other.get("/processer/").status_code == 200
    account = db.exec(select(User).where(User.username == "stangs")).one()
    assert leader.post(f"/administration/konton/{account.id}/stang").status_code == 302
    refused = other.get("/processer/")
    assert refused.status_code == 302 and "/logga-in" in refused.headers["Location"]
    failed = app.test_client().post("/logga-in", data={"username": "stangs", "password": PASSWORD})
    assert failed.status_code == 422
    leader.post(f"/administration/konton/{account.id}/oppna")
    assert logged_in(app, "stangs").get("/processer/").status_code == 200


def test_the_administrator_cannot_close_their_own_account(leader, db):
    me = db.exec(select(User).where(User.username == "leda")).one()
    response = leader.post(f"/administration/konton/{me.id}/stang")
    assert response.status_code == 422
    assert "ditt eget konto" in response.text


def test_the_processes_are_listed_without_their_content_and_can_be_handed_over(
    app, db, leader, room, join
):
    participant = join()
    answer = {"workshop": "workshop-1", "exercise": "ovning-1", "question": "varfor"}
    sent = participant.post(f"/rum/{room.process_id}/svar", data=answer | {"text": "Hemligt svar"})
    assert sent.status_code in (200, 302)
    soup = page(leader.get("/administration/"))
    cells = [td.get_text(strip=True) for td in soup.select("tr[data-process] td")]
    assert cells[:2] == ["Ragunda Trampolinen", "leda"]
    assert cells[-2:] == ["1", "1"]  # one participant, one answer
    assert "Hemligt svar" not in soup.get_text()
    users.create_user(db, "efterträdare", PASSWORD)
    me = db.exec(select(User).where(User.username == "leda")).one()
    leader.post(f"/administration/konton/{me.id}/lamna-over", data={"username": "efterträdare"})
    db.expire_all()
    assert db.get(Process, room.process_id).owner_id != me.id
    assert logged_in(app, "efterträdare").get(f"/processer/{room.process_id}").status_code == 200
