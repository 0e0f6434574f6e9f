"""Bans: created, listed and lifted by moderators, enforced when readers post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import bearer, make_comment, make_reader
from widget.extensions import db
from widget.models import Ban, Comment, CommentStatus, Reader
from widget.services.privacy import hash_token

API = "/api/v1/admin/bans"
POST = {"site": "news", "page": "article-1", "body": "Hello"}


def reader_id(token):
    return db.session.execute(
        db.select(Reader.id).filter_by(token_hash=hash_token(token))
    ).scalar_one()


def ban(client, headers, **body):
    return client.post(API, json={"site": "news", **body}, headers=headers)


def test_a_banned_reader_is_refused_with_a_clear_403(client, site, mod):
    token = make_reader(site)
    response = ban(client, mod, reader_id=reader_id(token), reason="abuse")
    assert response.status_code == 201
    assert response.json["reader_id"] == reader_id(token)
    assert response.headers["Location"].endswith("/api/v1/admin/bans?site=news")
    post = client.post("/api/v1/comments", json=POST, headers=bearer(token))
    assert post.status_code == 403
    assert post.json["error"]["code"] == "banned"
    assert "abuse" not in post.json["error"]["message"]


def test_bans_by_email_ignore_case_and_by_ip_hash_match_the_network(client, site, mod):
    ban(client, mod, email="Troll@Example.org")
    post = client.post("/api/v1/comments", json={**POST, "author_email": "troll@example.ORG"})
    assert post.status_code == 403
    ip_hash = make_comment(site).ip_hash
    ban(client, mod, ip_hash=ip_hash)
    refused = client.post("/api/v1/comments", json=POST, environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert refused.status_code == 403
    elsewhere = client.post(
        "/api/v1/comments", json=POST, environ_base={"REMOTE_ADDR": "198.51.100.1"}
    )
    assert elsewhere.status_code == 201


def test_a_site_can_hold_banned_authors_silently_as_spam(client, site, mod):
    site.ban_silently = True
    db.session.commit()
    token = make_reader(site)
    ban(client, mod, reader_id=reader_id(token))
    post = client.post("/api/v1/comments", json=POST, headers=bearer(token))
    assert post.status_code == 202
    assert post.json["status"] == "pending"
    stored = db.session.get(Comment, post.json["id"])
    assert stored.status == CommentStatus.SPAM
    assert stored.moderation_reason == "banned"


def test_an_expired_ban_no_longer_applies(client, site, mod):
    token = make_reader(site)
    soon = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    ban(client, mod, reader_id=reader_id(token), expires_at=soon)
    message = client.post("/api/v1/comments", json=POST, headers=bearer(token)).json["error"]
    assert "until" in message["message"]
    stored = db.session.execute(db.select(Ban)).scalar_one()
    stored.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert client.post("/api/v1/comments", json=POST, headers=bearer(token)).status_code == 201
    assert client.get(f"{API}?active=false", headers=mod).json["bans"][0]["id"] == stored.id
    assert client.get(f"{API}?active=true", headers=mod).json["bans"] == []


def test_list_and_lift(client, site, other_site, mod, other_mod):
    first = ban(client, mod, email="a@example.org").json
    second = ban(client, mod, email="b@example.org").json
    client.post(API, json={"site": "sports", "email": "c@example.org"}, headers=other_mod)
    listed = client.get(API, headers=mod).json
    assert [b["id"] for b in listed["bans"]] == [second["id"], first["id"]]
    page = client.get(f"{API}?limit=1", headers=mod).json
    rest = client.get(API, query_string={"cursor": page["next_cursor"]}, headers=mod).json
    assert [b["id"] for b in rest["bans"]] == [first["id"]]

    assert client.delete(f"{API}/{first['id']}", headers=mod).status_code == 204
    assert [b["id"] for b in client.get(API, headers=mod).json["bans"]] == [second["id"]]
    entry = client.get("/api/v1/admin/audit?action=unban", headers=mod).json["entries"][0]
    assert entry["before"]["email"] == "a@example.org"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "_schema"),
        ({"email": "a@example.org", "ip_hash": "0" * 64}, "_schema"),
        ({"email": "not-an-email"}, "email"),
        ({"ip_hash": "xyz"}, "ip_hash"),
        ({"reader_id": "7"}, "reader_id"),
        ({"reader_id": 999999}, "reader_id"),
        ({"email": "a@example.org", "expires_at": "tomorrow"}, "expires_at"),
        ({"email": "a@example.org", "expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
        ({"email": "a@example.org", "reason": "x" * 501}, "reason"),
        ({"email": "a@example.org", "colour": "red"}, "colour"),
    ],
)
def test_bad_bans_are_a_422(client, site, mod, body, field):
    response = ban(client, mod, **body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_a_reader_of_another_site_cannot_be_banned_here(client, site, other_site, mod):
    response = ban(client, mod, reader_id=reader_id(make_reader(other_site)))
    assert response.status_code == 422


def test_the_same_ban_twice_is_a_409(client, site, mod):
    assert ban(client, mod, email="a@example.org").status_code == 201
    response = ban(client, mod, email="A@example.org")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "ban_exists"


def test_ban_errors_across_sites(client, site, other_site, mod, other_mod):
    assert ban(client, other_mod, email="a@example.org").status_code == 403
    assert (
        client.post(API, json={"site": "nope", "email": "a@example.org"}, headers=mod).status_code
        == 404
    )
    mine = ban(client, mod, email="a@example.org").json
    assert client.delete(f"{API}/{mine['id']}", headers=other_mod).status_code == 403
    assert client.get(API, headers=other_mod).json["bans"] == []
    assert client.get(f"{API}?site=news", headers=other_mod).status_code == 403
    assert client.delete(f"{API}/999999", headers=mod).status_code == 404
    assert client.get(f"{API}?active=sometimes", headers=mod).status_code == 422
    assert client.get(API).status_code == 401
