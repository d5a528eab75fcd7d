"""The status parts during a wave of joins: fetched at most once a second, the last join counted."""

import pytest

from tests.helpers.web import page

HTMX = {"HX-Request": "true"}
SCREENS = {"projektor": "#join-panel", "styr": "#status"}
CONTENT = {"projektor": ".join", "styr": ".status-bar"}


def count(soup) -> str:
    return soup.select_one("[data-testid=participant-count]").get_text()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_status_takes_joins_at_most_once_a_second_and_the_rest_unthrottled(
    leader, room, screen
):
    region = page(leader.get(f"/processer/{room.process_id}/{screen}")).select_one(SCREENS[screen])
    assert region["hx-get"] == f"/processer/{room.process_id}/{screen}/_status"
    triggers = [t.strip() for t in region["hx-trigger"].split(",")]
    assert "live:participants from:body throttle:1s" in triggers
    assert "live:timer from:body" in triggers and "live:refresh from:body" in triggers
    # The page itself asks for no second look: nothing was dropped before it was made.
    assert region.select_one("[hx-trigger^='load']") is None


@pytest.mark.parametrize("screen", SCREENS)
def test_the_look_a_second_after_a_fetch_counts_the_joins_it_dropped(join, leader, room, screen):
    join(0)
    fetched = page(leader.get(f"/processer/{room.process_id}/{screen}/_status", headers=HTMX))
    assert count(fetched) == "1"
    look = fetched.select_one("[hx-trigger^='load delay:1s']")
    assert look["hx-get"] == f"/processer/{room.process_id}/{screen}/_status?sista=1"
    # It replaces only the part's content (never a newer look the region got meanwhile), in the
    # region's own queue, so an older answer cannot land after a newer one.
    assert look["hx-target"] == f"{SCREENS[screen]} > {CONTENT[screen]}"
    assert look["hx-select"] == CONTENT[screen] and look["hx-swap"] == "outerHTML"
    assert look["hx-sync"] == f"{SCREENS[screen]}:queue all" and look.has_attr("hidden")
    # Two more join while the region is throttled (their events dropped): the look counts them.
    join(1)
    join(2)
    again = page(leader.get(look["hx-get"], headers=HTMX))
    assert count(again.select_one(CONTENT[screen])) == "3"
    assert again.select_one("[hx-trigger^='load']") is None  # and asks for no further look
