"""In a real browser: a wave of joins ends with the right count on the projector and the control
view, although their status parts take the joins' events at most once a second."""

from playwright.sync_api import expect

from tests.browser.test_workshop_room import workshop  # noqa: F401 (a fixture)
from tests.helpers.roomclient import Browser

WAVE = 12


def test_a_wave_of_joins_is_counted_to_the_last_one(workshop, live_server):  # noqa: F811
    leader, projector, code = workshop
    fetched = {"status": 0}

    def count_status(request):
        if request.url.split("?")[0].endswith("/_status"):
            fetched["status"] += 1

    projector.on("request", count_status)
    for number in range(WAVE):
        person = Browser(live_server.port)
        person.join(code, organisation=number)
        person.close()
    # The joins' events came faster than one a second: the last ones reach the screens through
    # the look a second after a fetch, with no further event to carry them.
    expect(projector.get_by_test_id("participant-count")).to_have_text(str(WAVE))
    expect(leader.get_by_test_id("participant-count")).to_have_text(str(WAVE))
    assert 0 < fetched["status"]
