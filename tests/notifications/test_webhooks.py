"""Signed webhook deliveries, retries with backoff, and the delivery log."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta

import pytest

from tests.factories import make_comment
from widget.errors import InvalidInput
from widget.extensions import db
from widget.models import Delivery, DeliveryStatus
from widget.models.base import utcnow
from widget.services import deliveries, webhooks
from widget.signals import comment_flagged


@pytest.fixture
def app_config():
    return {
        "WIDGET_DELIVERY_MAX_ATTEMPTS": 4,
        "WIDGET_DELIVERY_BACKOFF_SECONDS": 10,
        "WIDGET_DELIVERY_TIMEOUT_SECONDS": 2,
    }


def post(client, site="news", body="Hello, webhooks."):
    return client.post(
        "/api/v1/comments",
        json={
            "site": site,
            "page": "https://news.example/story",
            "page_title": "The story",
            "body": body,
            "author_name": "Ada",
        },
    )


def verify(secret: str, headers: dict, body: bytes) -> None:
    """What a receiver does: recompute the HMAC of "t.body" and compare in constant time."""
    parts = dict(item.split("=", 1) for item in headers["Widget-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(parts["v1"], expected.hexdigest())
    assert abs(time.time() - int(parts["t"])) < 300


def all_deliveries() -> list[Delivery]:
    return deliveries.list_deliveries(limit=1000)


def test_receiver_gets_signed_deliveries_of_the_events_it_chose(client, site, receiver):
    everything = webhooks.create_endpoint(site, receiver.url)
    approvals = webhooks.create_endpoint(site, receiver.url, ["comment.approved"])

    response = post(client)
    assert response.status_code == 201
    assert deliveries.deliver_due() == 3

    received = receiver.received()
    by_endpoint = {}
    for request in received:
        delivery = db.session.get(Delivery, int(request.headers["Widget-Delivery"]))
        endpoint = delivery.endpoint
        verify(endpoint.secret, request.headers, request.body)
        assert request.headers["Widget-Event"] == delivery.event
        assert request.headers["Content-Type"] == "application/json"
        by_endpoint.setdefault(endpoint.id, []).append(json.loads(request.body))
    assert sorted(e["event"] for e in by_endpoint[everything.id]) == [
        "comment.approved",
        "comment.created",
    ]
    [approved] = by_endpoint[approvals.id]
    assert approved["event"] == "comment.approved"
    assert approved["site"] == "news"
    assert approved["comment"] | {"created_at": None} == {
        "id": response.json["id"],
        "parent_id": None,
        "status": "approved",
        "author_name": "Ada",
        "author_website": None,
        "avatar": None,
        "body_markdown": "Hello, webhooks.",
        "body_html": "<p>Hello, webhooks.</p>",
        "created_at": None,
        "edited_at": None,
        "score": 0,
        "page": "https://news.example/story",
        "page_url": None,
        "page_title": "The story",
    }
    # One event, one id, whichever endpoint it reaches.
    assert len({body["id"] for body in (approved, *by_endpoint[everything.id])}) == 2
    for delivery in all_deliveries():
        assert delivery.status == DeliveryStatus.DELIVERED
        assert delivery.status_code == 204
        assert [(a.number, a.status_code, a.error) for a in delivery.attempt_log] == [
            (1, 204, None)
        ]


def test_held_comment_is_announced_as_created_only(client, held_site, receiver):
    webhooks.create_endpoint(held_site, receiver.url)
    response = post(client, site="held")
    assert response.status_code == 202
    deliveries.deliver_due()
    [request] = receiver.received()
    body = json.loads(request.body)
    assert (body["event"], body["comment"]["status"]) == ("comment.created", "pending")
    assert body["comment"]["body_markdown"] == "Hello, webhooks."


def test_flagged_signal_sends_the_reason_and_count(app, site, receiver):
    endpoint = webhooks.create_endpoint(site, receiver.url, ["comment.flagged"])
    comment = make_comment(site)
    comment_flagged.send(app, comment=comment, reason="Off topic", flag_count=3)
    deliveries.deliver_due()
    [request] = receiver.received()
    verify(endpoint.secret, request.headers, request.body)
    body = json.loads(request.body)
    assert body["event"] == "comment.flagged"
    assert body["flag"] == {"reason": "Off topic", "count": 3}
    assert body["comment"]["id"] == comment.id


def test_paused_endpoint_gets_no_new_events(client, site, receiver):
    endpoint = webhooks.create_endpoint(site, receiver.url)
    webhooks.set_endpoint_active(endpoint.id, False)
    post(client)
    assert all_deliveries() == []


def test_dead_receiver_is_retried_with_backoff_and_every_attempt_logged(client, site, dead_url):
    webhooks.create_endpoint(site, dead_url, ["comment.created"])

    response = post(client)
    # The post is answered before anything was sent: the delivery only waits in the queue.
    assert response.status_code == 201
    [delivery] = all_deliveries()
    assert (delivery.status, delivery.attempts, delivery.attempt_log) == (
        DeliveryStatus.PENDING,
        0,
        [],
    )

    now = utcnow()
    waits = []
    for number in range(1, 5):
        assert deliveries.deliver_due(now) == 1
        db.session.expire_all()
        delivery = db.session.get(Delivery, delivery.id)
        attempt = delivery.attempt_log[-1]
        assert (attempt.number, attempt.status_code) == (number, None)
        assert "refused" in attempt.error.lower()
        assert delivery.attempts == number
        if delivery.next_attempt_at is None:
            break
        waits.append(delivery.next_attempt_at - now)
        # Nothing is due before the wait is over.
        assert deliveries.deliver_due(delivery.next_attempt_at - timedelta(seconds=1)) == 0
        now = delivery.next_attempt_at
    assert waits == [timedelta(seconds=s) for s in (10, 20, 40)]
    assert delivery.status == DeliveryStatus.FAILED
    assert len(delivery.attempt_log) == 4
    assert deliveries.deliver_due(now + timedelta(days=1)) == 0


@pytest.mark.parametrize(("status", "error"), [(500, "HTTP 500"), (302, "HTTP 302")])
def test_error_answers_and_redirects_are_failed_attempts(client, site, receiver, status, error):
    receiver.status = status
    webhooks.create_endpoint(site, receiver.url, ["comment.created"])
    post(client)
    deliveries.deliver_due()
    [delivery] = all_deliveries()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.status_code == status
    assert delivery.error.startswith(error)
    assert len(receiver.received()) == 1  # the redirect was not followed


def test_removing_an_endpoint_removes_its_log(client, site, dead_url):
    endpoint = webhooks.create_endpoint(site, dead_url)
    post(client)
    deliveries.deliver_due()
    webhooks.remove_endpoint(endpoint.id)
    assert all_deliveries() == []


def test_concurrent_workers_send_each_delivery_once(app, site, receiver):
    webhooks.create_endpoint(site, receiver.url, ["comment.created"])
    for number in range(12):
        make_comment(site, body=f"Comment {number}.")

    def work():
        with app.app_context():
            deliveries.deliver_due()

    workers = [threading.Thread(target=work) for _ in range(3)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(30)
    ids = [request.headers["Widget-Delivery"] for request in receiver.received()]
    assert len(ids) == 12
    assert len(set(ids)) == 12
    assert {d.status for d in all_deliveries()} == {DeliveryStatus.DELIVERED}


@pytest.mark.parametrize(
    ("url", "events"),
    [
        ("ftp://hooks.example/x", None),
        ("not a url", None),
        ("https://hooks.example/x", ["comment.deleted"]),
    ],
)
def test_bad_endpoints_are_refused(site, url, events):
    with pytest.raises(InvalidInput):
        webhooks.create_endpoint(site, url, events)
