"""The process leader's pages: processes, their settings, workshops and results."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from toolkit import kinds
from toolkit.errors import Rejected
from toolkit.processes import data as processes
from toolkit.room import answering, joining, steering
from toolkit.vignettes import grouping
from toolkit.web import (
    content,
    current_user,
    get_session,
    login_required,
    owned_process_or_404,
    workshop_or_404,
)

bp = Blueprint("leader", __name__, url_prefix="/processer")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


@bp.get("/")
def list_processes():
    """The leader's processes and a form for a new one."""
    return render_template(
        "processes/processes.html",
        processes=processes.processes_of(get_session(), current_user()),
        defaults=processes.DEFAULT_ORGANISATIONS,
        form={},
    )


@bp.post("/")
def create_process():
    """Create a process with its organisations."""
    db = get_session()
    organisations = request.form.get("organisations", "").splitlines()
    try:
        process = processes.create_process(
            db,
            current_user(),
            request.form.get("name", ""),
            request.form.get("municipality", ""),
            organisations,
        )
    except Rejected as exc:
        return render_template(
            "processes/processes.html",
            processes=processes.processes_of(db, current_user()),
            defaults=processes.DEFAULT_ORGANISATIONS,
            form=request.form,
            error=str(exc),
        ), 422
    flash(f"Processen {process.name} är skapad. Lägg till rollerna och starta workshop 1.")
    return redirect(url_for("leader.show_process", process_id=process.id))


def _process_page(process, status=200, **extra):
    db = get_session()
    return render_template(
        "processes/process.html",
        process=process,
        organisations=processes.organisations_of(db, process),
        roles=processes.roles_of(db, process),
        role_names=processes.ROLES,
        workshops=content().workshops,
        started=steering.started_workshops(db, process),
        participants=joining.count_participants(db, process),
        **extra,
    ), status


@bp.get("/<int:process_id>")
def show_process(process_id: int):
    """A process: its settings, roles, join code and workshops."""
    return _process_page(owned_process_or_404(process_id))


@bp.post("/<int:process_id>/installningar")
def update_settings(process_id: int):
    """Save the process's name, municipality and room settings."""
    process = owned_process_or_404(process_id)
    try:
        processes.update_process(
            get_session(),
            process,
            name=request.form.get("name", ""),
            municipality=request.form.get("municipality", ""),
            show_names=request.form.get("show_names") == "on",
            hold_answers=request.form.get("hold_answers") == "on",
        )
    except Rejected as exc:
        return _process_page(process, 422, settings_error=str(exc))
    flash("Inställningarna är sparade.")
    return redirect(url_for("leader.show_process", process_id=process.id))


@bp.post("/<int:process_id>/organisationer")
def update_organisations(process_id: int):
    """Rename, add or remove the organisations taking part."""
    process = owned_process_or_404(process_id)
    try:
        processes.set_organisations(
            get_session(), process, request.form.get("organisations", "").splitlines()
        )
    except Rejected as exc:
        return _process_page(process, 422, organisations_error=str(exc))
    flash("Organisationerna är sparade.")
    return redirect(url_for("leader.show_process", process_id=process.id) + "#organisationer")


@bp.post("/<int:process_id>/roller")
def add_role_member(process_id: int):
    """Add a person to one of the roles."""
    process = owned_process_or_404(process_id)
    try:
        processes.add_role_member(
            get_session(),
            process,
            request.form.get("role", ""),
            request.form.get("name", ""),
            request.form.get("organisation", ""),
        )
    except Rejected as exc:
        return _process_page(process, 422, roles_error=str(exc), role_form=request.form)
    return redirect(url_for("leader.show_process", process_id=process.id) + "#roller")


@bp.post("/<int:process_id>/roller/<int:member_id>/ta-bort")
def remove_role_member(process_id: int, member_id: int):
    """Remove a person from the roles."""
    process = owned_process_or_404(process_id)
    processes.remove_role_member(get_session(), process, member_id)
    return redirect(url_for("leader.show_process", process_id=process.id) + "#roller")


@bp.post("/<int:process_id>/ny-kod")
def renew_join_code(process_id: int):
    """Replace the join code (e.g. when it has expired or spread too far)."""
    process = owned_process_or_404(process_id)
    processes.renew_join_code(get_session(), process)
    flash(f"Ny kod: {process.join_code}. Den gamla koden fungerar inte längre.")
    return redirect(url_for("leader.show_process", process_id=process.id))


@bp.post("/<int:process_id>/workshop/<workshop_key>/starta")
def start_workshop(process_id: int, workshop_key: str):
    """Start (or return to) a workshop and open the control view."""
    process = owned_process_or_404(process_id)
    steering.start_workshop(get_session(), process, workshop_or_404(workshop_key))
    return redirect(url_for("control.show", process_id=process.id))


@bp.get("/<int:process_id>/workshop/<workshop_key>/resultat")
def results(process_id: int, workshop_key: str):
    """Everything a workshop produced, exercise by exercise."""
    process = owned_process_or_404(process_id)
    workshop = workshop_or_404(workshop_key)
    db = get_session()
    answers = {
        e.key: answering.answers_to(db, process, workshop.key, e.key) for e in workshop.exercises
    }
    extras = {
        e.key: kinds.extra_context(db, content(), process, workshop, e) for e in workshop.exercises
    }
    discussions = []
    if any(e.vignettes for e in workshop.exercises):
        for group in grouping.groups_of(db, process):
            vignette = grouping.vignette_for(db, content(), process, group.vignette_key)
            discussions.append((group, vignette, grouping.answers_of(db, group)))
    return render_template(
        "processes/results.html",
        process=process,
        workshop=workshop,
        answers=answers,
        extras=extras,
        discussions=discussions,
        vignette_questions=content().vignette_questions,
        organisations={o.id: o for o in processes.organisations_of(db, process)},
        names=joining.participant_names(db, process) if process.show_names else {},
    )
