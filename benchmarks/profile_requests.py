"""Time each request of the benchmark in-process, in microseconds, and profile one of them.

    .venv/bin/python benchmarks/profile_requests.py [--requests 2000] [--profile WORKLOAD]
        [--database-url URL]

The application is called through WSGI directly (no server, no sockets), with the settings
``compare.py`` gives it, on the same seeded thread and pages, so that the figures are our
own per-request cost and nothing else. ``--profile thread`` (or ``counts``, ``empty``,
``conditional``, ``post``) prints the functions that the time goes to, by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from werkzeug.test import EnvironBuilder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from compare import OTHER_PAGES, THREAD_SIZE, comment_bodies, reply_parent, widget_env  # noqa: E402


def _environ(method: str, path: str, body: str | None = None, headers: dict | None = None):
    builder = EnvironBuilder(
        method=method,
        path=path.split("?")[0],
        query_string=path.partition("?")[2],
        data=body,
        headers=headers or {},
        content_type="application/json" if body else None,
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    return builder.get_environ()


def _call(app, environ) -> tuple[str, bytes]:
    environ = dict(environ)
    if environ.get("CONTENT_LENGTH"):
        environ["wsgi.input"] = io.BytesIO(environ["_body"])
    status = []
    chunks = app(environ, lambda s, h, e=None: status.append(s))
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return status[0], body


def _request(method, path, payload=None, headers=None):
    body = json.dumps(payload) if payload is not None else None
    environ = _environ(method, path, body, headers)
    if body:
        environ["_body"] = body.encode()
    return environ


def seed(app) -> None:
    import random

    def post(page, text, parent):
        payload = {"site": "bench", "page": page, "body": text, "author_name": "Reader"}
        if parent:
            payload["parent_id"] = parent
        status, body = _call(app, _request("POST", "/api/v1/comments", payload))
        assert status.startswith("201"), (status, body)
        return json.loads(body)["id"]

    for page, count, seed_value in [("bench-thread", THREAD_SIZE, 1)] + [
        (f"page-{n}", 3, 100 + n) for n in range(OTHER_PAGES)
    ]:
        rng, ids = random.Random(seed_value), []
        for n, text in enumerate(comment_bodies(count, seed_value)):
            ids.append(post(page, text, reply_parent(n, ids, rng)))


def workloads(app) -> dict:
    thread = "/api/v1/comments?site=bench&page=bench-thread&limit=200"
    pages = "&".join(f"page=page-{n}" for n in range(OTHER_PAGES))
    status, _ = _call(app, _request("GET", thread))
    etag_environ = _request("GET", thread)
    # The ETag, read from a real response.
    captured = {}

    def start_response(s, headers, e=None):
        captured.update(headers)

    b"".join(app(dict(etag_environ), start_response))
    counter = iter(range(10**9))
    post_body = {"site": "bench", "page": "bench-post", "body": "Posted **COUNTER** times"}
    return {
        "thread": lambda: _request("GET", thread),
        "counts": lambda: _request("GET", f"/api/v1/counts?site=bench&{pages}"),
        "empty": lambda: _request(
            "GET", "/api/v1/comments?site=bench&page=never-commented&limit=200"
        ),
        "conditional": lambda: _request("GET", thread, headers={"If-None-Match": captured["ETag"]}),
        "post": lambda: _request(
            "POST",
            "/api/v1/comments",
            {**post_body, "body": post_body["body"].replace("COUNTER", str(next(counter)))},
        ),
    }


def measure(app, make_environ, count: int, rounds: int = 3) -> float:
    """CPU microseconds per request: the best mean of ``rounds`` runs of ``count`` requests.

    CPU time of the whole process (its other threads too), and the best round, so that other
    work on a busy machine counts as little as possible.
    """
    for _ in range(50):
        _call(app, make_environ())
    best = float("inf")
    for _ in range(rounds):
        environs = [make_environ() for _ in range(count)]
        start = time.process_time()
        for environ in environs:
            status, _ = _call(app, environ)
        best = min(best, time.process_time() - start)
        assert status[:3] in {"200", "201", "304"}, status
    return best / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", choices=["thread", "counts", "empty", "conditional", "post"])
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--output", help="also write the profile here, for pstats or snakeviz")
    parser.add_argument("--sort", default="cumulative", help="pstats order, e.g. tottime")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="widget-profile-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'profile.sqlite3'}"
        os.environ.update(widget_env(url))
        # The sending thread would compete with the requests for the interpreter.
        os.environ["WIDGET_DELIVERY_WORKER"] = "off"
        from compare import prepare_widget_database

        prepare_widget_database(url)
        from widget import create_app

        app = create_app()
        seed(app)
        for name, make_environ in workloads(app).items():
            if args.profile and name != args.profile:
                continue
            count = args.requests // 4 if name == "post" else args.requests
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                measure(app, make_environ, count, rounds=1)
                profiler.disable()
                if args.output:
                    profiler.dump_stats(args.output)
                stream = io.StringIO()
                stats = pstats.Stats(profiler, stream=stream).sort_stats(args.sort)
                stats.print_stats(args.lines)
                print(stream.getvalue())
            print(f"{name:12} {measure(app, make_environ, count):8.0f} µs per request", flush=True)


if __name__ == "__main__":
    main()
