"""What a reader downloads to see a thread, and in how many requests.

Serves the app (on a temporary SQLite database) and a publisher's article on two 127.0.0.1
ports, opens the article in Chromium and records every response until the Discussion has
rendered its thread. Sizes are each body compressed with gzip -9, as a compressing proxy in
front of the service would send it. A second visit shows what the long-lived caching saves.

    .venv/bin/python benchmarks/embed_size.py [--comments 20]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.servers import SITE, chromium, publisher_app, serve  # noqa: E402
from widget import create_app  # noqa: E402
from widget.services import comments, sites  # noqa: E402
from widget.services.comments import Author  # noqa: E402

BUDGET_GZ_BYTES = 15 * 1024
SAMPLE_BODY = (
    "I cycle across the harbour every day and this will **save me twenty minutes**. "
    "The ferry queue in winter is miserable; see [the council report](https://example.com)."
)


class RequestLog:
    """WSGI middleware that notes every path the service is asked for."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        return self.app(environ, start_response)


def seed(app, publisher: str, count: int) -> None:
    with app.app_context():
        upgrade()
        site = sites.create_site(SITE, "Benchmark News", [publisher])
        for n in range(count):
            comments.create_comment(
                site,
                page="article-1",
                body=SAMPLE_BODY,
                author=Author(name=f"Reader {n}"),
                ip_address="192.0.2.1",
            )


def visit(page, url: str) -> list:
    """Open ``url``; return the responses that arrived until the thread was shown."""
    responses = []

    def record(response) -> None:
        responses.append(response)

    page.on("response", record)
    page.goto(url)
    page.locator("#comments section:not([aria-busy])").wait_for()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    return responses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=20, help="comments in the thread")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        database = f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"SQLALCHEMY_DATABASE_URI": database, "RATELIMIT_ENABLED": False})
        log = RequestLog(app)
        service, service_server = serve(log)
        publisher, publisher_server = serve(publisher_app(service))
        seed(app, publisher, args.comments)
        article = f"{publisher}/article?page=article-1&plain=1"
        try:
            with chromium() as browser:
                if browser is None:
                    sys.exit("Debian's chromium is needed: scripts/ensure-chromium")
                page = browser.new_context().new_page()
                first = [r for r in visit(page, article) if r.url.startswith(service)]
                rows = [(urlsplit(r.url).path, r.body()) for r in first]
                first_paths = len(log.paths)
                visit(page, article)
                repeat_paths = log.paths[first_paths:]
        finally:
            service_server.shutdown()
            publisher_server.shutdown()

    code = [(path, body) for path, body in rows if not path.startswith("/api/")]
    api = [(path, body) for path, body in rows if path.startswith("/api/")]
    print(f"{'file':<44} {'bytes':>8} {'gzip':>7}")
    totals = {}
    for label, group in (("embed code", code), (f"API ({args.comments} comments)", api)):
        for path, body in group:
            print(f"{path:<44} {len(body):>8} {len(gzip.compress(body, 9)):>7}")
        totals[label] = sum(len(gzip.compress(body, 9)) for _, body in group)
    total = sum(totals.values())
    print()
    for label, size in totals.items():
        print(f"{label + ', gzipped':<44} {size:>16}")
    verdict = "within" if total < BUDGET_GZ_BYTES else "OVER"
    print(f"{'everything to see a thread, gzipped':<44} {total:>16}  ({verdict} the 15 KB budget)")
    print(f"requests to show a thread, first visit:      {len(rows)}")
    print(f"requests to show a thread, repeat visit:     {len(repeat_paths)}  {repeat_paths}")


if __name__ == "__main__":
    main()
