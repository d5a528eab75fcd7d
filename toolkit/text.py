"""Text as the app can store and export it: without the control characters that break either."""

import re

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
