"""Serving the app and a publisher's page on 127.0.0.1 ports, for browser tests and benchmarks."""

from __future__ import annotations

import html
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

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


# Text sized every way a publisher sizes it (sizes=1): fixed units in a <style>, in a linked
# sheet, under a media query and with !important, beside relative units that follow their
# parent. #outside sits beyond the target.
SIZES_CSS = """
.px { font-size: 15px; } .rem { font-size: 1.25rem; }
.clamp { font-size: clamp(12px, 1vw + 10px, 14px); } .em { font-size: .5em; }
:root { --step: 11px; } .var { font-size: var(--step); }
"""
SIZES_SHEET = """
@media (min-width: 1px) { .media { font-size: 13px; } }
#host-text.important { font-size: 17px !important; }
"""
SIZES_HTML = """<p class="px" id="px-text">Set in px,
<span class="em" id="em-text">and in em</span></p>
<p class="rem" id="rem-text">Set in rem</p><p class="clamp" id="clamp-text">Clamped</p>
<p class="media" id="media-text">Under a media query</p><p class="var" id="var-text">Token</p>"""


def publisher_page(service: str, args) -> str:
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
    if "sizes" in args:
        style += f'<style>{SIZES_CSS}</style><link rel="stylesheet" href="/article.css">'
    if "dark" in args:
        # A dark page that declares no color-scheme.
        style += "<style>body { background: #15171c; color: #c9ccd3; }</style>"
    sized = SIZES_HTML if "sizes" in args else ""
    host_class = ' class="important"' if "sizes" in args else ""
    outside = '<p class="px" id="outside">Beyond the target</p>' if "sizes" in args else ""
    canonical = (
        f'<link rel="canonical" href="{html.escape(args["canonical"])}">'
        if "canonical" in args
        else ""
    )
    # data-comments moves the Discussion to another placeholder than #comments.
    selector, placeholder = ' data-comments=".talk"', 'class="talk"'
    if "moved" not in args:
        selector, placeholder = "", 'id="comments"'
    spacer = '<div style="height: 5000px">Long article</div>' if "tall" in args else ""
    # The Accessibility options: in a placeholder (options) or at a corner (corner=...).
    if "corner" in args:
        selector += f' data-reading-options="{html.escape(args["corner"])}"'
    if "target" in args:
        selector += f' data-target="{html.escape(args["target"])}"'
    panel = '<div id="reading-options"></div>' if "options" in args else ""
    # sync: the tag without async, as publishers place it to have preferences before paint;
    # probe notes the article's text size while the page is still being parsed.
    loading = "" if "sync" in args else " async"
    probe = (
        '<script>window.probe = getComputedStyle(document.getElementById("host-text")).fontSize'
        "</script>"
        if "probe" in args
        else ""
    )
    gated = (
        '<script type="text/plain" data-consent="analytics">'
        "window.gatedRuns = (window.gatedRuns || 0) + 1;</script>"
        if "gated" in args
        else ""
    )
    return f"""<!doctype html>
<html lang="{html.escape(args.get("html_lang", "en"))}"><head><meta charset="utf-8">
<title>{html.escape(args.get("title", "A test article"))}</title>{style}{canonical}
<script src="{service}/embed.js" data-site="{html.escape(args.get("site", SITE))}"{selector}
{loading}></script>
</head><body><main><article><h1>A test article</h1>
<p id="host-text"{host_class}>The publisher's own text, with <a href="#more">a link</a>.</p>
{sized}</article>{probe}
{panel}{spacer}<ul>{badges}</ul><div {placeholder}{attributes}></div></main>{outside}{gated}
</body></html>"""


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args) -> None:
        pass


def serve(wsgi_app) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True, request_handler=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def publisher_app(service: str):
    """A publisher's site on its own origin: ``/article`` renders ``publisher_page``."""

    @Request.application
    def publisher(request: Request) -> Response:
        if request.path == "/article.css":
            return Response(SIZES_SHEET, mimetype="text/css")
        if request.path != "/article":
            return Response("Not found", status=404)
        response = Response(publisher_page(service, request.args), mimetype="text/html")
        if "csp" in request.args:
            # As strict as a careful publisher: the service's scripts, API and avatars (as the
            # README asks), nothing inline.
            response.headers["Content-Security-Policy"] = (
                f"default-src 'self'; script-src {service}; connect-src {service}; "
                f"img-src 'self' {service}"
            )
        return response

    return publisher


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, closed on leaving; None when it is not installed."""
    executable = shutil.which("chromium")
    if executable is None:
        yield None
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
