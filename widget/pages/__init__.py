"""The service's own pages: the demo articles, the moderation page, and the embed's files."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from widget.config import STATIC_DIR
from widget.pages.assets import LOADER_NAME, EmbedAssets, Script, load_assets
from widget.pages.demo import ARTICLES, DEMO_SITE

# The loader's URL is what publishers paste, so it cannot carry a version: browsers keep it
# briefly and revalidate by ETag; the modules it loads are versioned and cached for long.
LOADER_MAX_AGE = 300
MODULE_MAX_AGE = 365 * 24 * 3600
ASSETS_KEY = "widget.embed_assets"

bp = Blueprint("pages", __name__)


@bp.record_once
def _load_assets(state) -> None:
    state.app.extensions[ASSETS_KEY] = load_assets(STATIC_DIR)


@bp.after_app_request
def _share_fonts(response: Response) -> Response:
    """Let publishers' pages use the reading fonts: browsers fetch web fonts with CORS."""
    if request.path.startswith("/static/fonts/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.before_app_request
def _hide_raw_loader() -> None:
    """The loader is served as /embed.js, with its version filled in; a raw copy from /static/,
    pasted by mistake, would load no module. (The moderation page imports /static/widget/.)"""
    if request.endpoint == "static" and request.view_args["filename"] == LOADER_NAME:
        abort(404)


def embed_assets() -> EmbedAssets:
    return current_app.extensions[ASSETS_KEY]


@bp.get("/")
def index():
    """Send visitors to the demo article."""
    return redirect(url_for(".demo"))


@bp.get("/demo", defaults={"slug": None})
@bp.get("/demo/<slug>")
def demo(slug: str | None):
    """Show a demo news article with the embed placeholders."""
    article = ARTICLES[0] if slug is None else next((a for a in ARTICLES if a.slug == slug), None)
    if article is None:
        abort(404)
    others = [a for a in ARTICLES if a is not article]
    return render_template("article.html", article=article, others=others, site=DEMO_SITE)


@bp.get("/admin")
def admin():
    """Show the moderation page; it signs in with an admin token and uses the admin API."""
    return render_template("admin.html")


@bp.get("/embed.js")
def embed_script() -> Response:
    """Serve the embed's loader, the one script publishers include."""
    return _script_response(embed_assets().loader, LOADER_MAX_AGE)


@bp.get("/embed/<version>/<path:name>")
def embed_module(version: str, name: str) -> Response:
    """Serve one of the embed's modules under its version."""
    assets = embed_assets()
    script = assets.modules.get(name)
    if script is None:
        abort(404)
    # A loader cached from the previous release still gets an answer, which nobody may keep.
    current = version == assets.version
    response = _script_response(script, MODULE_MAX_AGE if current else None)
    response.cache_control.immutable = current
    # Module scripts are fetched with CORS from the publisher's page; they are public code.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _script_response(script: Script, max_age: int | None) -> Response:
    response = Response(script.body, mimetype="text/javascript")
    response.set_etag(script.etag)
    if max_age is None:
        response.cache_control.no_cache = True
    else:
        response.cache_control.public = True
        response.cache_control.max_age = max_age
    return response.make_conditional(request)
