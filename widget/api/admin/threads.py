"""Threads: lock and unlock, pin and unpin."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.admin.common import actor
from widget.api.io import dump, load_json
from widget.api.openapi import ADMIN_AUTH, errors, ok, operation, path_param
from widget.schemas.admin import AdminThreadSchema, ThreadUpdateSchema
from widget.services import moderation

bp = Blueprint("threads", __name__)


@bp.patch("/threads/<int:thread_id>")
def update_thread(thread_id: int) -> Response:
    """Lock or unlock a thread, pin or unpin one of its comments."""
    data = load_json(ThreadUpdateSchema())
    return dump(AdminThreadSchema(), moderation.update_thread(actor(), thread_id, data))


PATHS = {
    "/admin/threads/{thread_id}": {
        "patch": operation(
            update_thread,
            {**ok(200, AdminThreadSchema), **errors(400, 401, 403, 404, 415, 422)},
            body=ThreadUpdateSchema,
            path=path_param("thread_id"),
            auth=ADMIN_AUTH,
        )
    },
}
