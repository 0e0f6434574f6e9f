"""Signals are sent after the commit, and announcing a post can never fail it."""

from __future__ import annotations

import logging

import pytest
from flask import current_app
from sqlalchemy import select

from tests.factories import make_comment
from widget.extensions import db
from widget.models import Comment, CommentStatus
from widget.services import deliveries
from widget.signals import comment_approved, comment_created


def committed(comment_id: int) -> bool:
    """Whether another connection sees the comment: only then is it committed.

    Read as a GET would, so that SQLite begins a read transaction that waits for no writer.
    """
    with current_app.test_request_context(method="GET"), db.engine.connect() as connection:
        return connection.execute(select(Comment.id).filter_by(id=comment_id)).first() is not None


@pytest.mark.parametrize(
    ("site_fixture", "events"),
    [
        ("site", [("comment.created", "approved"), ("comment.approved", "approved")]),
        ("held_site", [("comment.created", "pending")]),
    ],
)
def test_signals_follow_the_commit(request, app, site_fixture, events):
    site = request.getfixturevalue(site_fixture)
    heard = []

    def listener(event):
        def listen(sender, comment, **extra):
            assert sender is app
            assert committed(comment.id)
            heard.append((event, comment.status.value))

        return listen

    on_created, on_approved = listener("comment.created"), listener("comment.approved")
    with comment_created.connected_to(on_created), comment_approved.connected_to(on_approved):
        make_comment(site)
    assert heard == events


def test_a_failure_to_queue_never_fails_the_post(client, site, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(deliveries, "queue_comment_event", broken)
    with caplog.at_level(logging.ERROR):
        response = client.post(
            "/api/v1/comments", json={"site": "news", "page": "a", "body": "Still here."}
        )
    assert response.status_code == 201
    assert db.session.get(Comment, response.json["id"]).status == CommentStatus.APPROVED
    assert "could not queue comment.created" in caplog.text
