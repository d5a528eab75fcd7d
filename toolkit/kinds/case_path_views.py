"""The case paths' actions: the process leader and the participants write the steps."""

from flask import Blueprint, abort, request

from toolkit.errors import Rejected
from toolkit.kinds import casepaths
from toolkit.kinds.actions import (
    CONTROL,
    MOVED_ON,
    ROOM,
    back_to_control,
    current_of_kind,
    room_reply,
)
from toolkit.kinds.case_path import KIND
from toolkit.models import CasePathStep, Process
from toolkit.room.pages import show_page
from toolkit.web import (
    content,
    current_exercise,
    get_or_404,
    get_session,
    login_required,
    owned_process_or_404,
    participant_or_403,
)

bp = Blueprint("case_path", __name__)

PATHS = "kinds/case_path/_case_paths.html"


def _bilaga_keys() -> list[str]:
    return [group.key for group in casepaths.all_groups(content())]


@bp.post(f"{CONTROL}/arendegang")
@login_required
def add_case_step(process_id: int):
    """Add a step to a target group's case path."""
    process = owned_process_or_404(process_id)
    current_of_kind(process, KIND.name)
    group = request.form.get("target_group", "")
    try:
        casepaths.add_step(
            get_session(),
            process,
            group,
            request.form.get("text", ""),
            request.form.get("actor", ""),
            other_groups=_bilaga_keys(),
            key=request.form.get("key"),
        )
    except Rejected as exc:
        return show_page(
            process.id,
            422,
            case_error={group: str(exc)},
            case_form=request.form,
        )
    return back_to_control(process, f"#arende-{group}")


@bp.post(f"{CONTROL}/arendegang/<int:step_id>")
@login_required
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
    return back_to_control(process, f"#arende-{step.target_group}")


@bp.post(f"{ROOM}/arendegang")
def add_own_step(process_id: int):
    """A participant adds a step to a target group's case path."""
    participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    _, exercise = current_exercise(process)
    group, key = request.form.get("target_group", ""), request.form.get("key")
    # A retry of a send already stored is saved, even when the leader has moved on since.
    sent = casepaths.step_sent(db, process, key)
    if sent is not None:
        return room_reply(process_id, PATHS, saved_group=sent.target_group)
    if exercise is None or exercise.kind != KIND.name:
        return room_reply(process_id, PATHS, 409, case_error={group: MOVED_ON})
    try:
        step = casepaths.add_step(
            db,
            process,
            group,
            request.form.get("text", ""),
            request.form.get("actor", ""),
            other_groups=_bilaga_keys(),
            key=key,
        )
    except Rejected as exc:
        return room_reply(
            process_id, PATHS, 422, case_error={group: str(exc)}, case_form=request.form
        )
    return room_reply(process_id, PATHS, saved_group=step.target_group)


@bp.post(f"{ROOM}/arendegang/<int:step_id>")
def change_own_step(process_id: int, step_id: int):
    """A participant edits a step of a case path, or moves it up or down."""
    participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    step = db.get(CasePathStep, step_id)
    if step is None or step.process_id != process_id:
        abort(404)
    action = request.form.get("action", "")
    if action in ("up", "down"):
        casepaths.move_step(db, process, step, -1 if action == "up" else 1)
    elif action == "save":
        try:
            casepaths.edit_step(
                db, step, request.form.get("text", ""), request.form.get("actor", "")
            )
        except Rejected as exc:
            db.rollback()
            return room_reply(process_id, PATHS, 422, case_error={step.target_group: str(exc)})
    else:
        abort(400)
    return room_reply(process_id, PATHS)


@bp.get(f"{ROOM}/_arendegangar")
def case_paths(process_id: int):
    """The case paths on a participant's screen (refreshed live)."""
    return room_reply(process_id, PATHS)
