"""The case paths' actions: the process leader and the participants write the steps."""

from flask import Blueprint, abort, request

from toolkit.errors import Rejected
from toolkit.kinds import casepaths
from toolkit.kinds.actions import (
    CONTROL,
    ROOM,
    back_to_control,
    current_of_kind,
    room_reply,
)
from toolkit.kinds.case_path import KIND
from toolkit.models import Process
from toolkit.room.pages import kept_reply, participant_context, show_page
from toolkit.web import (
    content,
    current_exercise,
    get_session,
    login_required,
    owned_process_or_404,
    participant_or_403,
)

bp = Blueprint("case_path", __name__)

PATHS = "kinds/case_path/_case_paths.html"

STEP_MOVED_ON = (
    "Processledaren har gått vidare till en annan övning, så steget lades inte till. "
    "Din text finns kvar här – kopiera den om du vill."
)
REMOVED = (
    "Steget sparades, men processledaren har tagit bort det ur ärendegången sedan dess. "
    "Din text finns kvar här."
)


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
    step = casepaths.live_step(db, process, step_id)
    if step is None:
        abort(404)
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
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    _, exercise = current_exercise(process)
    group, key = request.form.get("target_group", ""), request.form.get("key")
    text, actor = request.form.get("text", ""), request.form.get("actor", "")
    # A retry of a send already stored is saved, even when the leader has moved on since.
    sent = casepaths.step_sent(db, process, key)
    if sent is not None and sent.deleted_at is not None:
        return _step_kept(participant, group, text, actor, REMOVED, 409)
    if sent is not None:
        return room_reply(process_id, PATHS, saved_group=sent.target_group)
    if exercise is None or exercise.kind != KIND.name:
        return _step_kept(participant, group, text, actor, STEP_MOVED_ON, 409)
    try:
        step = casepaths.add_step(
            db, process, group, text, actor, other_groups=_bilaga_keys(), key=key
        )
    except Rejected as exc:
        return room_reply(
            process_id, PATHS, 422, case_error={group: str(exc)}, case_form=request.form
        )
    return room_reply(process_id, PATHS, saved_group=step.target_group)


def _step_kept(participant, group: str, text: str, actor: str, message: str, status: int):
    """A step whose form is gone from the participant's screen: the message, the text kept."""
    title = next((g.title for g in casepaths.all_groups(content()) if g.key == group), "")
    what = f"Ditt steg i ärendegången för {title}" if title else "Ditt steg i ärendegången"
    return kept_reply(
        "room/participant/room.html",
        participant_context(participant),
        status,
        what,
        message,
        text,
        actor.strip(),
    )


@bp.post(f"{ROOM}/arendegang/<int:step_id>")
def change_own_step(process_id: int, step_id: int):
    """A participant edits a step of a case path, or moves it up or down."""
    participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    step = casepaths.live_step(db, process, step_id)
    if step is None:
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
