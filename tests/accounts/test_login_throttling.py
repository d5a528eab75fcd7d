"""Logging in resists guessing: failures slow down, sessions end everywhere, a new password."""

from datetime import timedelta

from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit import create_app
from toolkit.accounts import limits, users
from toolkit.models import LoginFailure, User

NEW_PASSWORD = "ett-annat-lösen-2"


def _login(client, username="leda", password=PASSWORD):
    return client.post("/logga-in", data={"username": username, "password": password})


def _from(app, address):
    """A browser at this address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _alert(response) -> str:
    return " ".join(texts(page(response), "[role=alert]"))


def _pass_time(db, minutes):
    """Let the clock run on for the stored failures, as if the wait had passed."""
    for failure in db.exec(select(LoginFailure)):
        failure.at -= timedelta(minutes=minutes)
        db.add(failure)
    db.commit()


def test_wrong_passwords_slow_down_the_account_then_it_opens_again(app, db, leader):
    guesser = _from(app, "198.51.100.7")
    for _ in range(limits.FREE_FAILURES_PER_ACCOUNT):
        assert _login(guesser, password="fel-lösenord").status_code == 422
    refused = _login(guesser)
    assert refused.status_code == 429
    assert "Vänta 15 sekunder och försök igen" in _alert(refused)
    # The right password is not even checked while the account waits, from anywhere.
    assert _login(_from(app, "192.0.2.44")).status_code == 429

    _pass_time(db, 1)
    assert _login(guesser).status_code == 302
    assert db.exec(select(LoginFailure).where(LoginFailure.username == "leda")).all() == []


def test_the_wait_grows_with_each_further_failure(app, db, leader):
    guesser = _from(app, "198.51.100.7")
    for _ in range(limits.FREE_FAILURES_PER_ACCOUNT):
        _login(guesser, password="fel-lösenord")
    _pass_time(db, 1)
    assert _login(guesser, password="fel-lösenord").status_code == 422
    assert "Vänta 30 sekunder" in _alert(_login(guesser))
    for _ in range(3):
        _pass_time(db, 5)
        assert _login(guesser, password="fel-lösenord").status_code == 422
    assert "Vänta 4 minuter" in _alert(_login(guesser))


def test_one_address_guessing_many_accounts_is_slowed(app, db, leader):
    guesser = _from(app, "198.51.100.7")
    for n in range(limits.FREE_FAILURES_PER_ADDRESS):
        assert _login(guesser, username=f"namn{n}", password="fel").status_code == 422
    response = _login(guesser)
    assert response.status_code == 429 and "försök igen" in _alert(response)
    assert _login(_from(app, "192.0.2.44")).status_code == 302


def test_unknown_and_known_names_fail_alike(app, db, leader, monkeypatch):
    checked = []

    def check(hashed, password):
        checked.append(hashed.split("$")[0])
        return False

    monkeypatch.setattr(users, "check_password_hash", check)
    unknown = _login(app.test_client(), username="finns-inte", password="fel")
    known = _login(app.test_client(), password="fel")
    assert (unknown.status_code, _alert(unknown)) == (known.status_code, _alert(known))
    # The unknown name's password was checked against a hash made the same way as the real one.
    real_method = db.exec(select(User)).one().password_hash.split("$")[0]
    assert checked == [real_method, real_method]
    assert {f.username for f in db.exec(select(LoginFailure))} == {"finns-inte", "leda"}


def test_failures_are_shared_by_every_worker_on_the_database(app, app_config, db, leader):
    other_worker = create_app(app_config)
    try:
        for n in range(limits.FREE_FAILURES_PER_ACCOUNT):
            worker = app if n % 2 else other_worker
            assert _login(_from(worker, "198.51.100.7"), password="fel").status_code == 422
        assert _login(_from(other_worker, "198.51.100.7")).status_code == 429
        assert _login(_from(app, "198.51.100.7")).status_code == 429
    finally:
        other_worker.extensions["toolkit.engine"].dispose()


def _copy_of(client, app):
    """Another browser holding the same session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _is_in(client) -> bool:
    return client.get("/processer/").status_code == 200


def test_a_copied_cookie_stops_working_after_logout(app, leader):
    thief = _copy_of(leader, app)
    assert _is_in(thief)
    leader.post("/logga-ut")
    assert not _is_in(leader) and not _is_in(thief)
    response = thief.get("/processer/")
    assert "/logga-in" in response.headers["Location"]


def test_logging_out_ends_the_sessions_on_other_devices(app, leader):
    laptop = app.test_client()
    assert _login(laptop).status_code == 302
    leader.post("/logga-ut")
    assert not _is_in(laptop)


def _change(client, current=PASSWORD, new=NEW_PASSWORD, again=NEW_PASSWORD):
    return client.post(
        "/konto/losenord",
        data={"current_password": current, "new_password": new, "new_password_again": again},
    )


def test_the_leaders_header_links_to_the_password_page(leader):
    soup = page(leader.get("/processer/"))
    link = soup.select_one("nav a[href='/konto/losenord']")
    assert link is not None and link.get_text(strip=True) == "Byt lösenord"
    form = page(leader.get("/konto/losenord")).select_one("main form")
    labels = [label.get_text(strip=True) for label in form.select("label")]
    assert labels == ["Nuvarande lösenord", "Nytt lösenord (minst 8 tecken)", "Nytt lösenord igen"]
    assert [i["type"] for i in form.select("input:not([type=hidden])")] == ["password"] * 3


def test_the_password_page_needs_a_login(client):
    response = client.get("/konto/losenord")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]


def test_a_wrong_current_password_is_refused_and_counted(app, db, leader):
    response = _change(leader, current="inte-mitt-lösen")
    assert response.status_code == 422
    assert _alert(response) == "Det nuvarande lösenordet stämmer inte."
    assert len(db.exec(select(LoginFailure)).all()) == 1
    assert _login(app.test_client()).status_code == 302


def test_new_passwords_that_differ_or_are_short_are_refused(app, leader):
    response = _change(leader, again="ett-annat-lösen-3")
    assert response.status_code == 422
    assert _alert(response) == "De nya lösenorden är inte lika."
    response = _change(leader, new="kort", again="kort")
    assert response.status_code == 422 and "minst 8 tecken" in _alert(response)
    assert _login(app.test_client()).status_code == 302


def test_a_new_password_ends_every_other_session(app, leader):
    thief = _copy_of(leader, app)
    response = _change(leader)
    assert response.status_code == 302
    assert "Lösenordet är bytt" in " ".join(texts(page(leader.get("/processer/")), ".flash, p"))
    assert _is_in(leader) and not _is_in(thief)
    assert _login(app.test_client()).status_code == 422
    assert _login(app.test_client(), password=NEW_PASSWORD).status_code == 302
