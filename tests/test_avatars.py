"""Avatars: identicons drawn by the service, Gravatar only where a site chose it."""

from __future__ import annotations

import hashlib

import pytest
from lxml import etree

from tests.factories import make_comment, make_reader, make_site
from widget.cli import cli
from widget.extensions import db
from widget.services.avatars import identicon_svg
from widget.services.comments import Author
from widget.services.sites import get_site

SEED = "a" * 64


def test_an_identicon_is_a_deterministic_cacheable_svg(client, app):
    first = client.get(f"/avatars/{SEED}.svg")
    assert first.status_code == 200
    assert first.mimetype == "image/svg+xml"
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "default-src 'none'" in first.headers["Content-Security-Policy"]
    svg = etree.fromstring(first.get_data())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert first.get_data() == client.get(f"/avatars/{SEED}.svg").get_data()
    assert first.get_data() != client.get(f"/avatars/{'b' * 64}.svg").get_data()
    again = client.get(f"/avatars/{SEED}.svg", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("bits", "cells"),
    [("00000001", {"M0 0", "M4 0"}), ("00000400", {"M2 0"}), ("00007fff", None)],
)
def test_identicons_are_mirrored(bits, cells):
    path = etree.fromstring(identicon_svg(bits + "0" * 56)).find("{*}path").get("d")
    drawn = {"M" + cell for cell in path.split("M")[1:]}
    found = {cell.split("h")[0] for cell in drawn}
    assert found == cells if cells else len(found) == 25  # fifteen bits fill the grid


@pytest.mark.parametrize("name", ["abc", "A" * 64, "g" * 64, "a" * 65])
def test_only_hashes_have_avatars(client, app, name):
    assert client.get(f"/avatars/{name}.svg").status_code == 404


def read_avatars(client) -> list:
    return [
        c["avatar"]
        for c in client.get("/api/v1/comments?site=news&page=article-1").json["comments"]
    ]


def test_comments_link_their_identicon_or_none(client, app):
    site = make_site()
    with_email = make_comment(site, author=Author(email="ana@example.org"))
    make_comment(site, token=make_reader(site))
    make_comment(site)
    avatars = read_avatars(client)
    assert avatars[0] == f"http://localhost/avatars/{with_email.avatar_hash}.svg"
    assert avatars[1].startswith("http://localhost/avatars/") and avatars[1] != avatars[0]
    assert avatars[2] is None
    assert client.get(avatars[0]).status_code == 200


def test_gravatar_only_when_the_site_opts_in(client, app):
    site = make_site()
    make_comment(site, author=Author(email=" Ana@Example.org"))
    make_comment(site, token=make_reader(site))
    assert "gravatar" not in str(read_avatars(client))
    site.gravatar = True
    db.session.commit()
    digest = hashlib.sha256(b"ana@example.org").hexdigest()
    by_email, by_reader = read_avatars(client)
    assert by_email == f"https://gravatar.com/avatar/{digest}?s=80&d=identicon"
    assert by_reader.startswith("http://localhost/avatars/")


def test_sites_are_created_with_gravatar_off_unless_asked(runner, app):
    runner.invoke(cli, ["sites", "create", "plain", "--name", "Plain"])
    runner.invoke(cli, ["sites", "create", "grav", "--name", "Grav", "--gravatar"])
    assert (get_site("plain").gravatar, get_site("grav").gravatar) == (False, True)
