"""PostgreSQL stops and starts again under a stream of posts: nothing lost, nothing doubled.

This test stops a PostgreSQL cluster, so it runs only when asked: ``WIDGET_TEST_OUTAGES=1``
with ``WIDGET_DATABASE_URL`` on PostgreSQL. ``WIDGET_TEST_PG_CLUSTER`` names the cluster
(``VERSION NAME``, as ``pg_ctlcluster`` takes them; the local ``main`` cluster by default).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.factories import make_site
from tests.servers import app_processes, post_json
from widget.extensions import db
from widget.models import Comment, Thread

POSTS = 120
STOP_AFTER = 30
OUTAGE_SECONDS = 4
RETRY_DEADLINE_SECONDS = 90

pytestmark = pytest.mark.skipif(
    os.environ.get("WIDGET_TEST_OUTAGES") != "1"
    or not os.environ.get("WIDGET_DATABASE_URL", "").startswith("postgres"),
    reason="stops PostgreSQL: set WIDGET_TEST_OUTAGES=1 with WIDGET_DATABASE_URL on PostgreSQL",
)


def cluster() -> list[str]:
    named = os.environ.get("WIDGET_TEST_PG_CLUSTER")
    if named:
        return named.split()
    return [sorted(Path("/etc/postgresql").iterdir())[-1].name, "main"]


def pg_ctl(action: str) -> None:
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            *cluster(),
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=True,
        capture_output=True,
    )


def readiness(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Stream:
    """Posts with retries, as the embed does: same Idempotency-Key until it is answered."""

    def __init__(self, url: str):
        self.url = url
        self.answered = 0
        self.statuses: list[int | None] = []
        self.lock = threading.Lock()

    def post(self, n: int) -> int:
        deadline = time.monotonic() + RETRY_DEADLINE_SECONDS
        while time.monotonic() < deadline:
            try:
                status, body = post_json(
                    f"{self.url}/api/v1/comments",
                    {"site": "news", "page": f"page-{n % 3}", "body": f"Comment {n}"},
                    headers={"Idempotency-Key": f"stream-{n}"},
                    timeout=10,
                )
            except OSError:
                status, body = None, {}
            with self.lock:
                self.statuses.append(status)
                if status == 201:
                    self.answered += 1
            if status == 201:
                return body["id"]
            time.sleep(0.2)
        raise TimeoutError(f"comment {n} was never accepted")


def test_posts_survive_a_database_restart(app, migrated_database):
    make_site()
    env = {"WIDGET_DATABASE_URL": migrated_database, "WIDGET_RATELIMIT_ENABLED": "false"}
    with app_processes(1, env, threads=4) as (url,):
        stream = Stream(url)
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(stream.post, n) for n in range(POSTS)]
            while stream.answered < STOP_AFTER:
                time.sleep(0.05)
            pg_ctl("stop")
            try:
                time.sleep(1)
                assert readiness(url) == 503
                status, body = post_json(
                    f"{url}/api/v1/comments", {"site": "news", "page": "x", "body": "y"}
                )
                assert status == 503
                assert body["error"]["code"] == "unavailable"
                time.sleep(OUTAGE_SECONDS)
            finally:
                pg_ctl("start")
            ids = [future.result() for future in futures]
        assert readiness(url) == 200

    assert 503 in stream.statuses or None in stream.statuses  # the outage was felt
    db.session.remove()
    stored = db.session.execute(db.select(Comment.id, Comment.body_markdown)).all()
    assert sorted(comment_id for comment_id, _ in stored) == sorted(ids)
    assert sorted(body for _, body in stored) == sorted(f"Comment {n}" for n in range(POSTS))
    for thread in db.session.execute(db.select(Thread)).scalars():
        actual = db.session.scalar(
            db.select(db.func.count()).select_from(Comment).filter_by(thread_id=thread.id)
        )
        assert thread.comment_count == actual
