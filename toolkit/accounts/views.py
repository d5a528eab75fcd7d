"""Process leader accounts: the first-start setup, login, logout and a new password."""

from datetime import datetime
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from toolkit.accounts import admin, limits, users
from toolkit.errors import Rejected
from toolkit.models import User, utcnow
from toolkit.processes import team
from toolkit.web import client_address, current_user, get_session, login_required

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site."""
    if (
        target
        and not urlsplit(target).netloc
        and target.startswith("/")
        and not target.startswith("//")
    ):
        return target
    return url_for("leader.list_processes")


@bp.route("/konto/forsta", methods=["GET", "POST"])
def setup():
    """Create the first process leader account; only while there is none."""
    db = get_session()
    if users.count_users(db):
        return redirect(url_for("auth.login"))
    error = None
    if request.method == "POST":
        if request.form.get("password") != request.form.get("password_again"):
            error = "Lösenorden är inte lika."
        else:
            try:
                user = users.create_user(
                    db,
                    request.form.get("username", ""),
                    request.form.get("password", ""),
                    request.form.get("name", ""),
                )
            except Rejected as exc:
                error = str(exc)
            else:
                session.clear()
                _remember_login(user)
                flash("Kontot är skapat. Välkommen!")
                return redirect(url_for("leader.list_processes"))
    return render_template(
        "accounts/setup.html", error=error, form=request.form
    ), 422 if error else 200


@bp.route("/logga-in", methods=["GET", "POST"])
def login():
    """Log a process leader in."""
    db = get_session()
    if not users.count_users(db):
        return redirect(url_for("auth.setup"))
    error, status = None, 200
    if request.method == "POST":
        username = request.form.get("username", "")
        # While the account or the address waits, the password is not even checked.
        refused_until = limits.login_refused_until(db, username, client_address())
        if refused_until is not None:
            error, status = _try_again(refused_until), 429
        elif (user := users.authenticate(db, username, request.form.get("password", ""))) is None:
            limits.record_login_failure(db, username, client_address())
            error, status = "Fel användarnamn eller lösenord.", 422
        else:
            limits.forget_login_failures(db, username)
            joined = session.get("participants", {})
            session.clear()
            session["participants"] = joined
            _remember_login(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", error=error, form=request.form), status


@bp.post("/logga-ut")
def logout():
    """Log the process leader out, on every device: a copied cookie stops working too."""
    user = current_user()
    if user is not None:
        users.end_sessions(get_session(), user)
    session.pop("user_id", None)
    session.pop("user_generation", None)
    flash("Du är utloggad.")
    return redirect(url_for("auth.login"))


@bp.route("/konto/losenord", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's password: the current one, then the new one twice."""
    db = get_session()
    user = current_user()
    error, status = None, 200
    if request.method == "POST":
        refused_until = limits.login_refused_until(db, user.username, client_address())
        if refused_until is not None:
            error, status = _try_again(refused_until), 429
        elif not users.password_matches(user, request.form.get("current_password", "")):
            limits.record_login_failure(db, user.username, client_address())
            error, status = "Det nuvarande lösenordet stämmer inte.", 422
        else:
            try:
                users.change_password(
                    db,
                    user,
                    request.form.get("new_password", ""),
                    request.form.get("new_password_again", ""),
                )
            except Rejected as exc:
                error, status = str(exc), 422
            else:
                _remember_login(user)
                flash("Lösenordet är bytt. Du är utloggad på alla andra enheter.")
                return redirect(url_for("leader.list_processes"))
    return render_template("accounts/password.html", error=error), status


def _remember_login(user: User) -> None:
    """Keep the leader and the account's session generation in the signed cookie."""
    session["user_id"] = user.id
    session["user_generation"] = user.session_generation


def _try_again(until: datetime) -> str:
    """When a slowed-down login may be tried again, in plain Swedish."""
    seconds = max(1, round((until - utcnow()).total_seconds()))
    if seconds < 90:
        when = f"{seconds} sekund{'er' if seconds > 1 else ''}"
    else:
        when = f"{round(seconds / 60)} minuter"
    return f"För många misslyckade inloggningar. Vänta {when} och försök igen."


@bp.route("/inbjudan/<token>", methods=["GET", "POST"])
def invitation(token: str):
    """A link onto a process's team: join with this account, or create one to join with."""
    db = get_session()
    if team.invitation_for(db, token) is None:
        return render_template("accounts/invitation.html", invalid=team.NOT_VALID, form={}), 404
    user, error = current_user(), None
    if request.method == "POST":
        try:
            if user is not None:
                process = team.accept(db, token, user)
            else:
                user, process = team.accept_with_new_account(
                    db,
                    token,
                    request.form.get("username", ""),
                    request.form.get("password", ""),
                    request.form.get("password_again", ""),
                    request.form.get("name", ""),
                )
                session.clear()
                _remember_login(user)
        except Rejected as exc:
            db.rollback()
            error = str(exc)
        else:
            flash(f"Du är med i teamet för {process.name}.")
            return redirect(url_for("leader.show_process", process_id=process.id))
    return render_template(
        "accounts/invitation.html", user=user, error=error, form=request.form
    ), 422 if error else 200


@bp.route("/konto/nytt-losenord/<token>", methods=["GET", "POST"])
def new_password(token: str):
    """Set a password through the administrator's one-time link, then log in."""
    db = get_session()
    if admin.link_for(db, token) is None:
        return render_template("accounts/new_password.html", invalid=admin.NOT_VALID), 404
    error = None
    if request.method == "POST":
        try:
            user = admin.set_password(
                db, token, request.form.get("password", ""), request.form.get("password_again", "")
            )
        except Rejected as exc:
            db.rollback()
            error = str(exc)
        else:
            session.clear()
            _remember_login(user)
            flash("Lösenordet är sparat. Välkommen!")
            return redirect(url_for("leader.list_processes"))
    return render_template("accounts/new_password.html", error=error), 422 if error else 200
