"""GET /api/v1/admin/sites, the token's sites; GET and PATCH /sites/<slug>, a site's settings."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_site, make_token
from widget.extensions import db
from widget.models import Role
from widget.services import admin_tokens

API = "/api/v1/admin/sites/news"


@pytest.fixture
def site_admin(site):
    """Headers of an admin of ``site`` only."""
    return bearer(make_token(Role.ADMIN, site, name="Sam"))


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [site["site"] for site in response.json["sites"]]


def test_a_moderator_lists_only_its_own_sites(client, site, other_site, mod, other_mod):
    assert slugs(client.get("/api/v1/admin/sites", headers=mod)) == ["news"]
    assert slugs(client.get("/api/v1/admin/sites", headers=other_mod)) == ["sports"]
    # What the list leaves out is what the token may not act on.
    assert client.get("/api/v1/admin/sites/sports", headers=mod).status_code == 403


def test_each_listed_site_carries_its_settings(client, site, mod):
    (listed,) = client.get("/api/v1/admin/sites", headers=mod).json["sites"]
    assert listed == client.get(API, headers=mod).json
    assert listed["name"] == "News" and listed["moderation"] == "none"


def test_a_global_admin_lists_every_site_by_slug(client, site, other_site, admin):
    make_site("arts")
    assert slugs(client.get("/api/v1/admin/sites", headers=admin)) == ["arts", "news", "sports"]


def test_a_token_of_several_sites_lists_them_by_slug(client, site, other_site):
    make_site("arts")
    two = bearer(make_token(Role.MODERATOR, other_site, site))
    assert slugs(client.get("/api/v1/admin/sites", headers=two)) == ["news", "sports"]


def test_a_token_whose_sites_are_gone_lists_none(client, site, other_site):
    token = bearer(make_token(Role.ADMIN, other_site))
    db.session.delete(other_site)
    db.session.commit()
    assert slugs(client.get("/api/v1/admin/sites", headers=token)) == []


@pytest.mark.parametrize(
    ("headers", "code"),
    [({}, "token_required"), ({"Authorization": "Bearer nope"}, "invalid_token")],
)
def test_listing_sites_takes_a_live_token(client, site, headers, code):
    response = client.get("/api/v1/admin/sites", headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_a_revoked_token_lists_nothing(client, site):
    token = make_token(Role.MODERATOR, site)
    (record,) = admin_tokens.list_tokens()
    admin_tokens.revoke_token(record.id)
    response = client.get("/api/v1/admin/sites", headers=bearer(token))
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


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
