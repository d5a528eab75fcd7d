"""Real-browser journeys of Workshop 2: voting on target groups, vignette groups reporting back."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import WCAG21_AA, axe_check, join, join_code, no_problems


def test_the_room_votes_and_the_projector_shows_the_tally_live(live_server, new_page, leader):
    code = join_code(leader)
    process_url = leader.url
    leader.get_by_role("button", name="Starta workshop 2").click()
    expect(leader.get_by_role("heading", name=re.compile("Övning 4a"))).to_be_visible()
    projector = leader.context.new_page()
    projector.goto(process_url.rstrip("/") + "/projektor")
    stress = projector.locator(".tally-count[data-group=stress]")
    expect(stress).to_have_text("0")

    anna = join(live_server, new_page, code, "Skola/elevhälsa")
    bo = join(live_server, new_page, code, "Socialtjänst")
    stress_item = anna.locator(".vote-item", has_text="svårigheter med stress")
    stress_item.get_by_role("button", name="Lägg en prick på").click()
    expect(anna.get_by_test_id("dots-left")).to_have_text("2")
    stress_item.get_by_role("button", name="Lägg en prick på").click()
    bo.locator(".vote-item", has_text="svårigheter med stress").get_by_role(
        "button", name="Lägg en prick på"
    ).click()
    bo.locator(".vote-item", has_text="ledsna eller nedstämda").get_by_role(
        "button", name="Lägg en prick på"
    ).click()

    expect(stress).to_have_text("3")
    expect(projector.locator(".tally-count[data-group=ledsna-nedstamda]")).to_have_text("1")
    expect(projector.locator(".tally-title").first).to_have_text(
        "Barn och unga som har svårigheter med stress"
    )
    no_problems(projector)
    no_problems(anna)

    leader.reload()
    leader.get_by_label(re.compile("svårigheter med stress")).check()
    leader.get_by_label(re.compile("ledsna eller nedstämda")).check()
    leader.get_by_role("button", name="Bekräfta valda målgrupper").click()
    expect(projector.locator(".org-column h3")).to_have_count(2)
    expect(anna.get_by_label("Gäller målgrupp")).to_be_visible()
    no_problems(leader)


def test_two_groups_discuss_two_vignettes_and_report_back(live_server, new_page, leader):
    code = join_code(leader)
    process_url = leader.url.rstrip("/")
    leader.get_by_role("button", name="Starta workshop 2").click()
    anna = join(live_server, new_page, code, "Skola/elevhälsa")
    bo = join(live_server, new_page, code, "Hälso- och sjukvård")

    leader.goto(f"{process_url}/vinjetter")
    leader.get_by_label("Antal grupper").fill("2")
    leader.get_by_role("button", name="Skapa grupper").click()
    leader.get_by_label("Vinjett").first.select_option(label="Kalle 5 år")
    leader.get_by_role("button", name="Ge gruppen vinjetten").first.click()
    leader.get_by_label("Vinjett").nth(1).select_option(label="Linda 17 år")
    leader.get_by_role("button", name="Ge gruppen vinjetten").nth(1).click()
    no_problems(leader)

    projector = leader.context.new_page()
    projector.goto(f"{process_url}/projektor")

    for page, answer in ((anna, "Vid EHT-mötet"), (bo, "På elevhälsokonferensen")):
        page.get_by_role("link", name=re.compile("Vinjettdiskussion")).click()
        expect(page.locator(".vignette-text")).to_be_visible()
        page.get_by_label("Gruppens svar").nth(1).fill(answer)
        page.get_by_role("button", name="Skicka").nth(1).click()
        expect(page.locator("#fraga-forum .answer-text")).to_have_text(answer)
        expect(page.locator("#fraga-forum [data-send-status]")).to_have_text(
            "Gruppens svar är sparat."
        )
    expect(anna.get_by_role("heading", level=1)).to_have_text("Grupp 1: Kalle 5 år")
    expect(bo.get_by_role("heading", level=1)).to_have_text("Grupp 2: Linda 17 år")
    problems = axe_check(bo, WCAG21_AA)
    assert not problems, problems

    leader.get_by_role("button", name="Starta återrapporteringen på projektorn").click()
    expect(projector.get_by_role("heading", level=1)).to_have_text("Grupp 1: Kalle 5 år")
    expect(projector.locator(".report-answers .answer-text")).to_have_text("Vid EHT-mötet")
    no_problems(projector)
    leader.get_by_role("button", name="Nästa grupp →").click()
    expect(projector.get_by_role("heading", level=1)).to_have_text("Grupp 2: Linda 17 år")
    expect(projector.locator(".report-answers .answer-text")).to_have_text(
        "På elevhälsokonferensen"
    )
    leader.get_by_role("button", name="← Föregående grupp").click()
    expect(projector.get_by_role("heading", level=1)).to_have_text("Grupp 1: Kalle 5 år")
