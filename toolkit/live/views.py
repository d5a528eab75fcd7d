"""Live updates, the streaming half: one endpoint streams a process's events to its screens."""

from flask import Blueprint, abort, current_app, stream_with_context

from toolkit.live.events import stream
from toolkit.models import Process
from toolkit.processes import access
from toolkit.web import close_session, current_user, get_session, participant_for

bp = Blueprint("live", __name__)


@bp.get("/live/<int:process_id>")
def events(process_id: int):
    """The event stream of a process, for its leader and the participants who joined it."""
    process = get_session().get(Process, process_id)
    user = current_user()
    allowed = process is not None and (
        access.allowed(access.role_of(get_session(), process, user), "steer")
        or participant_for(process_id)
    )
    if not allowed:
        abort(404)
    broker = current_app.extensions["toolkit.broker"]
    # The stream may stay open for hours: give the database connection back first.
    close_session()
    return current_app.response_class(
        stream_with_context(stream(broker, process_id)),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
