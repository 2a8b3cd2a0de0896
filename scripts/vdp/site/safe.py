"""Data text made inert wherever it lands on a page: Markdown, HTML text and attributes, Jinja templates.

Every value from the package passes through `inert` before it reaches a generated page. It returns HTML in which
each character that Markdown, its extensions (attribute lists, tables) or HTML could read as syntax is written as a
numeric character reference, and line breaks become spaces, so a cell can neither open a link, an attribute list, a
heading or a comment nor end the block it sits in. Browsers and the search index read the references back as the
original characters.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# & < > " ' for HTML; \ ` * _ [ ] { } | # for Markdown emphasis, code, links, attribute lists, tables and headings.
ACTIVE_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}|#"})
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
# What opens a list or a setext heading when a value starts a line: "- ", "+ ", "= ", "1. ", "1) ".
LINE_START = re.compile(r"^([-+=]|\d+[.)])(?=\s|$)")  # a marker opens a list only before a space


def inert(value: object) -> str:
    """A data value as inert page text (see the module docstring); None and NaN become an empty string."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = LINE_BREAKS.sub(" ", str(value)).translate(ACTIVE_TABLE)
    return LINE_START.sub(lambda m: m.group(1)[:-1] + f"&#{ord(m.group(1)[-1])};", text)


def template_finalize(value: object) -> object:
    """Jinja `finalize`: every value a narrative page prints is made inert, except markup the templates built."""
    if isinstance(value, Markup):
        return value
    return Markup(inert(value))


def code(value: object) -> str:
    """A data value shown as code: an HTML <code> element (a Markdown code span would show the references raw)."""
    return f"<code>{inert(value)}</code>"


def attribute(value: object) -> str:
    """A validated address or id as an HTML attribute value: quotes and ampersands escaped, line breaks removed
    (Markdown leaves the attributes of inline HTML alone, so nothing else needs escaping there)."""
    return html.escape(LINE_BREAKS.sub(" ", str(value)), quote=True)
