"""Steering the projector: its join panel, its pages, and focus on what the leader shows alone."""

from tests.helpers.web import page
from toolkit.models import Process
from toolkit.vignettes import grouping

STAGE = "/processer/{}/projektor/_scen"


def projector(leader, room):
    return page(leader.get(f"/processer/{room.process_id}/projektor"))


def stage(leader, room):
    return page(leader.get(STAGE.format(room.process_id)))


def control(leader, room):
    return page(leader.get(f"/processer/{room.process_id}/styr"))


def show(leader, room, workshop, exercise):
    response = leader.post(
        f"/processer/{room.process_id}/styr/visa", data={"workshop": workshop, "exercise": exercise}
    )
    assert response.status_code == 302


def focus(leader, room, key):
    return leader.post(
        f"/processer/{room.process_id}/styr/lage", data={"action": "focus", "question": key}
    )


def button_texts(soup) -> list[str]:
    return [b.get_text(" ", strip=True) for b in soup.select(".projector-controls button")]


def test_the_join_panel_is_large_while_the_room_gathers_and_a_strip_once_it_runs(leader, room):
    assert projector(leader, room).select_one(".join.join-large")
    assert "Gör anslutningsrutan liten" in button_texts(control(leader, room))
    show(leader, room, "workshop-1", "ovning-2")
    soup = projector(leader, room)
    assert soup.select_one(".join.join-strip") and not soup.select_one(".join-large")
    assert soup.select_one(".join-strip .join-code").get_text(strip=True).replace("\u2009", "") == (
        room.code
    )
    assert soup.select_one(".join-strip img.qr")

    response = leader.post(
        f"/processer/{room.process_id}/projektor/anslutning",
        data={"size": "large", "tillbaka": "styr"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/styr")
    assert projector(leader, room).select_one(".join.join-large")
    assert "Gör anslutningsrutan liten" in button_texts(control(leader, room))
    url = f"/processer/{room.process_id}/projektor/anslutning"
    assert leader.post(url, data={"size": "huge"}).status_code == 400


def test_the_leader_turns_the_pages_and_moving_on_starts_from_the_first(leader, room):
    def command():
        body = stage(leader, room).select_one(".stage-body")
        return body["data-page"], body["data-turn"]

    assert command() == ("0", "true")
    url = f"/processer/{room.process_id}/projektor/sida"
    for action in ("next", "next", "previous"):
        assert leader.post(url, data={"action": action}).status_code == 302
    assert command() == ("1", "false")
    assert "Bläddra automatiskt" in button_texts(control(leader, room))
    leader.post(url, data={"action": "turn"})
    assert command() == ("1", "true")
    leader.post(url, data={"action": "previous"})
    leader.post(url, data={"action": "previous"})
    assert command() == ("-1", "false")  # the projector counts back from its last page
    assert leader.post(url, data={"action": "sideways"}).status_code == 400
    show(leader, room, "workshop-1", "ovning-2")
    assert command() == ("0", "true")


def test_a_step_of_4b_shows_one_question_alone(leader, room, app):
    steps = app.extensions["toolkit.content"].workshop("workshop-2").exercise("ovning-4b")
    first, second = steps.steps[0], steps.steps[1]
    leader.post(f"/processer/{room.process_id}/workshop/workshop-2/starta")
    show(leader, room, "workshop-2", "ovning-4b")
    soup = control(leader, room)
    labels = [b.get_text(strip=True) for b in soup.select(".question-head button")]
    assert f"Visa bara denna fråga: {first.questions[1].text}" in labels
    assert focus(leader, room, first.questions[1].key).status_code == 302
    headings = [h.get_text(strip=True) for h in stage(leader, room).select(".question h2")]
    assert headings == [first.questions[1].text]
    # Another step on the projector shows all of its own questions.
    leader.post(f"/processer/{room.process_id}/styr/steg", data={"step": second.key})
    headings = [h.get_text(strip=True) for h in stage(leader, room).select(".question h2")]
    assert headings == [q.text for q in second.questions]


def test_the_survey_with_its_qr_code_can_have_the_stage_alone(leader, room, app):
    trial = app.extensions["toolkit.content"].workshop("workshop-3").exercise("prova-i-praktiken")
    part = trial.surveys[0]
    leader.post(f"/processer/{room.process_id}/workshop/workshop-3/starta")
    show(leader, room, "workshop-3", trial.key)
    assert focus(leader, room, f"enkat-{part.key}").status_code == 302  # not opened yet: nothing
    leader.post(f"/processer/{room.process_id}/styr/enkat/{part.key}", data={"action": "open"})
    soup = stage(leader, room)
    assert [h.get_text(strip=True) for h in soup.select(".survey-panel h2")] == [part.title]
    assert not soup.select(".survey-answers")
    buttons = [b.get_text(strip=True) for b in control(leader, room).select("#kind-live button")]
    assert f"Visa allt på projektorn: {part.title}" in buttons
    focus(leader, room, "")
    soup = stage(leader, room)
    assert soup.select(".survey-answers") and soup.select(".survey-panel img.qr")
    assert focus(leader, room, "enkat-finns-inte").status_code == 400


def test_the_live_part_of_a_control_view_is_the_kinds_own(leader, room):
    assert leader.get(f"/processer/{room.process_id}/styr/_del").status_code == 404  # answers
    leader.post(f"/processer/{room.process_id}/workshop/workshop-3/starta")
    response = leader.get(f"/processer/{room.process_id}/styr/_del")
    assert response.status_code == 200
    assert "Inga målgrupper" not in response.text  # the part only, not the whole control view


def test_a_report_back_can_show_one_question_of_each_groups_answers(leader, room, join, app, db):
    participant = join(0, "Anna")
    base = f"/processer/{room.process_id}/vinjetter"
    leader.post(f"{base}/grupper", data={"count": "1", "assign": "mixed"})
    process = db.get(Process, room.process_id)
    [group] = grouping.groups_of(db, process)
    content = app.extensions["toolkit.content"]
    leader.post(f"{base}/grupper/{group.id}", data={"vignette": content.vignettes[0].key})
    first, second = content.vignette_questions.questions[:2]
    for question, text in ((first, "Mentorn ser det först"), (second, "I elevhälsoteamet")):
        url = f"/rum/{room.process_id}/vinjett/svar"
        participant.post(url, data={"question": question.key, "text": text})
    leader.post(f"{base}/aterrapportering", data={"step": "start"})
    url = f"/processer/{room.process_id}/projektor/fokus-vinjett"
    response = leader.post(url, data={"question": second.key, "tillbaka": "styr"})
    assert response.status_code == 302
    soup = stage(leader, room)
    assert [h.get_text(strip=True) for h in soup.select(".report-answers h2")] == [second.text]
    assert soup.select_one(".vignette-large")  # the vignette stays beside the answers
    chosen = control(leader, room).select_one("#report-focus option[selected]")
    assert chosen.get_text(strip=True) == f"Bara: {second.text}"
    assert leader.post(url, data={"question": "finns-inte"}).status_code == 400

    # After the report-back the exercise shows all of its questions again.
    leader.post(f"{base}/aterrapportering", data={"step": "stop"})
    assert len(stage(leader, room).select(".question h2")) == 5
