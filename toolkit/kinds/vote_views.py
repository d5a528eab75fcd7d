"""The vote's actions: participants put their dots, the process leader confirms the groups."""

from flask import Blueprint, flash, render_template, request

from toolkit.errors import Rejected
from toolkit.kinds import voting
from toolkit.kinds.actions import (
    CONTROL,
    ROOM,
    back_to_control,
    current_of_kind,
    room_reply,
)
from toolkit.kinds.vote import KIND
from toolkit.models import Process
from toolkit.room.pages import kept_reply, participant_context, room_context, show_page
from toolkit.web import (
    content,
    current_exercise,
    get_session,
    login_required,
    owned_process_or_404,
    participant_or_403,
)

bp = Blueprint("vote", __name__)

DOTS = "kinds/vote/_dots.html"
DOTS_UNSAVED = "Ändringen av dina prickar"
DOTS_MOVED_ON = (
    "Processledaren har gått vidare till en annan övning, så prickarna går inte att ändra längre."
)


@bp.get(f"{CONTROL}/_roster")
@login_required
def tally(process_id: int):
    """The live tally of the target group vote."""
    process = owned_process_or_404(process_id)
    return render_template("room/control/_tally.html", **room_context(process))


@bp.post(f"{CONTROL}/malgrupper")
@login_required
def choose_groups(process_id: int):
    """Confirm the target groups the room chose (carried into Workshop 3)."""
    process = owned_process_or_404(process_id)
    _, exercise = current_of_kind(process, KIND.name)
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
    return back_to_control(process, "#valda")


@bp.post(f"{CONTROL}/roster/nollstall")
@login_required
def clear_votes(process_id: int):
    """Remove every dot of the vote on the projector so the room can vote again."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_of_kind(process, KIND.name)
    voting.clear_votes(get_session(), process, workshop, exercise)
    return back_to_control(process, "#roster")


@bp.post(f"{ROOM}/prick")
def vote(process_id: int):
    """Put a dot on a target group, or take one back."""
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    workshop, exercise = current_exercise(process)
    if exercise is None or exercise.kind != KIND.name:
        # The dots are gone from the screen with the exercise: the kept box says it instead.
        return kept_reply(
            "room/participant/room.html",
            participant_context(participant),
            409,
            DOTS_UNSAVED,
            DOTS_MOVED_ON,
        )
    group = request.form.get("target_group", "")
    try:
        if request.form.get("action") == "remove":
            voting.withdraw_vote(db, process, workshop, exercise, participant, group)
        else:
            voting.cast_vote(db, content(), process, workshop, exercise, participant, group)
    except Rejected as exc:
        return room_reply(process_id, DOTS, 422, vote_error=str(exc))
    return room_reply(process_id, DOTS)
