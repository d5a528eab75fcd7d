"""A process's document as Word or Markdown bytes, for the web page and the CLI."""

import datetime as dt
import re
import unicodedata

from sqlmodel import Session

from toolkit.content import Content
from toolkit.content.outline import DOCUMENT_KEYS
from toolkit.documents import build, word_template
from toolkit.documents.formats import build_docx, build_markdown
from toolkit.documents.formats.markdown_export import image_files
from toolkit.models import Process

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


def slug(text: str) -> str:
    """A plain ASCII file name part: "Ragunda Trampolinen" -> "ragunda-trampolinen"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "process"


def export_document(
    session: Session,
    content: Content,
    process: Process,
    document: str,
    fmt: str,
    today: dt.date | None = None,
    final: bool = False,
) -> tuple[bytes, str, list[tuple[str, bytes]]]:
    """The document's bytes, its file name, and (for Markdown) the pictures it refers to.

    A draft marks what is still empty and names the workshops the text came from; the final
    version (`final`) leaves both out.
    """
    if document not in DOCUMENT_KEYS or fmt not in FORMATS:
        raise ValueError(f"unknown document or format: {document}, {fmt}")
    data = build.gather(session, content, process)
    spec = build.build_document(data, document, today or dt.date.today(), final)
    name = f"{slug(process.name)}-{document}.{fmt}"
    if fmt == "md":
        return build_markdown(spec).encode("utf-8"), name, image_files(spec)
    template = word_template.template_of(session, process)
    return build_docx(spec, template.content if template else None), name, []
