"""The public API the embed talks to, one child blueprint per resource.

It also serves the OpenAPI document, which lists the admin API's paths too.
"""

from __future__ import annotations

from functools import cache

from flask import Blueprint

from widget.api import admin
from widget.api.openapi import build_spec, operation
from widget.api.public import comments, flags, me, readers, sites

RESOURCES = (comments, flags, me, readers, sites)

bp = Blueprint("api", __name__, url_prefix="/api/v1")
for resource in RESOURCES:
    bp.register_blueprint(resource.bp)


@bp.get("/openapi.json")
def openapi() -> dict:
    """Return the OpenAPI 3 document generated from the schemas."""
    return _spec()


@cache
def _spec() -> dict:
    paths = {
        "/openapi.json": {"get": operation(openapi, {"200": {"description": "This document"}})}
    }
    for resource in RESOURCES + admin.RESOURCES:
        paths.update(resource.PATHS)
    return build_spec(paths)
