"""Starting is obvious: `/` leads each visitor where they begin."""

from tests.helpers.web import page
from toolkit.accounts import users


def test_a_new_installation_leads_to_creating_the_first_account(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/konto/forsta")
    soup = page(client.get("/", follow_redirects=True))
    assert soup.select_one("form input[name=username]") is not None


def test_a_logged_in_leader_lands_on_their_processes(leader):
    response = leader.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/processer/")


def test_participants_land_on_the_join_page(client, db):
    users.create_user(db, "leda", "ett-langt-losenord", "Lea")
    soup = page(client.get("/"))
    assert soup.h1.get_text(strip=True) == "Anslut till workshoppen"
    assert soup.select_one("label[for=code]").get_text(strip=True) == "Kod"
    # The join page has its own address too, for a leader who wants to see it.
    assert page(client.get("/anslut")).h1.get_text(strip=True) == "Anslut till workshoppen"
