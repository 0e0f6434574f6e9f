"""Who a rate limit counts: the client address, or the reader or admin token when one is sent."""

from __future__ import annotations

from flask import current_app, request

from widget.services.privacy import hash_token


def client_ip() -> str:
    # ProxyFix has already replaced remote_addr when WIDGET_TRUSTED_PROXIES allows it.
    return request.remote_addr or "unknown"


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def reader_key() -> str:
    """The reader's token hash; only used on limits that exempt requests without a token."""
    return f"reader:{hash_token(bearer_token() or '')}"


def admin_key() -> str:
    """The admin token's hash; the address for a request without one, which will get a 401.

    The limit is checked before the token is, so a made-up token counts as one of its own.
    """
    token = bearer_token()
    return f"admin:{hash_token(token)}" if token else f"admin-ip:{client_ip()}"


def setting(name: str):
    """A limit string read from config at request time, so tests and deployments can set it."""
    return lambda: current_app.config[name]
