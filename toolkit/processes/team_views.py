"""A process's team: who is on it, adding and removing members, links, section comments."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from toolkit.documents import comments
from toolkit.documents.pages import edit_page, outline_or_404
from toolkit.errors import Rejected
from toolkit.models import User
from toolkit.processes import access, team
from toolkit.web import can, current_user, get_session, login_required, owned_process_or_404

bp = Blueprint("team", __name__, url_prefix="/processer")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in member of a process's team."""


@bp.app_context_processor
def _permissions():
    """`can(action)` and the role names on every page; `section_comments` beside the sections."""
    return {"can": can, "role_names": access.ROLE_NAMES, "section_comments": _section_comments}


def _section_comments(process, document: str) -> dict:
    """The document's comments per section, read once per request."""
    cache = g.setdefault("section_comments", {})
    if document not in cache:
        cache[document] = comments.comments_of(get_session(), process, document)
    return cache[document]


def _page(process, status=200, **extra):
    db = get_session()
    return render_template(
        "processes/team.html",
        process=process,
        process_owner=db.get(User, process.owner_id),
        members=team.team_of(db, process),
        invitations=team.open_invitations(db, process) if can("manage_team") else [],
        team_roles=access.TEAM_ROLES,
        form=request.form,
        **extra,
    ), status


@bp.get("/<int:process_id>/team")
def show(process_id: int):
    """The process's team; the owner adds and removes members here."""
    return _page(owned_process_or_404(process_id))


@bp.post("/<int:process_id>/team")
def add_member(process_id: int):
    """Put an existing account on the team by its username."""
    process = owned_process_or_404(process_id)
    try:
        member = team.add_member(
            get_session(), process, request.form.get("username", ""), request.form.get("role", "")
        )
    except Rejected as exc:
        return _page(process, 422, error=str(exc))
    flash(f"{access.ROLE_NAMES[member.role]} tillagd i teamet.")
    return redirect(url_for("team.show", process_id=process.id))


@bp.post("/<int:process_id>/team/<int:member_id>/ta-bort")
def remove_member(process_id: int, member_id: int):
    """Take a member off the team."""
    process = owned_process_or_404(process_id)
    team.remove_member(get_session(), process, member_id)
    flash("Personen är borttagen ur teamet.")
    return redirect(url_for("team.show", process_id=process.id))


@bp.post("/<int:process_id>/team/inbjudan")
def invite(process_id: int):
    """Make a single-use link; it is shown once, since only its hash is kept."""
    process = owned_process_or_404(process_id)
    try:
        token = team.create_invitation(get_session(), process, request.form.get("role", ""))
    except Rejected as exc:
        return _page(process, 422, error=str(exc))
    link = url_for("auth.invitation", token=token, _external=True)
    return _page(process, new_link=link, new_role=request.form.get("role"))


@bp.post("/<int:process_id>/team/inbjudan/<int:invitation_id>/ta-bort")
def withdraw_invitation(process_id: int, invitation_id: int):
    """Stop a link from working."""
    process = owned_process_or_404(process_id)
    team.withdraw_invitation(get_session(), process, invitation_id)
    flash("Länken är återkallad.")
    return redirect(url_for("team.show", process_id=process.id))


@bp.post("/<int:process_id>/dokument/<document>/avsnitt/<section_key>/kommentar")
def comment(process_id: int, document: str, section_key: str):
    """Leave a comment on a document section (readers too)."""
    process = owned_process_or_404(process_id)
    outline = outline_or_404(document)
    section = outline.section(section_key) or abort(404)
    db = get_session()
    text = request.form.get("text", "")
    try:
        comments.add_comment(db, process, outline.key, section.key, current_user(), text)
    except Rejected as exc:
        db.rollback()
        # The page again with the typed comment in its box, so nothing written is lost.
        return edit_page(
            process, outline, 422, comment_error={section.key: str(exc)}, comment_text=text
        )
    flash("Kommentaren är sparad.")
    back = url_for("documents.edit", process_id=process.id, document=outline.key)
    return redirect(f"{back}#avsnitt-{section.key}")


@bp.post("/<int:process_id>/dokument/<document>/kommentar/<int:comment_id>/ta-bort")
def delete_comment(process_id: int, document: str, comment_id: int):
    """Remove a comment once it is dealt with (leaders)."""
    process = owned_process_or_404(process_id)
    outline = outline_or_404(document)
    comments.delete_comment(get_session(), process, comment_id)
    return redirect(url_for("documents.edit", process_id=process.id, document=outline.key))
