"""GET and PATCH /api/v1/admin/sites/<slug>: a site's settings."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_token
from widget.models import Role

API = "/api/v1/admin/sites/news"


@pytest.fixture
def site_admin(site):
    """Headers of an admin of ``site`` only."""
    return bearer(make_token(Role.ADMIN, site, name="Sam"))


def test_moderators_read_the_settings(client, site, mod):
    response = client.get(API, headers=mod)
    assert response.status_code == 200
    assert response.json == {
        "site": "news",
        "name": "News",
        "moderation": "none",
        "blocked_words": [],
        "max_links": 3,
        "edit_window_seconds": 900,
        "max_depth": 3,
        "max_body_length": 5000,
        "flag_threshold": 3,
        "ban_silently": False,
        "require_form_fields": False,
        "origins": ["https://news.example"],
        "created_at": response.json["created_at"],
    }


def test_an_admin_changes_settings_and_the_audit_lists_what_changed(client, site, site_admin):
    changes = {
        "moderation": "first",
        "blocked_words": [" Casino ", "casino", "CHEAP  pills", ""],
        "max_links": None,
        "edit_window_seconds": 0,
        "max_depth": 5,
        "flag_threshold": 1,
        "ban_silently": True,
        "require_form_fields": True,
        "origins": ["https://News.example/", "https://www.news.example"],
    }
    response = client.patch(
        API, json={**changes, "blocked_words": changes["blocked_words"][:3]}, headers=site_admin
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert body["moderation"] == "first"
    assert body["blocked_words"] == ["casino", "cheap pills"]
    assert body["max_links"] is None
    assert body["origins"] == ["https://news.example", "https://www.news.example"]
    assert client.get("/api/v1/sites/news/config").json["moderation"] == "first"

    (entry,) = client.get("/api/v1/admin/audit?action=update_site", headers=site_admin).json[
        "entries"
    ]
    assert entry["actor"] == "Sam"
    assert entry["before"]["moderation"] == "none"
    assert entry["after"]["origins"] == ["https://news.example", "https://www.news.example"]
    assert "name" not in entry["after"]


def test_new_origins_are_enforced(client, site, admin):
    client.patch(API, json={"origins": ["https://elsewhere.example"]}, headers=admin)
    response = client.post(
        "/api/v1/readers", json={"site": "news"}, headers={"Origin": "https://news.example"}
    )
    assert response.status_code == 403


def test_a_moderator_cannot_change_settings(client, site, mod):
    response = client.patch(API, json={"max_depth": 1}, headers=mod)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "admin_required"


def test_site_errors(client, site, other_site, other_mod, admin):
    assert client.get(API, headers=other_mod).status_code == 403
    sports_admin = bearer(make_token(Role.ADMIN, other_site))
    assert client.patch(API, json={"max_depth": 1}, headers=sports_admin).status_code == 403
    assert client.get("/api/v1/admin/sites/nope", headers=admin).status_code == 404
    assert (
        client.patch("/api/v1/admin/sites/nope", json={"max_depth": 1}, headers=admin).status_code
        == 404
    )
    assert client.get(API).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "_schema"),
        ({"moderation": "post"}, "moderation"),
        ({"max_links": -1}, "max_links"),
        ({"max_links": "3"}, "max_links"),
        ({"max_depth": 11}, "max_depth"),
        ({"edit_window_seconds": 7 * 24 * 3600 + 1}, "edit_window_seconds"),
        ({"max_body_length": 20001}, "max_body_length"),
        ({"flag_threshold": 0}, "flag_threshold"),
        ({"blocked_words": "casino"}, "blocked_words"),
        ({"blocked_words": ["x" * 101]}, "blocked_words"),
        ({"origins": ["ftp://news.example"]}, "origin"),
        ({"slug": "renamed"}, "slug"),
    ],
)
def test_bad_settings_are_a_422(client, site, admin, body, field):
    response = client.patch(API, json=body, headers=admin)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
