"""Participants' actions for Workshops 2 and 3: dots on target groups, case paths, group work."""

from flask import Blueprint, abort, redirect, render_template, request, url_for

from toolkit.errors import Rejected
from toolkit.kinds import casepaths, voting
from toolkit.models import CasePathStep, Process
from toolkit.room.pages import participant_context
from toolkit.vignettes import grouping
from toolkit.web import content, current_exercise, get_session, is_htmx, participant_or_403, render

bp = Blueprint("participant_kinds", __name__, url_prefix="/rum/<int:process_id>")


def _room(process_id: int, partial: str, status: int = 200, **extra):
    """The room page, or only the kind's partial for htmx."""
    context = participant_context(participant_or_403(process_id)) | extra
    if not is_htmx():
        if status == 200:
            return redirect(url_for("participant.room", process_id=process_id))
        return render_template("room/participant/room.html", **context), status
    return render_template(partial, **context), status


@bp.post("/prick")
def vote(process_id: int):
    """Put a dot on a target group, or take one back."""
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    workshop, exercise = current_exercise(process)
    if exercise is None or exercise.kind != "vote":
        return _room(process_id, "kinds/vote/_dots.html", 409, vote_error=MOVED_ON)
    group = request.form.get("target_group", "")
    try:
        if request.form.get("action") == "remove":
            voting.withdraw_vote(db, process, participant, group)
        else:
            voting.cast_vote(db, content(), process, workshop, exercise, participant, group)
    except Rejected as exc:
        return _room(process_id, "kinds/vote/_dots.html", 422, vote_error=str(exc))
    return _room(process_id, "kinds/vote/_dots.html")


MOVED_ON = "Processledaren har gått vidare till en annan övning. Ladda om sidan."


@bp.post("/arendegang")
def add_case_step(process_id: int):
    """Add a step to a target group's case path."""
    participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    _, exercise = current_exercise(process)
    group = request.form.get("target_group", "")
    if exercise is None or exercise.kind != "case_path":
        return _room(
            process_id, "kinds/case_path/_case_paths.html", 409, case_error={group: MOVED_ON}
        )
    try:
        casepaths.add_step(
            db, process, group, request.form.get("text", ""), request.form.get("actor", "")
        )
    except Rejected as exc:
        return _room(
            process_id,
            "kinds/case_path/_case_paths.html",
            422,
            case_error={group: str(exc)},
            case_form=request.form,
        )
    return _room(process_id, "kinds/case_path/_case_paths.html", saved_group=group)


@bp.post("/arendegang/<int:step_id>")
def change_case_step(process_id: int, step_id: int):
    """Edit a step of a case path, or move it up or down."""
    participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    step = db.get(CasePathStep, step_id)
    if step is None or step.process_id != process_id:
        abort(404)
    action = request.form.get("action", "")
    partial = "kinds/case_path/_case_paths.html"
    if action in ("up", "down"):
        casepaths.move_step(db, process, step, -1 if action == "up" else 1)
    elif action == "save":
        try:
            casepaths.edit_step(
                db, step, request.form.get("text", ""), request.form.get("actor", "")
            )
        except Rejected as exc:
            db.rollback()
            return _room(process_id, partial, 422, case_error={step.target_group: str(exc)})
    else:
        abort(400)
    return _room(process_id, partial)


@bp.get("/_arendegangar")
def case_paths(process_id: int):
    """The case paths (refreshed live)."""
    return _room(process_id, "kinds/case_path/_case_paths.html")


def _group_context(process_id: int) -> dict:
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    group = grouping.group_of(db, participant)
    vignette = (
        grouping.vignette_for(db, content(), process, group.vignette_key)
        if group and group.vignette_key
        else None
    )
    return {
        "process": process,
        "participant": participant,
        "groups": grouping.groups_of(db, process),
        "group": group,
        "vignette": vignette,
        "questions": content().vignette_questions,
        "group_answers": grouping.answers_of(db, group) if group else [],
    }


@bp.get("/_grupp")
def group_link(process_id: int):
    """The link to the participant's discussion group (refreshed live)."""
    context = _group_context(process_id)
    return render_template("room/participant/_group_link.html", in_group=context["group"], **context)


@bp.get("/vinjett")
def vignette(process_id: int):
    """The participant's group, its vignette and the group's answers (refreshed live)."""
    return render(
        "room/participant/vignette.html", "room/participant/_vignette.html", **_group_context(process_id)
    )


@bp.post("/vinjett/grupp")
def choose_group(process_id: int):
    """Join a discussion group of one's own choice."""
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    group_id = request.form.get("group", "")
    try:
        grouping.join_group(db, process, participant, int(group_id) if group_id.isdigit() else -1)
    except Rejected as exc:
        return render(
            "room/participant/vignette.html",
            "room/participant/_vignette.html",
            422,
            error=str(exc),
            **_group_context(process_id),
        )
    return redirect(url_for("participant_kinds.vignette", process_id=process_id))


@bp.post("/vinjett/svar")
def group_answer(process_id: int):
    """Add the group's answer to one of the vignette questions."""
    context = _group_context(process_id)
    if context["group"] is None:
        abort(409)
    question = request.form.get("question", "")
    try:
        grouping.add_group_answer(
            get_session(),
            content(),
            context["group"],
            context["participant"],
            question,
            request.form.get("text", ""),
        )
    except Rejected as exc:
        context.update(
            error=str(exc), kept_question=question, kept_text=request.form.get("text", "")
        )
        return render("room/participant/vignette.html", "room/participant/_vignette.html", 422, **context)
    if is_htmx():
        return render_template(
            "room/participant/_vignette.html", saved_question=question, **_group_context(process_id)
        )
    return redirect(url_for("participant_kinds.vignette", process_id=process_id) + f"#{question}")
