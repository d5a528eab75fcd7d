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

from toolkit.circles import changes, mapping
from toolkit.circles.pages import circles_context
from toolkit.errors import Rejected
from toolkit.models import Process
from toolkit.web import content, get_session, is_htmx, login_required, owned_process_or_404, render

bp = Blueprint("circles", __name__)
LEADER = "/processer/<int:process_id>/cirklar"


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
    context = circles_context(get_session(), content(), process)
    back = request.form.get("back") or request.args.get("tillbaka", "cirklar")
    return render_template(
        "circles/_board.html", process=process, back=back, **context, **extra
    ), status


@bp.get(LEADER)
@login_required
def page(process_id: int):
    """The circles on their own page, for working on them outside a workshop."""
    process = owned_process_or_404(process_id)
    context = circles_context(get_session(), content(), process)
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
        changes.add_insats(
            get_session(), process, form.get("text", ""), form.get("region", ""), form.get("level")
        )
    except Rejected as exc:
        return _add_form(process, 422, error=str(exc), form=form)
    return _add_form(
        process, 200, saved="Insatsen är tillagd.", form={"region": form.get("region")}
    )


def _add_form(process: Process, status: int, **extra):
    if not is_htmx():
        return _board(process, status, error=extra.get("error"), message=extra.get("saved"))
    context = circles_context(get_session(), content(), process)
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
            insats = changes.move_insats(db, process, insats_id, form.get("region", ""))
            message = (
                f"”{insats.text}” ligger nu i {mapping.region_names(db, process)[insats.region]}."
            )
        elif action == "andra":
            insats = changes.edit_insats(
                db, process, insats_id, form.get("text", ""), form.get("level")
            )
            message = f"Ändrat till ”{insats.text}”."
        elif action == "ta-bort":
            insats = changes.remove_insats(db, process, insats_id)
            message = f"”{insats.text}” är borttagen."
        else:
            abort(404)
    except Rejected as exc:
        return _board(process, 409 if str(exc) == mapping.GONE else 422, error=str(exc))
    return _board(process, message=message)


@bp.post(LEADER + "/sla-ihop")
@login_required
def merge(process_id: int):
    """Merge duplicate insatser into one."""
    process = owned_process_or_404(process_id)
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    try:
        kept = changes.merge_insatser(get_session(), process, ids, request.form.get("text", ""))
    except Rejected as exc:
        return _board(process, 409 if str(exc) == mapping.GONE else 422, error=str(exc))
    return _board(process, message=f"Sammanslagen till ”{kept.text}”.")


@bp.post(LEADER + "/angra")
@login_required
def undo(process_id: int):
    """Undo the newest move, edit, removal or merge."""
    process = owned_process_or_404(process_id)
    db = get_session()
    try:
        change = changes.undo_last(db, process)
    except Rejected as exc:
        return _board(process, 409, error=str(exc))
    return _board(process, message=f"Ångrat: ”{change.old_text}” är tillbaka.")


@bp.post(LEADER + "/forslag/<int:answer_id>")
@login_required
def from_answer(process_id: int, answer_id: int):
    """Turn a suggestion (an answer from Övning 3) into an insats."""
    process = owned_process_or_404(process_id)
    try:
        insats = changes.add_from_answer(get_session(), process, answer_id)
    except Rejected as exc:
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
    except Rejected as exc:
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
