"""Participants' vignette discussion: choosing a group, its vignette, and the group's answers."""

from flask import Blueprint, redirect, render_template, request, url_for

from toolkit.errors import Rejected
from toolkit.models import Process
from toolkit.room.pages import kept_reply
from toolkit.vignettes import grouping
from toolkit.web import content, get_session, is_htmx, participant_or_403, render

# The name is older than this module; the room's templates link to its endpoints by it.
bp = Blueprint("participant_kinds", __name__, url_prefix="/rum/<int:process_id>")

PAGE, PART = "room/participant/vignette.html", "room/participant/_vignette.html"


GROUP_GONE = (
    "Gruppen finns inte längre: processledaren har delat in grupperna på nytt. "
    "Din text finns kvar här – kopiera den om du vill."
)
CHANGED = (
    "Din grupp eller gruppens vinjett har ändrats sedan du började skriva, så svaret sparades "
    "inte. Din text finns kvar här – kopiera den om du vill."
)
NO_VIGNETTE = (
    "Processledaren har tagit bort gruppens vinjett, så svaret sparades inte. "
    "Din text finns kvar här – kopiera den om du vill."
)


def _form_gone(group, vignette, sent_to: str) -> str | None:
    """Why the form a group answer came from is gone from the participant's screen, if it is.

    The form names its group and vignette (`grouping.form_group`): ids are used again once
    the groups are made anew, so the vignette tells a new group from the old one too.
    """
    if group is None:
        return GROUP_GONE
    if vignette is None:
        return NO_VIGNETTE
    if sent_to and sent_to != grouping.form_group(group):
        return CHANGED
    return None


def _group_context(process_id: int) -> dict:
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    group = grouping.group_of(db, participant)
    vignette = (
        grouping.vignette_for(db, content(), process, group.vignette_key)
        if group and group.vignette_key
        else None
    )
    return {
        "process": process,
        "participant": participant,
        "groups": grouping.groups_of(db, process),
        "group": group,
        "vignette": vignette,
        "questions": content().vignette_questions,
        "group_answers": grouping.answers_of(db, group) if group else [],
        "form_group": grouping.form_group,
    }


@bp.get("/_grupp")
def group_link(process_id: int):
    """The link to the participant's discussion group (refreshed live)."""
    context = _group_context(process_id)
    return render_template(
        "room/participant/_group_link.html", in_group=context["group"], **context
    )


@bp.get("/vinjett")
def vignette(process_id: int):
    """The participant's group, its vignette and the group's answers (refreshed live)."""
    return render(PAGE, PART, **_group_context(process_id))


@bp.post("/vinjett/grupp")
def choose_group(process_id: int):
    """Join a discussion group of one's own choice."""
    participant = participant_or_403(process_id)
    db = get_session()
    process = db.get(Process, process_id)
    group_id = request.form.get("group", "")
    try:
        grouping.join_group(db, process, participant, int(group_id) if group_id.isdigit() else -1)
    except Rejected as exc:
        return render(PAGE, PART, 422, error=str(exc), **_group_context(process_id))
    return redirect(url_for("participant_kinds.vignette", process_id=process_id))


@bp.post("/vinjett/svar")
def group_answer(process_id: int):
    """Add the group's answer to one of the vignette questions."""
    context = _group_context(process_id)
    db, group = get_session(), context["group"]
    question, text, key = (request.form.get(n, "") for n in ("question", "text", "key"))
    # A retry of a send already stored is saved, whatever the groups are now.
    if grouping.answer_sent(db, context["participant"], key) is None:
        gone = _form_gone(group, context["vignette"], request.form.get("group", ""))
        if gone:
            return kept_reply(PAGE, context, 409, "Gruppens svar", gone, text)
    try:
        grouping.add_group_answer(
            db, content(), group, context["participant"], question, text, key=key
        )
    except Rejected as exc:
        context.update(error=str(exc), kept_question=question, kept_text=text)
        return render(PAGE, PART, 422, **context)
    if is_htmx():
        return render_template(PART, saved_question=question, **_group_context(process_id))
    return redirect(url_for("participant_kinds.vignette", process_id=process_id) + f"#{question}")
