"""Every form on every document page posts to the route that handles it, and that route works."""

import itertools

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.documents import store
from toolkit.models import SECTION_MAX_LENGTH, Activity, Goal, ModelPart, Process

HTMX = {"HX-Request": "true"}
BLUEPRINTS = ("documents.", "document_parts.", "team.")  # team: comments on sections


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


def said(soup) -> str:
    """The newest message the page shows."""
    return texts(soup, "[role=status]")[-1]


def submission(soup, form) -> dict[str, str]:
    """What a browser sends for the form: its fields, form="…" fields outside it, its button."""
    outside = soup.select(f'[form="{form["id"]}"]') if form.get("id") else []
    data = {}
    for field in [*form.select("input, textarea, select"), *outside]:
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = field.get("value", "")
    button = form.select_one("button[type=submit], button:not([type])")
    if button is not None and button.get("name"):
        data[button["name"]] = button.get("value", "")
    return data


def fill_every_part(leader, room):
    """Goals, activities and budget lines through their forms, so that every form is on a page."""
    assert leader.post(docs(room, "/handlingsplan/tidplan/exempel")).status_code == 302
    goal = {"text": "Två familjer aktiva", "term": "kort", "follow_up": "Årligen", "due": ""}
    assert leader.post(docs(room, "/handlingsplan/mal"), data=goal).status_code == 302
    for kind, description in [
        ("kostnad:personal", "Samordnare"),
        ("kostnad:lokaler", "Lokal"),
        ("finansiering:egen-insats", "Kommunen"),
        ("finansiering:bidrag", "Sökt bidrag"),
    ]:
        line = {"kind": kind, "description": description, "amount": "1 000", "share": "0,5"}
        assert leader.post(docs(room, "/budget/budgetrad"), data=line).status_code == 302
    assert leader.post(docs(room, "/handlingsplan/versioner"), data={}).status_code == 302


def test_no_document_route_catches_another_ones_urls(app, project_content):
    """Each route's URLs, built for every document, section and part key, come back to it."""
    adapter = app.url_map.bind("localhost")
    outlines = project_content.outlines.documents
    sections = {s.key for o in outlines for s in o.sections} | {"tidplan", "exempel", "forum"}
    parts = {item.key for o in outlines for item in (*o.forums, *o.case_steps)}
    samples = {
        "process_id": [1],
        "document": [o.key for o in outlines],
        "section_key": sorted(sections),
        "key": sorted(parts | {"avsnitt", "exempel"}),
        "fmt": ["docx", "md"],
    }
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(BLUEPRINTS):
            continue
        names = sorted(rule.arguments)
        for values in itertools.product(*[samples.get(name, [7]) for name in names]):
            url = adapter.build(rule.endpoint, dict(zip(names, values, strict=True)))
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                endpoint, _ = adapter.match(url, method=method)
                assert endpoint == rule.endpoint, f"{method} {url} reaches {endpoint}"
                checked += 1
    assert checked > 300


def test_every_form_on_every_document_page_is_answered_by_its_route(
    app, leader, room, project_content
):
    fill_every_part(leader, room)
    adapter = app.url_map.bind("localhost")
    posted = set()
    for outline in project_content.outlines.documents:
        soup = page(leader.get(docs(room, f"/{outline.key}")))
        forms = soup.select("main form[method=post]")
        assert forms, outline.key
        # Removing rows last, so that the other forms still find theirs.
        forms.sort(key=lambda form: form["action"].endswith("/ta-bort"))
        for form in forms:
            action = form["action"]
            assert form.get("hx-post") in (None, action)
            endpoint, _ = adapter.match(action, method="POST")
            assert endpoint.startswith(BLUEPRINTS), action
            response = leader.post(action, data=submission(soup, form))
            assert response.status_code in (200, 302, 422), (action, response.status_code)
            if response.status_code == 422:
                assert texts(page(response), "[role=alert]"), action
            posted.add(endpoint)
    assert {
        "documents.save_section",
        "document_parts.add_goal",
        "document_parts.delete_goal",
        "document_parts.add_activity",
        "document_parts.change_activity",
        "document_parts.delete_activity",
        "document_parts.save_forum",
        "document_parts.save_case_step",
        "document_parts.add_budget_line",
        "document_parts.move_budget_line",
        "document_parts.delete_budget_line",
        "document_parts.save_version",
    } <= posted


@pytest.mark.parametrize("document", ["beslutsunderlag", "handlingsplan", "modell", "budget"])
def test_a_section_is_saved_on_every_document_page(leader, room, document, project_content):
    section = project_content.outlines.document(document).sections[0]
    url = docs(room, f"/{document}/avsnitt/{section.key}")
    response = leader.post(url, data={"text": f"Vår text om {section.title}."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dokument/{document}#avsnitt-{section.key}")
    soup = page(leader.get(docs(room, f"/{document}")))
    assert soup.select_one(f"#text-{section.key}").get_text() == f"Vår text om {section.title}."
    assert said(soup) == f"Avsnittet {section.title} är sparat."

    fragment = page(leader.post(url, data={"text": "Med htmx."}, headers=HTMX))
    assert texts(fragment, "[role=status]") == ["Sparat"]
    assert fragment.select_one(f"#text-{section.key}").get_text() == "Med htmx."


def test_the_model_pages_section_save_that_was_a_404(leader, room, db):
    response = leader.post(docs(room, "/modell/avsnitt/malgrupp"), data={"text": "Barn 6–12 år."})
    assert response.status_code == 302
    saved = store.sections_of(db, db.get(Process, room.process_id))[("modell", "malgrupp")]
    assert saved.text == "Barn 6–12 år."


def test_a_refused_section_save_keeps_the_text_and_answers_in_swedish(leader, room):
    typed = "Familjen Ek behöver stöd. " * (SECTION_MAX_LENGTH // 20)
    response = leader.post(
        docs(room, "/modell/avsnitt/malgrupp"), data={"text": typed}, headers=HTMX
    )
    assert response.status_code == 422
    fragment = page(response)
    assert fragment.select_one("#text-malgrupp").get_text() == typed
    assert f"högst {SECTION_MAX_LENGTH} tecken" in texts(fragment, "#fel-malgrupp")[0]
    # The fragment is the one the page lets replace the box; a failure notice waits hidden in it.
    assert fragment.select_one("form[data-section-form]")
    assert fragment.select_one("[data-save-failed][hidden]")


def test_an_unknown_section_or_part_is_404(leader, room):
    assert leader.post(docs(room, "/modell/avsnitt/okand"), data={"text": "x"}).status_code == 404
    assert leader.post(docs(room, "/modell/forum/okand"), data={}).status_code == 404
    assert leader.post(docs(room, "/modell/steg/styrgrupp"), data={}).status_code == 404
    assert leader.post(docs(room, "/beslutsunderlag/budgetrad"), data={}).status_code == 404
    assert leader.post(docs(room, "/tjansteskrivelse/mal"), data={}).status_code == 404


def test_the_model_pages_activities_start_change_and_go(leader, room, db):
    response = leader.post(docs(room, "/modell/tidplan/exempel"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dokument/modell#del-activities")
    soup = page(leader.get(docs(room, "/modell")))
    names = texts(soup, "#del-activities tbody tr td:first-child")
    assert len(names) == 7
    first = db.exec(select(Activity).order_by(Activity.start, Activity.id)).first()

    response = leader.post(docs(room, f"/modell/tidplan/{first.id}"), data={"status": "pagar"})
    assert response.status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert soup.select_one(f"#status-{first.id} option[selected]").get_text() == "Pågår"
    assert said(soup) == f"{first.name} är nu pågår."

    response = leader.post(docs(room, f"/modell/tidplan/{first.id}"), data={"status": "glomd"})
    assert response.status_code == 422
    assert texts(page(response), "#del-activities [role=alert]") == ["Välj en status i listan."]

    assert leader.post(docs(room, f"/modell/tidplan/{first.id}/ta-bort")).status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert texts(soup, "#del-activities tbody tr td:first-child") == names[1:]


def test_an_activity_is_added_on_the_model_page(leader, room):
    activity = {"name": "Start", "start": "2026-09-01", "end": "2026-10-31", "responsible": "Gun"}
    assert leader.post(docs(room, "/modell/tidplan"), data=activity).status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert texts(soup, "#del-activities tbody tr td")[:4] == [
        "Start",
        "2026-09-01",
        "2026-10-31",
        "Gun",
    ]


def test_a_forum_and_a_step_are_saved_and_shown(leader, room, db):
    forum = {"who": "Socialchef, rektor", "when_or_lead": "Varannan vecka", "what": "Budget"}
    response = leader.post(docs(room, "/modell/forum/styrgrupp"), data=forum)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dokument/modell#forum-styrgrupp")
    step = {"who": "Familjen", "when_or_lead": "Samordnaren", "what": "Första mötet"}
    assert leader.post(docs(room, "/modell/steg/forberedelser"), data=step).status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert soup.select_one("#forum-styrgrupp-who").get_text() == "Socialchef, rektor"
    assert soup.select_one("#forum-styrgrupp-when")["value"] == "Varannan vecka"
    assert soup.select_one("#step-forberedelser-what").get_text() == "Första mötet"
    assert said(soup) == "Steget Förberedelser inför beslut är sparat."
    parts = db.exec(select(ModelPart)).all()
    assert {(p.kind, p.key) for p in parts} == {("forum", "styrgrupp"), ("step", "forberedelser")}


def test_a_refused_forum_keeps_what_was_typed_in_its_own_form(leader, room, db):
    forum = {"who": "Socialchef", "when_or_lead": "Varje vecka", "what": "x" * 2001}
    response = leader.post(docs(room, "/modell/forum/arbetsgrupp"), data=forum)
    assert response.status_code == 422
    soup = page(response)
    assert "högst 2000 tecken" in texts(soup, "#forum-arbetsgrupp [role=alert]")[0]
    assert not soup.select("#forum-styrgrupp [role=alert]")
    assert soup.select_one("#forum-arbetsgrupp-who").get_text() == "Socialchef"
    assert soup.select_one("#forum-arbetsgrupp-what").get_text() == "x" * 2001
    assert not db.exec(select(ModelPart)).all()


def test_a_goal_is_added_and_removed(leader, room, db):
    goal = {"text": "Färre avbrott", "term": "lang", "follow_up": "Varje termin", "due": ""}
    response = leader.post(docs(room, "/handlingsplan/mal"), data=goal)
    assert response.headers["Location"].endswith("/dokument/handlingsplan#del-goals")
    soup = page(leader.get(docs(room, "/handlingsplan")))
    assert texts(soup, "#del-goals tbody td")[:3] == [
        "Färre avbrott",
        "Långsiktigt",
        "Varje termin",
    ]
    saved = db.exec(select(Goal)).one()
    assert leader.post(docs(room, f"/handlingsplan/mal/{saved.id}/ta-bort")).status_code == 302
    assert texts(page(leader.get(docs(room, "/handlingsplan"))), "#del-goals tbody td") == []


def test_a_version_is_saved_and_compared_through_its_page(leader, room):
    assert (
        leader.post(docs(room, "/handlingsplan/versioner"), data={"note": "1"}).status_code == 302
    )
    assert (
        leader.post(docs(room, "/handlingsplan/versioner"), data={"note": "2"}).status_code == 302
    )
    soup = page(leader.get(docs(room, "/handlingsplan")))
    assert said(soup) == "Version 2 av handlingsplanen är sparad."
    link = soup.select_one("#versioner a")["href"]
    assert leader.get(link).status_code == 200
    assert leader.post(docs(room, "/modell/versioner"), data={}).status_code == 404
