"""What a reader downloads to see a thread, and in how many requests.

Serves the app (on a temporary SQLite database) and a publisher's article on two 127.0.0.1
ports, opens the article in Chromium and records every response until the Discussion has
rendered its thread. Sizes are each body compressed with gzip -9, as a compressing proxy in
front of the service would send it. A second visit shows what the long-lived caching saves.
Then the same article with the Accessibility options placeholder: what a reader who opens
nothing downloads beyond the Discussion (and that none of it is the panel or a write), and
what opening the panel adds.

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
                # Numbered: the same body twice from one address is held as a duplicate.
                body=f"{SAMPLE_BODY} ({n + 1})",
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


# When each of the service's downloads started and ended, in the page's own clock.
SPANS_JS = """service => performance.getEntriesByType("resource")
  .filter(entry => entry.name.startsWith(service))
  .map(entry => [entry.startTime, entry.responseEnd])"""


LATENCY_MS = 100
# The page's clock at the first frame that shows the thread.
SHOWN_JS = """() => document.querySelector("#comments .widget-discussion")
  ?.shadowRoot.querySelector("section:not([aria-busy])") && performance.now()"""


def slow_visit(browser, article: str, service: str) -> tuple[int, float]:
    """Round trips and milliseconds until the thread shows, every request delayed LATENCY_MS.

    With a real delay, a download that starts after another ended did wait for it.
    """
    page = browser.new_context().new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": LATENCY_MS, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto(article)
    shown = page.wait_for_function(SHOWN_JS, polling="raf").json_value()
    depth = rounds(page.evaluate(SPANS_JS, service))
    page.context.close()
    return depth, shown


def rounds(spans: list[tuple[float, float]]) -> int:
    """How many round trips deep the downloads went: each waits for one that ended before it."""
    depths: list[tuple[float, int]] = []
    for start, end in sorted(spans):
        depth = 1 + max((d for ended, d in depths if ended <= start), default=0)
        depths.append((end, depth))
    return max((depth for _, depth in depths), default=0)


def gzipped(body: bytes) -> int:
    return len(gzip.compress(body, 9))


def print_rows(rows: list[tuple[str, bytes]]) -> int:
    """Print each file's size; return the gzipped total."""
    for path, body in rows:
        print(f"{path:<44} {len(body):>8} {gzipped(body):>7}")
    return sum(gzipped(body) for _, body in rows)


def panel_figures(browser, service: str, article: str, discussion: set[str]) -> None:
    """What the Accessibility options cost a reader who opens nothing, and one who opens it."""
    page = browser.new_context().new_page()
    writes: list[str] = []
    page.on("request", lambda r: r.method != "GET" and writes.append(r.url))
    idle = [r for r in visit(page, f"{article}&options=1") if r.url.startswith(service)]
    extra = [(urlsplit(r.url).path, r.body()) for r in idle]
    extra = [(path, body) for path, body in extra if path not in discussion]
    print("\nWith the Accessibility options placeholder, a reader who opens nothing also gets:")
    idle_total = print_rows(extra)
    panel_code = [path for path, _ in extra if "/panel" in path]
    print(f"{'launcher and consent API, gzipped':<44} {idle_total:>16}")
    print(f"panel code downloaded without opening it:    {panel_code or 'none'}")
    print(f"write requests without a choice:             {writes or 'none'}")

    opened = []
    page.on("response", lambda response: opened.append(response))
    page.get_by_role("button", name="Accessibility options").click()
    page.get_by_role("dialog").wait_for()
    page.wait_for_load_state("networkidle")
    rows = [(urlsplit(r.url).path, r.body()) for r in opened if r.url.startswith(service)]
    print("\nOpening the panel adds:")
    print(f"{'the panel, gzipped':<44} {print_rows(rows):>16}")
    print(f"write requests on opening:                   {writes or 'none'}")


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
                depth, shown_ms = slow_visit(browser, article, service)
                first_paths = len(log.paths)
                visit(page, article)
                repeat_paths = log.paths[first_paths:]
                panel_figures(browser, service, article, {path for path, _ in rows})
        finally:
            service_server.shutdown()
            publisher_server.shutdown()

    code = [(path, body) for path, body in rows if not path.startswith("/api/")]
    api = [(path, body) for path, body in rows if path.startswith("/api/")]
    print(f"{'file':<44} {'bytes':>8} {'gzip':>7}")
    totals = {}
    for label, group in (("embed code", code), (f"API ({args.comments} comments)", api)):
        totals[label] = print_rows(group)
    total = sum(totals.values())
    print()
    for label, size in totals.items():
        print(f"{label + ', gzipped':<44} {size:>16}")
    verdict = "within" if total < BUDGET_GZ_BYTES else "OVER"
    print(f"{'everything to see a thread, gzipped':<44} {total:>16}  ({verdict} the 15 KB budget)")
    print(f"requests to show a thread, first visit:      {len(rows)}")
    print(f"with {LATENCY_MS} ms latency, round trips to the service: {depth}")
    print(f"with {LATENCY_MS} ms latency, thread shown after:         {shown_ms:.0f} ms")
    print(f"requests to show a thread, repeat visit:     {len(repeat_paths)}  {repeat_paths}")


if __name__ == "__main__":
    main()
