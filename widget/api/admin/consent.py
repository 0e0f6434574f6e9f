"""A site's consent log, the proof of readers' decisions, as a CSV download."""

from __future__ import annotations

from flask import Blueprint, Response, stream_with_context

from widget.api.admin.common import actor
from widget.api.openapi import ADMIN_AUTH, download, errors, operation, path_param
from widget.services import consent
from widget.services.access import authorize
from widget.services.sites import get_site

bp = Blueprint("consent", __name__)


@bp.get("/sites/<slug>/consent.csv")
def export_log(slug: str) -> Response:
    """Download a site's consent log as CSV, oldest decision first."""
    site = authorize(actor(), get_site(slug))
    # Flask ends the view's context, and with it the session, as soon as the view returns;
    # stream_with_context pushes the context again while the body is sent, so the rows are
    # read in a session of their own, ended by the same teardown once the last chunk is out.
    # The site crosses over detached: the stream only needs its id, which stays loaded.
    return Response(
        stream_with_context(consent.consent_csv(site)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="consent-{site.slug}.csv"',
            # Personal data: no shared cache may keep a copy.
            "Cache-Control": "no-store",
        },
    )


PATHS = {
    "/admin/sites/{slug}/consent.csv": {
        "get": operation(
            export_log,
            {
                **download(200, "text/csv", "The header row, then one row per decision"),
                **errors(401, 403, 404),
            },
            path=path_param("slug", "string"),
            auth=ADMIN_AUTH,
        ),
    },
}
