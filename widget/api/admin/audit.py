"""The audit log of moderator actions."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.admin.common import actor
from widget.api.io import dump, load_args
from widget.api.openapi import ADMIN_AUTH, errors, ok, operation
from widget.schemas.admin import AuditPageSchema, AuditQuerySchema
from widget.services import audit

bp = Blueprint("audit", __name__)


@bp.get("/audit")
def list_entries() -> Response:
    """List audit entries on the token's sites, newest first, with filters."""
    args = load_args(AuditQuerySchema())
    return dump(AuditPageSchema(), audit.list_entries(actor(), **args))


PATHS = {
    "/admin/audit": {
        "get": operation(
            list_entries,
            {**ok(200, AuditPageSchema), **errors(401, 403, 404, 422)},
            query=AuditQuerySchema,
            auth=ADMIN_AUTH,
        )
    },
}
