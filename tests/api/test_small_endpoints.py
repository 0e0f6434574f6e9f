"""Counts, readers, site config and preview."""

from __future__ import annotations

import pytest

from tests.factories import make_comment
from widget.extensions import db
from widget.models import Reader
from widget.services.privacy import hash_token


def test_counts_for_many_pages_in_one_request(client, site):
    make_comment(site, page="a")
    make_comment(site, page="a")
    make_comment(site, page="https://news.example/b")
    response = client.get("/api/v1/counts?site=news&page=a&page=https://NEWS.example/b/&page=never")
    assert response.status_code == 200
    assert response.json == {"counts": {"a": 2, "https://NEWS.example/b/": 1, "never": 0}}


@pytest.mark.parametrize(
    "query",
    ["site=news", "page=a", "site=news&page=", "&".join(["site=news"] + ["page=p"] * 101)],
)
def test_counts_reject_bad_queries(client, site, query):
    response = client.get(f"/api/v1/counts?{query}")
    assert response.status_code == 422


def test_counts_for_an_unknown_site_are_a_404(client, site):
    assert client.get("/api/v1/counts?site=nope&page=a").status_code == 404


def test_a_reader_token_is_issued_once_and_stored_hashed(client, site):
    response = client.post("/api/v1/readers", json={"site": "news"})
    assert response.status_code == 201
    token = response.json["token"]
    assert len(token) >= 43  # 256 bits in URL-safe base64
    reader = db.session.execute(db.select(Reader)).scalar_one()
    assert reader.token_hash == hash_token(token)
    assert token not in reader.token_hash


@pytest.mark.parametrize(
    ("payload", "status"), [({"site": "nope"}, 404), ({}, 422), ({"site": "news", "x": 1}, 422)]
)
def test_reader_creation_errors(client, site, payload, status):
    assert client.post("/api/v1/readers", json=payload).status_code == status


def test_site_config_has_what_the_embed_needs(client, site):
    response = client.get("/api/v1/sites/news/config")
    assert response.status_code == 200
    assert response.json == {
        "site": "news",
        "name": "News",
        "moderation": "none",
        "edit_window_seconds": 900,
        "feed_url": "http://localhost/feeds/news.atom",
        "max_depth": 3,
        "limits": {
            "body_max_length": 5000,
            "author_name_max_length": 80,
            "author_email_max_length": 254,
            "author_website_max_length": 512,
            "page_size_max": 200,
            "font_scale_min": 0.8,
            "font_scale_max": 2.0,
            "font_scale_step": 0.05,
            "line_length_min": 45,
            "line_length_max": 80,
        },
        "consent": {
            "policy_version": "1",
            "categories": [
                {
                    "key": "necessary",
                    "label": "Necessary",
                    "purpose": "Needed for the site to work, such as remembering these choices. "
                    "Always on.",
                    "required": True,
                }
            ],
        },
        "panel": {"position": "bottom-right", "target": None},
    }


def test_site_config_for_an_unknown_site_is_a_404(client, site):
    response = client.get("/api/v1/sites/nope/config")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "site_not_found"


def test_preview_renders_as_posting_would(client, site):
    response = client.post("/api/v1/preview", json={"body": "**bold** <b>x</b>"})
    assert response.status_code == 200
    assert response.json == {"body_html": "<p><strong>bold</strong> &lt;b&gt;x&lt;/b&gt;</p>"}


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": 3}, {"body": "x", "site": "news"}])
def test_preview_rejects_bad_bodies(client, site, payload):
    assert client.post("/api/v1/preview", json=payload).status_code == 422
