"""What the kinds' actions share: the exercise they act on and the screens they answer with."""

from flask import abort, redirect, render_template, url_for

from toolkit.room.pages import participant_context
from toolkit.web import current_exercise, is_htmx, participant_or_403

# The route prefixes of the process leader's and the participants' actions.
CONTROL = "/processer/<int:process_id>/styr"
ROOM = "/rum/<int:process_id>"


def current_of_kind(process, kind: str):
    """The workshop and the exercise on the projector now; 409 unless it is of this kind."""
    workshop, exercise = current_exercise(process)
    if exercise is None or exercise.kind != kind:
        abort(409)
    return workshop, exercise


def back_to_control(process, anchor: str = ""):
    """Back to the control view, at the part that changed."""
    return redirect(url_for("control.show", process_id=process.id) + anchor)


def room_reply(process_id: int, partial: str, status: int = 200, **extra):
    """The participant's room page, or only the kind's partial for htmx."""
    context = participant_context(participant_or_403(process_id)) | extra
    if not is_htmx():
        if status == 200:
            return redirect(url_for("participant.room", process_id=process_id))
        return render_template("room/participant/room.html", **context), status
    return render_template(partial, **context), status
