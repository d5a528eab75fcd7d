"""The process leader's control view: steer the room from one's own laptop."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from jinja2 import TemplateNotFound

from toolkit.errors import Rejected
from toolkit.kinds import KINDS, LIVE_CONTROL
from toolkit.models import Answer
from toolkit.processes import data as processes
from toolkit.room import answering, steering
from toolkit.room.pages import (
    STALE,
    changes_context,
    render_changes,
    room_context,
    show_page,
    status_context,
)
from toolkit.web import (
    current_exercise,
    get_or_404,
    get_session,
    is_htmx,
    login_required,
    owned_process_or_404,
    render,
    workshop_or_404,
)

bp = Blueprint("control", __name__, url_prefix="/processer/<int:process_id>/styr")

ANSWER_ACTIONS = {
    "hide": {"hidden": True},
    "show": {"hidden": False},
    "highlight": {"highlighted": True},
    "unhighlight": {"highlighted": False},
}
STATE_ACTIONS = {
    "open": {"is_open": True},
    "close": {"is_open": False},
    "reveal": {"revealed": True},
    "hold": {"revealed": False},
}


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


@bp.get("")
def show(process_id: int):
    """The control view of the exercise the room is on."""
    return show_page(process_id)


@bp.get("/_svar")
def answers(process_id: int):
    """The moderation list of the current exercise's answers (refreshed live)."""
    return render(
        "room/control/show.html",
        "room/control/_answers.html",
        **room_context(owned_process_or_404(process_id)),
    )


@bp.get("/_nya")
def answer_changes(process_id: int):
    """The moderation list's answers that are new or edited since its cursor (`efter`), as
    out-of-band swaps; or, when they cannot be sent as changes, a sign to fetch it whole."""
    process = owned_process_or_404(process_id)
    context = changes_context(process, request.args.get("efter", ""))
    return render_changes("room/control/_more.html", context, STALE + "-answers")


@bp.get("/_del")
def kind_part(process_id: int):
    """The part of the current kind's control view that shows the room's data (refreshed live)."""
    context = room_context(owned_process_or_404(process_id))
    if context["exercise"] is None:
        abort(404)
    try:
        return render_template(context["kind"].partial(LIVE_CONTROL), **context)
    except TemplateNotFound:
        abort(404)  # this kind's control view has no such part


@bp.get("/_status")
def status(process_id: int):
    """Participant count and timer (refreshed live)."""
    return render_template(
        "room/control/_status.html", **status_context(owned_process_or_404(process_id))
    )


@bp.post("/visa")
def show_exercise(process_id: int):
    """Move the projector and every participant to another exercise."""
    process = owned_process_or_404(process_id)
    workshop = workshop_or_404(request.form.get("workshop", ""))
    exercise = workshop.exercise(request.form.get("exercise"))
    if exercise is None:
        abort(404)
    steering.show_exercise(get_session(), process, workshop, exercise)
    return redirect(url_for("control.show", process_id=process.id))


@bp.post("/lage")
def set_state(process_id: int):
    """Open or close the current exercise, reveal or hold back its answers, or focus a question."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_exercise(process)
    action = request.form.get("action", "")
    change = STATE_ACTIONS.get(action)
    if action == "focus" and exercise is not None:
        question = request.form.get("question", "")
        focusable = KINDS[exercise.kind].focusable(exercise)
        change = {"focus_question": question} if not question or question in focusable else None
    if exercise is None or change is None:
        abort(400)
    steering.set_exercise_state(get_session(), process, workshop.key, exercise.key, **change)
    return redirect(url_for("control.show", process_id=process.id))


@bp.post("/svar")
def add_answer(process_id: int):
    """Add an answer on behalf of the room (or one organisation in it)."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_exercise(process)
    if exercise is None:
        abort(400)
    organisation = request.form.get("organisation", "")
    organisation_id = int(organisation) if organisation.isdigit() else None
    db = get_session()
    if organisation_id and organisation_id not in {
        o.id for o in processes.organisations_of(db, process)
    }:
        abort(400)
    try:
        answering.add_answer(
            db,
            process,
            workshop,
            exercise,
            request.form.get("question", ""),
            request.form.get("text", ""),
            organisation_id=organisation_id,
            target_group=request.form.get("target_group") or None,
        )
    except Rejected as exc:
        return show_page(process.id, 422, add_error=str(exc), add_form=request.form)
    return redirect(url_for("control.show", process_id=process.id) + "#lagg-till")


@bp.post("/svar/<int:answer_id>")
def moderate(process_id: int, answer_id: int):
    """Hide, show, highlight, remove or restore an answer."""
    process = owned_process_or_404(process_id)
    db = get_session()
    answer = get_or_404(db, Answer, answer_id, process)
    action = request.form.get("action", "")
    if action == "delete":
        answering.delete_answer(db, answer)
    elif action == "restore":
        answering.restore_answer(db, answer)
    elif action in ANSWER_ACTIONS:
        answering.flag_answer(db, answer, **ANSWER_ACTIONS[action])
    else:
        abort(400)
    undo = answer.id if answer.deleted_at else None
    if is_htmx():
        return render(
            "room/control/show.html",
            "room/control/_answers.html",
            **room_context(process),
            undo=answer if undo else None,
        )
    return redirect(url_for("control.show", process_id=process.id, undo=undo) + "#svar")


@bp.post("/timer")
def timer(process_id: int):
    """Start, stop or reset the room's timer."""
    process = owned_process_or_404(process_id)
    minutes = request.form.get("minutes", "")
    try:
        steering.set_timer(
            get_session(),
            process,
            request.form.get("action", ""),
            int(minutes) if minutes.isdigit() else None,
        )
    except Rejected as exc:
        flash(str(exc))
    return redirect(url_for("control.show", process_id=process.id))
