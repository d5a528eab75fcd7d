"""Blueprint: the documents' structured parts (goals, tidplan, versions, model, budget).

Every URL here is `…/dokument/<document>/<part word>/…`, and no part word is "avsnitt", so a
part's form can never be caught by the section route or by another part's route.
"""

import datetime as dt
import difflib

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from toolkit.documents import budget, build, forums, store
from toolkit.documents.pages import edit_page, outline_or_404
from toolkit.errors import Rejected
from toolkit.models import ActionPlanVersion, Activity, BudgetLine, Goal
from toolkit.web import content, get_or_404, get_session, login_required, owned_process_or_404

bp = Blueprint("document_parts", __name__, url_prefix="/processer/<int:process_id>/dokument")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


def _outline_with(document: str, part: str):
    """The document's outline when one of its sections shows this part, or 404."""
    outline = outline_or_404(document)
    if outline.section_with_part(part) is None:
        abort(404)
    return outline


def _back(process, outline, anchor: str, message: str = ""):
    if message:
        flash(message)
    return redirect(url_for("documents.edit", process_id=process.id, document=outline.key) + anchor)


def _rejected(process, outline, exc: Rejected, part: str, **extra):
    return edit_page(
        process, outline, 422, part_errors={part: str(exc)}, part_form=request.form, **extra
    )


@bp.post("/<document>/mal")
def add_goal(process_id: int, document: str):
    """Add a goal."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "goals")
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
        return _rejected(process, outline, exc, "goals")
    return _back(process, outline, "#del-goals", "Målet är tillagt.")


@bp.post("/<document>/mal/<int:goal_id>/ta-bort")
def delete_goal(process_id: int, document: str, goal_id: int):
    """Remove a goal."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "goals")
    db = get_session()
    store.delete_row(db, get_or_404(db, Goal, goal_id, process))
    return _back(process, outline, "#del-goals", "Målet är borttaget.")


@bp.post("/<document>/tidplan")
def add_activity(process_id: int, document: str):
    """Add an activity to the tidplan."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "activities")
    form = request.form
    try:
        activity = store.add_activity(
            get_session(),
            process,
            form.get("name", ""),
            form.get("start", ""),
            form.get("end", ""),
            form.get("responsible", ""),
            form.get("status", "planerad"),
        )
    except Rejected as exc:
        return _rejected(process, outline, exc, "activities")
    return _back(process, outline, "#del-activities", f"Aktiviteten {activity.name} är tillagd.")


@bp.post("/<document>/tidplan/exempel")
def add_example_activities(process_id: int, document: str):
    """Start the tidplan from SKR's example activities."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "activities")
    examples = content().outlines.document("handlingsplan").example_activities
    store.add_example_activities(get_session(), process, examples, dt.date.today())
    message = "SKR:s exempelaktiviteter är tillagda. Ändra datum och ansvariga så att de passar er."
    return _back(process, outline, "#del-activities", message)


@bp.post("/<document>/tidplan/<int:activity_id>")
def change_activity(process_id: int, document: str, activity_id: int):
    """Change an activity's status."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "activities")
    db = get_session()
    activity = get_or_404(db, Activity, activity_id, process)
    try:
        store.set_activity_status(db, activity, request.form.get("status", ""))
    except Rejected as exc:
        return _rejected(process, outline, exc, "activities")
    status = store.STATUSES[activity.status].lower()
    return _back(process, outline, "#del-activities", f"{activity.name} är nu {status}.")


@bp.post("/<document>/tidplan/<int:activity_id>/ta-bort")
def delete_activity(process_id: int, document: str, activity_id: int):
    """Remove an activity from the tidplan."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "activities")
    db = get_session()
    activity = get_or_404(db, Activity, activity_id, process)
    name = activity.name
    store.delete_row(db, activity)
    return _back(process, outline, "#del-activities", f"Aktiviteten {name} är borttagen.")


@bp.post("/<document>/huvud")
def save_header(process_id: int, document: str):
    """Save a letter's header block: kommun, förvaltning, diarienummer, datum, nämnd, …"""
    process = owned_process_or_404(process_id)
    outline = outline_or_404(document)
    if not outline.header_fields:
        abort(404)
    values = {item.key: request.form.get(item.key, "") for item in outline.header_fields}
    try:
        store.save_header(get_session(), process, outline.key, values)
    except Rejected as exc:
        return _rejected(process, outline, exc, "header")
    return _back(process, outline, "#huvud", "Sidhuvudet är sparat.")


def _version(form) -> int | None:
    """The version a form's part was read at (a save after someone else's is refused)."""
    typed = form.get("version", "")
    return int(typed) if typed.isdigit() else None


def _forum_defaults():
    return content().outlines.document("modell").forums


@bp.post("/<document>/forum")
def add_forum(process_id: int, document: str):
    """Add a forum to the model (Ragunda has four: a styrgrupp meeting every other week too)."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "forums")
    try:
        forum = forums.add_forum(
            get_session(), process, _forum_defaults(), request.form.get("title", "")
        )
    except Rejected as exc:
        return _rejected(process, outline, exc, "forums", part_key="")
    return _back(process, outline, f"#forum-{forum.key}", f"Forumet {forum.title} är tillagt.")


@bp.post("/<document>/forum/<key>")
def save_forum(process_id: int, document: str, key: str):
    """Save a forum: its name, who sits in it, how often it meets, what it decides."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "forums")
    form = request.form
    texts = (form.get("who", ""), form.get("when_or_lead", ""), form.get("what", ""))
    db = get_session()
    if key not in dict(forums.forum_list(db, process, _forum_defaults())):
        abort(404)
    try:
        forums.save_forum(
            db, process, _forum_defaults(), key, form.get("title"), texts, _version(form)
        )
    except Rejected as exc:
        return _rejected(process, outline, exc, "forums", part_key=key)
    name = forums.forum_title(db, process, _forum_defaults(), key)
    return _back(process, outline, f"#forum-{key}", f"Forumet {name} är sparat.")


@bp.post("/<document>/forum/<key>/flytta")
def move_forum(process_id: int, document: str, key: str):
    """Move a forum up or down in the list."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "forums")
    direction = request.form.get("riktning", "")
    try:
        name = forums.move_forum(get_session(), process, _forum_defaults(), key, direction)
    except Rejected as exc:
        return _rejected(process, outline, exc, "forums", part_key="")
    return _back(process, outline, f"#forum-{key}", f"Forumet {name} är flyttat {direction}.")


@bp.post("/<document>/forum/<key>/ta-bort")
def remove_forum(process_id: int, document: str, key: str):
    """Remove a forum from the model."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "forums")
    try:
        name = forums.remove_forum(get_session(), process, _forum_defaults(), key)
    except Rejected as exc:
        return _rejected(process, outline, exc, "forums", part_key="")
    return _back(process, outline, "#del-forums", f"Forumet {name} är borttaget.")


@bp.post("/<document>/steg/<key>")
def save_case_step(process_id: int, document: str, key: str):
    """Save a step of the case process: who takes part, who leads it, what happens."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "case-steps")
    item = next((item for item in outline.case_steps if item.key == key), None) or abort(404)
    form = request.form
    try:
        store.save_model_part(
            get_session(),
            process,
            "step",
            key,
            form.get("who", ""),
            form.get("when_or_lead", ""),
            form.get("what", ""),
            _version(form),
            f"steget {item.title}",
        )
    except Rejected as exc:
        return _rejected(process, outline, exc, "case-steps", part_key=key)
    return _back(process, outline, f"#step-{key}", f"Steget {item.title} är sparat.")


def _budget_form() -> tuple[str, str, str, str, str]:
    form = request.form
    side, _, kind = form.get("kind", "").partition(":")
    return side, kind, form.get("description", ""), form.get("amount", ""), form.get("share", "")


@bp.post("/<document>/budgetrad")
def add_budget_line(process_id: int, document: str):
    """Add a cost or financing line to the budget."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "budget")
    try:
        line = budget.add_budget_line(get_session(), process, *_budget_form())
    except Rejected as exc:
        return _rejected(process, outline, exc, "budget")
    return _back(process, outline, f"#budgetrad-{line.id}", f"Raden {line.description} är tillagd.")


@bp.post("/<document>/budgetrad/<int:line_id>")
def change_budget_line(process_id: int, document: str, line_id: int):
    """Change a budget line where it stands."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "budget")
    db = get_session()
    line = get_or_404(db, BudgetLine, line_id, process)
    try:
        budget.change_budget_line(db, line, *_budget_form(), request.form.get("read"))
    except Rejected as exc:
        return _rejected(process, outline, exc, "budget-line", editing=line_id)
    return _back(process, outline, f"#budgetrad-{line.id}", f"Raden {line.description} är ändrad.")


@bp.post("/<document>/budgetrad/<int:line_id>/flytta")
def move_budget_line(process_id: int, document: str, line_id: int):
    """Move a budget line up or down in its table."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "budget")
    db = get_session()
    line = get_or_404(db, BudgetLine, line_id, process)
    direction = request.form.get("riktning", "")
    try:
        budget.move_budget_line(db, line, direction)
    except Rejected as exc:
        return _rejected(process, outline, exc, "budget-move")
    message = f"Raden {line.description} är flyttad {direction}."
    return _back(process, outline, f"#budgetrad-{line.id}", message)


@bp.post("/<document>/budgetrad/<int:line_id>/ta-bort")
def delete_budget_line(process_id: int, document: str, line_id: int):
    """Remove a budget line."""
    process = owned_process_or_404(process_id)
    outline = _outline_with(document, "budget")
    db = get_session()
    line = get_or_404(db, BudgetLine, line_id, process)
    description = line.description
    store.delete_row(db, line)
    return _back(process, outline, "#del-budget", f"Raden {description} är borttagen.")


def _handlingsplan_or_404(document: str):
    if document != "handlingsplan":
        abort(404)
    return outline_or_404(document)


@bp.post("/<document>/versioner")
def save_version(process_id: int, document: str):
    """Keep the handlingsplan as it is now as a new version."""
    process = owned_process_or_404(process_id)
    outline = _handlingsplan_or_404(document)
    db = get_session()
    snapshot = build.snapshot(build.gather(db, content(), process))
    try:
        version = store.save_version(db, process, snapshot, request.form.get("note", ""))
    except Rejected as exc:
        return _rejected(process, outline, exc, "versions")
    message = f"Version {version.number} av handlingsplanen är sparad."
    return _back(process, outline, "#versioner", message)


@bp.get("/<document>/versioner/jamfor")
def compare_versions(process_id: int, document: str):
    """What changed between two saved versions of the handlingsplan."""
    process = owned_process_or_404(process_id)
    _handlingsplan_or_404(document)
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
