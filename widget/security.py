"""Security headers: every response, and a strict policy for the service's own pages."""

from __future__ import annotations

from flask import Flask, Response, request

# The service's own pages load nothing inline and nothing from elsewhere.
PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Pages no other site may frame (clickjacking of moderator actions).
UNFRAMEABLE_PREFIXES = ("/admin",)


def _add_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.mimetype == "text/html":
        policy = PAGE_POLICY
        if request.path.startswith(UNFRAMEABLE_PREFIXES):
            policy = policy.replace("frame-ancestors 'self'", "frame-ancestors 'none'")
            response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Content-Security-Policy", policy)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
