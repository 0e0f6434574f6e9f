"""Page keys: one spelling per page."""

from __future__ import annotations

import pytest

from widget.services.urls import normalize_page_key


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("article-123", "article-123"),
        ("  Article-123 ", "Article-123"),
        ("https://News.Example.com/a/b/", "https://news.example.com/a/b"),
        ("https://news.example.com/a#comments", "https://news.example.com/a"),
        ("HTTPS://news.example.com:443/a", "https://news.example.com/a"),
        ("http://news.example.com:8080/a", "http://news.example.com:8080/a"),
        (
            "https://news.example.com/a?utm_source=x&id=7&fbclid=y&UTM_medium=z&gclid=1",
            "https://news.example.com/a?id=7",
        ),
        ("https://news.example.com/", "https://news.example.com"),
        ("https://news.example.com/Case/Path", "https://news.example.com/Case/Path"),
    ],
)
def test_normalize_page_key(given, expected):
    assert normalize_page_key(given) == expected
