"""Admin tokens: required, checked, revocable and never logged."""

from __future__ import annotations

import logging

import pytest

from tests.factories import bearer, make_comment, make_reader, make_token
from widget.extensions import db
from widget.models import Role
from widget.services import admin_tokens

ADMIN_REQUESTS = [
    ("get", "/api/v1/admin/comments"),
    ("patch", "/api/v1/admin/comments/1"),
    ("delete", "/api/v1/admin/comments/1"),
    ("post", "/api/v1/admin/comments/1/approve"),
    ("post", "/api/v1/admin/comments/1/spam"),
    ("post", "/api/v1/admin/comments/1/reject"),
    ("post", "/api/v1/admin/comments/1/restore"),
    ("post", "/api/v1/admin/comments/bulk"),
    ("patch", "/api/v1/admin/threads/1"),
    ("get", "/api/v1/admin/bans"),
    ("post", "/api/v1/admin/bans"),
    ("delete", "/api/v1/admin/bans/1"),
    ("get", "/api/v1/admin/sites"),
    ("get", "/api/v1/admin/sites/news"),
    ("patch", "/api/v1/admin/sites/news"),
    ("get", "/api/v1/admin/sites/news/consent.csv"),
    ("get", "/api/v1/admin/audit"),
]


def test_every_admin_route_is_listed_here(app):
    routes = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/admin/")]
    listed = sum(len(r.methods - {"HEAD", "OPTIONS"}) for r in routes)
    assert listed + 3 == len(ADMIN_REQUESTS)  # the decisions share one route


@pytest.mark.parametrize(("method", "path"), ADMIN_REQUESTS)
def test_a_missing_token_is_a_json_401_before_anything_else(client, site, method, path):
    response = getattr(client, method)(path, json={})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "token_required"


@pytest.mark.parametrize("header", ["Bearer nope", "Basic dXNlcjpwYXNz", "Bearer ", "bearer  x y"])
def test_a_bad_token_is_a_json_401(client, site, header):
    response = client.get("/api/v1/admin/comments", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.is_json


def test_a_reader_token_is_not_an_admin_token(client, site):
    response = client.get("/api/v1/admin/comments", headers=bearer(make_reader(site)))
    assert response.status_code == 401


def test_a_revoked_token_is_a_401(client, site, runner):
    token = make_token(Role.MODERATOR, site)
    assert client.get("/api/v1/admin/comments", headers=bearer(token)).status_code == 200
    (record,) = admin_tokens.list_tokens()
    admin_tokens.revoke_token(record.id)
    response = client.get("/api/v1/admin/comments", headers=bearer(token))
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


def test_tokens_are_stored_only_as_hashes(app, site):
    token = make_token(Role.MODERATOR, site)
    (record,) = admin_tokens.list_tokens()
    assert token not in record.token_hash
    assert len(token) >= 43  # 256 bits in URL-safe base64


def test_the_token_never_reaches_the_log(client, site, caplog):
    token = make_token(Role.MODERATOR, site)
    comment = make_comment(site)
    with caplog.at_level(logging.DEBUG):
        client.post(f"/api/v1/admin/comments/{comment.id}/spam", headers=bearer(token))
        client.get("/api/v1/admin/comments", headers={"Authorization": f"Bearer {token}x"})
    assert token not in caplog.text


def test_a_moderator_of_another_site_gets_403_naming_the_site(client, site, other_mod):
    response = client.get("/api/v1/admin/comments?site=news", headers=other_mod)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "site_forbidden"


def test_an_admin_whose_sites_are_gone_does_not_become_global(client, site, other_site):
    token = make_token(Role.ADMIN, other_site)
    db.session.delete(other_site)
    db.session.commit()
    assert client.get("/api/v1/admin/sites/news", headers=bearer(token)).status_code == 403
