"""Who a rate limit counts: the client address, or the reader or admin token when one is sent."""

from __future__ import annotations

import threading
import time

import limits.storage
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


class SweptMemoryStorage(limits.storage.MemoryStorage):
    """``memory://``: limits' own in-process counters, swept inline instead of by a timer.

    limits starts a new 10 ms timer thread on every hit once the last one has ended, to
    sweep expired counters: hundreds of threads a second under load, each start waiting for
    the interpreter. Expired counters are already ignored when read, so sweeping only frees
    memory; here the hit that finds the last sweep more than ``SWEEP_SECONDS`` old does it.
    Defining the class registers it for the ``memory`` scheme in place of limits' own.
    """

    STORAGE_SCHEME = ["memory"]
    SWEEP_SECONDS = 1.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = time.monotonic() + self.SWEEP_SECONDS
        self._sweeping = threading.Lock()

    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._next_sweep = now + self.SWEEP_SECONDS
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()
