"""In a real browser: the projector and the control view take new answers as changes, keep
what they have, and catch up from their cursor after a missed event."""

from playwright.sync_api import expect

from tests.browser.test_workshop_room import join, send, workshop  # noqa: F401 (a fixture)

KEEP = "el => { el.dataset.kept = 'yes'; }"


def test_answers_arrive_as_changes_and_a_missed_one_is_caught_up(workshop, live_server, new_page):  # noqa: F811
    leader, projector, code = workshop
    anna = join(new_page, live_server.url, code, "Socialtjänst", "Anna")
    column = projector.locator(".question").first.locator(".org-column", has_text="Socialtjänst")
    # Marks on what each screen has now: a whole reload would take them away.
    projector.locator("#stage .stage-body").evaluate(KEEP)
    leader.locator("#answers").locator("xpath=..").evaluate(KEEP)
    first_list = leader.locator("#answers ul.moderation").first
    first_list.evaluate(KEEP)
    before = projector.locator("#stage-cursor").get_attribute("value")

    send(anna, "Barnen får hjälp för sent.")
    expect(column).to_contain_text("Barnen får hjälp för sent.")
    expect(first_list.locator(".answer-text")).to_have_text(["Barnen får hjälp för sent."])
    expect(leader.locator("#answers .count").first).to_have_text("(1)")
    expect(first_list.get_by_role("button", name="Dölj")).to_be_visible()
    assert projector.locator("#stage .stage-body").get_attribute("data-kept") == "yes"
    assert first_list.get_attribute("data-kept") == "yes"
    expect(projector.locator("#stage")).to_have_attribute("data-fitted", "true")

    send(anna, "Vi ser samma barn i olika spår.")
    expect(column).to_contain_text("Vi ser samma barn i olika spår.")
    assert projector.locator("#stage-cursor").get_attribute("value") != before
    # The projector missed those events: its cursor is from before them again and their answers
    # are gone from its screen. The next answer brings all three, in order.
    projector.evaluate(
        """(old) => {
          document.querySelectorAll('#stage .answer').forEach(li => li.remove());
          document.querySelector('#stage-cursor').value = old;
        }""",
        before,
    )
    send(anna, "Samma bild av barnets behov.")
    expect(column.locator(".answer-text")).to_have_text(
        [
            "Barnen får hjälp för sent.",
            "Vi ser samma barn i olika spår.",
            "Samma bild av barnets behov.",
        ]
    )
    expect(first_list.locator(".answer-text")).to_have_count(3)

    # Hiding an answer cannot travel as a change: the projector fetches its stage whole.
    first_list.locator("li", has_text="Vi ser samma barn").get_by_role(
        "button", name="Dölj"
    ).click()
    expect(column).not_to_contain_text("Vi ser samma barn i olika spår.")
    expect(column.locator(".answer-text")).to_have_count(2)
    assert projector.locator("#stage .stage-body").get_attribute("data-kept") is None
