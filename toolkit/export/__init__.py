"""Pure document export: a DocumentSpec into Word or Markdown, without touching the database."""

from toolkit.export.docx_builder import build_docx
from toolkit.export.markdown_export import build_markdown
from toolkit.export.model import DocumentSpec, ImageSpec, Section, TableSpec

__all__ = ["DocumentSpec", "ImageSpec", "Section", "TableSpec", "build_docx", "build_markdown"]
