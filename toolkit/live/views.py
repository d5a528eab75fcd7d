"""Live updates, the streaming half: one endpoint streams a process's events to its screens."""

import re

from flask import Blueprint, abort, current_app, request, stream_with_context

from toolkit.live.events import stream
from toolkit.models import Process
from toolkit.processes import access
from toolkit.web import close_session, current_user, get_session, participant_for

bp = Blueprint("live", __name__)

KIND = re.compile(r"[a-z][a-z_-]{0,30}")
MAX_KINDS = 30


def subscribed() -> set[str] | None:
    """The kinds of event the page asked for (`?events=answers,stage`), or None for all."""
    asked = request.args.get("events")
    if asked is None:
        return None
    kinds = {kind for kind in asked.split(",") if KIND.fullmatch(kind)}
    return set(sorted(kinds)[:MAX_KINDS])


@bp.get("/live/<int:process_id>")
def events(process_id: int):
    """The event stream of a process, for its leader and the participants who joined it.

    A page subscribes to the kinds its live parts listen to; it always gets "refresh"."""
    process = get_session().get(Process, process_id)
    user = current_user()
    allowed = process is not None and (
        access.allowed(access.role_of(get_session(), process, user), "steer")
        or participant_for(process_id)
    )
    if not allowed:
        abort(404)
    broker = current_app.extensions["toolkit.broker"]
    kinds = subscribed()
    # The stream may stay open for hours: give the database connection back first.
    close_session()
    return current_app.response_class(
        stream_with_context(stream(broker, process_id, kinds)),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
