"""The delivery queue: notifications wait in the database until a worker sends them.

Queuing happens after the change it announces has committed, in its own short transaction
(none at all when nothing subscribes), so a post never waits for a receiver. Any number of
processes may run workers at once: a worker claims one due row at a time (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL; on SQLite the claim's ``BEGIN IMMEDIATE`` serialises writers), and
the claim moves the row's next attempt past a lease, so that no other worker sends it
meanwhile. A worker that dies mid-attempt
leaves the row to be tried again when the lease ends: deliveries are at least once.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, text, update
from sqlalchemy.orm import selectinload

from widget.database import commit_keeping_state
from widget.errors import DeliveryError
from widget.extensions import db
from widget.models import (
    Comment,
    CommentStatus,
    Delivery,
    DeliveryAttempt,
    DeliveryChannel,
    DeliveryStatus,
    Site,
    WebhookEndpoint,
)
from widget.models.base import utcnow
from widget.schemas.notifications import EventSchema
from widget.services import mail, webhooks
from widget.signals import comment_created

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 500
ROUND = 100  # deliveries attempted before a worker checks whether it should stop
EVENT_SCHEMA = EventSchema()  # built once: posts pay for dumping only


def queue_comment_event(event: str, comment: Comment, flag: dict | None = None) -> list[Delivery]:
    """Queue ``event`` for the site's subscribed endpoints and, for a new held comment, email.

    ``flag`` (``reason`` and ``count``) goes into ``comment.flagged`` bodies.
    """
    site = comment.thread.site
    now = utcnow()
    deliveries = []
    endpoints = webhooks.subscribed_endpoints(site.id, event) if site.has_active_webhooks else []
    if endpoints:
        event_body = {"id": uuid.uuid4().hex, "event": event, "created_at": now, "comment": comment}
        if flag is not None:
            event_body["flag"] = flag
        body = json.dumps(EVENT_SCHEMA.dump(event_body), separators=(",", ":"))
        deliveries += [
            _new_delivery(site, event, body, now, DeliveryChannel.WEBHOOK, endpoint.id)
            for endpoint in endpoints
        ]
    if event == comment_created.name and comment.status == CommentStatus.PENDING:
        to = mail.recipients(site)
        if to:
            message = json.dumps(mail.held_comment_message(comment, to))
            deliveries.append(_new_delivery(site, event, message, now, DeliveryChannel.EMAIL))
    if not deliveries:
        # Nobody listens. End what the lookups (or loading an expired comment) began; a post
        # whose rows are still loaded began nothing.
        if db.session().in_transaction():
            commit_keeping_state()
        return deliveries
    if db.session.get_bind().dialect.name == "postgresql":
        # The announced change is durable already; do not make the reader wait for a second
        # flush to disk. A crash in the next moment could lose this queue entry.
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    db.session.add_all(deliveries)
    # What the caller holds is unchanged: keep it loaded for the next receiver and the answer.
    commit_keeping_state()
    return deliveries


def _new_delivery(
    site: Site,
    event: str,
    payload: str,
    now: datetime,
    channel: DeliveryChannel,
    endpoint_id: int | None = None,
) -> Delivery:
    return Delivery(
        site_id=site.id,
        channel=channel,
        endpoint_id=endpoint_id,
        event=event,
        payload=payload,
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
    )


def _lease() -> timedelta:
    """Longer than an attempt can take: an SMTP exchange is several timed-out steps at most."""
    return timedelta(seconds=60 + 10 * current_app.config["WIDGET_DELIVERY_TIMEOUT_SECONDS"])


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: the base, doubled after every failure."""
    base = current_app.config["WIDGET_DELIVERY_BACKOFF_SECONDS"]
    return timedelta(seconds=base * 2 ** (attempts - 1))


@dataclass(frozen=True)
class _Job:
    """A claimed delivery: what sending needs, copied out so that sending touches no database."""

    delivery_id: int
    number: int
    channel: DeliveryChannel
    event: str
    payload: str
    url: str | None
    secret: str | None

    def send(self) -> int | None:
        timeout = current_app.config["WIDGET_DELIVERY_TIMEOUT_SECONDS"]
        if self.channel == DeliveryChannel.EMAIL:
            mail.send(json.loads(self.payload), timeout)
            return None
        return webhooks.post(
            self.url, self.secret, self.event, self.delivery_id, self.payload.encode(), timeout
        )


def claim_next(now: datetime) -> _Job | None:
    """Take the most overdue delivery for this worker, or None when nothing is due."""
    row = db.session.execute(
        db.select(
            Delivery.id,
            Delivery.attempts,
            Delivery.channel,
            Delivery.event,
            Delivery.payload,
            WebhookEndpoint.url,
            WebhookEndpoint.secret,
        )
        .outerjoin(WebhookEndpoint, Delivery.endpoint_id == WebhookEndpoint.id)
        .where(Delivery.status == DeliveryStatus.PENDING, Delivery.next_attempt_at <= now)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(1)
        .with_for_update(of=Delivery, skip_locked=True)
    ).first()
    if row is not None:
        db.session.execute(
            update(Delivery)
            .where(Delivery.id == row.id)
            .values(next_attempt_at=now + _lease(), attempts=Delivery.attempts + 1)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()  # no transaction (nor SQLite's write lock) is held while sending
    if row is None:
        return None
    return _Job(row.id, row.attempts + 1, row.channel, row.event, row.payload, row.url, row.secret)


def _attempt(job: _Job, clock: Callable[[], datetime] = utcnow) -> None:
    """Make one attempt at a claimed delivery and log it."""
    attempted_at = clock()
    started = time.monotonic()
    status_code, error = None, None
    try:
        status_code = job.send()
    except DeliveryError as failure:
        status_code, error = failure.status_code, failure.message
    except Exception as failure:  # one broken delivery must not stop the worker
        logger.exception("delivery %s failed unexpectedly", job.delivery_id)
        error = f"{type(failure).__name__}: {failure}"
    duration_ms = round((time.monotonic() - started) * 1000)
    _record(job, attempted_at, clock(), status_code, error, duration_ms)


def _record(
    job: _Job,
    attempted_at: datetime,
    finished_at: datetime,
    status_code: int | None,
    error: str | None,
    duration_ms: int,
) -> None:
    delivery = db.session.get(Delivery, job.delivery_id)
    if delivery is None:  # its endpoint was removed meanwhile
        return
    error = error[:ERROR_MAX_LENGTH] if error else None
    db.session.add(
        DeliveryAttempt(
            delivery_id=delivery.id,
            number=job.number,
            attempted_at=attempted_at,
            duration_ms=duration_ms,
            status_code=status_code,
            error=error,
        )
    )
    delivery.last_attempt_at = attempted_at
    delivery.status_code = status_code
    delivery.error = error
    if error is None:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = finished_at
        delivery.next_attempt_at = None
    elif job.number >= current_app.config["WIDGET_DELIVERY_MAX_ATTEMPTS"]:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = finished_at + backoff(job.number)
    db.session.commit()


def deliver_due(now: datetime | None = None, limit: int = ROUND) -> int:
    """Attempt up to ``limit`` due deliveries one by one; return how many were attempted.

    ``now`` fixes the clock (for tests and for replaying a backlog); by default it runs.
    """
    clock = utcnow if now is None else lambda: now
    attempted = 0
    while attempted < limit:
        job = claim_next(clock())
        if job is None:
            break
        _attempt(job, clock)
        attempted += 1
    return attempted


def list_deliveries(
    *,
    site: Site | None = None,
    endpoint_id: int | None = None,
    channel: DeliveryChannel | None = None,
    status: DeliveryStatus | None = None,
    limit: int = 50,
) -> list[Delivery]:
    """The newest deliveries first, each with its attempts."""
    query = (
        db.select(Delivery)
        .options(selectinload(Delivery.attempt_log))
        .order_by(Delivery.id.desc())
        .limit(limit)
    )
    for column, value in (
        (Delivery.site_id, site.id if site else None),
        (Delivery.endpoint_id, endpoint_id),
        (Delivery.channel, channel),
        (Delivery.status, status),
    ):
        if value is not None:
            query = query.where(column == value)
    return list(db.session.execute(query).scalars())


def prune(before: datetime) -> int:
    """Delete finished deliveries (and their attempts) queued before ``before``; count them.

    The log keeps copies of comments and addresses: it should not outlive its use.
    """
    result = db.session.execute(
        delete(Delivery)
        .where(
            Delivery.status.in_([DeliveryStatus.DELIVERED, DeliveryStatus.FAILED]),
            Delivery.created_at < before,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount
