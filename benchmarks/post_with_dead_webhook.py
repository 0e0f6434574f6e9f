"""Post latency with no webhook, and with a healthy, a dead (port closed) or a hanging receiver.

Run: ``.venv/bin/python benchmarks/post_with_dead_webhook.py [--posts N] [--rounds R]`` (SQLite in a
temporary folder; set ``WIDGET_DATABASE_URL`` to measure another database, which it empties).
Each post goes through the whole app, with the delivery worker running as a thread in the
same process (``WIDGET_DELIVERY_WORKER=thread``, the default), as under gunicorn.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import MetaData

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.notifications.receivers import WebhookReceiver  # noqa: E402
from tests.servers import free_port  # noqa: E402
from widget import create_app  # noqa: E402
from widget.config import normalize_database_url  # noqa: E402
from widget.extensions import db  # noqa: E402
from widget.models import Delivery  # noqa: E402
from widget.notifications import worker  # noqa: E402
from widget.services import sites, webhooks  # noqa: E402


def make_app(database_url: str):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": False,
            "WIDGET_DELIVERY_WORKER": "thread",
        }
    )


def measure(app, slug: str, posts: int) -> list[float]:
    client = app.test_client()
    timings = []
    for number in range(posts):
        started = time.perf_counter()
        response = client.post(
            "/api/v1/comments",
            json={"site": slug, "page": "bench", "body": f"Comment {number}."},
        )
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 201, response.json
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, WebhookReceiver() as healthy:
        url = normalize_database_url(
            os.environ.get("WIDGET_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        )
        app = make_app(url)
        hanging = socket.socket()  # listens, so connections open, but never answers
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(1024)
        columns = {  # name: (site, receiver)
            "no webhook": ("none", None),
            "healthy receiver": ("healthy", healthy.url),
            "dead receiver": ("dead", f"http://127.0.0.1:{free_port()}/hook"),
            "hanging receiver": ("hanging", f"http://127.0.0.1:{hanging.getsockname()[1]}/h"),
        }
        with app.app_context():
            reflected = MetaData()
            reflected.reflect(db.engine)
            reflected.drop_all(db.engine)
            upgrade()
            for slug, receiver in columns.values():
                site = sites.create_site(slug, slug, [])
                if receiver:
                    webhooks.create_endpoint(site, receiver)

        measure(app, "none", 20)  # warm up
        # Columns take turns, a slice at a time, so that a busy machine weighs on all alike.
        results = {name: [] for name in columns}
        for _ in range(args.rounds):
            for name, (slug, _) in columns.items():
                results[name] += measure(app, slug, args.posts // args.rounds)
        worker(app).stop(timeout=1)
        with app.app_context():
            queued = db.session.execute(db.select(db.func.count(Delivery.id))).scalar_one()
            db.engine.dispose()
        hanging.close()

    print(f"{args.posts} posts per column on {url.split(':')[0]}; {queued} deliveries queued")
    print(f"{'post latency (ms)':<18}" + "".join(f"{name:>18}" for name in results))
    for label, pick in (
        ("median", statistics.median),
        ("p95", lambda t: statistics.quantiles(t, n=20)[-1]),
        ("max", max),
    ):
        print(f"{label:<18}" + "".join(f"{pick(t):>18.2f}" for t in results.values()))


if __name__ == "__main__":
    main()
