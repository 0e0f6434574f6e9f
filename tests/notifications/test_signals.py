"""Signals are sent after the commit, and announcing a post can never fail it."""

from __future__ import annotations

import logging

import pytest
from flask import current_app
from sqlalchemy import event, select

from tests.factories import make_comment
from widget.extensions import db
from widget.models import Comment, CommentStatus
from widget.services import deliveries, webhooks
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


@pytest.mark.parametrize("subscribed", [False, True])
def test_a_post_nobody_subscribes_to_is_one_transaction(client, site, subscribed):
    """Announcing costs nothing without subscribers; with one, a transaction per event."""
    if subscribed:
        webhooks.create_endpoint(site, "http://127.0.0.1:9/hooks", ["comment.approved"])
    begun = []

    def on_begin(connection):
        begun.append(connection)

    event.listen(db.engine, "begin", on_begin)
    try:
        response = client.post(
            "/api/v1/comments", json={"site": "news", "page": "a", "body": "Quietly."}
        )
    finally:
        event.remove(db.engine, "begin", on_begin)
    assert response.status_code == 201
    assert response.json["status"] == "approved"
    # The post, then with a subscriber the lookups for comment.created and comment.approved.
    assert len(begun) == (3 if subscribed else 1)
    assert len(deliveries.list_deliveries(site=site)) == (1 if subscribed else 0)
