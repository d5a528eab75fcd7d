"""The live workshop room: joining, answering, moderating, following the projector."""

from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Answer, Process, utcnow
from toolkit.room import steering

OVNING_1 = "ovning-1"


def answer(client, room, text, question="varfor", exercise=OVNING_1, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        f"/rum/{room.process_id}/svar",
        data={"workshop": "workshop-1", "exercise": exercise, "question": question, "text": text},
        headers=headers,
    )


def saved(db) -> list[Answer]:
    """Every answer in the database, oldest first, as stored now."""
    db.expire_all()
    return list(db.exec(select(Answer).order_by(Answer.id)))


def projector(leader, room):
    return page(leader.get(f"/processer/{room.process_id}/projektor"))


def test_join_page_asks_for_the_code(client, room):
    soup = page(client.get("/"))
    assert soup.h1.get_text(strip=True) == "Anslut till workshoppen"
    assert soup.select_one("label[for=code]").get_text(strip=True) == "Kod"


def test_typed_code_is_forgiving_about_case_and_spaces(client, room):
    typed = f" {room.code[:3].lower()} {room.code[3:].lower()} "
    response = client.post("/", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{room.code}")


def test_wrong_code_says_so_in_swedish(client, room):
    response = client.post("/", data={"code": "QQQQQQ"})
    assert response.status_code == 404
    assert "Det finns ingen workshop med koden QQQQQQ" in texts(page(response), "[role=alert]")[0]


def test_expired_code_is_refused(client, room, db):
    process = db.get(Process, room.process_id)
    process.join_code_expires_at = utcnow().replace(year=2000)
    db.add(process)
    db.commit()
    response = client.get(f"/{room.code}")
    assert response.status_code == 410
    assert "har gått ut" in page(response).get_text()


def test_qr_link_joins_directly_and_asks_for_organisation(client, room):
    soup = page(client.get(f"/{room.code}"))
    labels = texts(soup, "fieldset label")
    assert labels == ["Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård"]


def test_joining_without_organisation_is_refused(client, room):
    response = client.post(f"/{room.code}", data={"display_name": "Anna"})
    assert response.status_code == 422
    assert "Välj vilken organisation" in page(response).get_text()
    assert page(response).select_one("#display_name")["value"] == "Anna"


def test_participant_lands_on_the_projected_exercise(join, room):
    participant = join(0, "Anna")
    soup = page(participant.get(f"/rum/{room.process_id}"))
    assert soup.h1.get_text(strip=True) == "Övning 1 – Problem och förutsättningar"
    assert "Varför behövs utvecklingsarbetet?" in texts(soup, "h2")


def test_answer_is_saved_and_shown_on_the_projector_by_organisation(join, leader, room):
    participant = join(1, "Anna")
    response = answer(participant, room, "Barnen behöver en väg in till stöd.")
    assert response.status_code == 200
    assert "Ditt svar är sparat." in page(response).get_text()
    column = [
        c
        for c in projector(leader, room).select(".org-column")
        if c.h3.get_text() == "Socialtjänst"
    ][0]
    assert texts(column, ".answer-text") == ["Barnen behöver en väg in till stöd."]


def test_html_in_an_answer_is_shown_as_text(join, leader, room):
    participant = join(0)
    answer(participant, room, "<script>alert('x')</script><b>fet</b>")
    html = leader.get(f"/processer/{room.process_id}/projektor/_scen").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;fet&lt;/b&gt;" in html


def test_empty_answer_is_refused(join, room):
    response = answer(join(0), room, "   ")
    assert response.status_code == 422
    assert "Svaret är tomt" in texts(page(response), "[role=alert]")[0]


def test_too_long_answer_keeps_the_text_and_names_the_limit(join, room, db):
    long_text = "å" * 2100
    response = answer(join(0), room, long_text)
    assert response.status_code == 422
    soup = page(response)
    assert "högst 2000 tecken" in texts(soup, "[role=alert]")[0]
    assert soup.select_one("textarea").get_text() == long_text
    assert saved(db) == []


def test_personnummer_is_refused_and_text_kept(join, room, db):
    text = "Eleven 19811218-9876 mår dåligt"
    response = answer(join(0), room, text)
    assert response.status_code == 422
    assert "personnummer" in texts(page(response), "[role=alert]")[0]
    assert page(response).select_one("textarea").get_text() == text
    assert saved(db) == []


def test_closed_exercise_refuses_answers_but_keeps_text(join, leader, room):
    participant = join(0)
    leader.post(f"/processer/{room.process_id}/styr/lage", data={"action": "close"})
    response = answer(participant, room, "Sent svar")
    assert response.status_code == 422
    assert "stängd" in texts(page(response), "[role=alert]")[0]
    assert page(response).select_one("textarea").get_text() == "Sent svar"


def test_answer_from_a_stale_page_is_kept_and_the_participant_told(join, leader, room, db):
    participant = join(0)
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-2"},
    )
    response = answer(participant, room, "Skrivet innan bytet")
    assert response.status_code == 200
    assert "Processledaren har gått vidare" in page(response).get_text()
    assert [a.exercise_key for a in saved(db)] == [OVNING_1]


def test_participant_follows_the_projector_to_the_next_exercise(join, leader, room):
    participant = join(0)
    leader.post(
        f"/processer/{room.process_id}/styr/visa",
        data={"workshop": "workshop-1", "exercise": "ovning-2"},
    )
    fragment = participant.get(f"/rum/{room.process_id}", headers={"HX-Request": "true"})
    assert page(fragment).h1.get_text(strip=True) == "Övning 2 – Min bild av psykisk hälsa/ohälsa"


def test_participant_edits_and_deletes_own_answer_with_undo(join, room, db):
    participant = join(0)
    answer(participant, room, "Första")
    (stored,) = saved(db)
    base = f"/rum/{room.process_id}/svar/{stored.id}"
    response = participant.post(base, data={"text": "Ändrad"}, headers={"HX-Request": "true"})
    assert texts(page(response), ".answer-text") == ["Ändrad"]
    response = participant.post(f"{base}/ta-bort", headers={"HX-Request": "true"})
    assert texts(page(response), ".answer-text") == []
    assert "Ångra" in page(response).get_text()
    response = participant.post(f"{base}/aterstall", headers={"HX-Request": "true"})
    assert texts(page(response), ".answer-text") == ["Ändrad"]


def test_participant_cannot_touch_someone_elses_answer(join, room, db):
    owner, other = join(0), join(1)
    answer(owner, room, "Mitt svar")
    (stored,) = saved(db)
    base = f"/rum/{room.process_id}/svar/{stored.id}"
    assert other.post(base, data={"text": "Kapat"}).status_code == 403
    assert other.post(f"{base}/ta-bort").status_code == 403
    (stored,) = saved(db)
    assert stored.text == "Mitt svar" and stored.deleted_at is None


def test_participant_cannot_reach_another_process(app, join, leader, room):
    participant = join(0)
    response = leader.post("/processer/", data={"name": "Annan process", "organisations": ""})
    other_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert participant.get(f"/rum/{other_id}").status_code == 403
    assert participant.get(f"/live/{other_id}").status_code == 404
    assert participant.get(f"/processer/{other_id}/projektor").status_code == 302


def test_anonymous_by_default_names_appear_nowhere(join, leader, room):
    participant = join(0, "Hemliga Hanna")
    answer(participant, room, "Anonymt svar")
    for url in (
        f"/processer/{room.process_id}/projektor",
        f"/processer/{room.process_id}/styr",
        f"/processer/{room.process_id}/workshop/workshop-1/resultat",
    ):
        html = leader.get(url).get_data(as_text=True)
        assert "Anonymt svar" in html
        assert "Hemliga Hanna" not in html


def test_names_are_shown_when_the_process_asks_for_it(join, leader, room):
    leader.post(
        f"/processer/{room.process_id}/installningar",
        data={"name": "Ragunda Trampolinen", "municipality": "", "show_names": "on"},
    )
    answer(join(0, "Hanna"), room, "Med namn")
    assert "Hanna" in projector(leader, room).get_text()


def test_held_answers_stay_off_the_projector_until_revealed(join, leader, room):
    leader.post(f"/processer/{room.process_id}/styr/lage", data={"action": "hold"})
    answer(join(0), room, "Första rösten")
    soup = projector(leader, room)
    assert "Första rösten" not in soup.get_text()
    assert "1 svar har kommit in" in soup.get_text()
    leader.post(f"/processer/{room.process_id}/styr/lage", data={"action": "reveal"})
    assert "Första rösten" in projector(leader, room).get_text()


def test_hidden_answer_leaves_the_projector_and_highlight_marks_it(join, leader, room, db):
    answer(join(0), room, "Dölj mig")
    answer(join(1), room, "Lyft mig")
    hide, lift = saved(db)
    base = f"/processer/{room.process_id}/styr/svar"
    leader.post(f"{base}/{hide.id}", data={"action": "hide"})
    leader.post(f"{base}/{lift.id}", data={"action": "highlight"})
    soup = projector(leader, room)
    assert "Dölj mig" not in soup.get_text()
    assert texts(soup, ".is-highlighted .answer-text") == ["Lyft mig"]


def test_leader_removes_an_answer_and_can_undo(join, leader, room, db):
    answer(join(0), room, "Råkade tas bort")
    (stored,) = saved(db)
    base = f"/processer/{room.process_id}/styr/svar/{stored.id}"
    response = leader.post(base, data={"action": "delete"}, headers={"HX-Request": "true"})
    assert "Ångra" in page(response).get_text()
    assert "Råkade tas bort" not in projector(leader, room).get_text()
    leader.post(base, data={"action": "restore"})
    assert "Råkade tas bort" in projector(leader, room).get_text()


def test_leader_adds_an_answer_for_the_whole_room(leader, room):
    response = leader.post(
        f"/processer/{room.process_id}/styr/svar",
        data={"question": "varfor", "organisation": "", "text": "Rummet säger detta"},
    )
    assert response.status_code == 302
    column = [
        c
        for c in projector(leader, room).select(".org-column")
        if c.h3.get_text() == "Hela gruppen"
    ][0]
    assert texts(column, ".answer-text") == ["Rummet säger detta"]


def test_leader_add_error_keeps_the_text(leader, room):
    response = leader.post(
        f"/processer/{room.process_id}/styr/svar",
        data={"question": "varfor", "organisation": "", "text": "x" * 2001},
    )
    assert response.status_code == 422
    assert page(response).select_one("#text").get_text() == "x" * 2001


def test_projector_shows_code_qr_count_and_timer(join, leader, room):
    join(0)
    join(2)
    soup = projector(leader, room)
    shown = soup.select_one(".join-code").get_text()
    assert shown.split("\u2009") == [room.code[i : i + 3] for i in range(0, len(room.code), 3)]
    assert soup.select_one("[data-testid=participant-count]").get_text() == "2"
    assert soup.select_one(".timer").get_text() == "10:00"
    qr = leader.get(f"/processer/{room.process_id}/projektor/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data


def test_timer_starts_stops_and_resets(leader, room, db):
    base = f"/processer/{room.process_id}/styr/timer"
    leader.post(base, data={"action": "start"})
    assert db.get(Process, room.process_id).timer_started_at is not None
    leader.post(base, data={"action": "stop"})
    leader.post(base, data={"action": "reset", "minutes": "5"})
    db.expire_all()
    process = db.get(Process, room.process_id)
    assert process.timer_started_at is None
    assert steering.timer_remaining(process) == 300


def test_results_show_everything_per_exercise(join, leader, room):
    answer(join(0), room, "Svar i övning 1")
    soup = page(leader.get(f"/processer/{room.process_id}/workshop/workshop-1/resultat"))
    headings = texts(soup, "h2")
    assert headings[:3] == [
        "Övning 1 – Problem och förutsättningar",
        "Övning 2 – Min bild av psykisk hälsa/ohälsa",
        "Övning 3 – Främjande, förebyggande och åtgärdande arbete",
    ]
    assert "Svar i övning 1" in texts(soup, ".answer-text")


def test_a_full_room_gets_a_denser_projector(join, leader, room):
    participant = join(0)
    for number in range(16):
        answer(participant, room, f"Svar nummer {number}")
    assert "dense" in projector(leader, room).select_one(".questions")["class"]


def test_projector_can_focus_one_question(join, leader, room):
    answer(join(0), room, "Om varför", question="varfor")
    lage = f"/processer/{room.process_id}/styr/lage"
    leader.post(lage, data={"action": "focus", "question": "varfor"})
    soup = projector(leader, room)
    assert texts(soup, ".question h2") == ["Varför behövs utvecklingsarbetet?"]
    assert "Om varför" in texts(soup, ".answer-text")
    leader.post(lage, data={"action": "focus", "question": ""})
    assert len(projector(leader, room).select(".question h2")) == 5
    assert leader.post(lage, data={"action": "focus", "question": "finns-inte"}).status_code == 400


def test_a_second_tab_is_the_same_participant(join, room):
    tab = join(0, "Anna")
    answer(tab, room, "Från första fliken")
    second_tab = page(tab.get(f"/rum/{room.process_id}"))  # same browser, same cookie
    assert "Från första fliken" in texts(second_tab, ".mine .answer-text")
    assert "Anna" in second_tab.select_one(".site-nav").get_text()


def test_exercise_list_counts_answers_only_where_answers_are_given(join, leader, room):
    answer(join(0), room, "Ett svar")
    items = texts(page(leader.get(f"/processer/{room.process_id}/styr")), ".nav-item")
    assert items[0].endswith("1 svar")
    circles = next(item for item in items if "cirklarna" in item)
    assert "svar" not in circles  # its insatser are not answers; the circles show them
