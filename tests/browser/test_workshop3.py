"""Real-browser journeys of Workshop 2's steps and Workshop 3: case paths and the survey."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check, join, join_code, no_problems


def choose_groups(leader_page):
    leader_page.get_by_label(re.compile("svårigheter med stress")).check()
    leader_page.get_by_label(re.compile("ledsna eller nedstämda")).check()
    leader_page.get_by_role("button", name="Bekräfta valda målgrupper").click()


def test_steps_of_figure_4_are_accessible(live_server, new_page, leader):
    code = join_code(leader)
    leader.get_by_role("button", name="Starta workshop 2").click()
    anna = join(live_server, new_page, code, "Skola/elevhälsa")
    choose_groups(leader)
    expect(anna.get_by_role("heading", name="Valda målgrupper")).to_be_visible()
    leader.get_by_role("button", name=re.compile("Nästa övning")).click()
    expect(anna.get_by_role("heading", level=1)).to_contain_text("Övning 4b")
    expect(anna.locator("details.step")).to_have_count(5)
    leader.get_by_role("button", name="Åtgärder/insatser").click()
    projector = leader.context.new_page()
    projector.goto(leader.url.replace("/styr", "/projektor"))
    expect(projector.locator(".figure-4 [aria-current]")).to_have_text("Åtgärder/insatser")
    no_problems(anna)
    no_problems(leader)
    no_problems(projector)


def start_workshop_3(leader) -> tuple[str, str]:
    """Workshop 2's target groups chosen, then Workshop 3 started: the code and the process."""
    code = join_code(leader)
    process_url = leader.url.rstrip("/")
    leader.get_by_role("button", name="Starta workshop 2").click()
    choose_groups(leader)
    leader.goto(process_url)
    leader.get_by_role("button", name="Starta workshop 3").click()
    return code, process_url


def test_case_paths_grow_live_and_the_survey_is_answered(live_server, new_page, leader):
    code, process_url = start_workshop_3(leader)
    projector = leader.context.new_page()
    projector.goto(f"{process_url}/projektor")
    expect(projector.locator(".case-column h2")).to_have_count(2)

    anna = join(live_server, new_page, code, "Socialtjänst")
    section = anna.locator("section", has_text="Ärendegång: Barn och unga som har svårigheter")
    section.get_by_label("Nästa steg: vad händer").fill("Mentorn uppmärksammar och ringer hem")
    section.get_by_label("Vem").fill("Lärare")
    section.get_by_role("button", name="Lägg till steg").click()
    column = projector.locator(".case-column", has_text="svårigheter med stress")
    expect(column.locator(".case-path li")).to_have_text(
        ["Mentorn uppmärksammar och ringer hem · Lärare"]
    )
    expect(section.locator("form[data-saved] [data-send-status]")).to_have_text("Steget är sparat.")
    problems = axe_check(anna, WCAG21_AA)
    assert not problems, problems
    no_problems(projector)
    leader.reload()
    no_problems(leader)

    leader.get_by_role("button", name="Prova i praktiken").click()
    leader.locator("#enkat-vardnadshavare-elever").get_by_role(
        "button", name="Öppna som anonym enkät"
    ).click()
    link = leader.get_by_test_id("survey-link").first.get_attribute("href")
    problems = axe_check(leader, WCAG21_AA)
    assert not problems, problems
    parent = new_page()
    parent.goto(live_server.url + link)
    no_problems(parent)
    parent.get_by_label("Blev eleven hjälpt?").fill("Ja, snabbt")
    parent.get_by_role("button", name="Skicka svar").click()
    expect(parent.get_by_role("status")).to_have_text("Tack! Ditt svar är sparat.")
    leader.reload()
    expect(leader.get_by_test_id("survey-count").first).to_have_text("1")
    no_problems(leader)


def test_a_step_sent_after_the_leader_moved_on_stays_on_screen_in_the_kept_box(
    live_server, new_page, leader
):
    code, process_url = start_workshop_3(leader)
    anna = join(live_server, new_page, code, "Socialtjänst")
    # Anna's page does not hear yet that the room moves on (a slow or broken connection).
    held = []

    def hold(route):
        held.append(route)

    anna.route("**/live/**", hold)
    anna.reload()
    anna.wait_for_function("() => window.htmx && document.readyState === 'complete'")
    section = anna.locator("section", has_text="Ärendegång: Barn och unga som har svårigheter")
    text = "Kuratorn ringer hem samma dag"
    section.get_by_label("Nästa steg: vad händer").fill(text)
    section.get_by_label("Vem").fill("Skolkurator")

    leader.get_by_role("button", name="Prova i praktiken").click()
    expect(leader.locator("h1, h2").filter(has_text="Prova i praktiken").first).to_be_visible()
    section.get_by_role("button", name="Lägg till steg").click()
    kept = anna.locator("#kept")
    expect(kept).to_contain_text(
        "Ditt steg i ärendegången för Barn och unga som har svårigheter med stress sparades inte."
    )
    expect(kept).to_contain_text("Processledaren har gått vidare till en annan övning")
    expect(kept.get_by_label("Din text (finns kvar här)")).to_have_value(text)
    expect(kept.get_by_label("Vem (finns kvar här)")).to_have_value("Skolkurator")
    expect(section.locator("[data-send-status]")).to_have_text(
        "Sparades inte – se meddelandet överst på sidan."
    )

    # The news arrives: the new exercise replaces the form, the kept box says what it said.
    assert held, "the page's event stream was not held"
    for route in held:
        route.fulfill(status=503)
    anna.unroute("**/live/**")
    expect(anna.locator("#exercise h1")).not_to_contain_text("Övning 6", timeout=30_000)
    expect(kept).to_contain_text("Processledaren har gått vidare till en annan övning")
    expect(kept.locator("textarea")).to_have_count(1)
    expect(kept.get_by_label("Din text (finns kvar här)")).to_have_value(text)
    no_problems(anna)
