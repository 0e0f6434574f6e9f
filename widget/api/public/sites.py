"""A site's public settings."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.caching import conditional_json
from widget.api.common import read_limit, site_for
from widget.api.io import schema
from widget.api.openapi import errors, ok, operation, path_param
from widget.schemas.sites import SiteConfigSchema

bp = Blueprint("sites", __name__)


@bp.get("/sites/<slug>/config")
@read_limit
def site_config(slug: str) -> Response:
    """Return the public settings the embed needs for a site."""
    return conditional_json(schema(SiteConfigSchema).dump(site_for(slug)))


PATHS = {
    "/sites/{slug}/config": {
        "get": operation(
            site_config,
            {**ok(200, SiteConfigSchema), **errors(404, 429)},
            path=path_param("slug", "string"),
        )
    },
}
