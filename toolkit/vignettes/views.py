"""The process leader's vignette discussion: pick vignettes, form groups, run the report-back."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from toolkit.errors import Rejected
from toolkit.models import VignetteGroup
from toolkit.processes import data as processes
from toolkit.vignettes import grouping
from toolkit.web import content, get_or_404, get_session, login_required, owned_process_or_404

bp = Blueprint("vignettes", __name__, url_prefix="/processer/<int:process_id>/vinjetter")

STAGE_NAMES = {
    "forskola": "Förskola",
    "f-3": "Grundskola F–3",
    "4-6": "Grundskola 4–6",
    "7-9": "Grundskola 7–9",
    "gymnasiet": "Gymnasiet",
}


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


def _filtered(vignettes: list, args) -> list:
    """The vignettes within the chosen ages and target group."""
    low, high = args.get("fran", ""), args.get("till", "")
    group = args.get("malgrupp", "")
    return [
        v
        for v in vignettes
        if (not low.isdigit() or v.age >= int(low))
        and (not high.isdigit() or v.age <= int(high))
        and (not group or group in v.target_groups)
    ]


def _page(process, status: int = 200, **extra):
    db = get_session()
    every = grouping.vignettes_for(db, content(), process)
    groups = grouping.groups_of(db, process)
    return render_template(
        "vignettes/show.html",
        process=process,
        vignettes=_filtered(every, request.args),
        all_vignettes=every,
        target_groups=content().target_groups.groups,
        stage_names=STAGE_NAMES,
        groups=groups,
        members=grouping.members_of(db, process),
        organisations={o.id: o for o in processes.organisations_of(db, process)},
        answers={g.id: grouping.answers_of(db, g) for g in groups},
        reporting=grouping.reporting(db, process),
        filters=request.args,
        **({"form": {}} | extra),
    ), status


@bp.get("")
def show(process_id: int):
    """Vignettes with filters, the groups and their vignettes, and the report-back."""
    return _page(owned_process_or_404(process_id))


@bp.post("/grupper")
def create_groups(process_id: int):
    """Split the room into a number of groups, mixing organisations if asked."""
    process = owned_process_or_404(process_id)
    db = get_session()
    count = request.form.get("count", "")
    try:
        grouping.create_groups(db, process, int(count) if count.isdigit() else 0)
        if request.form.get("assign") == "mixed":
            grouping.assign_mixed(db, process)
    except Rejected as exc:
        db.rollback()
        return _page(process, 422, groups_error=str(exc))
    flash("Grupperna är skapade.")
    return redirect(url_for("vignettes.show", process_id=process.id) + "#grupper")


@bp.post("/grupper/blanda")
def assign_mixed(process_id: int):
    """Put every participant in a group, mixing organisations."""
    process = owned_process_or_404(process_id)
    try:
        grouping.assign_mixed(get_session(), process)
    except Rejected as exc:
        return _page(process, 422, groups_error=str(exc))
    return redirect(url_for("vignettes.show", process_id=process.id) + "#grupper")


@bp.post("/grupper/<int:group_id>")
def give_vignette(process_id: int, group_id: int):
    """Give a group a vignette."""
    process = owned_process_or_404(process_id)
    db = get_session()
    group = get_or_404(db, VignetteGroup, group_id, process)
    try:
        grouping.give_vignette(db, content(), process, group, request.form.get("vignette", ""))
    except Rejected as exc:
        return _page(process, 422, groups_error=str(exc))
    return redirect(url_for("vignettes.show", process_id=process.id) + "#grupper")


@bp.post("/aterrapportering")
def report(process_id: int):
    """Start the report-back on the projector, step between groups, or end it."""
    process = owned_process_or_404(process_id)
    step = request.form.get("step", "")
    if step not in ("start", "next", "previous", "stop"):
        abort(400)
    try:
        grouping.report(get_session(), process, step)
    except Rejected as exc:
        return _page(process, 422, report_error=str(exc))
    return redirect(url_for("vignettes.show", process_id=process.id) + "#aterrapportering")


@bp.post("/lokal")
def add_local(process_id: int):
    """Add a local, fictional vignette."""
    process = owned_process_or_404(process_id)
    form = request.form.to_dict() | {"target_groups": request.form.getlist("target_groups")}
    try:
        grouping.add_local_vignette(get_session(), content(), process, form)
    except Rejected as exc:
        return _page(process, 422, local_error=str(exc), form=form)
    flash("Den lokala vinjetten är sparad.")
    return redirect(url_for("vignettes.show", process_id=process.id) + "#vinjettlista")
