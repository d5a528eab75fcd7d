"""Blueprint: the documents pages (edit sections, preview, send answers, download, template)."""

import difflib
from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from toolkit.documents import build, store, word_template
from toolkit.documents.export import FORMATS, export_document
from toolkit.documents.pages import edit_page, outline_or_404
from toolkit.documents.progress import progress_of
from toolkit.documents.sources import Material, label
from toolkit.errors import Rejected
from toolkit.models import SECTION_MAX_LENGTH, Answer
from toolkit.texts.markup import render_markdown
from toolkit.web import (
    content,
    get_or_404,
    get_session,
    is_htmx,
    login_required,
    owned_process_or_404,
)

bp = Blueprint("documents", __name__, url_prefix="/processer/<int:process_id>/dokument")


@bp.before_request
@login_required
def _require_login():
    """Every page here is for a logged-in process leader."""


@bp.app_context_processor
def _outlines():
    """The documents' outlines, for the "send to section" control on workshop screens."""
    return {"document_outlines": content().outlines}


@bp.get("")
def index(process_id: int):
    """The process's documents, with downloads and the Word template."""
    process = owned_process_or_404(process_id)
    db = get_session()
    gathered = build.gather(db, content(), process)
    return render_template(
        "documents/index.html",
        process=process,
        outlines=content().outlines.documents,
        updated=gathered.updated,
        progress=progress_of(db, content(), process, gathered),
        template=word_template.template_of(db, process),
    )


@bp.get("/<document>")
def edit(process_id: int, document: str):
    """A document: every section with its text, its workshop material and its parts."""
    process, outline = owned_process_or_404(process_id), outline_or_404(document)
    return edit_page(process, outline, editing=request.args.get("andra-rad", type=int))


@bp.post("/<document>/avsnitt/<section_key>")
def save_section(process_id: int, document: str, section_key: str):
    """Save a section's text, unless someone else changed it since the page was read.

    The form carries the version its text was read at. A save based on an older version
    saves nothing and shows both texts side by side; the leader keeps theirs ("min"), takes
    the stored one ("deras") or edits the two merged ("sammanfoga").
    """
    process = owned_process_or_404(process_id)
    outline = outline_or_404(document)
    section = outline.section(section_key) or abort(404)
    text = request.form.get("text", "")
    choice = request.form.get("val", "")
    typed = request.form.get("version", "")
    version = int(typed) if typed.isdigit() else None
    db = get_session()
    if choice == "deras":
        return _after_save(process, outline, section, "Den sparade texten gäller.")
    if choice == "sammanfoga":
        stored = store.sections_of(db, process).get((outline.key, section.key))
        theirs, now = (stored.text, stored.version) if stored else ("", 0)
        merged = {"mine": merge_lines(theirs, text), "theirs": theirs, "version": now}
        return _refused(process, outline, section, 200, text, conflict=dict(merged, merged=True))
    try:
        store.save_section(db, process, outline.key, section.key, text, version)
    except store.Conflict as exc:
        conflict = {"mine": text, "theirs": exc.text, "version": exc.version}
        return _refused(process, outline, section, 409, text, conflict=conflict)
    except Rejected as exc:
        return _refused(process, outline, section, 422, text, error=str(exc))
    return _after_save(process, outline, section, "Sparat")


def merge_lines(theirs: str, mine: str) -> str:
    """Both texts in one: the lines they share once, each text's own lines where they stood."""
    changes = difflib.ndiff(theirs.splitlines(), mine.replace("\r\n", "\n").splitlines())
    return "\n".join(line[2:] for line in changes if line[:1] in (" ", "-", "+"))


def _refused(process, outline, section, status, text, error="", conflict=None):
    """The section again with the typed text kept: with its error, or both texts side by side."""
    if is_htmx():
        extra = {"section_conflicts": {section.key: conflict}} if conflict else {"error": error}
        return _section_fragment(process, outline, section, status, text=text, **extra)
    return edit_page(
        process,
        outline,
        status,
        section_errors={section.key: error} if error else {},
        section_conflicts={section.key: conflict} if conflict else {},
        section_input={section.key: text},
    )


def _after_save(process, outline, section, message: str):
    if is_htmx():
        return _section_fragment(process, outline, section, saved_now=message)
    flash(f"Avsnittet {section.title} är sparat." if message == "Sparat" else message)
    return redirect(
        url_for(".edit", process_id=process.id, document=outline.key) + f"#avsnitt-{section.key}"
    )


def _section_fragment(process, outline, section, status=200, **extra):
    db = get_session()
    gathered = build.gather(db, content(), process)
    material = Material(db, content(), process)
    return render_template(
        "documents/_section.html",
        process=process,
        outline=outline,
        section=section,
        gathered=gathered,
        material={section.key: material.for_section(section)},
        line=material.line,
        saved=store.sections_of(db, process),
        max_length=SECTION_MAX_LENGTH,
        **extra,
    ), status


@bp.post("/forhandsvisning")
def preview(process_id: int):
    """The Markdown typed so far, rendered as the page will show it (sanitised)."""
    owned_process_or_404(process_id)
    text = request.form.get("text", "")[: SECTION_MAX_LENGTH * 2]
    return render_template("documents/_preview.html", html=render_markdown(text))


@bp.post("/skicka")
def send_answer(process_id: int):
    """Send a workshop answer to a chosen section of a document, with a note of its source."""
    process = owned_process_or_404(process_id)
    db = get_session()
    answer_id = request.form.get("answer", "")
    answer = get_or_404(db, Answer, int(answer_id) if answer_id.isdigit() else 0, process)
    document, _, section_key = request.form.get("target", "").partition("/")
    outline = content().outlines.document(document)
    section = outline.section(section_key) if outline else None
    if section is None:
        return _sent("Välj först vilket avsnitt svaret ska skickas till.", 422)
    material = Material(db, content(), process)
    start = build.gather(db, content(), process).texts[(outline.key, section.key)]
    note = label(content(), answer.workshop_key, answer.exercise_key, answer.question_key)
    organisation = material.organisations.get(answer.organisation_id)
    try:
        store.append_to_section(
            db,
            process,
            outline.key,
            section.key,
            start,
            answer.text,
            f"{note}, {organisation}" if organisation else note,
            label(content(), answer.workshop_key, answer.exercise_key),
        )
    except Rejected as exc:
        return _sent(str(exc), 422)
    return _sent(f"Skickat till {section.title} ({outline.title}).")


def _sent(message: str, status: int = 200):
    if is_htmx():
        return render_template("documents/_sent.html", message=message, ok=status == 200), status
    flash(message)
    return redirect(request.referrer or url_for("leader.list_processes"))


@bp.get("/<document>/ladda-ner.<fmt>")
def download(process_id: int, document: str, fmt: str):
    """The document as a Word or Markdown file: a draft, or the final version (?utgava=slutlig)."""
    process = owned_process_or_404(process_id)
    outline_or_404(document)
    if fmt not in FORMATS:
        abort(404)
    final = request.args.get("utgava") == "slutlig"
    body, name, _pictures = export_document(
        get_session(), content(), process, document, fmt, final=final
    )
    return send_file(BytesIO(body), mimetype=FORMATS[fmt], as_attachment=True, download_name=name)


@bp.post("/mall")
def upload_template(process_id: int):
    """Upload the municipality's Word template; the exports use its styles and header."""
    process = owned_process_or_404(process_id)
    upload = request.files.get("template")
    db = get_session()
    try:
        word_template.save_template(
            db, process, upload.filename if upload else "", upload.read() if upload else b""
        )
    except Rejected as exc:
        gathered = build.gather(db, content(), process)
        return render_template(
            "documents/index.html",
            process=process,
            outlines=content().outlines.documents,
            updated=gathered.updated,
            progress=progress_of(db, content(), process, gathered),
            template=word_template.template_of(db, process),
            template_error=str(exc),
        ), 422
    flash("Mallen är uppladdad. Word-filerna använder nu dess format och sidhuvud.")
    return redirect(url_for(".index", process_id=process.id) + "#mall")


@bp.post("/mall/ta-bort")
def delete_template(process_id: int):
    """Go back to the app's own Word styles."""
    process = owned_process_or_404(process_id)
    word_template.delete_template(get_session(), process)
    flash("Mallen är borttagen.")
    return redirect(url_for(".index", process_id=process.id) + "#mall")
