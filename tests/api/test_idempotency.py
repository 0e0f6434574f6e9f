"""A post retried with the same Idempotency-Key is stored once."""

from __future__ import annotations

import pytest

from tests.factories import make_site
from widget.extensions import db
from widget.models import Comment, ModerationMode
from widget.services import comments


def post(client, key=None, body="Hello"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        "/api/v1/comments", json={"site": "news", "page": "a", "body": body}, headers=headers
    )


def stored() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Comment))


def test_a_retried_post_returns_the_first_comment(client, site):
    first = post(client, "attempt-7f3a")
    again = post(client, "attempt-7f3a")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json == first.json
    assert stored() == 1
    assert client.get("/api/v1/counts?site=news&page=a").json["counts"]["a"] == 1


def test_a_retry_of_a_held_comment_is_still_a_202(client, app):
    make_site(moderation=ModerationMode.PRE)
    assert [post(client, "k").status_code for _ in range(2)] == [202, 202]
    assert stored() == 1


def test_different_keys_or_no_key_post_again(client, site):
    post(client, "one")
    post(client, "two")
    post(client)
    post(client)
    assert stored() == 4


def test_keys_are_scoped_to_their_site(client, site):
    make_site("other")
    post(client, "same")
    response = client.post(
        "/api/v1/comments",
        json={"site": "other", "page": "a", "body": "Hi"},
        headers={"Idempotency-Key": "same"},
    )
    assert response.status_code == 201
    assert stored() == 2


def test_a_concurrent_twin_that_wins_the_race_is_returned(client, site, monkeypatch):
    """The twin stores its comment between our look-up and our insert."""
    winner = post(client, "raced").json
    original = comments._find_by_idempotency_key
    lookups = []

    def lookup(key_hash):
        # Our first look-up misses the twin; the one after the failed insert sees it.
        lookups.append(key_hash)
        return None if len(lookups) == 1 else original(key_hash)

    monkeypatch.setattr(comments, "_find_by_idempotency_key", lookup)
    response = post(client, "raced")
    assert len(lookups) == 2
    assert response.json["id"] == winner["id"]
    assert stored() == 1


@pytest.mark.parametrize("key", ["", "x" * 201, "tab\there"])
def test_a_malformed_key_is_a_422(client, site, key):
    response = post(client, key)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json["error"]["fields"]
