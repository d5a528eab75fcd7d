"""Who changed what: the process's "Ändringar" page, the control view's latest changes."""

from flask import Blueprint, redirect, render_template, request, url_for

from toolkit.processes import activity
from toolkit.web import get_session, is_htmx, login_required, owned_process_or_404, render

bp = Blueprint("changes", __name__, url_prefix="/processer")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in member of a process's team."""


@bp.app_context_processor
def _who_changed():
    """Who made the latest changes, last changed a section, hid or added an answer."""
    return {
        "latest_changes": lambda process: activity.latest(get_session(), process.id),
        "section_change": lambda process, section: activity.section_change(
            get_session(), process.id, section
        ),
        "answer_change": lambda answer: activity.answer_change(get_session(), answer),
        "changed_by": activity.who,
    }


@bp.get("/<int:process_id>/andringar")
def index(process_id: int):
    """Every change a leader made in the process, newest first, a page at a time."""
    process = owned_process_or_404(process_id)
    page = request.args.get("sida", "1")
    page = int(page) if page.isdigit() and int(page) > 0 else 1
    changes, pages = activity.page_of(get_session(), process.id, page)
    return render(
        "processes/changes.html",
        "processes/_changes_page.html",
        process=process,
        changes=changes,
        page_number=page,
        pages=pages,
    )


@bp.get("/<int:process_id>/andringar/senaste")
def latest(process_id: int):
    """The latest changes, for the control view (refreshed live)."""
    process = owned_process_or_404(process_id)
    if not is_htmx():
        return redirect(url_for("changes.index", process_id=process.id))
    return render_template("processes/_latest_changes.html", process=process)
