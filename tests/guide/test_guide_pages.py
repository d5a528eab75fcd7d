"""The guide beside the workshops: introductions on the control view, its own pages."""

from tests.helpers.web import page, texts


def normalised(text: str) -> str:
    return " ".join(text.split())


def control_view(leader, room, workshop: str, exercise: str | None = None):
    """The control view with this workshop (and exercise) on the projector."""
    leader.post(f"/processer/{room.process_id}/workshop/{workshop}/starta")
    if exercise:
        leader.post(
            f"/processer/{room.process_id}/styr/visa",
            data={"workshop": workshop, "exercise": exercise},
        )
    return page(leader.get(f"/processer/{room.process_id}/styr"))


def test_every_workshops_introduction_is_on_the_control_view(leader, room, project_content):
    for workshop in project_content.workshops:
        soup = control_view(leader, room, workshop.key)
        intro = soup.select_one("details.guide-intro")
        assert intro.summary.get_text(strip=True) == (
            f"Vägledningens inledning till workshop {workshop.number}"
        )
        assert intro.has_attr("open")  # on the workshop's first exercise
        shown = normalised(intro.select_one(".workshop-intro").get_text(" "))
        assert shown == normalised(workshop.intro)
        assert workshop.source in intro.select_one(".source").get_text()


def test_every_exercises_introduction_is_on_its_control_view(leader, room, project_content):
    workshop = project_content.workshop("workshop-3")
    for exercise in workshop.exercises:
        soup = control_view(leader, room, workshop.key, exercise.key)
        prompt = normalised(soup.select_one(".current .prompt").get_text(" "))
        assert normalised(exercise.prompt.splitlines()[0]) in prompt


def test_ovning_3_offers_the_organisations_missions(leader, room):
    soup = control_view(leader, room, "workshop-1", "ovning-3")
    summaries = texts(soup, "details.reference summary")
    assert summaries == ["Ur vägledningen: Verksamheternas uppdrag"]
    reference = soup.select_one("details.reference")
    assert "Alla kommuner har en socialtjänst som har det yttersta ansvaret" in reference.get_text()
    assert reference.select_one(".guide-links a")["href"] == (
        "https://kunskapsguiden.se/omraden-och-teman/barn-och-unga/samverkan-kring-barn-och-unga/"
    )
    links = [a.get_text(strip=True) for a in soup.select(".current > .guide-links a")]
    assert "Om elevhälsan – Kunskapsguiden" in links


def test_workshop_2_offers_forsta_linje_and_4a_the_target_groups_whole(leader, room):
    soup = control_view(leader, room, "workshop-2", "ovning-4a")
    summaries = texts(soup, "details.reference summary")
    assert summaries == [
        "Ur vägledningen: Vilka barn kan behöva tidiga insatser?",
        "Ur vägledningen: Verksamheternas uppdrag",
        "Ur vägledningen: Första linjen och den förstärkta samverkan",
    ]
    groups, _, first_line = soup.select("details.reference")
    text = normalised(groups.get_text(" "))
    assert "Barn, oavsett ålder, som riskerar eller visar tecken på psykisk ohälsa" in text
    assert "Barn och unga som flytt" in text
    assert "tillämpning av samordnad individuell plan behöver ingå" in text
    assert "Med begreppet ”första linje” menas" in first_line.get_text()


def test_the_tools_own_notes_are_marked_as_such(leader, room):
    soup = control_view(leader, room, "workshop-2", "ovning-4b")
    notes = texts(soup, ".tool-note")
    assert len(notes) == 1
    assert notes[0].startswith("Verktygets anmärkning om steget ”Uppföljning”:")
    assert "Figur 4 visar fem steg" in notes[0]


def test_reference_pages_can_be_shown_to_the_room(leader, room):
    soup = page(leader.get("/vagledning/erfarenheter?visa=1"))
    assert "showable" in soup.body["class"]
    assert soup.h1.get_text(strip=True) == (
        "Erfarenheter från utvecklingsarbetet: framgångsfaktorer och utmaningar"
    )
    headings = texts(soup, "article p > strong")
    assert headings == [
        "Erfarenheter från utvecklingsarbetet – kommunala röster",
        "Utmaningar",
        "Erfarenheter från utvecklingsarbetet – regionala röster",
        "Utmaningar",
    ]
    items = texts(soup, "article li")
    assert "Vilja och stöd från chef- och ledningsnivå och resurser." in items
    assert leader.get("/vagledning/finns-inte").status_code == 404


def test_the_guides_index_leads_to_every_text(leader, room, project_content):
    soup = page(leader.get("/vagledning/"))
    hrefs = [a["href"] for a in soup.select("main a")]
    for key in ("forsta-linje", "verksamheternas-uppdrag", "vilka-barn", "erfarenheter"):
        assert f"/vagledning/{key}" in hrefs
    for workshop in project_content.workshops:
        assert f"/vagledning/workshop/{workshop.key}" in hrefs
    assert "/vagledning/material" in hrefs
    assert "omgjorda fallbeskrivningar" in soup.select_one("#om-vinjetterna + p").get_text()


def test_the_materials_page_lists_every_link(leader, room, project_content):
    soup = page(leader.get("/vagledning/material"))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".materials a")}
    assert len(links) == len(project_content.guide.materials)
    assert links[
        "Webbplatsen för Sveriges Kommuner och Regioner, Samordnad individuell plan, SIP"
    ] == (
        "https://skr.se/skr/halsasjukvard/patientinflytande/"
        "samordnadindividuellplansip.samordnadindividuellplan.html"
    )


def test_the_workshop_page_shows_every_introduction(leader, room, project_content):
    workshop = project_content.workshop("workshop-1")
    soup = page(leader.get("/vagledning/workshop/workshop-1"))
    assert normalised(soup.select_one(".workshop-intro").get_text(" ")) == normalised(
        workshop.intro
    )
    assert texts(soup, ".exercise-intro h2") == [e.title for e in workshop.exercises]
    assert leader.get("/vagledning/workshop/workshop-9").status_code == 404


def test_the_guide_is_for_process_leaders(client):
    assert client.get("/vagledning/").status_code == 302
