"""Moderators' approvals and readers' flags reach the notification signals after commit."""

from __future__ import annotations

from tests.factories import bearer, make_comment, make_reader
from widget.extensions import db
from widget.models import CommentStatus, ModerationMode
from widget.signals import comment_approved, comment_flagged


def test_approving_a_held_comment_sends_comment_approved(client, site, mod):
    site.moderation = ModerationMode.PRE
    db.session.commit()
    held = make_comment(site)
    assert held.status == CommentStatus.PENDING
    received = []
    with comment_approved.connected_to(lambda app, comment: received.append(comment.id)):
        response = client.post(f"/api/v1/admin/comments/{held.id}/approve", headers=mod)
        assert response.status_code == 200
        client.post(f"/api/v1/admin/comments/{held.id}/reject", headers=mod)
    assert received == [held.id]


def test_a_reader_flag_sends_comment_flagged(client, site):
    comment = make_comment(site)
    received = []

    def receive(app, comment, reason, flag_count):
        received.append((comment.id, reason, flag_count))

    with comment_flagged.connected_to(receive):
        response = client.post(
            f"/api/v1/comments/{comment.id}/flags",
            json={"reason": "abuse"},
            headers=bearer(make_reader(site)),
        )
    assert response.status_code == 201
    assert received == [(comment.id, "abuse", 1)]
