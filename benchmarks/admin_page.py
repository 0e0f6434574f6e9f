"""How fast the moderation page signs in and shows the queue, and how fast a decision lands.

Serves the app on a temporary SQLite database with held comments, opens /admin in Chromium,
signs in with a moderator's token and times, inside the browser: from submitting the token
to the first page of the queue on screen, and from pressing "a" on a comment to the comment
leaving the queue (the approve call included). Also prints the page's code, gzipped -9, as a
compressing proxy would send it on a first visit.

    .venv/bin/python benchmarks/admin_page.py [--comments 200] [--decisions 20]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.embed_size import SAMPLE_BODY  # noqa: E402
from tests.browser.servers import SITE, chromium, serve  # noqa: E402
from widget import create_app  # noqa: E402
from widget.models import ModerationMode, Role  # noqa: E402
from widget.services import admin_tokens, comments, sites  # noqa: E402
from widget.services.comments import Author  # noqa: E402

SIGN_IN = """async () => {
    const start = performance.now();
    document.querySelector("#sign-in button[type=submit]").click();
    await new Promise((resolve) => {
        const check = () => document.querySelector("#queue > li") ? resolve() : setTimeout(check);
        check();
    });
    return performance.now() - start;
}"""
# Press "a" on the first comment and wait until it has left the queue.
APPROVE = """async () => {
    const item = document.querySelector("#queue > li");
    item.focus();
    const start = performance.now();
    item.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    await new Promise((resolve) => {
        const check = () => item.isConnected ? setTimeout(check) : resolve();
        check();
    });
    return performance.now() - start;
}"""


def seed(app, count: int) -> str:
    """A pre-moderated site with ``count`` held comments; returns a moderator's token."""
    with app.app_context():
        upgrade()
        site = sites.create_site(SITE, "Benchmark News", [], ModerationMode.PRE)
        for n in range(count):
            comments.create_comment(
                site,
                page=f"article-{n % 10}",
                # Distinct bodies: the same one twice from one address is held as spam.
                body=f"{SAMPLE_BODY} ({n})",
                author=Author(name=f"Reader {n}", email=f"reader{n}@example.com"),
                ip_address="192.0.2.1",
            )
        return admin_tokens.create_token(Role.MODERATOR, [SITE], "Benchmark")[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=200, help="held comments")
    parser.add_argument("--decisions", type=int, default=20, help="comments approved by key")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        database = f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"SQLALCHEMY_DATABASE_URI": database, "RATELIMIT_ENABLED": False})
        service, server = serve(app)
        token = seed(app, args.comments)
        try:
            with chromium() as browser:
                if browser is None:
                    sys.exit("Debian's chromium is needed: scripts/ensure-chromium")
                page = browser.new_context().new_page()
                responses = []
                page.on("response", lambda response: responses.append(response))
                page.goto(f"{service}/admin")
                page.wait_for_load_state("networkidle")
                code = [(urlsplit(r.url).path, r.body()) for r in responses if r.ok]
                page.get_by_label("Admin token").fill(token)
                sign_in_ms = page.evaluate(SIGN_IN)
                shown = page.locator("#queue > li").count()
                decisions = [page.evaluate(APPROVE) for _ in range(args.decisions)]
        finally:
            server.shutdown()

    print(f"{'file':<32} {'bytes':>8} {'gzip':>7}")
    for path, body in code:
        print(f"{path:<32} {len(body):>8} {len(gzip.compress(body, 9)):>7}")
    total = sum(len(gzip.compress(body, 9)) for _, body in code)
    print(f"{'page and code, gzipped':<32} {total:>16}  in {len(code)} requests")
    print(f"sign in to a queue of {shown} (of {args.comments}):  {sign_in_ms:.0f} ms")
    print(
        f"'a' to the comment leaving the queue, {args.decisions} times: "
        f"median {statistics.median(decisions):.0f} ms, max {max(decisions):.0f} ms"
    )


if __name__ == "__main__":
    main()
