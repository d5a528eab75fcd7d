"""The process leader's data: download and upload a process, forget names, delete a process."""

import json
import re

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from toolkit.errors import Rejected
from toolkit.models import Process, utcnow
from toolkit.processes import backup, retention
from toolkit.processes import data as processes
from toolkit.web import current_user, get_session, login_required, owned_process_or_404

bp = Blueprint("processdata", __name__, url_prefix="/processer")

UPLOAD_LIMIT = 50 * 1024 * 1024  # a large process with years of answers is a few megabytes


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


@bp.get("/<int:process_id>/sakerhetskopia")
def download(process_id: int):
    """The process and everything recorded in it, as one JSON file to keep or move."""
    process = owned_process_or_404(process_id)
    content = json.dumps(backup.dump(get_session(), [process.id]), ensure_ascii=False, indent=1)
    slug = re.sub(r"[^a-z0-9]+", "-", process.name.lower()).strip("-") or "process"
    filename = f"{slug}-{utcnow():%Y-%m-%d}.json"
    return current_app.response_class(
        content,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.post("/aterstall")
def upload():
    """Add the processes in a downloaded file to this server, owned by the leader."""
    db = get_session()
    try:
        process_ids = backup.restore(
            db,
            backup.read(_uploaded_backup()),
            current_user().id,
            with_team=request.form.get("with_team") == "on",
        )
    except Rejected as exc:
        db.rollback()
        return render_template(
            "processes/processes.html",
            processes=processes.processes_of(db, current_user()),
            defaults=processes.DEFAULT_ORGANISATIONS,
            form={},
            restore_error=str(exc),
        ), 422
    if len(process_ids) != 1:
        flash(f"{len(process_ids)} processer är hämtade från filen.")
        return redirect(url_for("leader.list_processes"))
    process = db.get(Process, process_ids[0])
    flash(f"Processen är hämtad från filen. Deltagarna ansluter med koden {process.join_code}.")
    return redirect(url_for("leader.show_process", process_id=process.id))


def _uploaded_backup() -> bytes:
    """The uploaded file's bytes, or Rejected when there is none or it is too large."""
    too_large = Rejected("Filen är för stor för en säkerhetskopia.")
    try:
        file = request.files.get("backup")
    except RequestEntityTooLarge:  # the server's own limit on a request, if it has one
        raise too_large from None
    if file is None or not file.filename:
        raise Rejected("Välj filen med säkerhetskopian.")
    raw = file.read(UPLOAD_LIMIT + 1)
    if len(raw) > UPLOAD_LIMIT:
        raise too_large
    return raw


@bp.post("/<int:process_id>/ta-bort-namn")
def remove_names(process_id: int):
    """Forget the names participants gave; their answers stay, shown by organisation."""
    process = owned_process_or_404(process_id)
    removed = retention.remove_participant_names(get_session(), process)
    flash(f"Deltagarnas namn är borttagna ({removed} st). Svaren finns kvar.")
    return redirect(url_for("leader.show_process", process_id=process.id))


@bp.route("/<int:process_id>/radera", methods=["GET", "POST"])
def delete(process_id: int):
    """Delete the process with everything in it, once its name is typed to confirm."""
    process = owned_process_or_404(process_id)
    if request.method == "GET":
        return render_template("processes/delete.html", process=process, typed="")
    typed = request.form.get("confirm_name", "")
    if typed.strip() != process.name:
        error = f"Skriv processens namn, {process.name}, exakt för att radera den."
        return render_template(
            "processes/delete.html", process=process, typed=typed, error=error
        ), 422
    name = process.name
    retention.delete_process(get_session(), process)
    flash(f"Processen {name} och allt som sparats i den är raderat.")
    return redirect(url_for("leader.list_processes"))
