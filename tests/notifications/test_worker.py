"""The background worker: a post is answered before delivery, whatever the receiver does."""

from __future__ import annotations

import itertools
import time

import pytest

from tests.notifications.receivers import WAIT_SECONDS
from tests.servers import app_processes, post_json
from widget.extensions import db
from widget.models import Delivery, DeliveryStatus
from widget.notifications import worker
from widget.services import deliveries, webhooks


@pytest.fixture
def app_config():
    return {
        "WIDGET_DELIVERY_WORKER": "thread",
        "WIDGET_DELIVERY_POLL_SECONDS": 0.1,
        "WIDGET_DELIVERY_TIMEOUT_SECONDS": 2,
    }


@pytest.fixture(autouse=True)
def stop_worker(app):
    yield
    worker(app).stop()


def post(client) -> int:
    response = client.post("/api/v1/comments", json={"site": "news", "page": "a", "body": "Hi."})
    # The test client shares the test's session: end its transaction, as a request's end would.
    db.session.remove()
    return response.status_code


def delivery_state() -> tuple[DeliveryStatus, list[str | None]]:
    """The one delivery's status and attempt errors, read without holding the database."""
    [delivery] = deliveries.list_deliveries()
    state = delivery.status, [attempt.error for attempt in delivery.attempt_log]
    db.session.remove()
    return state


def wait_until(predicate) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not predicate():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.05)


def test_post_is_answered_while_the_receiver_is_still_busy(client, site, receiver):
    webhooks.create_endpoint(site, receiver.url, ["comment.created"])
    receiver.release.clear()  # the receiver holds every answer

    assert post(client) == 201
    assert receiver.arrived.wait(WAIT_SECONDS)  # the worker is mid-delivery...
    assert delivery_state() == (DeliveryStatus.PENDING, [])  # ...and the post is answered

    receiver.release.set()
    wait_until(lambda: delivery_state() == (DeliveryStatus.DELIVERED, [None]))


def test_dead_receiver_attempts_are_logged_in_the_background(client, site, dead_url):
    webhooks.create_endpoint(site, dead_url, ["comment.created"])
    assert post(client) == 201
    wait_until(lambda: delivery_state()[1])
    status, errors = delivery_state()
    assert status == DeliveryStatus.PENDING  # to be retried after the backoff
    assert "refused" in errors[0].lower()


def test_worker_is_started_by_the_first_request_only(app, client, site):
    assert not worker(app).running
    client.get("/api/v1/comments?site=news&page=a")
    assert worker(app).running


def test_worker_threads_of_two_processes_send_each_delivery_once(site, receiver, migrated_database):
    webhooks.create_endpoint(site, receiver.url)
    env = {
        "WIDGET_DATABASE_URL": migrated_database,
        "WIDGET_RATELIMIT_ENABLED": "false",
        "WIDGET_SECRET_KEY": "test-secret",
        "WIDGET_DELIVERY_POLL_SECONDS": "0.2",
    }
    with app_processes(2, env, threads=2) as urls:
        for number, url in zip(range(10), itertools.cycle(urls), strict=False):
            status, _ = post_json(
                f"{url}/api/v1/comments", {"site": "news", "page": "a", "body": f"Hi {number}."}
            )
            assert status == 201

        def all_delivered() -> bool:
            count = db.session.scalar(
                db.select(db.func.count(Delivery.id)).filter_by(status=DeliveryStatus.DELIVERED)
            )
            db.session.remove()
            return count == 20  # created and approved, for each comment

        wait_until(all_delivered)
    ids = [request.headers["Widget-Delivery"] for request in receiver.received()]
    assert len(ids) == len(set(ids)) == 20
