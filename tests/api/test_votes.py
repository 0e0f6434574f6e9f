"""PUT /api/v1/comments/<id>/vote: one vote per reader, the score follows."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_comment, make_reader
from widget.extensions import db
from widget.models import CommentStatus


@pytest.fixture
def comment(site):
    return make_comment(site, token=make_reader(site))


def vote(client, comment_id, value, token):
    return client.put(
        f"/api/v1/comments/{comment_id}/vote", json={"value": value}, headers=bearer(token)
    )


def test_votes_move_the_score_once_per_reader(client, site, comment):
    alice, bob = make_reader(site), make_reader(site)
    assert vote(client, comment.id, 1, alice).json["score"] == 1
    assert vote(client, comment.id, 1, alice).json["score"] == 1
    assert vote(client, comment.id, 1, bob).json["score"] == 2
    assert vote(client, comment.id, -1, alice).json["score"] == 0
    assert vote(client, comment.id, 0, bob).json["score"] == -1
    thread = client.get("/api/v1/comments?site=news&page=article-1").json
    assert thread["comments"][0]["score"] == -1


def test_a_vote_needs_a_reader_token(client, comment):
    response = client.put(f"/api/v1/comments/{comment.id}/vote", json={"value": 1})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "token_required"


def test_an_unknown_token_is_a_401(client, comment):
    assert vote(client, comment.id, 1, "forged").status_code == 401


def test_authors_cannot_vote_on_their_own_comment(client, site):
    token = make_reader(site)
    own = make_comment(site, token=token)
    response = vote(client, own.id, 1, token)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "own_comment"


@pytest.mark.parametrize("value", [2, -2, "1", True, None, 0.5])
def test_only_minus_one_zero_or_one(client, site, comment, value):
    assert vote(client, comment.id, value, make_reader(site)).status_code == 422


def test_unknown_or_unapproved_comments_are_a_404(client, site, comment):
    token = make_reader(site)
    assert vote(client, 999_999, 1, token).status_code == 404
    comment.status = CommentStatus.PENDING
    db.session.commit()
    assert vote(client, comment.id, 1, token).status_code == 404
