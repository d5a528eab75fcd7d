"""Workshop 3: case paths per chosen target group, and the anonymous follow-up survey."""

import pytest

from tests.helpers.web import page, texts
from toolkit.room import network

HX = {"HX-Request": "true"}
STRESS = "Barn och unga som har svårigheter med stress"


@pytest.fixture
def workshop3(leader, room):
    """Target groups chosen in Workshop 2, the room on Övning 6 of Workshop 3."""
    leader.post(f"/processer/{room.process_id}/workshop/workshop-2/starta")
    leader.post(
        f"/processer/{room.process_id}/styr/malgrupper",
        data={"target_group": ["stress", "ledsna-nedstamda"]},
    )
    leader.post(f"/processer/{room.process_id}/workshop/workshop-3/starta")
    return room


def control(leader, room):
    return page(leader.get(f"/processer/{room.process_id}/styr"))


def add_step(leader, room, text, actor="", group="stress"):
    return leader.post(
        f"/processer/{room.process_id}/styr/arendegang",
        data={"target_group": group, "text": text, "actor": actor},
    )


def steps_on_projector(leader, room, group_title=STRESS):
    soup = page(leader.get(f"/processer/{room.process_id}/projektor/_scen"))
    column = next(c for c in soup.select(".case-column") if c.h2.get_text() == group_title)
    return texts(column, ".case-path li")


def test_one_case_path_per_group_chosen_in_workshop_2(workshop3, leader):
    soup = control(leader, workshop3)
    assert texts(soup, "section[id^=arende-] h2") == [
        f"Ärendegång: {STRESS}",
        "Ärendegång: Barn och unga som är ledsna eller nedstämda",
    ]


def test_without_chosen_groups_the_leader_is_sent_to_workshop_2(leader, room):
    leader.post(f"/processer/{room.process_id}/workshop/workshop-3/starta")
    assert "Välj två till fyra målgrupper i övning 4a" in control(leader, room).get_text()


def test_steps_are_added_edited_and_reordered(workshop3, leader, db):
    assert add_step(leader, workshop3, "Eleven kontaktar kuratorn", "Elev").status_code == 302
    add_step(leader, workshop3, "Kuratorn gör en första bedömning", "Skolkurator")
    add_step(leader, workshop3, "Uppföljning efter tre veckor", "Skolkurator")
    assert steps_on_projector(leader, workshop3) == [
        "Eleven kontaktar kuratorn · Elev",
        "Kuratorn gör en första bedömning · Skolkurator",
        "Uppföljning efter tre veckor · Skolkurator",
    ]
    ids = [
        int(form["action"].rsplit("/", 1)[-1])
        for form in control(leader, workshop3).select("form.case-step")
    ]
    leader.post(
        f"/processer/{workshop3.process_id}/styr/arendegang/{ids[2]}", data={"action": "up"}
    )
    leader.post(
        f"/processer/{workshop3.process_id}/styr/arendegang/{ids[0]}",
        data={"action": "save", "text": "Eleven eller föräldern hör av sig", "actor": "Elev"},
    )
    leader.post(
        f"/processer/{workshop3.process_id}/styr/arendegang/{ids[1]}", data={"action": "delete"}
    )
    assert steps_on_projector(leader, workshop3) == [
        "Eleven eller föräldern hör av sig · Elev",
        "Uppföljning efter tre veckor · Skolkurator",
    ]


def test_a_step_with_a_personnummer_is_refused_and_kept(workshop3, leader):
    response = add_step(leader, workshop3, "Elev 121212-1212 ringer")
    assert response.status_code == 422
    soup = page(response)
    assert "personnummer" in texts(soup, "#arende-stress [role=alert]")[0]
    assert soup.select_one("#new-text-stress").get_text() == "Elev 121212-1212 ringer"


def test_participants_add_steps_and_see_them(workshop3, join, leader):
    anna = join()
    response = anna.post(
        f"/rum/{workshop3.process_id}/arendegang",
        data={"target_group": "stress", "text": "Mentorn uppmärksammar", "actor": "Lärare"},
        headers=HX,
    )
    assert response.status_code == 200
    assert "Mentorn uppmärksammar · Lärare" in texts(page(response), ".case-path .step-line")
    assert steps_on_projector(leader, workshop3) == ["Mentorn uppmärksammar · Lärare"]


def test_a_group_not_chosen_in_4a_gets_its_own_case_path(workshop3, join, leader):
    anna = join()
    soup = page(anna.get(f"/rum/{workshop3.process_id}"))
    offered = [o["value"] for o in soup.select("#deltagare-annan-grupp option") if o["value"]]
    assert "flera-problem" in offered and "stress" not in offered and len(offered) == 18
    response = anna.post(
        f"/rum/{workshop3.process_id}/arendegang",
        data={"target_group": "flera-problem", "text": "Elevhälsoteamet samlas", "actor": "Rektor"},
        headers=HX,
    )
    assert response.status_code == 200
    soup = page(response)
    assert texts(soup, "#case-paths section[aria-labelledby^=arende-] h2")[-1] == (
        "Ärendegång: Barn och unga med flera problem samtidigt"
    )
    steps = steps_on_projector(leader, workshop3, "Barn och unga med flera problem samtidigt")
    assert steps == ["Elevhälsoteamet samlas · Rektor"]
    results = page(leader.get(f"/processer/{workshop3.process_id}/workshop/workshop-3/resultat"))
    assert "Ärendegång: Barn och unga med flera problem samtidigt" in texts(results, "h3")


def test_an_unknown_group_is_refused_with_the_text_kept(workshop3, join):
    anna = join()
    response = anna.post(
        f"/rum/{workshop3.process_id}/arendegang",
        data={"target_group": "", "text": "Kuratorn ringer hem", "actor": ""},
        headers=HX,
    )
    assert response.status_code == 422
    soup = page(response)
    assert soup.select_one("#deltagare-annan-text").get_text() == "Kuratorn ringer hem"
    assert soup.select_one("#case-paths .error").get_text() == "Välj en målgrupp i listan."


def open_survey(leader, room, part="vardnadshavare-elever"):
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-3", "exercise": "prova-i-praktiken"},
    )
    response = leader.post(f"/processer/{room.process_id}/styr/enkat/{part}")
    assert response.status_code == 302
    link = control(leader, room).select_one(f"#enkat-{part} [data-testid=survey-link]")
    return link["href"]


def test_survey_is_anonymous_one_response_per_browser_and_summarised(workshop3, app, leader):
    link = open_survey(leader, workshop3)
    parent = app.test_client()
    soup = page(parent.get(link))
    assert texts(soup, "label")[0] == "Hur kom du/ni i kontakt med hjälpen?"
    response = parent.post(link, data={"kontakt": "Via mentorn", "hjalpt": "Ja"})
    assert "Tack! Ditt svar är sparat." in page(response).get_text()
    again = parent.post(link, data={"kontakt": "Igen"})
    assert "Du har redan svarat" in page(again).get_text()
    app.test_client().post(link, data={"kontakt": "Ringde skolsköterskan"})
    soup = control(leader, workshop3)
    part = soup.select_one("#enkat-vardnadshavare-elever")
    assert part.select_one("[data-testid=survey-count]").get_text() == "2"
    assert texts(part, "dd li") == ["Via mentorn", "Ringde skolsköterskan", "Ja"]


def test_an_empty_or_closed_survey_says_so(workshop3, app, leader):
    link = open_survey(leader, workshop3, "rektor-skolpersonal")
    response = app.test_client().post(link, data={"information": "  "})
    assert response.status_code == 422
    assert "Svara på minst en fråga" in texts(page(response), "[role=alert]")[0]
    leader.post(
        f"/processer/{workshop3.process_id}/styr/enkat/rektor-skolpersonal",
        data={"action": "close"},
    )
    assert "Enkäten är stängd" in page(app.test_client().get(link)).get_text()


def test_survey_qr_code_is_an_svg(workshop3, leader):
    open_survey(leader, workshop3)
    img = control(leader, workshop3).select_one("#enkat-vardnadshavare-elever img.qr")
    response = leader.get(img["src"])
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data


def test_unknown_survey_link_is_404(client):
    assert client.get("/enkat/finns-inte").status_code == 404


def test_results_keep_the_chosen_groups_case_paths_and_survey(workshop3, app, leader):
    add_step(leader, workshop3, "Eleven kontaktar kuratorn", "Elev")
    link = open_survey(leader, workshop3)
    app.test_client().post(link, data={"tid": "En vecka"})
    soup = page(leader.get(f"/processer/{workshop3.process_id}/workshop/workshop-3/resultat"))
    assert texts(soup, "#ex-ovning-6 ~ .case-path li")[0] == "Eleven kontaktar kuratorn · Elev"
    assert "Förslag på frågor till vårdnadshavare och elever: 1 svar" in texts(soup, "h3")
    soup = page(leader.get(f"/processer/{workshop3.process_id}/workshop/workshop-2/resultat"))
    assert texts(soup, ".chosen-result li") == [
        STRESS,
        "Barn och unga som är ledsna eller nedstämda",
    ]


def test_participants_edit_and_reorder_steps(workshop3, join, leader, db):
    add_step(leader, workshop3, "Första", "A")
    add_step(leader, workshop3, "Andra", "B")
    anna = join()
    soup = page(anna.get(f"/rum/{workshop3.process_id}"))
    forms = soup.select("#case-paths form[action*='/arendegang/']")
    first_url, second_url = forms[0]["action"], forms[2]["action"]
    response = anna.post(second_url, data={"action": "up"}, headers=HX)
    assert response.status_code == 200
    assert steps_on_projector(leader, workshop3) == ["Andra · B", "Första · A"]
    response = anna.post(first_url, data={"action": "save", "text": "Första, ändrad", "actor": "A"})
    assert response.status_code == 302
    assert steps_on_projector(leader, workshop3) == ["Andra · B", "Första, ändrad · A"]
    response = anna.post(first_url, data={"action": "save", "text": " ", "actor": "A"}, headers=HX)
    assert response.status_code == 422
    assert "Svaret är tomt" in texts(page(response), "[role=alert]")[0]


def test_the_survey_link_is_the_address_the_projector_shows(workshop3, app, leader, monkeypatch):
    # The leader's laptop, opened as localhost: the room reaches it by its network address.
    app.config.update(LISTEN_HOST="0.0.0.0", LISTEN_PORT=5000)
    monkeypatch.setattr(network, "outward_address", lambda: "192.168.1.23")
    path = open_survey(leader, workshop3)
    link = control(leader, workshop3).select_one("[data-testid=survey-link]")
    assert link.get_text() == f"http://192.168.1.23:5000{path}"
    projector = page(leader.get(f"/processer/{workshop3.process_id}/projektor"))
    assert texts(projector, ".join-address strong") == ["192.168.1.23:5000"]
    # An explicit address still wins (http: an https one makes the test's cookie Secure).
    app.config["PUBLIC_URL"] = "http://verkstad.example.se:8080"
    link = control(leader, workshop3).select_one("[data-testid=survey-link]")
    assert link.get_text() == f"http://verkstad.example.se:8080{path}"
