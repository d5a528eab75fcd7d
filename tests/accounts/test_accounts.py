"""Process leader accounts, login, and what is protected."""

from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit.accounts import users
from toolkit.models import User


def test_first_start_asks_for_the_leader_account(client, db):
    response = client.get("/logga-in")
    assert response.headers["Location"].endswith("/konto/forsta")
    response = client.post(
        "/konto/forsta",
        data={"username": "Lea", "name": "Lea", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 302
    user = db.exec(select(User)).one()
    assert user.username == "lea"
    assert user.password_hash != PASSWORD and users.authenticate(db, "lea", PASSWORD)
    assert client.get("/konto/forsta").status_code == 302


def test_setup_refuses_short_or_mismatched_passwords(client):
    response = client.post(
        "/konto/forsta", data={"username": "lea", "password": "kort", "password_again": "kort"}
    )
    assert response.status_code == 422
    assert "minst 8 tecken" in texts(page(response), "[role=alert]")[0]
    assert page(response).select_one("#username")["value"] == "lea"


def test_wrong_password_is_refused(client, leader):
    response = client.post("/logga-in", data={"username": "leda", "password": "fel"})
    assert response.status_code == 422
    assert texts(page(response), "[role=alert]") == ["Fel användarnamn eller lösenord."]


def test_leader_pages_require_login(client, room):
    for url in (
        "/processer/",
        f"/processer/{room.process_id}",
        f"/processer/{room.process_id}/styr",
        f"/processer/{room.process_id}/projektor",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/logga-in" in response.headers["Location"]


def test_login_does_not_redirect_off_site(client, leader):
    response = client.post(
        "/logga-in?next=//evil.example/x", data={"username": "leda", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/processer/"


def test_another_leader_cannot_see_the_process(app, db, room):
    users.create_user(db, "annan", PASSWORD)
    other = app.test_client()
    other.post("/logga-in", data={"username": "annan", "password": PASSWORD})
    assert other.get(f"/processer/{room.process_id}").status_code == 404
    assert other.get(f"/processer/{room.process_id}/projektor").status_code == 404


def test_process_with_roles_and_organisations(leader, room):
    base = f"/processer/{room.process_id}"
    leader.post(f"{base}/roller", data={"role": "styrgrupp", "name": "Biträdande IFO-chef"})
    leader.post(
        f"{base}/organisationer", data={"organisations": "Skola\nIFO\nHälso- och sjukvård\nBUP"}
    )
    soup = page(leader.get(base))
    assert ["Styrgrupp", "Biträdande IFO-chef", ""] in [
        texts(row, "td")[:3] for row in soup.select("#roller tbody tr")
    ]
    assert soup.select_one("#organisations").get_text().splitlines() == [
        "Skola",
        "IFO",
        "Hälso- och sjukvård",
        "BUP",
    ]


def test_organisation_in_use_cannot_be_removed(leader, room, join):
    join(2)
    response = leader.post(
        f"/processer/{room.process_id}/organisationer", data={"organisations": "Skola\nIFO"}
    )
    assert response.status_code == 422
    assert "har redan deltagare" in page(response).get_text()


def test_forged_form_without_csrf_token_is_refused(app, db):
    app.config["WTF_CSRF_ENABLED"] = True
    users.create_user(db, "leda", PASSWORD)
    client = app.test_client()
    response = client.post("/logga-in", data={"username": "leda", "password": PASSWORD})
    assert response.status_code == 400
    assert "Ladda om sidan" in page(response).get_text()
    token = page(client.get("/logga-in")).select_one("input[name=csrf_token]")["value"]
    response = client.post(
        "/logga-in", data={"username": "leda", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_page_titles_are_short_plain_text(leader, room, join):
    """Screen readers announce the <title> first: it must name the page, nothing more."""
    participant = join(0)
    pages = [
        (leader, "/processer/"),
        (leader, f"/processer/{room.process_id}"),
        (leader, f"/processer/{room.process_id}/styr"),
        (leader, f"/processer/{room.process_id}/projektor"),
        (leader, f"/processer/{room.process_id}/workshop/workshop-1/resultat"),
        (participant, f"/rum/{room.process_id}"),
    ]
    for client, url in pages:
        title = page(client.get(url)).title.get_text()
        assert title.endswith("– Samverkansverkstaden"), (url, title)
        assert "<" not in title and len(title) < 120, (url, title)
