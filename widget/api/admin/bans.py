"""Bans: list, create and lift."""

from __future__ import annotations

from flask import Blueprint, Response, url_for

from widget.api.admin.common import actor
from widget.api.io import dump, load_args, load_json
from widget.api.openapi import ADMIN_AUTH, errors, ok, operation, path_param
from widget.schemas.admin import BanCreateSchema, BanPageSchema, BanQuerySchema, BanSchema
from widget.services import bans

bp = Blueprint("bans", __name__)


@bp.get("/bans")
def list_bans() -> Response:
    """List bans on the token's sites, newest first."""
    args = load_args(BanQuerySchema())
    return dump(BanPageSchema(), bans.list_bans(actor(), **args))


@bp.post("/bans")
def create_ban() -> Response:
    """Ban a reader, an IP hash or an email address from a site."""
    data = load_json(BanCreateSchema())
    ban = bans.create_ban(actor(), data.pop("site"), **data)
    location = url_for(".list_bans", site=ban.site.slug)
    return dump(BanSchema(), ban, 201, {"Location": location})


@bp.delete("/bans/<int:ban_id>")
def lift_ban(ban_id: int) -> Response:
    """Lift a ban."""
    bans.lift_ban(actor(), ban_id)
    return Response(status=204)


PATHS = {
    "/admin/bans": {
        "get": operation(
            list_bans,
            {**ok(200, BanPageSchema), **errors(401, 403, 404, 422)},
            query=BanQuerySchema,
            auth=ADMIN_AUTH,
        ),
        "post": operation(
            create_ban,
            {**ok(201, BanSchema), **errors(400, 401, 403, 404, 409, 415, 422)},
            body=BanCreateSchema,
            auth=ADMIN_AUTH,
        ),
    },
    "/admin/bans/{ban_id}": {
        "delete": operation(
            lift_ban,
            {"204": {"description": "Lifted"}, **errors(401, 403, 404)},
            path=path_param("ban_id"),
            auth=ADMIN_AUTH,
        )
    },
}
