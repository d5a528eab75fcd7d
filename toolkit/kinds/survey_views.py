"""The survey's actions: the process leader opens it, anyone with its link answers it, no login."""

import io

import segno
from flask import Blueprint, abort, current_app, render_template, request, session, url_for

from toolkit.errors import Rejected
from toolkit.kinds import surveys
from toolkit.kinds.actions import CONTROL, back_to_control, current_of_kind
from toolkit.kinds.survey import KIND
from toolkit.models import Survey
from toolkit.room.pages import join_address
from toolkit.web import content, get_or_404, get_session, login_required, owned_process_or_404

bp = Blueprint("survey", __name__)

RESPOND = "kinds/survey/respond.html"


def survey_address(survey: Survey) -> str:
    """The survey's link as the room's devices reach it: the projector's join address."""
    return f"{join_address()}{url_for('survey.respond', token=survey.token)}"


@bp.app_context_processor
def survey_addresses():
    """`survey_address(survey)` in the templates: the link shown beside the survey's QR code."""
    return {"survey_address": survey_address}


@bp.post(f"{CONTROL}/enkat/<part_key>")
@login_required
def open_or_close(process_id: int, part_key: str):
    """Open or close the anonymous survey to one audience."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_of_kind(process, KIND.name)
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
    return back_to_control(process, f"#enkat-{part.key}")


@bp.get(f"{CONTROL}/enkat/<int:survey_id>/qr.svg")
@login_required
def qr_code(process_id: int, survey_id: int):
    """A QR code that opens the anonymous survey."""
    process = owned_process_or_404(process_id)
    survey = get_or_404(get_session(), Survey, survey_id, process)
    buffer = io.BytesIO()
    segno.make(survey_address(survey), error="m").save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        dark="#000",
        light="#fff",
        title="QR-kod till enkäten",
    )
    return current_app.response_class(buffer.getvalue(), mimetype="image/svg+xml")


def _survey_or_404(token: str):
    survey = surveys.find_survey(get_session(), token)
    workshop = content().workshop(survey.workshop_key) if survey else None
    exercise = workshop.exercise(survey.exercise_key) if workshop else None
    part = exercise.survey(survey.part_key) if exercise else None
    if part is None:
        abort(404)
    return survey, part


@bp.route("/enkat/<token>", methods=["GET", "POST"])
def respond(token: str):
    """The survey's questions; one response per browser."""
    survey, part = _survey_or_404(token)
    answered = survey.token in session.get("surveys_answered", [])
    context = {"survey": survey, "part": part, "answered": answered, "form": {}}
    if request.method == "GET" or answered or not survey.is_open:
        return render_template(RESPOND, **context)
    try:
        surveys.respond(get_session(), survey, part, request.form.to_dict())
    except Rejected as exc:
        get_session().rollback()
        context.update(error=str(exc), form=request.form)
        return render_template(RESPOND, **context), 422
    session["surveys_answered"] = [*session.get("surveys_answered", []), survey.token][-20:]
    session.permanent = True
    context["answered"] = True
    context["thanks"] = True
    return render_template(RESPOND, **context)
