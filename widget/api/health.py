"""Probes for process managers and load balancers."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from widget.database import discard_transaction
from widget.extensions import db, limiter

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """Say that the process is up; it checks nothing else, so it never flaps."""
    return {"status": "ok"}


def _check_database() -> str:
    db.session.execute(text("SELECT 1"))
    return "ok"


def _check_ratelimit_storage() -> str:
    if not current_app.config["RATELIMIT_ENABLED"]:
        return "disabled"
    if not limiter.storage.check():
        raise ConnectionError("rate-limit storage did not answer")
    return "ok"


CHECKS = {"database": _check_database, "ratelimit_storage": _check_ratelimit_storage}


@bp.get("/readyz")
@limiter.exempt
def readyz():
    """Say whether this process can serve: its database and rate-limit storage answer."""
    results, ready = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # any failure means "not ready", whatever raised it
            discard_transaction()
            results[name] = f"error: {type(error).__name__}"
            ready = False
    response = jsonify(status="ok" if ready else "unavailable", checks=results)
    response.status_code = 200 if ready else 503
    response.cache_control.no_store = True
    return response
