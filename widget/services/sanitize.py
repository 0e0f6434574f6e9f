"""Markdown to safe HTML: the only module that imports bleach.

Comments are rendered once, at write time, by a CommonMark parser with raw HTML off and a
reduced rule set, then cleaned against an allowlist. Links keep only http, https and mailto
URLs and always carry ``rel="nofollow ugc noopener noreferrer"``; bare URLs are linkified.

Comments imported from systems that stored HTML are first converted to the same Markdown
subset (``html_to_markdown``), so that every stored comment has an editable Markdown source
and its HTML always comes out of this one pipeline.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markdownify import MarkdownConverter

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"
HREF = (None, "href")

_markdown = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    # Not part of the comment subset: they would be stripped to text anyway, so parse them
    # as plain text and keep what the reader typed readable.
    .disable(["image", "heading", "lheading", "hr", "html_block", "html_inline"])
)


def _set_link_attributes(attrs: dict, new: bool = False) -> dict | None:
    """Drop links whose scheme is not allowed and mark the rest as user content."""
    href = attrs.get(HREF, "")
    scheme = urlsplit(href).scheme.lower() if href else ""
    if scheme not in ALLOWED_SCHEMES:
        return None
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_SCHEMES,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_set_link_attributes],
            skip_tags={"pre", "code"},
            parse_email=False,
        )
    ],
)


def render_markdown(source: str) -> str:
    """Render a comment's Markdown to the HTML that is stored and served."""
    return _cleaner.clean(_markdown.render(source)).strip()


class _SubsetConverter(MarkdownConverter):
    """HTML to the comment subset: what the subset lacks becomes the nearest thing it has."""

    def convert_a(self, el, text, parent_tags):
        if urlsplit(el.get("href") or "").scheme.lower() not in ALLOWED_SCHEMES:
            return text  # a link the renderer would refuse is kept as its words
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        src, alt = el.get("src"), el.get("alt") or ""
        return f"[{alt or src}]({src})" if src else alt

    def convert_hN(self, n, el, text, parent_tags):  # noqa: N802 (markdownify's hook name)
        text = text.strip()
        return f"\n\n**{text}**\n\n" if text else ""


_html_converter = _SubsetConverter(
    heading_style="ATX", bullets="-", newline_style="backslash", strip=["hr"]
)


def html_to_markdown(html: str) -> str:
    """Convert an old comment's HTML to Markdown; scripts and styles are dropped with their text.

    The result is untrusted like any source: it is rendered by ``render_markdown``.
    """
    return _html_converter.convert(html).strip()
