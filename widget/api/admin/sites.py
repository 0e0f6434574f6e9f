"""The sites a token may act on, and each site's moderation and embedding settings."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.admin.common import actor
from widget.api.io import dump, load_json
from widget.api.openapi import ADMIN_AUTH, errors, ok, operation, path_param
from widget.schemas.admin import AdminSiteListSchema, AdminSiteSchema, SiteUpdateSchema
from widget.services import site_settings
from widget.services.access import authorize, sites_of
from widget.services.sites import get_site

bp = Blueprint("sites", __name__)


@bp.get("/sites")
def list_sites() -> Response:
    """List the sites the token may act on, with their settings."""
    return dump(AdminSiteListSchema(), {"sites": sites_of(actor())})


@bp.get("/sites/<slug>")
def get_settings(slug: str) -> Response:
    """Return a site's settings."""
    return dump(AdminSiteSchema(), authorize(actor(), get_site(slug)))


@bp.patch("/sites/<slug>")
def update_settings(slug: str) -> Response:
    """Change a site's settings (admin tokens only)."""
    data = load_json(SiteUpdateSchema())
    return dump(AdminSiteSchema(), site_settings.update_site(actor(), slug, data))


SLUG = path_param("slug", "string")
PATHS = {
    "/admin/sites": {
        "get": operation(
            list_sites, {**ok(200, AdminSiteListSchema), **errors(401)}, auth=ADMIN_AUTH
        )
    },
    "/admin/sites/{slug}": {
        "get": operation(
            get_settings,
            {**ok(200, AdminSiteSchema), **errors(401, 403, 404)},
            path=SLUG,
            auth=ADMIN_AUTH,
        ),
        "patch": operation(
            update_settings,
            {**ok(200, AdminSiteSchema), **errors(400, 401, 403, 404, 415, 422)},
            body=SiteUpdateSchema,
            path=SLUG,
            auth=ADMIN_AUTH,
        ),
    },
}
