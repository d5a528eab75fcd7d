"""The three circles on a participant's screen: add insatser, and move them when allowed."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlmodel import Session

from toolkit.circles import changes, mapping
from toolkit.circles.pages import circles_context
from toolkit.errors import Rejected
from toolkit.models import Participant, Process
from toolkit.room import steering
from toolkit.room.pages import kept_reply, participant_context
from toolkit.web import content, current_exercise, get_session, is_htmx, participant_or_403

bp = Blueprint("circles_room", __name__, url_prefix="/rum/<int:process_id>/cirklar")


def _participant(process_id: int) -> tuple[Participant, Process]:
    return participant_or_403(process_id), get_session().get(Process, process_id)


def _participant_part(participant: Participant, process: Process, status: int = 200, **extra):
    """The participant's live part of the circles, or their room page for a plain post."""
    if not is_htmx():
        for text in (extra.get("error"), extra.get("saved")):
            if text:
                flash(text)
        return redirect(url_for("participant.room", process_id=process.id))
    context = circles_context(get_session(), content(), process, participant=participant)
    return render_template(
        "circles/_participant.html", process=process, participant=participant, **context, **extra
    ), status


@bp.get("")
def part(process_id: int):
    """What a participant sees of the circles (refreshed live)."""
    participant, process = _participant(process_id)
    return _participant_part(participant, process)


@bp.post("/insatser")
def add(process_id: int):
    """A participant adds an insats to their organisation's circle."""
    participant, process = _participant(process_id)
    db, form = get_session(), request.form
    region = mapping.circle_slots(db, process).get(participant.organisation_id)
    region = region or form.get("region", "")
    if not _circles_shown(process):  # the form is gone from the screen: the text goes to #kept
        return kept_reply(
            "room/participant/room.html",
            participant_context(participant),
            409,
            "Din insats",
            "Processledaren har gått vidare till en annan övning.",
            form.get("text", ""),
        )
    context = circles_context(db, content(), process, participant=participant)
    try:
        _require_open(db, process)
        if region not in mapping.SLOTS:
            raise Rejected("Välj vilken cirkel insatsen hör till.")
        insats = changes.add_insats(
            db, process, form.get("text", ""), region, form.get("level"), participant=participant
        )
    except Rejected as exc:
        return _participant_form(process, participant, context, 422, error=str(exc), form=form)
    saved = f"Insatsen är sparad i {mapping.region_names(db, process)[insats.region]}."
    return _participant_form(process, participant, context, 200, saved=saved, form={})


def _circles_shown(process: Process) -> bool:
    """Whether the circles are the exercise on the screens now."""
    _, exercise = current_exercise(process)
    return exercise is not None and exercise.kind == "circles"


def _require_open(db: Session, process: Process) -> None:
    """The circles on the screens take new insatser (the leader has not closed them)."""
    workshop, exercise = current_exercise(process)
    if not steering.exercise_state(db, process, workshop.key, exercise.key).is_open:
        raise Rejected("Övningen är stängd för nya insatser. Din text finns kvar här.")


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


@bp.post("/insatser/<int:insats_id>/flytta")
def move(process_id: int, insats_id: int):
    """A participant moves an insats, when the process leader allows it."""
    participant, process = _participant(process_id)
    db = get_session()
    if not mapping.setup_of(db, process).participants_may_move:
        return _participant_part(
            participant, process, 403, error="Processledaren flyttar insatserna i den här övningen."
        )
    try:
        changes.move_insats(db, process, insats_id, request.form.get("region", ""))
    except Rejected as exc:
        return _participant_part(participant, process, 409, error=str(exc))
    return _participant_part(participant, process)


@bp.post("/insatser/<int:insats_id>/ta-bort")
def remove(process_id: int, insats_id: int):
    """A participant removes one of their own insatser (the process leader can undo it)."""
    participant, process = _participant(process_id)
    db = get_session()
    try:
        insats = changes.live_insats(db, process, insats_id)
        if insats.participant_id != participant.id:
            abort(403)
        changes.remove_insats(db, process, insats_id)
    except Rejected as exc:
        return _participant_part(participant, process, 409, error=str(exc))
    return _participant_part(participant, process, saved=f"”{insats.text}” är borttagen.")
