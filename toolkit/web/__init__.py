"""Helpers shared by the views: who is asking, page or fragment, and lookups that 404."""

import ipaddress
from functools import wraps

from flask import (
    Request,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import event
from sqlmodel import Session
from werkzeug.routing import BaseConverter

from toolkit.content import Content
from toolkit.content.model import Exercise, Workshop
from toolkit.db import open_session
from toolkit.models import Participant, Process, User
from toolkit.processes import access, activity
from toolkit.texts.markup import without_control_characters
from toolkit.texts.text_guard import take_warnings


class CleanRequest(Request):
    """A request whose form values hold no control characters (a NUL breaks PostgreSQL)."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        cleaned = [
            (key, without_control_characters(value))
            for key, values in self.form.lists()
            for value in values
        ]
        self.__dict__["form"] = self.parameter_storage_class(cleaned)


class JoinCodeConverter(BaseConverter):
    """A join code in a URL: letters and digits, dashes allowed."""

    regex = r"[A-Za-z0-9-]{4,14}"


def content() -> Content:
    """The validated content loaded at start."""
    return current_app.extensions["toolkit.content"]


def is_htmx() -> bool:
    """True when htmx made the request (and wants a fragment)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def render(page: str, fragment: str, status: int = 200, **context):
    """The whole page, or only the fragment when htmx asks for it."""
    response = current_app.make_response(
        (render_template(fragment if is_htmx() else page, **context), status)
    )
    response.vary.add("HX-Request")
    return response


def current_user() -> User | None:
    """The logged-in process leader, if any."""
    if "user" not in g:
        user_id = session.get("user_id")
        user = get_session().get(User, user_id) if user_id else None
        # A cookie from before a logout or a password change carries an older generation.
        if user is not None and session.get("user_generation", 0) != user.session_generation:
            user = None
        if user is not None and user.disabled:  # closed by the administrator: at once
            user = None
        g.user = user
    return g.user


def login_required(view):
    """Send visitors who are not logged in to the login page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("auth.login", next=request.full_path))
        return view(*args, **kwargs)

    return wrapped


def owned_process_or_404(process_id: int, action: str | None = None) -> Process:
    """The process if the leader's role in it allows this route (`processes/access.py`).

    404 for a process the leader is not on the team of (as for one that does not exist),
    403 for a team member whose role does not allow the route's action.
    """
    db = get_session()
    process = db.get(Process, process_id)
    role = access.role_of(db, process, current_user()) if process is not None else None
    if role is None:
        abort(404)
    if not access.allowed(role, action or access.action_for(request.endpoint)):
        abort(403)
    g.process_role = role
    if request.method not in ("GET", "HEAD"):  # what this request changes is the leader's doing
        activity.act_as(db, process, current_user(), content())
    return process


def can(action: str) -> bool:
    """True when the leader's role in this request's process allows the action (templates)."""
    return access.allowed(g.get("process_role"), action)


def get_or_404(db: Session, model, object_id: int, process: Process):
    """A row that belongs to this process, or 404."""
    row = db.get(model, object_id)
    if row is None or getattr(row, "process_id", None) != process.id:
        abort(404)
    return row


def workshop_or_404(key: str) -> Workshop:
    """The workshop with this key, or 404."""
    workshop = content().workshop(key)
    if workshop is None:
        abort(404)
    return workshop


def current_exercise(process: Process) -> tuple[Workshop | None, Exercise | None]:
    """The workshop and exercise the projector shows now."""
    workshop = content().workshop(process.current_workshop)
    return workshop, workshop.exercise(process.current_exercise) if workshop else None


def remember_participant(participant: Participant) -> None:
    """Keep in the signed session cookie which participant this browser is, per process."""
    joined = dict(session.get("participants", {}))
    joined[str(participant.process_id)] = participant.id
    session["participants"] = joined
    session.permanent = True


def participant_for(process_id: int) -> Participant | None:
    """This browser's participant in the process, if it joined it."""
    participant_id = session.get("participants", {}).get(str(process_id))
    if participant_id is None:
        return None
    participant = get_session().get(Participant, participant_id)
    return participant if participant and participant.process_id == process_id else None


def participant_or_403(process_id: int) -> Participant:
    """This browser's participant in the process; anyone else is refused."""
    participant = participant_for(process_id)
    if participant is None:
        abort(403)
    return participant


def client_address() -> str:
    """The client's address, for slowing down guessing; IPv6 by its /64, which one host may fill."""
    address = request.remote_addr or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def get_session() -> Session:
    """The request's database session, opened on first use."""
    if "db_session" not in g:
        g.db_session = open_session(current_app)
        event.listen(g.db_session, "after_commit", _show_text_warnings)
    return g.db_session


def _show_text_warnings(session: Session) -> None:
    """A stored text the guard had doubts about is pointed out on the next page (base.html)."""
    for warning in take_warnings(session):
        flash(warning, "warning")


def close_session(_exc: BaseException | None = None) -> None:
    """Close the request's session at teardown."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
