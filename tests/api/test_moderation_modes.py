"""Moderation modes end to end: pre-moderation and holding a reader's first comment."""

from __future__ import annotations

from tests.factories import bearer, make_comment, make_reader, make_site, make_token
from widget.extensions import db
from widget.models import ModerationMode, Role

POST = {"site": "news", "page": "article-1"}


def read(client, token=None):
    return client.get(
        "/api/v1/comments", query_string=POST, headers=bearer(token) if token else {}
    ).json


def post(client, token, body):
    return client.post("/api/v1/comments", json={**POST, "body": body}, headers=bearer(token))


def test_pre_moderation_end_to_end(client, app):
    site = make_site(moderation=ModerationMode.PRE)
    author, other = make_reader(site), make_reader(site)
    moderator = bearer(make_token(Role.MODERATOR, site))

    posted = post(client, author, "Held for review")
    assert posted.status_code == 202
    assert posted.json["status"] == "pending"
    assert posted.json["body_html"] == "<p>Held for review</p>"
    for token in (other, author, None):
        thread = read(client, token)
        assert thread["comments"] == [] and thread["comment_count"] == 0
    assert client.get("/api/v1/counts?site=news&page=article-1").json["counts"]["article-1"] == 0

    queued = client.get("/api/v1/admin/comments?status=pending", headers=moderator).json
    assert [c["id"] for c in queued["comments"]] == [posted.json["id"]]
    assert queued["comments"][0]["moderation_reason"] == "pre-moderation"
    approved = client.post(f"/api/v1/admin/comments/{posted.json['id']}/approve", headers=moderator)
    assert approved.status_code == 200

    thread = read(client, other)
    assert [c["body_html"] for c in thread["comments"]] == ["<p>Held for review</p>"]
    assert thread["comment_count"] == 1
    assert client.get("/api/v1/counts?site=news&page=article-1").json["counts"]["article-1"] == 1


def test_first_mode_holds_a_reader_until_one_comment_is_approved(client, app):
    site = make_site(moderation=ModerationMode.FIRST)
    reader = make_reader(site)
    moderator = bearer(make_token(Role.MODERATOR, site))

    first = post(client, reader, "My first comment")
    second = post(client, reader, "Still waiting")
    assert (first.status_code, second.status_code) == (202, 202)
    anonymous = client.post("/api/v1/comments", json={**POST, "body": "No identity"})
    assert anonymous.status_code == 202

    client.post(f"/api/v1/admin/comments/{first.json['id']}/approve", headers=moderator)
    trusted = post(client, reader, "Now I am known")
    assert trusted.status_code == 201
    newcomer = post(client, make_reader(site), "Hello")
    assert newcomer.status_code == 202
    assert read(client)["comment_count"] == 2


def test_holding_a_comment_leaves_no_transaction_open(app):
    """Outside a request an open transaction holds SQLite's write lock and stalls the server."""
    site = make_site(moderation=ModerationMode.PRE)
    make_comment(site, body="Held")
    assert not db.session().in_transaction()
