"""The steps' action: the process leader shows one step at a time on the projector."""

from flask import Blueprint, abort, request

from toolkit.kinds.actions import CONTROL, back_to_control, current_of_kind
from toolkit.kinds.steps import KIND
from toolkit.room import steering
from toolkit.web import get_session, login_required, owned_process_or_404

bp = Blueprint("steps", __name__)


@bp.post(f"{CONTROL}/steg")
@login_required
def show_step(process_id: int):
    """Show one of the exercise's steps large on the projector."""
    process = owned_process_or_404(process_id)
    workshop, exercise = current_of_kind(process, KIND.name)
    step = request.form.get("step", "")
    if step not in {s.key for s in exercise.steps}:
        abort(400)
    steering.show_step(get_session(), process, workshop, exercise, step)
    return back_to_control(process)
