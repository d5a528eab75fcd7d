"""A municipality's own Word template, checked by opening it before it is kept."""

import zipfile
from io import BytesIO

from docx import Document
from sqlmodel import Session, select

from toolkit.errors import Rejected
from toolkit.models import Process, WordTemplate, utcnow

TEMPLATE_MAX_BYTES = 5_000_000


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
        Document(BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Rejected(
            "Filen gick inte att öppna som ett Word-dokument (.docx). Spara mallen i Word "
            "som Word-dokument (.docx) och försök igen."
        ) from exc
    except Exception as exc:  # python-docx raises a variety of parser errors on broken files
        raise Rejected("Filen är skadad och gick inte att läsa som Word-mall (.docx).") from exc
    template = template_of(session, process) or WordTemplate(process_id=process.id, filename="")
    template.filename, template.content, template.uploaded_at = filename[:200], content, utcnow()
    session.add(template)
    session.commit()


def delete_template(session: Session, process: Process) -> None:
    """Go back to the app's own Word styles."""
    if template := template_of(session, process):
        session.delete(template)
        session.commit()
