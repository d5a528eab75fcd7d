"""The projector view: what the big screen shows the room."""

import io

import segno
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from toolkit.errors import Rejected
from toolkit.room import steering
from toolkit.room.pages import (
    STAGE_MORE,
    STALE,
    changes_context,
    join_address,
    projector_context,
    render_changes,
    status_context,
)
from toolkit.vignettes import grouping
from toolkit.web import content, current_exercise, get_session, login_required, owned_process_or_404

bp = Blueprint("projector", __name__, url_prefix="/processer/<int:process_id>/projektor")


@bp.before_request
@login_required
def _require_login():
    """The projector is opened from the process leader's logged-in laptop."""


@bp.get("")
def show(process_id: int):
    """The projector page; its parts refresh themselves live."""
    process = owned_process_or_404(process_id)
    return render_template(
        "room/projector/show.html", join_address=join_address(), **projector_context(process)
    )


@bp.get("/_scen")
def stage(process_id: int):
    """The current exercise with its answers (refreshed live)."""
    return render_template(
        "room/projector/_stage.html", **projector_context(owned_process_or_404(process_id))
    )


@bp.get("/_nya")
def stage_changes(process_id: int):
    """The stage's answers that are new or edited since its cursor (`efter`), as out-of-band
    swaps; or, when they cannot be sent as changes, a sign to fetch the stage whole."""
    process = owned_process_or_404(process_id)
    context = changes_context(process, request.args.get("efter", ""))
    if context is not None and (grouping.reporting(get_session(), process) or _new_column(context)):
        context = None  # a group reporting back, or an answer with no column yet: all of it
    template = context and context["kind"].partial(STAGE_MORE)
    return render_changes(template or "", context, STALE + "-stage")


def _new_column(context: dict) -> bool:
    """Whether a new answer belongs in a column per organisation that the stage may lack: the
    whole group's (shown only once it has answers) or an organisation's that was just added."""
    if not context["exercise"].by_organisation:
        return False
    columns = context["organisations"]
    return any(a.organisation_id not in columns for a in context["changes"].new if not a.hidden)


@bp.get("/_status")
def status(process_id: int):
    """Join code, participant count and timer (refreshed live)."""
    process = owned_process_or_404(process_id)
    return render_template(
        "room/projector/_status.html", join_address=join_address(), **status_context(process)
    )


# Where the leader steers the projector from: the control view, or the vignettes' report-back.
BACK = {"styr": "control.show", "vinjetter": "vignettes.show"}


def _back(process):
    """Back to the page the leader pressed the button on."""
    return redirect(
        url_for(BACK.get(request.form.get("tillbaka", ""), "control.show"), process_id=process.id)
    )


@bp.post("/sida")
def turn_page(process_id: int):
    """Turn the stage to its next or previous page, or let the pages turn by themselves."""
    process = owned_process_or_404(process_id)
    action = request.form.get("action", "")
    if action not in steering.PAGE_ACTIONS:
        abort(400)
    try:
        steering.turn_page(get_session(), process, action)
    except Rejected as exc:
        flash(str(exc))
    return _back(process)


@bp.post("/anslutning")
def join_panel(process_id: int):
    """Show the join panel large again, or make it a strip."""
    process = owned_process_or_404(process_id)
    size = request.form.get("size", "")
    if size not in ("large", "strip"):
        abort(400)
    try:
        steering.show_join_panel(get_session(), process, size == "large")
    except Rejected as exc:
        flash(str(exc))
    return _back(process)


@bp.post("/fokus-vinjett")
def focus_report(process_id: int):
    """During a report-back, show one vignette question of each group's answers, or all."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_exercise(process)
    question = request.form.get("question", "")
    questions = content().vignette_questions
    keys = {q.key for q in questions.questions + questions.perspectives}
    if exercise is None or (question and question not in keys):
        abort(400)
    focus = steering.REPORT_FOCUS + question if question else ""
    steering.set_exercise_state(
        get_session(), process, workshop.key, exercise.key, focus_question=focus
    )
    return _back(process)


@bp.get("/qr.svg")
def qr_code(process_id: int):
    """A QR code that opens the join page with the code filled in."""
    process = owned_process_or_404(process_id)
    buffer = io.BytesIO()
    qr = segno.make(f"{join_address()}/{process.join_code}", error="m")
    qr.save(
        buffer,
        kind="svg",
        scale=8,
        border=2,
        dark="#000",
        light="#fff",
        title="QR-kod till anslutningssidan",
    )
    return current_app.response_class(buffer.getvalue(), mimetype="image/svg+xml")
