"""Participants: join with the code, follow the projector, add and edit their answers."""

import secrets
from time import sleep

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from toolkit.accounts import users
from toolkit.errors import Rejected
from toolkit.models import Answer, Process, utcnow
from toolkit.processes import data as processes
from toolkit.room import answering, joining
from toolkit.room.pages import kept_reply, participant_context
from toolkit.web import (
    client_address,
    content,
    current_user,
    get_session,
    is_htmx,
    participant_for,
    participant_or_403,
    remember_participant,
    render,
)

bp = Blueprint("participant", __name__)


@bp.app_context_processor
def answer_keys():
    """`new_answer_key()` in a form: a key for one send, so that a retry is stored only once.

    The browser puts its own in its place (static/live.js); this one serves a page without
    JavaScript, where a reload after a failed send shows a new form with a new key.
    """
    return {"new_answer_key": lambda: secrets.token_urlsafe(16)}


REMOVED = (
    "Svaret har tagits bort, så ändringen kunde inte sparas. Din text finns kvar här – "
    "kopiera den eller skicka den som ett nytt svar."
)
HIDDEN = (
    "Processledaren har dolt svaret, så det kan inte ändras. Din text finns kvar här – "
    "kopiera den om du vill."
)

BUSY = (
    "Många försöker med fel kod just nu. Vänta {seconds} och försök igen – "
    "rätt kod släpps alltid in."
)
WRONG_CODE = "Det finns ingen workshop med koden {code}. Kontrollera koden på projektorn."
EXPIRED = "Koden {code} har gått ut. Be processledaren om en ny kod."


def _check_code(code: str) -> tuple[Process | None, str | None, int]:
    """The process for a typed code, or a plain message and HTTP status."""
    db = get_session()
    client = client_address()
    # Every code is checked and the right one always gets in; while an address (or the whole site)
    # guesses wrong often, each attempt waits its turn first, one at a time per address.
    wait, overall = joining.join_wait(db, client)
    turn = joining.take_turn(db, client, wait, overall) if wait else []
    if turn is None:
        seconds = max(1, round(wait.total_seconds()))
        return None, BUSY.format(seconds=f"{seconds} sekund{'er' if seconds > 1 else ''}"), 429
    try:
        if wait:
            sleep(wait.total_seconds())
        return _code_answer(db, client, code)
    finally:
        if turn:
            joining.end_turn(db, turn)


def _code_answer(db, client: str, code: str) -> tuple[Process | None, str | None, int]:
    """Check the code: a wrong one is counted against the address."""
    process = joining.find_process_by_code(db, code)
    shown = processes.normalise_code(code) or code
    if process is None:
        joining.record_join_failure(db, client)
        return None, WRONG_CODE.format(code=shown), 404
    if process.join_code_expires_at < utcnow():
        return None, EXPIRED.format(code=shown), 410
    return process, None, 200


@bp.get("/")
def start():
    """Where a visitor starts: a new installation's first account, a leader's processes, or
    for everyone else (the participants) the join page."""
    if current_user() is not None:
        return redirect(url_for("leader.list_processes"))
    if not users.count_users(get_session()):
        return redirect(url_for("auth.setup"))
    return enter_code()


@bp.post("/")
@bp.route("/anslut", methods=["GET", "POST"])
def enter_code():
    """The join page: type the code from the projector."""
    if request.method == "GET":
        return render_template("room/participant/code.html", code="")
    code = request.form.get("code", "")
    if not processes.normalise_code(code):
        return render_template(
            "room/participant/code.html", code=code, error="Skriv koden från projektorn."
        ), 422
    process, error, status = _check_code(code)
    if error:
        return render_template("room/participant/code.html", code=code, error=error), status
    return redirect(url_for("participant.join", code=process.join_code))


@bp.route("/<joincode:code>", methods=["GET", "POST"])
def join(code: str):
    """Say which organisation you come from (and a name, if you like), then enter the room."""
    process, error, status = _check_code(code)
    if error:
        return render_template("room/participant/code.html", code=code, error=error), status
    if request.method == "GET" and participant_for(process.id):
        return redirect(url_for("participant.room", process_id=process.id))
    db = get_session()
    if request.method == "POST":
        organisation = request.form.get("organisation", "")
        try:
            participant = joining.join(
                db,
                process,
                int(organisation) if organisation.isdigit() else -1,
                request.form.get("display_name", ""),
            )
        except Rejected as exc:
            return render_template(
                "room/participant/join.html",
                process=process,
                organisations=processes.organisations_of(db, process),
                form=request.form,
                error=str(exc),
            ), 422
        remember_participant(participant)
        return redirect(url_for("participant.room", process_id=process.id))
    return render_template(
        "room/participant/join.html",
        process=process,
        organisations=processes.organisations_of(db, process),
        form={},
    )


@bp.get("/rum/<int:process_id>")
def room(process_id: int):
    """The participant's page; it follows the projector by itself."""
    participant = participant_or_403(process_id)
    return render(
        "room/participant/room.html",
        "room/participant/_exercise.html",
        **participant_context(participant),
    )


@bp.post("/rum/<int:process_id>/svar")
def add_answer(process_id: int):
    """Add an answer to a question of the exercise the form was shown for."""
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    workshop = content().workshop(request.form.get("workshop", ""))
    exercise = workshop.exercise(request.form.get("exercise")) if workshop else None
    question_key = request.form.get("question", "")
    text = request.form.get("text", "")
    if exercise is None:
        context = participant_context(participant)
        context.update(error="Övningen finns inte längre. Ladda om sidan – din text finns kvar.")
        return _refused(context, None, question_key, text)
    try:
        answering.add_answer(
            db,
            process,
            workshop,
            exercise,
            question_key,
            request.form.get("text", ""),
            participant=participant,
            target_group=request.form.get("target_group") or None,
            key=request.form.get("key"),
        )
    except Rejected as exc:
        context = participant_context(participant)
        context.update(error=str(exc))
        return _refused(context, exercise, question_key, text)
    moved_on = exercise.key != process.current_exercise or workshop.key != process.current_workshop
    # The form's own fragment needs no more than the form; the whole page is sent without htmx,
    # or when the leader moved on (the form may be gone).
    context = participant_context(participant, whole=moved_on or not is_htmx())
    context["saved"] = (
        f"Sparat i {exercise.title}. Processledaren har gått vidare – se den nya övningen nedan."
        if moved_on
        else "Ditt svar är sparat."
    )
    return _answer_form_response(context, question_key, "", 200)


def _refused(context: dict, exercise, question_key: str, text: str):
    """A refused answer: its form again with the message and the text, wherever it now is.

    When the leader has moved on, the form it came from is gone from the page: the message and
    the text go to the kept-text box above the exercise, which a refresh does not replace.
    """
    current = context.get("exercise")
    if exercise is not None and current is not None and exercise.key == current.key:
        return _answer_form_response(context, question_key, text, 422)
    what = f"Ditt svar till {exercise.title}" if exercise else "Ditt svar"
    return kept_reply("room/participant/room.html", context, 422, what, context["error"], text)


def _answer_form_response(context: dict, question_key: str, text: str, status: int):
    """The form for one question again: cleared after saving, with the text kept after an error."""
    exercise = context.get("exercise")
    question = exercise.question(question_key) if exercise else None
    if not is_htmx() or question is None:
        context.update(kept_text={question_key: text}, kept_question=question_key)
        return render_template("room/participant/room.html", **context), status
    return render_template(
        "room/participant/_answer_form.html", question=question, text=text, oob_mine=True, **context
    ), status


@bp.get("/rum/<int:process_id>/svar/<int:answer_id>/redigera")
def edit_answer_form(process_id: int, answer_id: int):
    """The edit form for one of your own answers."""
    answer = _own_answer(process_id, answer_id, gone_ok=True)
    if answer.deleted_at is not None or answer.hidden:
        return _edit_refused(process_id, answer, answer.text)
    return render(
        "room/participant/edit.html",
        "room/participant/_answer_edit.html",
        answer=answer,
        **participant_context(participant_for(process_id)),
    )


@bp.post("/rum/<int:process_id>/svar/<int:answer_id>")
def edit_answer(process_id: int, answer_id: int):
    """Save a change to one of your own answers."""
    answer = _own_answer(process_id, answer_id, gone_ok=True)
    text = request.form.get("text", "")
    if answer.deleted_at is not None or answer.hidden:
        return _edit_refused(process_id, answer, text)
    try:
        answering.edit_answer(get_session(), answer, text)
    except Rejected as exc:
        return render(
            "room/participant/edit.html",
            "room/participant/_answer_edit.html",
            422,
            answer=answer,
            text=text,
            error=str(exc),
            **participant_context(participant_for(process_id)),
        )
    return _mine_response(process_id, answer)


@bp.post("/rum/<int:process_id>/svar/<int:answer_id>/ta-bort")
def delete_answer(process_id: int, answer_id: int):
    """Remove one of your own answers (it can be restored)."""
    answer = _own_answer(process_id, answer_id)
    answering.delete_answer(get_session(), answer)
    return _mine_response(process_id, answer, undo=answer)


@bp.post("/rum/<int:process_id>/svar/<int:answer_id>/aterstall")
def restore_answer(process_id: int, answer_id: int):
    """Undo removing one of your own answers."""
    answer = _own_answer(process_id, answer_id, deleted=True)
    answering.restore_answer(get_session(), answer)
    return _mine_response(process_id, answer)


def _edit_refused(process_id: int, answer: Answer, text: str):
    """An answer removed or hidden meanwhile: said in plain words, the typed text kept."""
    return render(
        "room/participant/edit.html",
        "room/participant/_answer_edit.html",
        409,
        answer=answer,
        text=text,
        error=HIDDEN if answer.deleted_at is None else REMOVED,
        gone=True,
        **participant_context(participant_for(process_id)),
    )


def _own_answer(
    process_id: int, answer_id: int, deleted: bool = False, gone_ok: bool = False
) -> Answer:
    """One of the participant's answers; `gone_ok` lets a removed one through, to say so."""
    participant = participant_or_403(process_id)
    answer = get_session().get(Answer, answer_id)
    if answer is None or answer.process_id != process_id:
        abort(404)
    if not gone_ok and (answer.deleted_at is not None) != deleted:
        abort(404)
    if answer.participant_id != participant.id:
        abort(403)
    return answer


def _mine_response(process_id: int, answer: Answer, undo: Answer | None = None):
    """The list of your answers to the question, or the room page without htmx."""
    if not is_htmx():
        return redirect(url_for("participant.room", process_id=process_id))
    context = participant_context(participant_for(process_id), whole=False)
    return render_template(
        "room/participant/_mine.html", question_key=answer.question_key, undo=undo, **context
    )


@bp.post("/rum/<int:process_id>/lamna")
def leave(process_id: int):
    """Forget in this browser that it joined the process; answers stay."""
    joined = dict(session.get("participants", {}))
    joined.pop(str(process_id), None)
    session["participants"] = joined
    return redirect(url_for("participant.enter_code"))
