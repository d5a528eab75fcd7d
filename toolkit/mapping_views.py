"""The three circles in the room and on their own page: add, move, edit, merge, undo, download."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlmodel import Session

from toolkit import circles, data, mapping, mapping_changes
from toolkit.db import get_session
from toolkit.models import Process
from toolkit.web import (
    content,
    is_htmx,
    login_required,
    owned_process_or_404,
    render,
)

bp = Blueprint("circles", __name__)
LEADER = "/processer/<int:process_id>/cirklar"


def circles_context(
    db: Session, process: Process, workshop=None, exercise=None, participant=None
) -> dict:
    """What every view of the circles shows: the picture, the regions and their insatser."""
    # Read each thing once: every participant's screen asks for this on every change.
    circle_orgs = mapping.circle_organisations(db, process)
    names = mapping.names_of(circle_orgs)
    insatser = mapping.insatser_of(db, process)
    regions = mapping.texts_by_region(insatser)
    setup = mapping.setup_of(db, process)
    context = {
        "circle_names": names,
        "circle_organisations": circle_orgs,
        "region_labels": mapping.labels_of(names),
        "by_region": {r: [i for i in insatser if i.region == r] for r in circles.REGIONS},
        "insats_count": len(insatser),
        "circles_alt": circles.alt_text(names, regions),
        "circle_setup": setup,
        "levels": mapping.LEVELS,
        "may_move": participant is None or setup.participants_may_move,
        "board_participant": participant,
    }
    if participant is not None:
        # Participants see the table, not the picture: drawing it for each of them is wasted.
        context["my_circle"] = mapping.slots_of(circle_orgs).get(participant.organisation_id)
        return context
    context["all_organisations"] = data.organisations_of(db, process)
    svg = circles.render_svg(names, regions, title=mapping.figure_title(process))
    context["circles_svg"] = Markup(svg)  # escaped by circles.render_svg
    change = mapping_changes.last_change(db, process)
    context["undo_text"] = mapping_changes.describe_change(db, process, change) if change else None
    source = _suggestion_source(workshop, exercise)
    context["suggestion_title"] = source[1].title if source else None
    context["suggestions"] = (
        mapping.suggestions(db, process, source[0].key, source[1].key) if source else []
    )
    return context


def _suggestion_source(workshop, exercise):
    """The workshop and exercise whose answers the circles offer as insatser, if any."""
    for candidate in content().workshops if workshop is None else (workshop,):
        for item in candidate.exercises:
            if item.kind == "circles" and (exercise is None or item.key == exercise.key):
                source = candidate.exercise(item.suggestions_from)
                if source is not None:
                    return candidate, source
    return None


def _board(process: Process, status: int = 200, **extra):
    """The leader's board fragment, or a redirect back for a plain form post."""
    if not is_htmx():
        for text in (extra.get("error"), extra.get("message")):
            if text:
                flash(text)
        back = request.form.get("back")
        if back == "styr":
            return redirect(url_for("control.show", process_id=process.id) + "#cirklar")
        return redirect(url_for("circles.page", process_id=process.id))
    context = circles_context(get_session(), process)
    back = request.form.get("back") or request.args.get("tillbaka", "cirklar")
    return render_template(
        "circles/_board.html", process=process, back=back, **context, **extra
    ), status


@bp.get(LEADER)
@login_required
def page(process_id: int):
    """The circles on their own page, for working on them outside a workshop."""
    process = owned_process_or_404(process_id)
    context = circles_context(get_session(), process)
    return render("circles/page.html", "circles/_board.html", process=process, **context)


@bp.get(LEADER + "/_tavla")
@login_required
def board(process_id: int):
    """The leader's board: picture, regions and insatser (refreshed live)."""
    return _board(owned_process_or_404(process_id))


@bp.post(LEADER + "/insatser")
@login_required
def add(process_id: int):
    """Add an insats straight into any region."""
    process = owned_process_or_404(process_id)
    form = request.form
    try:
        mapping_changes.add_insats(
            get_session(), process, form.get("text", ""), form.get("region", ""), form.get("level")
        )
    except data.Rejected as exc:
        return _add_form(process, 422, error=str(exc), form=form)
    return _add_form(
        process, 200, saved="Insatsen är tillagd.", form={"region": form.get("region")}
    )


def _add_form(process: Process, status: int, **extra):
    if not is_htmx():
        return _board(process, status, error=extra.get("error"), message=extra.get("saved"))
    context = circles_context(get_session(), process)
    html = render_template("circles/_add_form.html", process=process, **context, **extra)
    return html, status


@bp.post(LEADER + "/insatser/<int:insats_id>/<action>")
@login_required
def change(process_id: int, insats_id: int, action: str):
    """Move, edit or remove an insats."""
    process = owned_process_or_404(process_id)
    db, form = get_session(), request.form
    try:
        if action == "flytta":
            insats = mapping_changes.move_insats(db, process, insats_id, form.get("region", ""))
            message = (
                f"”{insats.text}” ligger nu i {mapping.region_names(db, process)[insats.region]}."
            )
        elif action == "andra":
            insats = mapping_changes.edit_insats(
                db, process, insats_id, form.get("text", ""), form.get("level")
            )
            message = f"Ändrat till ”{insats.text}”."
        elif action == "ta-bort":
            insats = mapping_changes.remove_insats(db, process, insats_id)
            message = f"”{insats.text}” är borttagen."
        else:
            abort(404)
    except data.Rejected as exc:
        return _board(process, 409 if str(exc) == mapping.GONE else 422, error=str(exc))
    return _board(process, message=message)


@bp.post(LEADER + "/sla-ihop")
@login_required
def merge(process_id: int):
    """Merge duplicate insatser into one."""
    process = owned_process_or_404(process_id)
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    try:
        kept = mapping_changes.merge_insatser(
            get_session(), process, ids, request.form.get("text", "")
        )
    except data.Rejected as exc:
        return _board(process, 409 if str(exc) == mapping.GONE else 422, error=str(exc))
    return _board(process, message=f"Sammanslagen till ”{kept.text}”.")


@bp.post(LEADER + "/angra")
@login_required
def undo(process_id: int):
    """Undo the newest move, edit, removal or merge."""
    process = owned_process_or_404(process_id)
    db = get_session()
    try:
        change = mapping_changes.undo_last(db, process)
    except data.Rejected as exc:
        return _board(process, 409, error=str(exc))
    return _board(process, message=f"Ångrat: ”{change.old_text}” är tillbaka.")


@bp.post(LEADER + "/forslag/<int:answer_id>")
@login_required
def from_answer(process_id: int, answer_id: int):
    """Turn a suggestion (an answer from Övning 3) into an insats."""
    process = owned_process_or_404(process_id)
    try:
        insats = mapping_changes.add_from_answer(get_session(), process, answer_id)
    except data.Rejected as exc:
        return _board(process, 409, error=str(exc))
    return _board(process, message=f"”{insats.text}” är tillagd i cirkeln.")


@bp.post(LEADER + "/installningar")
@login_required
def settings(process_id: int):
    """Choose the circles' organisations and whether participants may move insatser."""
    process = owned_process_or_404(process_id)
    chosen = [request.form.get(f"circle_{slot}", "") for slot in mapping.SLOTS]
    try:
        mapping.set_setup(
            get_session(),
            process,
            [int(v) if v.isdigit() else None for v in chosen],
            request.form.get("participants_may_move") == "on",
        )
    except data.Rejected as exc:
        flash(str(exc))
    else:
        flash("Cirklarnas inställningar är sparade.")
    if request.form.get("back") == "styr":
        return redirect(url_for("control.show", process_id=process.id) + "#cirklar-installningar")
    return redirect(url_for("circles.page", process_id=process.id) + "#cirklar-installningar")


@bp.get(LEADER + ".png")
@login_required
def png(process_id: int):
    """The filled circles as a PNG to download."""
    process = owned_process_or_404(process_id)
    return _download(mapping.render_png(get_session(), process), "image/png", "png")


@bp.get(LEADER + ".svg")
@login_required
def svg(process_id: int):
    """The filled circles as an SVG to download."""
    process = owned_process_or_404(process_id)
    body = mapping.render_svg(get_session(), process).encode()
    return _download(body, "image/svg+xml", "svg")


def _download(body: bytes, mimetype: str, suffix: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="tre-cirklar.{suffix}"'
    response.headers["Cache-Control"] = "no-store"
    return response
