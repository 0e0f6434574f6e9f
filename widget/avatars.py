"""Avatars served by the service itself, so that readers' browsers talk to no third party."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, url_for

from widget.models import Comment
from widget.services.avatars import SEED, gravatar_url, identicon_svg

# The picture for a seed never changes, so browsers and caches may keep it for good.
CACHE_CONTROL = "public, max-age=31536000, immutable"

bp = Blueprint("avatars", __name__, url_prefix="/avatars")


@bp.get("/<avatar_hash>.svg")
def avatar(avatar_hash: str) -> Response:
    """Serve the identicon for an avatar hash."""
    if not SEED.match(avatar_hash):
        abort(404)
    response = Response(identicon_svg(avatar_hash), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = CACHE_CONTROL
    # An SVG opened on its own is a document: allow it no scripts and no requests.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(avatar_hash)
    return response.make_conditional(request)


def avatar_url(comment: Comment) -> str | None:
    """Where a comment's avatar is: ours, or Gravatar's where the site chose it; None if no one."""
    if comment.avatar_hash is None:
        return None
    if comment.author_email and comment.thread.site.gravatar:
        return gravatar_url(comment.author_email)
    return url_for("avatars.avatar", avatar_hash=comment.avatar_hash, _external=True)
