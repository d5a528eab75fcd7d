"""What users write: cleaned of control characters, and Markdown rendered once, sanitised."""

import re
from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

# Breaks Word or a text editor shows as a new line (Word copies Shift+Enter as \x0b).
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# What XML 1.0 cannot hold (lxml refuses it), PostgreSQL cannot store (NUL), or a reader shows
# as a box. Tab, newline, \x0b, \x0c and \r are kept: they are line breaks and spacing.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    """Typed text without the characters no database column or document may hold."""
    return _NOT_PRINTABLE.sub("", text)


def printable(text: str) -> str:
    """Stored text as every export can write it: control characters gone, breaks as newlines."""
    return without_control_characters(_LINE_BREAKS.sub("\n", text))


# Shared with the Word export; nl2br keeps a line typed on its own line there and on the page.
EXTENSIONS = ("tables", "sane_lists", "nl2br")

# The preview sits under its own h3, below the section's h2.
_PREVIEW_HEADING = 3
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")

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
    html = _nested_headings(html, NestedHeadings(_PREVIEW_HEADING, 6))
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener")
    return Markup(clean)


class NestedHeadings:
    """Levels for headings typed in user text: one below `parent`, none skipped, capped."""

    def __init__(self, parent: int, deepest: int) -> None:
        self.parent = parent
        self.deepest = deepest
        self.open: list[int] = []

    def level(self, typed: int) -> int:
        """The level of the next typed heading (`typed` is its number of #)."""
        while self.open and self.open[-1] >= typed:
            self.open.pop()
        self.open.append(typed)
        return min(self.parent + len(self.open), self.deepest)


def _nested_headings(html: str, headings: NestedHeadings) -> str:
    """Markdown's <h1>…<h6> renumbered the way the Word export numbers them."""
    current = [headings.parent + 1]

    def renumber(tag: re.Match) -> str:
        if not tag[1]:
            current[0] = headings.level(int(tag[2]))
        return f"<{tag[1]}h{current[0]}>"

    return _HEADING_TAG.sub(renumber, html)
