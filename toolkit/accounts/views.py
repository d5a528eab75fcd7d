"""Process leader accounts: the first-start setup, login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from toolkit.accounts import users
from toolkit.errors import Rejected
from toolkit.web import get_session

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
                session["user_id"] = user.id
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
    error = None
    if request.method == "POST":
        user = users.authenticate(
            db, request.form.get("username", ""), request.form.get("password", "")
        )
        if user is None:
            error = "Fel användarnamn eller lösenord."
        else:
            joined = session.get("participants", {})
            session.clear()
            session["participants"] = joined
            session["user_id"] = user.id
            return redirect(_safe_next(request.args.get("next")))
    return render_template(
        "accounts/login.html", error=error, form=request.form
    ), 422 if error else 200


@bp.post("/logga-ut")
def logout():
    """Log the process leader out."""
    session.pop("user_id", None)
    flash("Du är utloggad.")
    return redirect(url_for("auth.login"))
