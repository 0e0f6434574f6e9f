"""Browser fixtures: the app and a publisher's page, each served on its own 127.0.0.1 port.

The publisher's page lives on another origin than the service, as it does in production, so
every test crosses origins. One Chromium runs for the session; each test gets a fresh context
(its own storage, so its own reader token).
"""

from __future__ import annotations

import html
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from tests.conftest import make_app
from tests.factories import make_site
from widget.models import ModerationMode
from widget.pages.demo import DEMO_SITE

SITE = "news"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Everything a careless or hostile theme does to elements it does not own. None of it may
# reach inside the Discussion; the page's own elements keep it (the embed adds no global CSS).
HOSTILE_CSS = """
html { font-size: 7px; direction: ltr; }
* {
  color: #f0f !important; background: #ff0 !important; font-size: 9px !important;
  line-height: .8 !important; letter-spacing: 3px !important; margin: 4px !important;
  text-transform: uppercase !important; border: 3px dotted red !important;
  box-sizing: content-box !important;
}
#comments * { display: none !important; position: absolute !important; left: -9999px !important; }
div:not(#comments), section, form, button, textarea, input, select, ol, li, article {
  display: inline !important; float: right !important; opacity: .1 !important;
  width: 5px !important; height: 5px !important;
}
button { visibility: hidden !important; }
"""


@dataclass
class Servers:
    service: str
    publisher: str

    def page(self, page_id: str | None = "article-1", **params) -> str:
        """A publisher's article page with the tag and placeholder (see ``_publisher_page``)."""
        if page_id is not None:
            params["page"] = page_id
        return f"{self.publisher}/article?{urlencode(params)}"


def _publisher_page(service: str, args) -> str:
    """An article page as a publisher would write it, with hostile CSS unless ``plain``."""
    attributes = "".join(
        f' data-{name}="{html.escape(args[key])}"'
        for key, name in (("page", "page-id"), ("lang", "lang"), ("theme", "theme"))
        if key in args
    )
    badges = "".join(
        f'<li><a href="#" data-comment-count="{html.escape(page)}">Comments</a></li>'
        for page in args.get("badges", "").split(",")
        if page
    )
    style = "" if "plain" in args else f"<style>{HOSTILE_CSS}</style>"
    canonical = (
        f'<link rel="canonical" href="{html.escape(args["canonical"])}">'
        if "canonical" in args
        else ""
    )
    spacer = '<div style="height: 5000px">Long article</div>' if "tall" in args else ""
    return f"""<!doctype html>
<html lang="{html.escape(args.get("html_lang", "en"))}"><head><meta charset="utf-8">
<title>{html.escape(args.get("title", "A test article"))}</title>{style}{canonical}
<script src="{service}/embed.js" data-site="{html.escape(args.get("site", SITE))}" async></script>
</head><body><main><h1>A test article</h1><p id="host-text">The publisher's own text.</p>
{spacer}<ul>{badges}</ul><div id="comments"{attributes}></div></main></body></html>"""


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args) -> None:
        pass


def _serve(wsgi_app) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True, request_handler=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


@pytest.fixture(scope="session")
def servers(migrated_database: str) -> Iterator[Servers]:
    service, service_server = _serve(make_app(migrated_database))

    @Request.application
    def publisher(request: Request) -> Response:
        if request.path != "/article":
            return Response("Not found", status=404)
        return Response(_publisher_page(service, request.args), mimetype="text/html")

    publisher_url, publisher_server = _serve(publisher)
    yield Servers(service=service, publisher=publisher_url)
    service_server.shutdown()
    publisher_server.shutdown()


@pytest.fixture
def moderation() -> ModerationMode:
    """Override to hold the test site's comments for moderation."""
    return ModerationMode.NONE


@pytest.fixture
def site(app, servers: Servers, moderation: ModerationMode):
    """The test site, allowing the publisher's origin; the demo site beside it."""
    make_site(DEMO_SITE, origins=(servers.service,))
    return make_site(SITE, origins=(servers.publisher,), moderation=moderation)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_options() -> dict:
    """Override to change the browser context (colour scheme, locale, ...)."""
    return {}


@pytest.fixture
def page(browser, site, context_options: dict):
    context = browser.new_context(**context_options)
    context.set_default_timeout(5000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
