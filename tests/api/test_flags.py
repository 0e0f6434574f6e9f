"""POST /api/v1/comments/<id>/flags: readers flag comments for the moderators."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_comment, make_reader, make_site, make_token
from widget.extensions import db
from widget.models import Comment, CommentStatus, Role, Thread


@pytest.fixture
def site(app):
    return make_site(flag_threshold=2)


def flag(client, comment, token, reason="abuse", **extra):
    return client.post(
        f"/api/v1/comments/{comment.id}/flags",
        json={"reason": reason, **extra},
        headers=bearer(token) if token else {},
    )


def test_a_flag_is_recorded_once_per_reader(client, site):
    comment = make_comment(site)
    token = make_reader(site)
    response = flag(client, comment, token, note="Personal attack")
    assert response.status_code == 201
    assert response.json["reason"] == "abuse"
    again = flag(client, comment, token, reason="spam")
    assert again.status_code == 409
    assert again.json["error"]["code"] == "already_flagged"


def test_at_the_threshold_the_comment_returns_to_the_queue(client, site):
    comment = make_comment(site)
    flag(client, comment, make_reader(site))
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == CommentStatus.APPROVED
    flag(client, comment, make_reader(site), reason="spam")
    db.session.expire_all()
    held = db.session.get(Comment, comment.id)
    assert held.status == CommentStatus.PENDING
    assert held.moderation_reason == "flagged by 2 readers"
    assert db.session.get(Thread, comment.thread_id).comment_count == 0
    thread = client.get("/api/v1/comments?site=news&page=article-1").json
    assert thread["comments"] == []


def test_approval_settles_the_flags_so_old_ones_do_not_requeue(client, site):
    comment = make_comment(site)
    flag(client, comment, make_reader(site))
    flag(client, comment, make_reader(site))
    moderator = bearer(make_token(Role.MODERATOR, site))
    response = client.post(f"/api/v1/admin/comments/{comment.id}/approve", headers=moderator)
    assert response.json["open_flags"] == 0
    assert len(response.json["flags"]) == 2
    flag(client, comment, make_reader(site))
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == CommentStatus.APPROVED


def test_flag_errors(client, site):
    author = make_reader(site)
    comment = make_comment(site, token=author)
    assert flag(client, comment, None).status_code == 401
    assert flag(client, comment, "not-a-token").status_code == 401
    assert flag(client, comment, author).status_code == 403
    other = make_site("sports", origins=("https://sports.example",))
    assert flag(client, comment, make_reader(other)).status_code == 401
    missing = client.post(
        "/api/v1/comments/999999/flags", json={"reason": "abuse"}, headers=bearer(author)
    )
    assert missing.status_code == 404
    foreign_origin = client.post(
        f"/api/v1/comments/{comment.id}/flags",
        json={"reason": "abuse"},
        headers={**bearer(make_reader(site)), "Origin": "https://evil.example"},
    )
    assert foreign_origin.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "reason"),
        ({"reason": "boring"}, "reason"),
        ({"reason": "other", "note": "x" * 501}, "note"),
        ({"reason": "other", "weight": 5}, "weight"),
    ],
)
def test_bad_flags_are_a_422(client, site, body, field):
    comment = make_comment(site)
    response = client.post(
        f"/api/v1/comments/{comment.id}/flags", json=body, headers=bearer(make_reader(site))
    )
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


@pytest.mark.parametrize(
    ("status", "code"),
    [(CommentStatus.PENDING, 201), (CommentStatus.SPAM, 404), (CommentStatus.DELETED, 404)],
)
def test_flags_on_comments_out_of_view(client, site, status, code):
    comment = make_comment(site)
    comment.status = status
    db.session.commit()
    assert flag(client, comment, make_reader(site)).status_code == code
    assert flag(client, comment, make_reader(site)).status_code == code
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == status
