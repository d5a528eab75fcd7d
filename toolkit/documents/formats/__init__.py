"""Pure document export: a DocumentSpec into Word or Markdown, without touching the database."""

from toolkit.documents.formats.docx_builder import build_docx
from toolkit.documents.formats.markdown_export import build_markdown
from toolkit.documents.formats.model import DocumentSpec, ImageSpec, Section, TableSpec

__all__ = ["DocumentSpec", "ImageSpec", "Section", "TableSpec", "build_docx", "build_markdown"]
