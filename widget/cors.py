"""CORS for the API: only a site's own origins may call it from a browser.

A view that knows its site binds it with ``bind_site``; then responses carry CORS headers
only for that site's origins and writes from any other browser origin are refused. A
preflight cannot know the site yet, so it is answered for origins that some site allows.
"""

from __future__ import annotations

from flask import Flask, Response, g, request

from widget.errors import Forbidden
from widget.models import Site
from widget.services.sites import origin_allowed

ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE"
ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-None-Match"
EXPOSED_HEADERS = (
    "Location, ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
)
PREFLIGHT_MAX_AGE = "86400"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _own_origin() -> str:
    return request.host_url.rstrip("/")


def bind_site(site: Site) -> Site:
    """Tie this request's CORS answer to ``site`` and refuse writes from foreign origins."""
    g.cors_site = site
    origin = request.headers.get("Origin")
    if (
        request.method not in SAFE_METHODS
        and origin
        and origin != _own_origin()
        and not origin_allowed(origin, site)
    ):
        raise Forbidden("origin_not_allowed", f"{origin} may not write to this site.")
    return site


def _add_cors_headers(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if not origin or origin == _own_origin() or not origin_allowed(origin, g.get("cors_site")):
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_cors_headers)
