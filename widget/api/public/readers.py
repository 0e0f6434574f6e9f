"""Anonymous reader identities."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.common import site_for, write_limit
from widget.api.io import dump, load_json
from widget.api.openapi import errors, ok, operation
from widget.schemas.readers import ReaderCreateSchema, ReaderTokenSchema
from widget.services import readers

bp = Blueprint("readers", __name__)


@bp.post("/readers")
@write_limit
def create_reader() -> Response:
    """Issue an anonymous reader token for a site; it is shown only this once."""
    data = load_json(ReaderCreateSchema)
    _, token = readers.create_reader(site_for(data["site"]))
    return dump(ReaderTokenSchema, {"token": token}, 201)


PATHS = {
    "/readers": {
        "post": operation(
            create_reader,
            {**ok(201, ReaderTokenSchema), **errors(400, 403, 404, 415, 422, 429)},
            body=ReaderCreateSchema,
        )
    },
}
