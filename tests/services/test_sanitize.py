"""The renderer lets nothing outside its allowlist through, whatever it is fed."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widget.services.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    LINK_REL,
    render_markdown,
)


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict]]:
    collector = TagCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


def assert_only_allowed(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        assert set(attrs) <= set(ALLOWED_ATTRIBUTES.get(tag, ())), (tag, attrs, html)
        if tag == "a":
            scheme = urlsplit(attrs.get("href") or "").scheme.lower()
            assert scheme in ALLOWED_SCHEMES, (attrs, html)
            assert attrs.get("rel") == LINK_REL


SCHEMES = ["javascript", "JaVaScRiPt", "data", "vbscript", "http", "https", "mailto", "file", ""]
markdown_pieces = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "**", "*", "`", "```\n", "\n\n", "> ", "- ", "1. ", "# ", "![x](", "<", ">", "&",
            "<script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "<svg/onload=1>",
            "&#106;avascript:", "java\tscript:", "\u202e", "\u200b", "<!--", "-->", "<style>",
        ]
    ),
    st.builds(
        lambda text, scheme, rest: f"[{text}]({scheme}{':' if scheme else ''}{rest})",
        st.text(max_size=10),
        st.sampled_from(SCHEMES),
        st.text(max_size=20),
    ),
    st.builds(
        lambda scheme, rest: f"<{scheme}:{rest}>", st.sampled_from(SCHEMES), st.text(max_size=15)
    ),
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(markdown_pieces, max_size=12).map("".join))
def test_output_never_leaves_the_allowlist(source):
    assert_only_allowed(render_markdown(source))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_leaves_the_allowlist(source):
    assert_only_allowed(render_markdown(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("*em* **strong** `code`", "<p><em>em</em> <strong>strong</strong> <code>code</code></p>"),
        ("a\nb", "<p>a<br>\nb</p>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("[x](/relative)", "<p>x</p>"),
        ("![alt](https://img.example/x.png)", None),
    ],
)
def test_the_markdown_subset(source, expected):
    html = render_markdown(source)
    if expected is not None:
        assert html == expected
    assert "<img" not in html


@pytest.mark.parametrize(
    "source", ["https://example.org/a?b=1", "[site](https://example.org/a?b=1)"]
)
def test_links_are_linkified_and_marked_as_user_content(source):
    (link,) = [attrs for tag, attrs in elements(render_markdown(source)) if tag == "a"]
    assert link == {"href": "https://example.org/a?b=1", "rel": LINK_REL}


def test_urls_in_code_are_not_linkified():
    assert "<a" not in render_markdown("`https://example.org`")
