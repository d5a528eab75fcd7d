"""The process leader's actions for the exercise kinds of Workshops 2 and 3."""

import io

import segno
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from toolkit.errors import Rejected
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import CasePathStep, Survey
from toolkit.room import steering
from toolkit.room.pages import join_address, room_context, show_page
from toolkit.web import (
    content,
    current_exercise,
    get_or_404,
    get_session,
    login_required,
    owned_process_or_404,
)

bp = Blueprint("control_kinds", __name__, url_prefix="/processer/<int:process_id>/styr")


@bp.before_request
@login_required
def _require_login():
    """Every action here is for a logged-in process leader."""


def _back(process, anchor: str = ""):
    return redirect(url_for("control.show", process_id=process.id) + anchor)


def _current(process, kind: str):
    workshop, exercise = current_exercise(process)
    if exercise is None or exercise.kind != kind:
        abort(409)
    return workshop, exercise


@bp.get("/_roster")
def tally(process_id: int):
    """The live tally of the target group vote."""
    process = owned_process_or_404(process_id)
    return render_template("room/control/_tally.html", **room_context(process))


@bp.post("/malgrupper")
def choose_groups(process_id: int):
    """Confirm the target groups the room chose (carried into Workshop 3)."""
    process = owned_process_or_404(process_id)
    _, exercise = _current(process, "vote")
    try:
        voting.choose_groups(
            get_session(), content(), process, exercise, request.form.getlist("target_group")
        )
    except Rejected as exc:
        return show_page(
            process.id,
            422,
            choose_error=str(exc),
            choose_form=request.form.getlist("target_group"),
        )
    flash("Målgrupperna är valda.")
    return _back(process, "#valda")


@bp.post("/roster/nollstall")
def clear_votes(process_id: int):
    """Remove every dot so the room can vote again."""
    process = owned_process_or_404(process_id)
    voting.clear_votes(get_session(), process)
    return _back(process, "#roster")


@bp.post("/steg")
def show_step(process_id: int):
    """Show one of the exercise's steps large on the projector."""
    process = owned_process_or_404(process_id)
    workshop, exercise = _current(process, "steps")
    step = request.form.get("step", "")
    if step not in {s.key for s in exercise.steps}:
        abort(400)
    steering.show_step(get_session(), process, workshop, exercise, step)
    return _back(process)


@bp.post("/arendegang")
def add_case_step(process_id: int):
    """Add a step to a target group's case path."""
    process = owned_process_or_404(process_id)
    _current(process, "case_path")
    group = request.form.get("target_group", "")
    try:
        casepaths.add_step(
            get_session(),
            process,
            group,
            request.form.get("text", ""),
            request.form.get("actor", ""),
        )
    except Rejected as exc:
        return show_page(
            process.id,
            422,
            case_error={group: str(exc)},
            case_form=request.form,
        )
    return _back(process, f"#arende-{group}")


@bp.post("/arendegang/<int:step_id>")
def change_case_step(process_id: int, step_id: int):
    """Edit, move or remove a step of a case path."""
    process = owned_process_or_404(process_id)
    db = get_session()
    step = get_or_404(db, CasePathStep, step_id, process)
    action = request.form.get("action", "")
    if action in ("up", "down"):
        casepaths.move_step(db, process, step, -1 if action == "up" else 1)
    elif action == "delete":
        casepaths.delete_step(db, step)
    elif action == "save":
        try:
            casepaths.edit_step(
                db, step, request.form.get("text", ""), request.form.get("actor", "")
            )
        except Rejected as exc:
            db.rollback()
            return show_page(
                process.id,
                422,
                case_error={step.target_group: str(exc)},
                case_form=request.form,
            )
    else:
        abort(400)
    return _back(process, f"#arende-{step.target_group}")


@bp.post("/enkat/<part_key>")
def survey(process_id: int, part_key: str):
    """Open or close the anonymous survey to one audience."""
    process = owned_process_or_404(process_id)
    workshop, exercise = _current(process, "survey")
    part = exercise.survey(part_key)
    if part is None:
        abort(404)
    db = get_session()
    if request.form.get("action") == "close":
        opened = surveys.surveys_of(db, process).get(part.key)
        if opened:
            surveys.close_survey(db, opened)
    else:
        surveys.open_survey(db, process, workshop, exercise, part)
    return _back(process, f"#enkat-{part.key}")


@bp.get("/enkat/<int:survey_id>/qr.svg")
def survey_qr(process_id: int, survey_id: int):
    """A QR code that opens the anonymous survey."""
    process = owned_process_or_404(process_id)
    survey = get_or_404(get_session(), Survey, survey_id, process)
    buffer = io.BytesIO()
    address = f"{join_address()}{url_for('survey_public.respond', token=survey.token)}"
    segno.make(address, error="m").save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        dark="#000",
        light="#fff",
        title="QR-kod till enkäten",
    )
    return current_app.response_class(buffer.getvalue(), mimetype="image/svg+xml")
