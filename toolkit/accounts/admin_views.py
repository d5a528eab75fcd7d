"""The administrator's page: accounts opened, closed and given password links; the processes."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from toolkit.accounts import admin
from toolkit.errors import Rejected
from toolkit.models import User
from toolkit.web import current_user, get_session, login_required

bp = Blueprint("admin", __name__, url_prefix="/administration")


@bp.before_request
@login_required
def _require_admin():
    """Only the instance's administrator; to anyone else the page does not exist."""
    if not current_user().is_admin:
        abort(403)


def _page(status=200, **extra):
    db = get_session()
    return render_template(
        "accounts/admin.html",
        accounts=admin.accounts(db),
        processes=admin.process_summaries(db),
        form=request.form,
        **extra,
    ), status


def _link(token: str) -> str:
    return url_for("auth.new_password", token=token, _external=True)


def _account_or_404(user_id: int) -> User:
    user = get_session().get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/")
def show():
    """Every account and every process (name, owner, last activity, size; never content)."""
    return _page()


@bp.post("/konton")
def create_account():
    """Open an account for a new process leader, with a link to set the password."""
    try:
        user, token = admin.create_account(
            get_session(), request.form.get("username", ""), request.form.get("name", "")
        )
    except Rejected as exc:
        get_session().rollback()
        return _page(422, error=str(exc))
    return _page(new_link=_link(token), link_for=user)


@bp.post("/konton/<int:user_id>/losenordslank")
def password_link(user_id: int):
    """A new one-time link to set or reset the account's password."""
    user = _account_or_404(user_id)
    return _page(new_link=_link(admin.password_link(get_session(), user)), link_for=user)


@bp.post("/konton/<int:user_id>/stang")
def disable(user_id: int):
    """Close the account; its sessions end at once."""
    return _set_disabled(_account_or_404(user_id), True, "stängt")


@bp.post("/konton/<int:user_id>/oppna")
def enable(user_id: int):
    """Open a closed account again."""
    return _set_disabled(_account_or_404(user_id), False, "öppnat igen")


def _set_disabled(user: User, disabled: bool, done: str):
    try:
        admin.set_disabled(get_session(), current_user(), user, disabled)
    except Rejected as exc:
        return _page(422, error=str(exc))
    flash(f"Kontot {user.username} är {done}.")
    return redirect(url_for("admin.show"))


@bp.post("/konton/<int:user_id>/lamna-over")
def hand_over(user_id: int):
    """Give the account's processes to another account."""
    user = _account_or_404(user_id)
    try:
        moved = admin.hand_over(get_session(), user, request.form.get("username", ""))
    except Rejected as exc:
        get_session().rollback()
        return _page(422, error=str(exc))
    flash(f"{moved} processer är överlämnade.")
    return redirect(url_for("admin.show"))
