"""Under the Content-Security-Policy every page still works in Chromium, and nothing is refused."""

import re

from playwright.sync_api import expect

from tests.helpers.servers import demo_process
from tests.helpers.web import PASSWORD


def watch_refusals(page) -> list[str]:
    """Collect what the browser refuses under the policy (Chromium says so on the console)."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def test_every_page_runs_under_the_policy(live_server, new_page):
    created = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    process_id, code = demo_process(live_server)
    leader = new_page()
    refused = watch_refusals(leader)
    leader.goto(f"{live_server.url}/logga-in")
    leader.get_by_label("Användarnamn").fill("lea")
    leader.get_by_label("Lösenord").fill(PASSWORD)
    leader.get_by_role("button", name="Logga in").click()
    base = f"{live_server.url}/processer/{process_id}"
    for path in (
        "",
        "/styr",
        "/cirklar",
        "/vinjetter",
        "/dokument",
        *(f"/workshop/workshop-{n}/resultat" for n in (1, 2, 3)),
    ):
        leader.goto(base + path)
        expect(leader.locator("h1")).not_to_be_empty()
        assert leader.evaluate("() => typeof window.htmx") == "object", path
    # htmx swaps still work: a section's preview comes back from the server.
    leader.goto(f"{base}/dokument/beslutsunderlag")
    box = leader.locator("[data-section-box]").first
    box.get_by_label(re.compile("Text till")).fill("**Fet** text i förhandsvisningen.")
    box.get_by_role("button", name="Förhandsvisa").click()
    expect(leader.locator(".preview strong").first).to_have_text("Fet")
    box.get_by_role("button", name="Spara avsnittet").click()
    expect(box.locator(".saved")).to_be_visible()

    projector = leader.context.new_page()
    refused += watch_refusals(projector)
    projector.goto(f"{base}/projektor")
    qr = projector.locator("img.qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code did not load"

    participant = new_page(viewport={"width": 390, "height": 844})
    refused += watch_refusals(participant)
    participant.goto(f"{live_server.url}/{code}")
    participant.locator("input[name=organisation]").first.check()
    participant.get_by_role("button", name="Gå in i workshoppen").click()
    expect(participant.locator("h1")).not_to_be_empty()
    # live.js hears the projector move on: the participant's screen follows by itself.
    before = participant.locator("h1").inner_text()
    leader.goto(f"{base}/styr")
    leader.get_by_role("button", name=re.compile("Nästa övning")).click()
    expect(participant.locator("h1")).not_to_have_text(before)

    assert not refused, "\n".join(refused)
