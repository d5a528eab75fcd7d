"""The embedded server on two workers: answers sent to either reach the projector in Chromium."""

import os
import time

import pytest
from playwright.sync_api import expect

from tests.helpers.roomclient import Browser
from tests.helpers.servers import demo_process
from tests.helpers.web import PASSWORD

PARTICIPANTS_TO_TRY = 40


@pytest.fixture
def live_server(live_server):
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs Linux's /proc to see which worker holds a connection")
    if "Arbetsprocesser: 1" in live_server.log.read_text():
        pytest.skip("this machine runs one worker (one core)")
    deadline = time.monotonic() + 15
    while len(live_server.workers()) < 2:  # the parent forks the second a moment later
        assert time.monotonic() < deadline, live_server.log.read_text()
        time.sleep(0.1)
    return live_server


def test_answers_through_both_workers_reach_the_projector(live_server, new_page, tmp_path):
    assert (
        live_server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    )
    process_id, code = demo_process(live_server)
    projector = new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(f"{live_server.url}/logga-in")
    projector.get_by_label("Användarnamn").fill("lea")
    projector.get_by_label("Lösenord").fill(PASSWORD)
    projector.get_by_role("button", name="Logga in").click()
    projector.goto(f"{live_server.url}/processer/{process_id}/projektor")
    projector.wait_for_function("() => window.htmx && document.readyState === 'complete'")

    people: dict[int, tuple[Browser, object]] = {}  # worker: a participant connected to it
    for number in range(PARTICIPANTS_TO_TRY):
        browser = Browser(live_server.port)
        participant = browser.join(code, name=f"Deltagare {number}")
        worker = live_server.process_serving(browser._connection.sock.getsockname()[1])
        if worker in people:
            browser.close()
            continue
        people[worker] = (browser, participant)
        if len(people) == 2:
            break
    assert sorted(people) == sorted(live_server.workers()), "nobody reached the second worker"

    # One of the two is served by another worker than the projector's stream.
    for worker, (_, participant) in people.items():
        assert participant.answer(f"Svar via arbetsprocess {worker}") is not None
    stage = projector.locator("#stage")
    for worker in people:
        expect(stage).to_contain_text(f"Svar via arbetsprocess {worker}")
    projector.screenshot(path=str(tmp_path / "projector-two-workers.png"))
    for browser, _ in people.values():
        browser.close()
