"""Old comments' HTML becomes the Markdown subset, and renders through the one pipeline."""

from __future__ import annotations

import pytest

from widget.schemas.common import clean_text
from widget.services.sanitize import html_to_markdown, render_markdown


@pytest.mark.parametrize(
    ("html", "markdown", "rendered"),
    [
        ("<p>a <b>b</b> <i>c</i></p>", "a **b** *c*", "<p>a <strong>b</strong> <em>c</em></p>"),
        (
            "<p>one</p><p>two<br>three</p>",
            "one\n\ntwo\\\nthree",
            "<p>one</p>\n<p>two<br>\nthree</p>",
        ),
        ("1_2 *x*", "1\\_2 \\*x\\*", "<p>1_2 *x*</p>"),
        ("<script>alert(1)</script>ok", "ok", "<p>ok</p>"),
        ('<a href="javascript:alert(1)">click</a>', "click", "<p>click</p>"),
        ('<a href="/relative">here</a>', "here", "<p>here</p>"),
        ('<img src="https://x.example/a.png" alt="A">', "[A](https://x.example/a.png)", None),
        ("<h2>Title</h2>body", "**Title**\n\nbody", "<p><strong>Title</strong></p>\n<p>body</p>"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("&lt;b&gt; &amp; ü", "<b> & ü", "<p>&lt;b&gt; &amp; ü</p>"),
    ],
)
def test_html_to_markdown(html, markdown, rendered):
    assert html_to_markdown(html) == markdown
    if rendered is not None:
        assert render_markdown(markdown) == rendered


@pytest.mark.parametrize(
    ("value", "multiline", "cleaned"),
    [
        (" a\x00b\x1fc\x7fd\x9fe ", False, "abcde"),
        ("a\tb\nc", True, "a\tb\nc"),
        ("a\tb\nc", False, "abc"),
        ("e\u0301\r\nx", True, "\u00e9\nx"),
        ("zero\u200bwidth and emoji 😀", False, "zero\u200bwidth and emoji 😀"),
    ],
)
def test_clean_text_drops_controls_only(value, multiline, cleaned):
    assert clean_text(value, multiline=multiline) == cleaned
