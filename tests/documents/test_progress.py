"""The documents index: per document, how many sections have material and how many are written."""

from io import BytesIO

from bs4 import BeautifulSoup

from toolkit.models import Process
from toolkit.processes.demo import build_demo


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def progress(soup, document: str) -> str:
    return soup.select_one(f"[data-testid=progress-{document}]").get_text(" ", strip=True)


def test_a_new_process_has_no_material_and_nothing_written(leader, room):
    soup = soup_of(leader.get(f"/processer/{room.process_id}/dokument"))
    assert progress(soup, "beslutsunderlag") == "0 av 11 avsnitt har underlag, 0 är skrivna"
    assert progress(soup, "handlingsplan") == "0 av 11 avsnitt har underlag, 0 är skrivna"


def test_the_demo_has_material_everywhere_and_says_where_it_came_from(app, leader, db):
    process, _ = build_demo(db, app.extensions["toolkit.content"], "leda")
    url = f"/processer/{process.id}/dokument"
    soup = soup_of(leader.get(url))
    assert progress(soup, "beslutsunderlag") == "11 av 11 avsnitt har underlag, 0 är skrivna"
    assert progress(soup, "handlingsplan") == "11 av 11 avsnitt har underlag, 0 är skrivna"

    leader.post(f"{url}/beslutsunderlag/avsnitt/resurser", data={"text": "Vår egen text."})
    soup = soup_of(leader.get(url))
    assert progress(soup, "beslutsunderlag") == "11 av 11 avsnitt har underlag, 1 är skrivet"
    card = soup.select_one("[data-testid=progress-beslutsunderlag]").find_parent("li")
    items = {li.strong.get_text(): li for li in card.select("details.material-sources > ul > li")}
    assert list(items)[0] == "Bakgrund"
    assert "skrivet" in items["Resurser"].get_text()
    sources = [li.get_text(strip=True) for li in items["Tillgänglighet"].select("ul.sources li")]
    assert sources == [
        "Workshop 2 · Övning 4b – Vägen från upptäckt till hjälp",
        "Workshop 2 · Övning 4a – Vägen från upptäckt till hjälp · Vinjettdiskussionen",
        "Workshop 3 · Prova i praktiken",
    ]
    period = [li.get_text(strip=True) for li in items["Tidsperiod"].select("ul.sources li")]
    assert period == ["Handlingsplanen · Tidplan"]
    assert "underlag finns" in items["Tidsperiod"].get_text()


def test_a_refused_template_upload_shows_the_same_counts(app, leader, db):
    process, _ = build_demo(db, app.extensions["toolkit.content"], "leda")
    response = leader.post(
        f"/processer/{process.id}/dokument/mall",
        data={"template": (BytesIO(b"inte en docx"), "mall.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert progress(soup, "handlingsplan") == "11 av 11 avsnitt har underlag, 0 är skrivna"
    assert db.get(Process, process.id) is not None


def test_a_sections_page_lists_its_material_with_target_group_and_organisation(app, leader, db):
    process, _ = build_demo(db, app.extensions["toolkit.content"], "leda")
    soup = soup_of(leader.get(f"/processer/{process.id}/dokument/handlingsplan"))
    material = soup.select_one("#avsnitt-tillganglighet details.material")
    lines = [li.get_text(" ", strip=True) for li in material.select("li")]
    assert (
        "Barn och unga med flera problem samtidigt: Barnet pratar med sin lärare eller mentor, "
        "som tar det vidare till skolsocionomen. (Skola/elevhälsa)"
    ) in lines
    paths = soup.select_one("#avsnitt-atgarder-och-insatser details.material")
    headings = [h.get_text(strip=True) for h in paths.select("h3")]
    assert "Ärendegång: Barn och unga som känner rädsla, oro eller ångest" in headings
    assert "Grupp 2: Vera 6 år: Samma vecka: oron har varat länge och hemsituationen är svår." in [
        li.get_text(" ", strip=True) for li in soup.select("#avsnitt-bedomning details.material li")
    ]


def test_the_demo_fills_the_ansokan_the_letter_and_ragundas_four_forums(app, leader, db):
    process, _ = build_demo(db, app.extensions["toolkit.content"], "leda")
    url = f"/processer/{process.id}/dokument"
    soup = soup_of(leader.get(url))
    assert progress(soup, "ansokan") == "10 av 10 avsnitt har underlag, 1 är skrivet"

    model = soup_of(leader.get(f"{url}/modell"))
    forums = [h.get_text(strip=True) for h in model.select("#del-forums h3")]
    assert forums == ["Styrgrupp", "Arbetsgrupp", "Beslutsforum", "Arbetsgrupp/styrgrupp"]
    letter = soup_of(leader.get(f"{url}/tjansteskrivelse"))
    assert letter.select_one("#huvud-diarienummer")["value"] == "KS 2026/0042"
    ansokan = soup_of(leader.get(f"{url}/ansokan"))
    assert not ansokan.select("#del-budget [role=alert]")  # costs and financing match
    rows = [td.get_text(strip=True) for td in ansokan.select("#del-budget td")]
    assert "Skolsocionom" in rows and "Sökta utvecklingsmedel" in rows
