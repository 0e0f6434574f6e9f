"""The bundled reading fonts are served from this service, with their licences."""

from __future__ import annotations

import re

import pytest

from widget.config import STATIC_DIR

FONTS_DIR = STATIC_DIR / "fonts"
FONT_FILES = sorted(path.name for path in FONTS_DIR.glob("*.woff2"))


def test_both_families_are_bundled_with_their_licences():
    assert any(name.startswith("atkinson-hyperlegible-") for name in FONT_FILES)
    assert any(name.startswith("opendyslexic-") for name in FONT_FILES)
    for licence in ("atkinson-hyperlegible-OFL.txt", "opendyslexic-OFL.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS_DIR / licence).read_text()


@pytest.mark.parametrize("name", FONT_FILES)
def test_each_font_is_served_as_woff2(client, name):
    response = client.get(f"/static/fonts/{name}")
    assert response.status_code == 200
    assert response.mimetype == "font/woff2"
    assert response.data[:4] == b"wOF2"


def test_the_stylesheet_is_served_and_names_only_local_files(client):
    response = client.get("/static/fonts/fonts.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    urls = set(re.findall(r"url\(([^)]*)\)", response.get_data(as_text=True)))
    assert urls == {f"./{name}" for name in FONT_FILES}
