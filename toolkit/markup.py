"""Markdown rendered once, sanitised, for templates and documents."""

from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

# Shared with the Word export; nl2br keeps a line typed on its own line there and on the page.
EXTENSIONS = ("tables", "sane_lists", "nl2br")

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
}


@lru_cache(maxsize=1024)  # the same exercise prompts are rendered for every screen in the room
def render_markdown(text: str | None) -> Markup:
    """Markdown to safe HTML: raw HTML in the source is escaped, then the output cleaned."""
    html = markdown_lib.markdown((text or "").replace("<", "&lt;"), extensions=list(EXTENSIONS))
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener")
    return Markup(clean)
