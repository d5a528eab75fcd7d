"""The guide's pages: the start-up before Workshop 1, reference texts, the materials."""

from flask import Blueprint, abort, flash, redirect, request, url_for

from toolkit.errors import Rejected
from toolkit.guide import pages, startup, texts
from toolkit.web import (
    content,
    get_session,
    login_required,
    owned_process_or_404,
    render,
    workshop_or_404,
)

bp = Blueprint("guide", __name__)


@bp.before_request
@login_required
def _require_login():
    """The guide's pages are for logged-in process leaders."""


@bp.app_template_global()
def guide_references(keys) -> list:
    """The reference texts with these keys (for the control view and the guide's pages)."""
    return texts.references(content(), keys)


@bp.app_template_global()
def guide_links(keys) -> list:
    """The materials the guide links to, with these keys."""
    return texts.links(content(), keys)


@bp.app_template_global()
def start_up_summary(process) -> dict:
    """Per part of the start-up: how many of its lines the process has answered or ticked."""
    return pages.start_up_summary(get_session(), content(), process)


@bp.get("/vagledning/")
def index():
    """What the guide offers besides the workshops: its reference texts and materials."""
    found = content()
    return render(
        "guide/index.html",
        "guide/index.html",
        guide=found.guide,
        references=texts.all_references(found),
        workshops=found.workshops,
        vignettes=found.vignette_questions,
    )


@bp.get("/vagledning/material")
def materials():
    """Every material the guide points to, with its link."""
    return render("guide/materials.html", "guide/materials.html", guide=content().guide)


@bp.get("/vagledning/workshop/<workshop_key>")
def workshop(workshop_key: str):
    """A workshop's introduction and its exercises' own, large enough to show the room."""
    found = workshop_or_404(workshop_key)
    return render("guide/workshop.html", "guide/workshop.html", workshop=found)


@bp.get("/vagledning/<key>")
def reference(key: str):
    """A reference text of the guide, large enough to show the room."""
    context = pages.reference_context(content(), key)
    if context is None:
        abort(404)
    return render("guide/reference.html", "guide/reference.html", **context)


@bp.get("/processer/<int:process_id>/uppstart")
def start_up(process_id: int):
    """The start-up before Workshop 1, as this process has answered and ticked it."""
    process = owned_process_or_404(process_id)
    context = pages.start_up_context(get_session(), content(), process)
    return render("guide/start_up.html", "guide/start_up.html", **context)


@bp.post("/processer/<int:process_id>/uppstart")
def save_start_up(process_id: int):
    """Keep the start-up's answers, ticks and notes."""
    process = owned_process_or_404(process_id)
    db = get_session()
    ticked = set(request.form.getlist("klart"))
    written = {
        key[len("text-") :]: value for key, value in request.form.items() if key.startswith("text-")
    }
    try:
        startup.save(db, content(), process, ticked, written)
    except Rejected as exc:
        db.rollback()
        context = pages.start_up_context(
            db, content(), process, error=str(exc), ticked=ticked, written=written
        )
        return render("guide/start_up.html", "guide/start_up.html", status=422, **context)
    flash("Uppstarten är sparad.")
    return redirect(url_for("guide.start_up", process_id=process.id))
