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

from toolkit import circles, data, mapping
from toolkit.db import get_session
from toolkit.models import Participant, Process
from toolkit.web import (
    content,
    is_htmx,
    login_required,
    owned_process_or_404,
    participant_for,
    render,
)

bp = Blueprint("circles", __name__)
LEADER = "/processer/<int:process_id>/cirklar"
PARTICIPANT = "/rum/<int:process_id>/cirklar"


def circles_context(
    db: Session, process: Process, workshop=None, exercise=None, participant=None
) -> dict:
    """What every view of the circles shows: the picture, the regions and their insatser."""
    names = mapping.circle_org_names(db, process)
    regions = mapping.regions_for(db, process)
    insatser = mapping.insatser_of(db, process)
    setup = mapping.setup_of(db, process)
    context = {
        "circle_names": names,
        "circle_organisations": mapping.circle_organisations(db, process),
        "all_organisations": data.organisations_of(db, process),
        "region_labels": mapping.region_names(db, process),
        "by_region": {r: [i for i in insatser if i.region == r] for r in circles.REGIONS},
        "insats_count": len(insatser),
        "circles_svg": Markup(
            circles.render_svg(names, regions, title=mapping.figure_title(process))
        ),
        "circles_alt": circles.alt_text(names, regions),
        "circle_setup": setup,
        "levels": mapping.LEVELS,
        "may_move": participant is None or setup.participants_may_move,
        "board_participant": participant,
    }
    if participant is not None:
        context["my_circle"] = mapping.circle_slots(db, process).get(participant.organisation_id)
        return context
    change = mapping.last_change(db, process)
    context["undo_text"] = mapping.describe_change(db, process, change) if change else None
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
        mapping.add_insats(
            get_session(), process, form.get("text", ""), form.get("region", ""), form.get("level")
        )
    except data.Rejected as exc:
        return _add_form(process, 422, error=str(exc), form=form)
    return _add_form(process, 200, saved="Insatsen är tillagd.", form={"region": form["region"]})


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
            insats = mapping.move_insats(db, process, insats_id, form.get("region", ""))
            message = (
                f"”{insats.text}” ligger nu i {mapping.region_names(db, process)[insats.region]}."
            )
        elif action == "andra":
            insats = mapping.edit_insats(
                db, process, insats_id, form.get("text", ""), form.get("level")
            )
            message = f"Ändrat till ”{insats.text}”."
        elif action == "ta-bort":
            insats = mapping.remove_insats(db, process, insats_id)
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
        kept = mapping.merge_insatser(get_session(), process, ids, request.form.get("text", ""))
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
        change = mapping.undo_last(db, process)
    except data.Rejected as exc:
        return _board(process, 409, error=str(exc))
    return _board(process, message=f"Ångrat: ”{change.old_text}” är tillbaka.")


@bp.post(LEADER + "/forslag/<int:answer_id>")
@login_required
def from_answer(process_id: int, answer_id: int):
    """Turn a suggestion (an answer from Övning 3) into an insats."""
    process = owned_process_or_404(process_id)
    try:
        insats = mapping.add_from_answer(get_session(), process, answer_id)
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


# Participants


def _participant(process_id: int) -> tuple[Participant, Process]:
    participant = participant_for(process_id)
    if participant is None:
        abort(403)
    return participant, get_session().get(Process, process_id)


def _participant_part(participant: Participant, process: Process, status: int = 200, **extra):
    """The participant's live part of the circles, or their room page for a plain post."""
    if not is_htmx():
        for text in (extra.get("error"), extra.get("saved")):
            if text:
                flash(text)
        return redirect(url_for("participant.room", process_id=process.id))
    context = circles_context(get_session(), process, participant=participant)
    return render_template(
        "circles/_participant.html", process=process, participant=participant, **context, **extra
    ), status


@bp.get(PARTICIPANT)
def participant_part(process_id: int):
    """What a participant sees of the circles (refreshed live)."""
    participant, process = _participant(process_id)
    return _participant_part(participant, process)


@bp.post(PARTICIPANT + "/insatser")
def participant_add(process_id: int):
    """A participant adds an insats to their organisation's circle."""
    participant, process = _participant(process_id)
    db, form = get_session(), request.form
    region = mapping.circle_slots(db, process).get(participant.organisation_id)
    region = region or form.get("region", "")
    context = circles_context(db, process, participant=participant)
    try:
        _require_open(db, process)
        if region not in mapping.SLOTS:
            raise data.Rejected("Välj vilken cirkel insatsen hör till.")
        insats = mapping.add_insats(
            db, process, form.get("text", ""), region, form.get("level"), participant=participant
        )
    except data.Rejected as exc:
        return _participant_form(process, participant, context, 422, error=str(exc), form=form)
    saved = f"Insatsen är sparad i {mapping.region_names(db, process)[insats.region]}."
    return _participant_form(process, participant, context, 200, saved=saved, form={})


def _require_open(db: Session, process: Process) -> None:
    workshop = content().workshop(process.current_workshop)
    exercise = workshop.exercise(process.current_exercise) if workshop else None
    if exercise is None or exercise.kind != "circles":
        raise data.Rejected(
            "Processledaren har gått vidare till en annan övning. Din text finns kvar."
        )
    if not data.exercise_state(db, process, workshop.key, exercise.key).is_open:
        raise data.Rejected("Övningen är stängd för nya insatser. Din text finns kvar här.")


def _participant_form(process, participant, context, status, **extra):
    if not is_htmx():
        return _participant_part(participant, process, status, **extra)
    html = render_template(
        "circles/_participant_form.html",
        process=process,
        participant=participant,
        **context,
        **extra,
    )
    return html, status


@bp.post(PARTICIPANT + "/insatser/<int:insats_id>/flytta")
def participant_move(process_id: int, insats_id: int):
    """A participant moves an insats, when the process leader allows it."""
    participant, process = _participant(process_id)
    db = get_session()
    if not mapping.setup_of(db, process).participants_may_move:
        return _participant_part(
            participant, process, 403, error="Processledaren flyttar insatserna i den här övningen."
        )
    try:
        mapping.move_insats(db, process, insats_id, request.form.get("region", ""))
    except data.Rejected as exc:
        return _participant_part(participant, process, 409, error=str(exc))
    return _participant_part(participant, process)
