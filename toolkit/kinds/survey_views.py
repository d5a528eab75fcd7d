"""The anonymous follow-up survey: a public page reached by its link or QR code, no login."""

from flask import Blueprint, abort, render_template, request, session

from toolkit.errors import Rejected
from toolkit.kinds import surveys
from toolkit.web import content, get_session

bp = Blueprint("survey_public", __name__, url_prefix="/enkat")


def _survey_or_404(token: str):
    survey = surveys.find_survey(get_session(), token)
    workshop = content().workshop(survey.workshop_key) if survey else None
    exercise = workshop.exercise(survey.exercise_key) if workshop else None
    part = exercise.survey(survey.part_key) if exercise else None
    if part is None:
        abort(404)
    return survey, part


@bp.route("/<token>", methods=["GET", "POST"])
def respond(token: str):
    """The survey's questions; one response per browser."""
    survey, part = _survey_or_404(token)
    answered = survey.token in session.get("surveys_answered", [])
    context = {"survey": survey, "part": part, "answered": answered, "form": {}}
    if request.method == "GET" or answered or not survey.is_open:
        return render_template("kinds/survey/respond.html", **context)
    try:
        surveys.respond(get_session(), survey, part, request.form.to_dict())
    except Rejected as exc:
        get_session().rollback()
        context.update(error=str(exc), form=request.form)
        return render_template("kinds/survey/respond.html", **context), 422
    session["surveys_answered"] = [*session.get("surveys_answered", []), survey.token][-20:]
    session.permanent = True
    context["answered"] = True
    context["thanks"] = True
    return render_template("kinds/survey/respond.html", **context)
