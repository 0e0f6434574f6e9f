"""Notifications: receivers of the domain signals, and the worker that sends what they queue.

A receiver only queues deliveries, in one short transaction after the change has committed
(none when the site has no subscriber);
a daemon thread in each serving process (``WIDGET_DELIVERY_WORKER=thread``, started by the
process's first request, so after a server forks its workers) sends them. With ``off``, run
``widget deliveries run`` beside the service instead. Either way a slow or dead receiver only
ever delays that thread, never a reader's request.
"""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import inspect

from widget.database import discard_transaction
from widget.models import Comment
from widget.services import deliveries
from widget.signals import comment_approved, comment_created, comment_flagged

EXTENSION = "widget.delivery_worker"


class DeliveryWorker:
    """Sends due deliveries in a loop, waking early when this process queues one."""

    def __init__(self, app: Flask):
        self.app = app
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Run in a daemon thread, unless one runs already (a forked child has none)."""
        if self.running:
            return
        with self._lock:
            if not self.running:
                self._stopping.clear()
                self._thread = threading.Thread(
                    target=self.run, name="widget-deliveries", daemon=True
                )
                self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the attempt under way, then end the loop."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        """Deliver what is due, then wait for a wake-up or the poll interval, until stopped."""
        poll = self.app.config["WIDGET_DELIVERY_POLL_SECONDS"]
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                with self.app.app_context():
                    # A full round may have left more due: go on before waiting.
                    while deliveries.deliver_due() == deliveries.ROUND:
                        if self._stopping.is_set():
                            break
            except Exception:  # e.g. the database is away: try again after the interval
                self.app.logger.exception("delivery round failed")
            self._wake.wait(poll)


def worker(app: Flask) -> DeliveryWorker:
    return app.extensions[EXTENSION]


def _queue(app: Flask, event: str, comment: Comment, flag: dict | None = None) -> None:
    try:
        queued = deliveries.queue_comment_event(event, comment, flag)
    except Exception:  # the change is committed: failing to announce it must not fail it
        discard_transaction()
        # The identity, not ``comment.id``: that could reload the comment from a failing database.
        app.logger.exception("could not queue %s for comment %s", event, inspect(comment).identity)
        return
    if queued:
        worker(app).wake()


def _on_created(app: Flask, comment: Comment, **extra) -> None:
    _queue(app, comment_created.name, comment)


def _on_approved(app: Flask, comment: Comment, **extra) -> None:
    _queue(app, comment_approved.name, comment)


def _on_flagged(app: Flask, comment: Comment, reason: str, flag_count: int, **extra) -> None:
    _queue(app, comment_flagged.name, comment, {"reason": reason, "count": flag_count})


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = delivery_worker = DeliveryWorker(app)
    if app.config["WIDGET_DELIVERY_WORKER"] == "thread":
        app.before_request(delivery_worker.start)
    # Module-level functions: connecting them again for another app is a no-op.
    comment_created.connect(_on_created)
    comment_approved.connect(_on_approved)
    comment_flagged.connect(_on_flagged)
