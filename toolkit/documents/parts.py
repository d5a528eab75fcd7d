"""Blueprint: the documents' structured parts (goals, tidplan, versions, model, budget)."""

import datetime as dt
import difflib

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from toolkit.documents import budget, build, store
from toolkit.documents.pages import edit_page, outline_or_404
from toolkit.errors import Rejected
from toolkit.models import ActionPlanVersion, Activity, BudgetLine, Goal
from toolkit.web import content, get_or_404, get_session, login_required, owned_process_or_404

bp = Blueprint("document_parts", __name__, url_prefix="/processer/<int:process_id>/dokument")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


def _back(process, document: str, anchor: str):
    return redirect(url_for("documents.edit", process_id=process.id, document=document) + anchor)


def _rejected(process, document: str, exc: Rejected, part: str):
    return edit_page(
        process, outline_or_404(document), 422, part_errors={part: str(exc)}, part_form=request.form
    )


@bp.post("/handlingsplan/mal")
def add_goal(process_id: int):
    """Add a goal to the handlingsplan."""
    process = owned_process_or_404(process_id)
    form = request.form
    try:
        store.add_goal(
            get_session(),
            process,
            form.get("text", ""),
            form.get("term", ""),
            form.get("follow_up", ""),
            form.get("due", ""),
        )
    except Rejected as exc:
        return _rejected(process, "handlingsplan", exc, "goals")
    return _back(process, "handlingsplan", "#del-goals")


@bp.post("/<document>/tidplan")
def add_activity(process_id: int, document: str):
    """Add an activity to the tidplan."""
    process = owned_process_or_404(process_id)
    outline_or_404(document)
    form = request.form
    try:
        store.add_activity(
            get_session(),
            process,
            form.get("name", ""),
            form.get("start", ""),
            form.get("end", ""),
            form.get("responsible", ""),
            form.get("status", "planerad"),
        )
    except Rejected as exc:
        return _rejected(process, document, exc, "activities")
    return _back(process, document, "#del-activities")


@bp.post("/<document>/tidplan/exempel")
def add_example_activities(process_id: int, document: str):
    """Start the tidplan from SKR's example activities."""
    process = owned_process_or_404(process_id)
    outline_or_404(document)
    examples = content().outlines.document("handlingsplan").example_activities
    store.add_example_activities(get_session(), process, examples, dt.date.today())
    flash("SKR:s exempelaktiviteter är tillagda. Ändra datum och ansvariga så att de passar er.")
    return _back(process, document, "#del-activities")


@bp.post("/<document>/tidplan/<int:activity_id>")
def change_activity(process_id: int, document: str, activity_id: int):
    """Change an activity's status, or remove it."""
    process = owned_process_or_404(process_id)
    outline_or_404(document)
    db = get_session()
    activity = get_or_404(db, Activity, activity_id, process)
    if request.form.get("action") == "delete":
        store.delete_row(db, activity)
    else:
        try:
            store.set_activity_status(db, activity, request.form.get("status", ""))
        except Rejected as exc:
            return _rejected(process, document, exc, "activities")
    return _back(process, document, "#del-activities")


@bp.post("/<document>/rad/<kind>/<int:row_id>/ta-bort")
def delete_row(process_id: int, document: str, kind: str, row_id: int):
    """Remove a goal or a budget line."""
    process = owned_process_or_404(process_id)
    outline_or_404(document)
    model = {"mal": Goal, "budget": BudgetLine}.get(kind) or abort(404)
    db = get_session()
    store.delete_row(db, get_or_404(db, model, row_id, process))
    return _back(process, document, "#del-goals" if kind == "mal" else "#del-budget")


@bp.post("/modell/<kind>/<key>")
def save_model_part(process_id: int, kind: str, key: str):
    """Save a forum or a step of the case process."""
    process = owned_process_or_404(process_id)
    outline = outline_or_404("modell")
    known = {"forum": outline.forums, "step": outline.case_steps}.get(kind, ())
    if key not in {item.key for item in known}:
        abort(404)
    form = request.form
    part = "forums" if kind == "forum" else "case-steps"
    try:
        store.save_model_part(
            get_session(),
            process,
            kind,
            key,
            form.get("who", ""),
            form.get("when_or_lead", ""),
            form.get("what", ""),
        )
    except Rejected as exc:
        return _rejected(process, "modell", exc, part)
    return _back(process, "modell", f"#{kind}-{key}")


@bp.post("/budget/rader")
def add_budget_line(process_id: int):
    """Add a cost or financing line to the budget."""
    process = owned_process_or_404(process_id)
    form = request.form
    side, _, kind = form.get("kind", "").partition(":")
    try:
        budget.add_budget_line(
            get_session(),
            process,
            side,
            kind,
            form.get("description", ""),
            form.get("amount", ""),
            form.get("share", ""),
        )
    except Rejected as exc:
        return _rejected(process, "budget", exc, "budget")
    return _back(process, "budget", "#del-budget")


@bp.post("/handlingsplan/versioner")
def save_version(process_id: int):
    """Keep the handlingsplan as it is now as a new version."""
    process = owned_process_or_404(process_id)
    db = get_session()
    snapshot = build.snapshot(build.gather(db, content(), process))
    try:
        version = store.save_version(db, process, snapshot, request.form.get("note", ""))
    except Rejected as exc:
        return _rejected(process, "handlingsplan", exc, "versions")
    flash(f"Version {version.number} av handlingsplanen är sparad.")
    return _back(process, "handlingsplan", "#versioner")


@bp.get("/handlingsplan/versioner/jamfor")
def compare_versions(process_id: int):
    """What changed between two saved versions of the handlingsplan."""
    process = owned_process_or_404(process_id)
    db = get_session()
    versions = {v.number: v for v in store.versions_of(db, process)}
    older = versions.get(request.args.get("fran", type=int))
    newer = versions.get(request.args.get("till", type=int))
    if older is None or newer is None:
        abort(404)
    return render_template(
        "documents/compare.html",
        process=process,
        older=older,
        newer=newer,
        lines=diff_lines(older, newer),
    )


def diff_lines(older: ActionPlanVersion, newer: ActionPlanVersion) -> list[tuple[str, str]]:
    """The changed lines between two versions as ("added" | "removed" | "same", text)."""
    kinds = {"+": "added", "-": "removed", " ": "same"}
    changes = difflib.ndiff(older.snapshot.splitlines(), newer.snapshot.splitlines())
    return [(kinds[line[0]], line[2:]) for line in changes if line[0] in kinds]
