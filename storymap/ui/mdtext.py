"""Data text shown through Streamlit's Markdown elements (markdown, caption, write, subheader,
error, radio options), so it reads exactly as the editors wrote it."""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlsplit

# CommonMark lets a backslash escape any ASCII punctuation mark, which then stands for itself.
# Escaped anywhere: the marks that open code, emphasis, strikethrough, links and images (`![`),
# HTML and autolinks, entities, LaTeX, tables and colour directives (`:red[`).
_INLINE = re.compile(r"([\\`*_~\[\]<>&$|])")
# Escaped at the start of a line only: headings, list items, setext underlines.
_LINE_MARK = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
# What would end a link destination early, open one inside it, or start an entity (&amp;).
_LINK_BREAKERS = re.compile(r"([()<>&\\])")


def literal(text: str) -> str:
    """`text` as Markdown source that renders to `text` itself: without this a note's `&amp;`
    would show as "&", `*` and `_` would set italics, `[..](..)` would become a link, `$..$`
    mathematics, `:red[..]` colour and `<b>` a tag. Letters, quotes, commas and colons are left
    as they are, so the source stays readable."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_MARK.sub(r"\1\\\2", text)
    return _LINE_NUMBER.sub(r"\1\\\2", text)


def url_link(url: str | None) -> str:
    """A source's web address as ` [address](address)` after a citation (empty when it has none).
    Only http and https become links, so a data file cannot give readers a `javascript:` one; the
    address's own brackets and spaces are escaped, so it cannot end the link early."""
    if not url:
        return ""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return f" {literal(url)}"
    target = _LINK_BREAKERS.sub(r"\\\1", quote(url, safe=string.punctuation))
    return f" [{literal(url)}]({target})"


def possessive(name: str) -> str:
    """`name` as an owner: "Rafael Castro's", but "The storymap tests'" for a name ending in s, as a
    plural author's name does (one rule for every name, as AP style has it)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
