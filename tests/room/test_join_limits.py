"""Joining resists guessing without locking anyone out: only wrong codes count."""

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit import create_app
from toolkit.models import JoinAttempt, Process
from toolkit.processes import data as processes
from toolkit.room import joining, participant

SCHOOL = "192.0.2.10"
ATTACKER = "203.0.113.9"


@pytest.fixture
def held(monkeypatch):
    """The seconds each join attempt was held back before its code was checked."""
    waits = []
    monkeypatch.setattr(participant, "sleep", waits.append)
    return waits


def _from(app, address):
    """A browser at this address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _typo(code: str) -> str:
    return code[:-1] + ("Q" if code[-1] != "Q" else "W")


def _enter(client, room, how: str):
    """Reach the organisation form the way a participant does, then join."""
    if how == "typed":
        response = client.post("/", data={"code": room.code.lower()})
        assert response.status_code == 302, response.text
        url = response.headers["Location"]
    elif how == "qr":
        url = f"/{room.code}"
    else:  # the address typed by hand, in groups and lower case
        url = "/" + "-".join(room.code[i : i + 3] for i in range(0, len(room.code), 3)).lower()
    assert client.get(url).status_code == 200
    response = client.post(url, data={"organisation": room.organisation_ids[0]})
    assert response.status_code == 302, response.text
    assert client.get(response.headers["Location"]).status_code == 200


def _guess(client, code="QQQQQQQQQ", headers=None):
    return client.post("/", data={"code": code}, headers=headers or {})


def test_a_class_behind_one_school_address_all_get_in_despite_typos(app, db, room, held):
    ways = ("typed", "qr", "address")
    for n in range(30):
        pupil = _from(app, SCHOOL)
        if n % 3 == 0:  # ten of them mistype the code first
            response = _guess(pupil, _typo(room.code))
            assert response.status_code == 404
            assert "Kontrollera koden på projektorn" in texts(page(response), "[role=alert]")[0]
        _enter(pupil, room, ways[n % 3])
    process = db.get(Process, room.process_id)
    assert joining.count_participants(db, process) == 30
    assert held == []


def test_the_right_code_gets_in_even_after_many_failures_from_the_address(app, db, room, held):
    school = _from(app, SCHOOL)
    for _ in range(joining.FREE_FAILURES_PER_ADDRESS + 10):
        assert _guess(school).status_code == 404
    for how in ("typed", "qr", "address"):
        _enter(_from(app, SCHOOL), room, how)
    assert joining.count_participants(db, db.get(Process, room.process_id)) == 3
    assert held and all(0 < wait <= 20 for wait in held)


def test_an_attacker_from_another_address_is_slowed_and_the_class_is_not(app, room, held):
    attacker = _from(app, ATTACKER)
    for _ in range(joining.FREE_FAILURES_PER_ADDRESS):
        assert _guess(attacker).status_code == 404
    assert held == []
    for _ in range(8):
        assert _guess(attacker).status_code == 404
    assert held == [1, 2, 4, 8, 16, 20, 20, 20]

    held.clear()
    _enter(_from(app, SCHOOL), room, "qr")
    assert held == []


def test_parallel_guesses_from_a_slowed_address_wait_their_turn(app, room, monkeypatch):
    attacker = _from(app, ATTACKER)
    for _ in range(joining.FREE_FAILURES_PER_ADDRESS):
        _guess(attacker)
    meanwhile = []

    def another_guess_while_held(_seconds):
        meanwhile.append(_guess(_from(app, ATTACKER), "ACDEFGHJK"))

    monkeypatch.setattr(participant, "sleep", another_guess_while_held)
    assert _guess(attacker).status_code == 404
    [busy] = meanwhile
    assert busy.status_code == 429
    soup = page(busy)
    assert "Vänta 1 sekund och försök igen" in texts(soup, "[role=alert]")[0]
    assert soup.select_one("#code")["value"] == "ACDEFGHJK"
    # The turn is given back: the next guess is checked (after its wait), not refused.
    monkeypatch.setattr(participant, "sleep", lambda _seconds: None)
    assert _guess(attacker).status_code == 404


def test_many_failures_across_the_site_hold_only_addresses_that_failed(app, db, room, held):
    for n in range(joining.FREE_FAILURES_OVERALL):
        db.add(JoinAttempt(client=f"198.51.100.{n % 100}"))
    db.commit()
    _enter(_from(app, SCHOOL), room, "qr")
    assert held == []

    one_typo = _from(app, SCHOOL)
    _guess(one_typo, _typo(room.code))
    _enter(one_typo, room, "typed")
    assert held and all(wait == joining.OVERALL_WAIT.total_seconds() for wait in held)
    assert joining.count_participants(db, db.get(Process, room.process_id)) == 2


def test_the_overall_turns_are_shared_by_every_worker(app, app_config, db, room, held):
    for n in range(joining.FREE_FAILURES_OVERALL):
        db.add(JoinAttempt(client=f"198.51.100.{n % 100}"))
    db.commit()
    taken = [
        joining.take_turn(db, f"198.51.100.{n}", joining.OVERALL_WAIT, overall=True)
        for n in range(joining.OVERALL_TURNS)
    ]
    other_worker = create_app(app_config)
    try:
        response = _guess(_from(other_worker, "198.51.100.50"))
        assert response.status_code == 429
        assert "försök igen" in texts(page(response), "[role=alert]")[0]
        for turn in taken:
            joining.end_turn(db, turn)
        assert _guess(_from(other_worker, "198.51.100.50")).status_code == 404
    finally:
        other_worker.extensions["toolkit.engine"].dispose()


def _behind_proxy(app_config):
    return create_app(app_config | {"PROXY_FIX": True, "TRUSTED_PROXIES": ("10.0.0.1",)})


def test_a_forged_forwarded_for_from_elsewhere_does_not_get_round_the_limit(app_config, room, held):
    app = _behind_proxy(app_config)
    try:
        attacker = _from(app, ATTACKER)
        for n in range(joining.FREE_FAILURES_PER_ADDRESS + 3):
            assert _guess(attacker, headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code == 404
        assert held == [1, 2, 4]
    finally:
        app.extensions["toolkit.engine"].dispose()


def test_behind_the_proxy_guessing_is_counted_per_forwarded_client(app_config, room, held):
    app = _behind_proxy(app_config)
    try:
        proxy = _from(app, "10.0.0.1")
        guesser = {"X-Forwarded-For": ATTACKER}
        for _ in range(joining.FREE_FAILURES_PER_ADDRESS + 1):
            _guess(proxy, headers=guesser)
        assert held == [1]
        held.clear()
        assert _guess(proxy, headers={"X-Forwarded-For": SCHOOL}).status_code == 404
        assert held == []
    finally:
        app.extensions["toolkit.engine"].dispose()


def test_an_ipv6_guesser_counts_by_its_network_not_by_each_address(app, room, held):
    for n in range(joining.FREE_FAILURES_PER_ADDRESS + 2):
        assert _guess(_from(app, f"2001:db8:1:2::{n + 1:x}")).status_code == 404
    assert held == [1, 2]
    held.clear()
    _enter(_from(app, "2001:db8:1:3::1"), room, "qr")
    assert held == []


def test_new_codes_are_longer_and_old_six_letter_codes_keep_working(app, db, room, held):
    process = db.get(Process, room.process_id)
    assert len(process.join_code) == processes.JOIN_CODE_LENGTH == 9
    assert set(process.join_code) <= set(processes.JOIN_ALPHABET)
    process.join_code = "ACDEFG"  # made before codes grew
    db.add(process)
    db.commit()
    pupil = app.test_client()
    assert pupil.post("/", data={"code": "acd efg"}).headers["Location"].endswith("/ACDEFG")
    response = pupil.post("/ACDEFG", data={"organisation": room.organisation_ids[0]})
    assert response.status_code == 302


def test_old_failures_are_forgotten(app, db, room, held):
    attacker = _from(app, ATTACKER)
    for _ in range(joining.FREE_FAILURES_PER_ADDRESS):
        _guess(attacker)
    for attempt in db.exec(select(JoinAttempt)):
        attempt.at -= joining.JOIN_FAILURE_WINDOW + timedelta(seconds=1)
        db.add(attempt)
    db.commit()
    assert _guess(attacker).status_code == 404
    assert held == []
