"""The service's own pages: the demo articles that show the embed in place."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, send_from_directory, url_for

from widget.config import STATIC_DIR
from widget.pages.demo import ARTICLES, DEMO_SITE

# The loader's URL is what publishers paste, so it cannot carry a version: browsers keep it
# briefly and revalidate by ETag; the modules it loads are versioned and cached for long.
LOADER_MAX_AGE = 300

bp = Blueprint("pages", __name__)


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


@bp.get("/embed.js")
def embed_script():
    """Serve the embed's loader, the one script publishers include."""
    return send_from_directory(STATIC_DIR, "embed.js", max_age=LOADER_MAX_AGE)
