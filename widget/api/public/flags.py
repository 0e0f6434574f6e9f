"""Readers' flags on comments."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.common import write_limit
from widget.api.io import dump, load_json
from widget.api.openapi import READER_AUTH, errors, ok, operation, path_param
from widget.cors import bind_site
from widget.ratelimit import bearer_token
from widget.schemas.flags import FlagCreatedSchema, FlagCreateSchema
from widget.services import comments, flags

bp = Blueprint("flags", __name__)


@bp.post("/comments/<int:comment_id>/flags")
@write_limit
def flag_comment(comment_id: int) -> Response:
    """Flag a comment for the moderators, once per reader."""
    data = load_json(FlagCreateSchema())
    bind_site(comments.get_comment(comment_id).thread.site)
    flag = flags.flag_comment(comment_id, data["reason"], data.get("note"), bearer_token())
    return dump(FlagCreatedSchema(), flag, 201)


PATHS = {
    "/comments/{comment_id}/flags": {
        "post": operation(
            flag_comment,
            {**ok(201, FlagCreatedSchema), **errors(400, 401, 403, 404, 409, 415, 422, 429)},
            body=FlagCreateSchema,
            path=path_param("comment_id"),
            auth=READER_AUTH,
        )
    },
}
