"""No edit is lost: a save based on an older version of a section shows both texts instead."""

from sqlmodel import select

from tests.helpers.web import PASSWORD, page, texts
from toolkit.documents import store
from toolkit.models import Answer, Process

HTMX = {"HX-Request": "true"}
SECTION = "/beslutsunderlag/avsnitt/bakgrund"


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


def second_tab(app):
    """Another browser of the same leader, with its own session."""
    client = app.test_client()
    response = client.post("/logga-in", data={"username": "leda", "password": PASSWORD})
    assert response.status_code == 302
    return client


def section_form(client, room) -> dict[str, str]:
    """What the section's form holds when its page is opened: the text and its version."""
    soup = page(client.get(docs(room, "/beslutsunderlag")))
    form = soup.select_one("#avsnitt-bakgrund form[data-section-form]")
    return {
        "text": form.select_one("textarea[name=text]").get_text(),
        "version": form.select_one("input[name=version]")["value"],
    }


def stored(db, room, key=("beslutsunderlag", "bakgrund")) -> str:
    db.expire_all()
    return store.sections_of(db, db.get(Process, room.process_id))[key].text


def test_two_clients_saving_one_section_the_older_page_sees_both_texts(app, leader, room, db):
    other = second_tab(app)
    mine, theirs = section_form(leader, room), section_form(other, room)
    first = other.post(docs(room, SECTION), data={**theirs, "text": "Deras text."}, headers=HTMX)
    assert texts(page(first), "[role=status]") == ["Sparat"]

    response = leader.post(docs(room, SECTION), data={**mine, "text": "Min text."}, headers=HTMX)

    assert response.status_code == 409
    soup = page(response)
    assert "Någon annan har ändrat avsnittet Bakgrund" in texts(soup, "[role=alert]")[0]
    assert soup.select_one("textarea[name=text]").get_text() == "Min text."
    assert soup.select_one("textarea[name=theirs][readonly]").get_text() == "Deras text."
    assert texts(soup, "button[name=val]") == [
        "Behåll min text",
        "Ta den sparade texten",
        "Redigera en sammanfogad text",
    ]
    assert stored(db, room) == "Deras text."


def test_keeping_mine_after_a_conflict_saves_mine(app, leader, room, db):
    other = second_tab(app)
    mine, theirs = section_form(leader, room), section_form(other, room)
    other.post(docs(room, SECTION), data={**theirs, "text": "Deras text."}, headers=HTMX)
    conflict = page(leader.post(docs(room, SECTION), data={**mine, "text": "Min."}, headers=HTMX))
    version = conflict.select_one("input[name=version]")["value"]

    kept = leader.post(
        docs(room, SECTION), data={"text": "Min.", "version": version, "val": "min"}, headers=HTMX
    )

    assert texts(page(kept), "[role=status]") == ["Sparat"]
    assert stored(db, room) == "Min."


def test_taking_theirs_saves_nothing_and_shows_the_stored_text(app, leader, room, db):
    other = second_tab(app)
    mine, theirs = section_form(leader, room), section_form(other, room)
    other.post(docs(room, SECTION), data={**theirs, "text": "Deras text."}, headers=HTMX)
    leader.post(docs(room, SECTION), data={**mine, "text": "Min."}, headers=HTMX)

    taken = page(
        leader.post(docs(room, SECTION), data={"text": "Min.", "val": "deras"}, headers=HTMX)
    )

    assert taken.select_one("textarea[name=text]").get_text() == "Deras text."
    assert texts(taken, "[role=status]") == ["Den sparade texten gäller."]
    assert stored(db, room) == "Deras text."


def test_editing_merged_puts_both_texts_in_one_box(app, leader, room, db):
    other = second_tab(app)
    mine, theirs = section_form(leader, room), section_form(other, room)
    other.post(docs(room, SECTION), data={**theirs, "text": "Gemensamt.\nDeras rad."}, headers=HTMX)
    leader.post(docs(room, SECTION), data={**mine, "text": "Gemensamt.\nMin rad."}, headers=HTMX)

    merged = page(
        leader.post(
            docs(room, SECTION),
            data={"text": "Gemensamt.\nMin rad.", "val": "sammanfoga"},
            headers=HTMX,
        )
    )

    lines = merged.select_one("textarea[name=text]").get_text().splitlines()
    assert sorted(lines) == ["Deras rad.", "Gemensamt.", "Min rad."]
    version = merged.select_one("input[name=version]")["value"]
    saved = leader.post(
        docs(room, SECTION),
        data={"text": "Gemensamt.\nBåda.", "version": version, "val": "min"},
        headers=HTMX,
    )
    assert texts(page(saved), "[role=status]") == ["Sparat"]
    assert stored(db, room) == "Gemensamt.\nBåda."


def test_without_htmx_the_conflict_is_the_whole_page(app, leader, room, db):
    other = second_tab(app)
    mine, theirs = section_form(leader, room), section_form(other, room)
    other.post(docs(room, SECTION), data={**theirs, "text": "Deras text."})

    response = leader.post(docs(room, SECTION), data={**mine, "text": "Min text."})

    assert response.status_code == 409
    soup = page(response)
    assert soup.select_one("#avsnitt-bakgrund textarea[name=text]").get_text() == "Min text."
    assert soup.select_one("#avsnitt-bakgrund textarea[name=theirs]").get_text() == "Deras text."


def test_an_answer_sent_meanwhile_is_not_lost_to_an_older_page(app, leader, room, db):
    old_page = section_form(leader, room)
    leader.post(
        f"/processer/{room.process_id}/styr/svar",
        data={"question": "varfor", "text": "Skickat svar."},
    )
    answer = db.exec(select(Answer)).first()
    sent = leader.post(
        docs(room, "/skicka"),
        data={"answer": answer.id, "target": "beslutsunderlag/bakgrund"},
        headers=HTMX,
    )
    assert sent.status_code == 200

    response = leader.post(
        docs(room, SECTION), data={**old_page, "text": "Sidans gamla text."}, headers=HTMX
    )

    assert response.status_code == 409
    assert "Skickat svar." in page(response).select_one("textarea[name=theirs]").get_text()
    assert "Skickat svar." in stored(db, room)


def test_two_answers_sent_one_after_the_other_both_stay(leader, room, db):
    for text in ("Första svaret.", "Andra svaret."):
        leader.post(
            f"/processer/{room.process_id}/styr/svar", data={"question": "varfor", "text": text}
        )
    for answer in db.exec(select(Answer)).all():
        leader.post(
            docs(room, "/skicka"),
            data={"answer": answer.id, "target": "beslutsunderlag/malbeskrivning"},
            headers=HTMX,
        )
    text = stored(db, room, ("beslutsunderlag", "malbeskrivning"))
    assert "Första svaret." in text and "Andra svaret." in text


def test_a_stale_version_cannot_win_in_the_data_layer_either(db, room):
    process = db.get(Process, room.process_id)
    first = store.save_section(db, process, "modell", "kriterier", "Ett.", 0)
    assert first.version == 1
    store.save_section(db, process, "modell", "kriterier", "Två.", 1)
    try:
        store.save_section(db, process, "modell", "kriterier", "Tre.", 1)
    except store.Conflict as conflict:
        assert (conflict.text, conflict.version) == ("Två.", 2)
    else:
        raise AssertionError("a save from version 1 overwrote version 2")


def test_a_forum_saved_from_an_older_page_is_refused_with_both_texts_shown(leader, room, db):
    old = page(leader.get(docs(room, "/modell")))
    version = old.select_one("#forum-styrgrupp input[name=version]")["value"]
    first = {"who": "Socialchef", "when_or_lead": "Varje månad", "version": version}
    assert leader.post(docs(room, "/modell/forum/styrgrupp"), data=first).status_code == 302

    stale = {"who": "Rektor", "when_or_lead": "Varje vecka", "version": version}
    response = leader.post(docs(room, "/modell/forum/styrgrupp"), data=stale)

    assert response.status_code == 422
    soup = page(response)
    message = texts(soup, "#forum-styrgrupp [role=alert]")[0]
    assert "Någon annan har ändrat Styrgrupp" in message and "Socialchef; Varje månad" in message
    assert soup.select_one("#forum-styrgrupp-who").get_text() == "Rektor"
    again = {**stale, "version": soup.select_one("#forum-styrgrupp input[name=version]")["value"]}
    assert leader.post(docs(room, "/modell/forum/styrgrupp"), data=again).status_code == 302
    soup = page(leader.get(docs(room, "/modell")))
    assert soup.select_one("#forum-styrgrupp-who").get_text() == "Rektor"


def test_a_step_saved_from_an_older_page_is_refused(leader, room):
    old = page(leader.get(docs(room, "/modell")))
    version = old.select_one("#step-forberedelser input[name=version]")["value"]
    step = {"who": "Familjen", "when_or_lead": "Rektor", "what": "", "version": version}
    assert leader.post(docs(room, "/modell/steg/forberedelser"), data=step).status_code == 302
    response = leader.post(docs(room, "/modell/steg/forberedelser"), data={**step, "who": "Skolan"})
    assert response.status_code == 422
    alert = texts(page(response), "#step-forberedelser [role=alert]")[0]
    assert "Någon annan har ändrat steget Förberedelser inför beslut" in alert


def test_a_budget_line_changed_from_an_older_page_is_refused(leader, room, db):
    line = {"kind": "kostnad:personal", "description": "Samordnare", "amount": "500 000"}
    added = leader.post(docs(room, "/budget/budgetrad"), data={**line, "share": "1"})
    line_id = added.headers["Location"].rsplit("budgetrad-", 1)[1]
    old = page(leader.get(docs(room, f"/budget?andra-rad={line_id}")))
    read = old.select_one(f"#budgetrad-{line_id}-form input[name=read]")["value"]
    first = {**line, "share": "1", "amount": "520 000", "read": read}
    assert leader.post(docs(room, f"/budget/budgetrad/{line_id}"), data=first).status_code == 302

    stale = {**line, "share": "0,5", "amount": "250 000", "read": read}
    response = leader.post(docs(room, f"/budget/budgetrad/{line_id}"), data=stale)

    assert response.status_code == 422
    soup = page(response)
    assert "Någon annan har ändrat raden" in texts(soup, "#fel-budgetrad")[0]
    assert "520 000 kr" in texts(soup, "#fel-budgetrad")[0]
    assert soup.select_one(f"#budgetrad-{line_id}-amount")["value"] == "250 000"
    again = {
        **stale,
        "read": soup.select_one(f"#budgetrad-{line_id}-form input[name=read]")["value"],
    }
    assert leader.post(docs(room, f"/budget/budgetrad/{line_id}"), data=again).status_code == 302
