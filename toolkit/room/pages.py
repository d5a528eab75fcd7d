"""What each screen of the room shows: the page contexts shared by the room's blueprints."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from jinja2 import TemplateNotFound

from toolkit import kinds
from toolkit.live import changes
from toolkit.models import Answer, Organisation, Process
from toolkit.processes import data as processes
from toolkit.room import answering, joining, network, steering
from toolkit.vignettes import grouping
from toolkit.web import (
    content,
    current_exercise,
    get_session,
    is_htmx,
    owned_process_or_404,
    render,
)


def room_context(process) -> dict:
    """What the control view and the projector both show about the room now."""
    db = get_session()
    workshop, exercise = current_exercise(process)
    context = {
        "process": process,
        "workshop": workshop,
        "exercise": exercise,
        "organisations": {o.id: o for o in processes.organisations_of(db, process)},
        "participants": joining.count_participants(db, process),
        "names": joining.participant_names(db, process) if process.show_names else {},
        "timer_remaining": steering.timer_remaining(process),
    }
    # How the projector is laid out: the join panel's size and the page the leader asked for.
    wall = steering.workshop_state(db, process) if process.current_workshop else None
    context["join_large"] = exercise is None or wall is None or wall.join_panel_large
    context["projector_page"] = wall.projector_page if wall else 0
    context["pages_turn"] = wall.pages_turn if wall else True
    if exercise is not None:
        context["state"] = steering.exercise_state(db, process, workshop.key, exercise.key)
        context["answers"] = answering.answers_to(db, process, workshop.key, exercise.key)
        # Where the screen's answer list is: it asks for what changed after this (live).
        context["cursor"] = changes.cursor(db, workshop.key, exercise.key, context["answers"])
        context["counts"] = answering.count_answers(db, process, workshop.key)
        context.update(kinds.extra_context(db, content(), process, workshop, exercise))
        # What the leader shows alone: one of the exercise's own parts, or during a report-back
        # one vignette question (kept on the exercise's state, so it outlives the report-back).
        focus = context["state"].focus_question or ""
        context["focus"] = focus if focus in context["kind"].focusable(exercise) else None
        report_focus = focus.removeprefix(steering.REPORT_FOCUS)
        context["report_focus"] = report_focus if focus.startswith(steering.REPORT_FOCUS) else None
    context["reporting"] = grouping.reporting(db, process)
    context["vignette_questions"] = content().vignette_questions
    return context


# The stage's increments: a kind whose projector partial can take new answers as they come has
# kinds/<kind>/_projector_more.html; the stage of any other kind is fetched whole on "answers".
STAGE_MORE = "_projector_more"
# The answer lists' live parts fetch what changed on this event; on this one, the list whole.
CHANGED, STALE = "answers", "stale"


def changes_context(process, cursor_text: str) -> dict | None:
    """What the answer lists need to show what changed since their cursor, or None when they
    must be fetched whole. Lighter than room_context: the answers fetch runs on every answer."""
    db = get_session()
    workshop, exercise = current_exercise(process)
    if exercise is None:
        return None
    found = changes.since(db, process, workshop.key, exercise.key, cursor_text)
    if found is None:
        return None
    state = steering.exercise_state(db, process, workshop.key, exercise.key)
    kind = kinds.KINDS[exercise.kind]
    focus = state.focus_question or ""
    return {
        "focus": focus if focus in kind.focusable(exercise) else None,
        "process": process,
        "workshop": workshop,
        "exercise": exercise,
        "state": state,
        "kind": kind,
        "changes": found,
        "cursor": found.cursor,
        "organisations": {o.id: o for o in processes.organisations_of(db, process)},
        "names": joining.participant_names(db, process) if process.show_names else {},
    }


def render_changes(template: str, context: dict | None, stale_event: str):
    """The changes as out-of-band swaps, or an empty answer that tells the page to fetch the
    list whole (the `live:<stale_event>` event, which its live region listens to)."""
    if context is not None:
        try:
            return render_template(template, **context)
        except TemplateNotFound:
            pass
    response = current_app.response_class("", mimetype="text/html")
    response.headers["HX-Trigger"] = f"live:{stale_event}"
    return response


def status_context(process) -> dict:
    """What the status parts show (participants, timer, the join panel's size): fetched on the
    joins, so without the answers and the rest of room_context.

    Fetched on an event (not the `sista` look after one), the part asks to be fetched once more
    a second later: its region takes at most one join a second (`throttle`), and htmx drops the
    region's events until that second is over, so the second look counts the joins it dropped.
    """
    db = get_session()
    _, exercise = current_exercise(process)
    wall = steering.workshop_state(db, process) if process.current_workshop else None
    return {
        "process": process,
        "participants": joining.count_participants(db, process),
        "timer_remaining": steering.timer_remaining(process),
        "join_large": exercise is None or wall is None or wall.join_panel_large,
        "look_again": "sista" not in request.args,
    }


# What the projector's stage refreshes on besides its kinds' events: the room moving on,
# its settings, the vignette groups reporting back, the leader turning its pages or changing
# its join panel, and a stream that missed events.
STAGE_EVENTS = ("exercise", "process", "vignettes", "projector", "refresh")


def projector_context(process) -> dict:
    """The control view's room context, plus the group reporting back, if any."""
    context = room_context(process)
    # The stage fetches its answers' changes on "answers" (room/projector/_more.html), and
    # itself whole on the other events, or when its changes cannot be sent as changes.
    listened = [name for name in kinds.listened_events() if name != CHANGED]
    context["stage_events"] = [*listened, *STAGE_EVENTS, STALE + "-stage"]
    db = get_session()
    group = grouping.reporting(db, process)
    if group is not None:
        groups = [g for g in grouping.groups_of(db, process) if g.vignette_key]
        context["report"] = {
            "group": group,
            "position": groups.index(group) + 1 if group in groups else 1,
            "count": len(groups),
            "vignette": grouping.vignette_for(db, content(), process, group.vignette_key),
            "answers": grouping.answers_of(db, group),
            "questions": content().vignette_questions,
        }
    return context


def participant_context(participant, whole: bool = True) -> dict:
    """What a participant's screen shows: the exercise and their own answers; for the `whole`
    page also their organisation and the vignette groups (a form's answer needs neither)."""
    db = get_session()
    process = db.get(Process, participant.process_id)
    workshop, exercise = current_exercise(process)
    context = {
        "process": process,
        "participant": participant,
        "workshop": workshop,
        "exercise": exercise,
    }
    if exercise is not None:
        context["state"] = steering.exercise_state(db, process, workshop.key, exercise.key)
        context.update(kinds.extra_context(db, content(), process, workshop, exercise, participant))
        context["mine"] = answering.answers_to(
            db, process, workshop.key, exercise.key, participant=participant
        )
    if not whole:
        return context
    context["groups"] = grouping.groups_of(db, process)
    context["in_group"] = grouping.group_of(db, participant) if context["groups"] else None
    organisation = db.get(Organisation, participant.organisation_id)
    context["organisation"] = organisation if organisation.process_id == process.id else None
    return context


def kept_reply(
    page: str, context: dict, status: int, what: str, message: str, text: str = "", actor: str = ""
):
    """A participant's refused send whose form is gone (the leader moved on, the group was
    made anew): `what` was not saved, said with the message and the typed text in the kept box
    (`#kept`), which the page's refreshes do not replace; the whole `page` without htmx."""
    context.update(kept_refused={"what": what, "message": message, "text": text, "actor": actor})
    if not is_htmx():
        return render_template(page, **context), status
    response = current_app.make_response(
        (render_template("room/participant/_kept.html", **context), status)
    )
    response.headers["HX-Retarget"] = "#kept"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


def join_address() -> str:
    """The address participants type: TOOLKIT_PUBLIC_URL, or the one the leader used, unless
    that is this machine's own (localhost): then the laptop's network address, found by itself."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public
    if network.is_loopback(_asked_host()):
        room = _room_address()
        if room:
            return room
    return request.url_root.rstrip("/")


def _asked_host() -> str:
    """The host name the page was asked for (localhost, an address, a domain), without port."""
    return urlsplit(f"//{request.host}").hostname or ""


def _room_address() -> str | None:
    config = current_app.config
    if "LISTEN_HOST" not in config:
        return None  # not started by `toolkit serve` (gunicorn: TOOLKIT_PUBLIC_URL says it)
    return network.room_address(
        config["LISTEN_HOST"], config.get("LISTEN_PORT", 5000), network.outward_address()
    )


def reachability() -> dict | None:
    """Why the room cannot reach the address shown, and the one step that fixes it; or None."""
    config = current_app.config
    if config.get("PUBLIC_URL") or "LISTEN_HOST" not in config:
        return None
    if not network.is_loopback(_asked_host()) or _room_address():
        return None
    if network.is_loopback(config["LISTEN_HOST"]):
        return {"problem": "only_here"}
    return {"problem": "no_network"}


def show_page(process_id: int, status: int = 200, **extra):
    """The control view page, with an error or kept form when given."""
    process = owned_process_or_404(process_id)
    if process.current_workshop is None:
        flash("Starta en workshop först.")
        return redirect(url_for("leader.show_process", process_id=process.id))
    undo_id = request.args.get("undo", "")
    if undo_id.isdigit():
        removed = get_session().get(Answer, int(undo_id))
        if removed and removed.process_id == process.id and removed.deleted_at:
            extra.setdefault("undo", removed)
    return render(
        "room/control/show.html",
        "room/control/_answers.html",
        status,
        reachability=reachability(),
        **room_context(process),
        **extra,
    )
