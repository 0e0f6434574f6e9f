"""PATCH and DELETE /api/v1/comments/<id>: only the author, only within the edit window."""

from __future__ import annotations

import pytest

from tests.factories import age, bearer, make_comment, make_reader
from widget.extensions import db
from widget.models import Comment, CommentStatus


@pytest.fixture
def comment(site, token):
    return make_comment(site, body="First draft", token=token)


def count(client):
    return client.get("/api/v1/counts?site=news&page=article-1").json["counts"]["article-1"]


def test_the_author_edits_within_the_window(client, comment, token):
    response = client.patch(
        f"/api/v1/comments/{comment.id}", json={"body": "Second **draft**"}, headers=bearer(token)
    )
    assert response.status_code == 200
    assert response.json["body_html"] == "<p>Second <strong>draft</strong></p>"
    assert response.json["edited_at"] is not None
    assert db.session.get(Comment, comment.id).body_markdown == "Second **draft**"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_without_a_token_it_is_a_403(client, comment, method):
    response = getattr(client, method)(f"/api/v1/comments/{comment.id}", json={"body": "x"})
    assert response.status_code == 403
    assert response.json["error"]["code"] == "not_author"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_another_reader_gets_a_403(client, site, comment, method):
    other = make_reader(site)
    response = getattr(client, method)(
        f"/api/v1/comments/{comment.id}", json={"body": "x"}, headers=bearer(other)
    )
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_an_unknown_token_is_a_401(client, comment, method):
    response = getattr(client, method)(
        f"/api/v1/comments/{comment.id}", json={"body": "x"}, headers=bearer("forged")
    )
    assert response.status_code == 401


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_after_the_window_it_is_a_409(client, comment, token, method):
    age(comment, 16 * 60)
    response = getattr(client, method)(
        f"/api/v1/comments/{comment.id}", json={"body": "x"}, headers=bearer(token)
    )
    assert response.status_code == 409
    assert response.json["error"]["code"] == "edit_window_closed"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_an_unknown_comment_is_a_404(client, token, method):
    response = getattr(client, method)("/api/v1/comments/424242", json={"body": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": "x", "status": "approved"}])
def test_an_invalid_edit_is_a_422(client, comment, token, payload):
    response = client.patch(f"/api/v1/comments/{comment.id}", json=payload, headers=bearer(token))
    assert response.status_code == 422


def test_delete_removes_the_comment_and_its_count(client, comment, token):
    assert count(client) == 1
    assert client.delete(f"/api/v1/comments/{comment.id}", headers=bearer(token)).status_code == 204
    assert count(client) == 0
    assert client.get("/api/v1/comments?site=news&page=article-1").json["comments"] == []
    assert db.session.get(Comment, comment.id).status == CommentStatus.DELETED


def test_a_deleted_comment_cannot_be_deleted_or_edited_again(client, comment, token):
    client.delete(f"/api/v1/comments/{comment.id}", headers=bearer(token))
    assert client.delete(f"/api/v1/comments/{comment.id}", headers=bearer(token)).status_code == 404
    response = client.patch(
        f"/api/v1/comments/{comment.id}", json={"body": "x"}, headers=bearer(token)
    )
    assert response.status_code == 404


def test_deleting_a_parent_keeps_its_replies(client, site, comment, token):
    make_comment(site, body="reply", parent=comment)
    client.delete(f"/api/v1/comments/{comment.id}", headers=bearer(token))
    (placeholder,) = client.get("/api/v1/comments?site=news&page=article-1").json["comments"]
    assert placeholder["status"] == "deleted"
    assert len(placeholder["replies"]) == 1
    assert count(client) == 1
