"""The start-up before Workshop 1: its texts and roles, kept per process, in the documents."""

import io

from tests.helpers.web import page, texts

START_UP = "/processer/{}/uppstart"


def start_up(leader, room):
    return page(leader.get(START_UP.format(room.process_id)))


def test_the_process_page_leads_to_the_start_up(leader, room):
    soup = page(leader.get(f"/processer/{room.process_id}"))
    link = soup.select_one(".start-up-summary a[href$='/uppstart']")
    assert link.get_text(strip=True) == "Till uppstarten"
    assert "Tänk på att: 0 av 4" in texts(soup, ".start-up-summary li")


def test_start_up_shows_the_guides_questions_roles_and_checklist(leader, room):
    leader.post(
        f"/processer/{room.process_id}/roller",
        data={"role": "styrgrupp", "name": "Eva Chef", "organisation": "Socialtjänsten"},
    )
    soup = start_up(leader, room)
    assert soup.h1.get_text(strip=True) == "Före workshop 1: Från tanke till handling"
    labels = texts(soup, "#fragor ~ label, .start-up-part label")
    assert "Varför behöver insatser kunna ges av flera aktörer på skolan?" in labels
    assert "Vilka personer vill och kan vara med och utveckla en ny samverkansmodell?" in labels
    roles = texts(soup, ".role h3")
    assert roles == [
        "Processledare – ingår såväl i styrgrupp som arbetsgrupp",
        "Styrgrupp – chefer från respektive verksamhet",
        "Arbetsgrupp – personer som arbetar praktiskt i skola/elevhälsa, hälso- och sjukvård "
        "och socialtjänst",
    ]
    holders = texts(soup, ".role .holders")
    assert "Eva Chef (Socialtjänsten)" in holders[1]
    assert "ingen ännu" in holders[0]
    checks = soup.select(".checklist input[type=checkbox][name=klart]")
    assert len(checks) == 9  # four points to think of, five anchoring steps
    assert not any(c.has_attr("checked") for c in checks)
    assert "En handlingsplan behöver ta form parallellt med workshop 2 och 3." in texts(
        soup, ".checklist label"
    )


def test_ticks_and_answers_are_kept_per_process(leader, room):
    response = leader.post(
        START_UP.format(room.process_id),
        data={
            "klart": ["politisk-ledning", "ledning-skola"],
            "text-vilken-skola": "Ragunda skola, åk 7–9",
            "text-ledning-skola": "Beslut i barn- och utbildningsnämnden i mars",
        },
    )
    assert response.status_code == 302
    soup = start_up(leader, room)
    assert soup.select_one("#klart-politisk-ledning").has_attr("checked")
    assert soup.select_one("#klart-ledning-skola").has_attr("checked")
    assert not soup.select_one("#klart-i-turordning").has_attr("checked")
    assert soup.select_one("#text-vilken-skola").get_text() == "Ragunda skola, åk 7–9"
    assert soup.select_one("#text-ledning-skola")["value"].startswith("Beslut i barn-")
    summary = texts(page(leader.get(f"/processer/{room.process_id}")), ".start-up-summary li")
    assert "Tänk på att: 1 av 4" in summary

    other = leader.post("/processer/", data={"name": "Annan process", "organisations": ""})
    other_id = int(other.headers["Location"].rstrip("/").split("/")[-1])
    elsewhere = page(leader.get(START_UP.format(other_id)))
    assert not elsewhere.select_one("#klart-politisk-ledning").has_attr("checked")
    assert elsewhere.select_one("#text-vilken-skola").get_text() == ""


def test_unticking_is_kept_too(leader, room):
    url = START_UP.format(room.process_id)
    leader.post(url, data={"klart": ["i-turordning"]})
    leader.post(url, data={})
    assert not start_up(leader, room).select_one("#klart-i-turordning").has_attr("checked")


def test_too_long_text_is_refused_in_swedish_and_kept_on_the_page(leader, room):
    long = "x" * 2001
    response = leader.post(
        START_UP.format(room.process_id),
        data={"klart": ["politisk-ledning"], "text-vilka-behov": long},
    )
    assert response.status_code == 422
    soup = page(response)
    assert "högst 2000 får plats" in soup.select_one("[role=alert]").get_text()
    assert soup.select_one("#text-vilka-behov").get_text() == long
    assert soup.select_one("#klart-politisk-ledning").has_attr("checked")
    assert not start_up(leader, room).select_one("#klart-politisk-ledning").has_attr("checked")


def test_someone_elses_start_up_is_not_found(app, leader, room):
    stranger = app.test_client()
    assert stranger.get(START_UP.format(room.process_id)).status_code == 302  # to the login
    assert leader.get(START_UP.format(room.process_id + 99)).status_code == 404


def test_the_start_up_reaches_styrning_och_ledning(leader, room):
    leader.post(
        START_UP.format(room.process_id),
        data={
            "klart": ["ledning-socialtjanst", "verksamhetsledning-deltar"],
            "text-ledning-socialtjanst": "Socialnämnden beslutade 12 mars",
            "text-vad-ska-bli-battre": "Eleverna ska få hjälp inom en vecka.",
        },
    )
    soup = page(leader.get(f"/processer/{room.process_id}/dokument/beslutsunderlag"))
    material = " ".join(texts(soup, "#avsnitt-styrning-och-ledning .material"))
    assert "Från tanke till handling" not in " ".join(texts(soup, "#avsnitt-bakgrund .material"))
    assert "Förankrat och beslutat inom socialtjänstens ledningsnivå: Socialnämnden beslutade" in (
        material
    )
    assert "Det är en fördel om representanter från respektive verksamhetsledning" in material
    assert "Vad ska bli bättre med ett nytt arbetssätt? Eleverna ska få hjälp inom en vecka." in (
        material
    )


def test_the_start_up_travels_with_the_backup(leader, room):
    leader.post(
        START_UP.format(room.process_id),
        data={"klart": ["handlingsplan-parallellt"], "text-vilken-skola": "Ragunda skola"},
    )
    backup = leader.get(f"/processer/{room.process_id}/sakerhetskopia").get_data()
    response = leader.post(
        "/processer/aterstall",
        data={"backup": (io.BytesIO(backup), "kopia.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    restored = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert restored != room.process_id
    soup = page(leader.get(START_UP.format(restored)))
    assert soup.select_one("#klart-handlingsplan-parallellt").has_attr("checked")
    assert soup.select_one("#text-vilken-skola").get_text() == "Ragunda skola"
