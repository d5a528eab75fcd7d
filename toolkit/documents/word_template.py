"""A municipality's own Word template, kept only if it unpacks small and builds a document."""

import datetime as dt
import zipfile
from io import BytesIO

from docx import Document
from PIL import Image
from sqlmodel import Session, select

from toolkit.documents.formats.docx_builder import build_docx
from toolkit.documents.formats.model import DocumentSpec, ImageSpec, Section, TableSpec
from toolkit.errors import Rejected
from toolkit.models import Process, WordTemplate, utcnow

TEMPLATE_MAX_BYTES = 5_000_000
# A .docx is a zip: what counts is what it unpacks to. Real templates, logos and all, unpack to
# a few MB in a few dozen parts; a zip bomb packs hundreds of MB into a few hundred KB.
TEMPLATE_MAX_UNPACKED_BYTES = 25_000_000
TEMPLATE_MAX_ENTRIES = 300


def template_of(session: Session, process: Process) -> WordTemplate | None:
    """The process's uploaded Word template, if any."""
    return session.exec(select(WordTemplate).where(WordTemplate.process_id == process.id)).first()


def save_template(session: Session, process: Process, filename: str, content: bytes) -> None:
    """Keep a municipality's Word template after checking that Word files open."""
    if not content:
        raise Rejected("Välj en Word-mall (.docx) att ladda upp.")
    if len(content) > TEMPLATE_MAX_BYTES:
        raise Rejected("Mallen är större än 5 MB. Ta bort stora bilder ur den och försök igen.")
    try:
        _check_unpacked_size(content)
        Document(BytesIO(content))
    except Rejected:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Rejected(
            "Filen gick inte att öppna som ett Word-dokument (.docx). Spara mallen i Word "
            "som Word-dokument (.docx) och försök igen."
        ) from exc
    except Exception as exc:  # python-docx raises a variety of parser errors on broken files
        raise Rejected("Filen är skadad och gick inte att läsa som Word-mall (.docx).") from exc
    _check_builds(content)
    template = template_of(session, process) or WordTemplate(process_id=process.id, filename="")
    template.filename, template.content, template.uploaded_at = filename[:200], content, utcnow()
    session.add(template)
    session.commit()


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a template whose parts are too many or unpack to too much.

    The sizes are the ones the zip declares; zipfile never unpacks a part beyond its declared
    size (a part that holds more fails its checksum), so they bound what opening it costs.
    """
    with zipfile.ZipFile(BytesIO(content)) as archive:
        parts = archive.infolist()
    if len(parts) > TEMPLATE_MAX_ENTRIES:
        raise Rejected(
            f"Mallen består av fler än {TEMPLATE_MAX_ENTRIES} delar och kan inte användas. "
            "Spara den på nytt i Word som Word-dokument (.docx) och försök igen."
        )
    if sum(part.file_size for part in parts) > TEMPLATE_MAX_UNPACKED_BYTES:
        raise Rejected(
            f"Mallen blir större än {TEMPLATE_MAX_UNPACKED_BYTES // 1_000_000} MB när den packas "
            "upp. Ta bort stora bilder eller inbäddade filer ur den och försök igen."
        )


def _check_builds(content: bytes) -> None:
    """Build a small document with every part an export uses, so no export fails later."""
    picture = BytesIO()
    Image.new("RGB", (2, 2), "white").save(picture, format="PNG")
    section = Section(
        heading="Rubrik",
        body_markdown="Text med **fetstil**.\n\n- punkt\n\n1. nummer\n\n## Underrubrik",
        tables=[TableSpec("Tabell", ["A", "Belopp"], [["a", "1 kr"]], amount_columns=(1,))],
        images=[ImageSpec(picture.getvalue(), "Bild", "Bild")],
    )
    sample = DocumentSpec(
        "Prov", "Process", "Kommun", "Dokument", "1", dt.date(2026, 1, 1), "", [section]
    )
    try:
        Document(BytesIO(build_docx(sample, content)))
    except Exception as exc:  # whatever the template lacks, the answer to the user is the same
        raise Rejected(
            "Det gick inte att skapa ett Word-dokument med mallen: den saknar något som "
            "dokumenten behöver, till exempel sidstorlek och marginaler. Öppna mallen i Word, "
            "kontrollera Layout > Storlek och Marginaler, spara den som Word-dokument (.docx) "
            "och försök igen."
        ) from exc


def delete_template(session: Session, process: Process) -> None:
    """Go back to the app's own Word styles."""
    if template := template_of(session, process):
        session.delete(template)
        session.commit()
