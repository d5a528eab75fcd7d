"""In a real browser: a projector on one server shows answers posted through another."""

import pytest
from playwright.sync_api import expect

from tests.helpers.postgres import Schema
from tests.helpers.roomclient import Browser
from tests.helpers.servers import demo_process, server_on
from tests.helpers.tools import pg_base_url

PASSWORD = "hemligt-lösen-1"
WAIT_MS = 15_000


@pytest.fixture
def two_servers(tmp_path):
    """Two `toolkit serve` on one fresh PostgreSQL schema, as two workers of a host."""
    schema = Schema(pg_base_url())
    servers = [server_on(schema, tmp_path / name) for name in ("a", "b")]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()
    schema.drop()


def test_the_projector_follows_answers_from_another_worker_and_reconnects(two_servers, new_page):
    first, second = two_servers
    assert first.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    process_id, code = demo_process(first)
    page = new_page()
    page.goto(f"{second.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{second.url}/processer/{process_id}/projektor")

    browser = Browser(first.port)
    participant = browser.join(code)
    assert participant.answer("Svar som gick via den första servern") is not None
    expect(page.get_by_text("Svar som gick via den första servern")).to_be_visible(timeout=WAIT_MS)

    second.restart()  # the projector's worker goes away and comes back
    assert participant.answer("Svar medan projektorn kopplade upp sig igen") is not None
    expect(page.get_by_text("Svar medan projektorn kopplade upp sig igen")).to_be_visible(
        timeout=WAIT_MS * 3
    )
    browser.close()
