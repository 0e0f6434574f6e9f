"""The reader's own data: preferences, consent, export and erasure.

The bearer token alone says who the reader is and on which site.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from widget.api.common import read_limit, write_limit
from widget.api.io import dump, load_args, load_json
from widget.api.openapi import READER_AUTH, errors, ok, operation
from widget.cors import bind_site
from widget.models import Reader
from widget.ratelimit import bearer_token
from widget.schemas.consent import ConsentRecordSchema, ConsentUpdateSchema
from widget.schemas.preferences import PreferencesSchema, PreferencesUpdateSchema
from widget.schemas.readers import ReaderEraseQuerySchema, ReaderExportSchema
from widget.services import consent, preferences, reader_data, readers

bp = Blueprint("me", __name__)

# Personal data: no shared cache may keep a copy.
PRIVATE = {"Cache-Control": "no-store"}


def _current_reader() -> Reader:
    """The reader the bearer token names (401 without a valid one), bound for CORS."""
    reader = readers.authenticate_reader(None, bearer_token(), required=True)
    bind_site(reader.site)
    return reader


def _gpc() -> bool:
    """Global Privacy Control as browsers send it (``Sec-GPC: 1``)."""
    return request.headers.get("Sec-GPC", "").strip() == "1"


@bp.get("/readers/me")
@read_limit
def export() -> Response:
    """Export everything held about the reader as JSON."""
    reader = _current_reader()
    filename = f"widget-{reader.site.slug}-my-data.json"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return dump(ReaderExportSchema, reader_data.export_reader(reader), headers=headers)


@bp.delete("/readers/me")
@write_limit
def erase() -> Response:
    """Erase the reader: token, preferences and votes, comments deleted or anonymised."""
    reader = _current_reader()
    args = load_args(ReaderEraseQuerySchema)
    reader_data.erase_reader(reader, args["comments"])
    return Response(status=204)


@bp.get("/readers/me/preferences")
@read_limit
def get_preferences() -> Response:
    """Return the reader's preferences, or the defaults if none were saved."""
    reader = _current_reader()
    return dump(PreferencesSchema, preferences.get_preferences(reader), headers=PRIVATE)


@bp.put("/readers/me/preferences")
@write_limit
def save_preferences() -> Response:
    """Replace the reader's preferences; omitted fields return to their defaults."""
    reader = _current_reader()
    data = load_json(PreferencesUpdateSchema)
    saved = preferences.save_preferences(reader, data)
    return dump(PreferencesSchema, saved, headers=PRIVATE)


@bp.put("/readers/me/consent")
@write_limit
def save_consent() -> Response:
    """Record the reader's consent decision under the site's current policy version."""
    reader = _current_reader()
    data = load_json(ConsentUpdateSchema)
    record = consent.record_consent(
        reader, data["policy_version"], data["choices"], gpc=data["gpc"] or _gpc()
    )
    return dump(ConsentRecordSchema, record, headers=PRIVATE)


PATHS = {
    "/readers/me": {
        "get": operation(
            export, {**ok(200, ReaderExportSchema), **errors(401, 429)}, auth=READER_AUTH
        ),
        "delete": operation(
            erase,
            {"204": {"description": "Erased"}, **errors(401, 403, 422, 429)},
            query=ReaderEraseQuerySchema,
            auth=READER_AUTH,
        ),
    },
    "/readers/me/preferences": {
        "get": operation(
            get_preferences, {**ok(200, PreferencesSchema), **errors(401, 429)}, auth=READER_AUTH
        ),
        "put": operation(
            save_preferences,
            {**ok(200, PreferencesSchema), **errors(400, 401, 403, 409, 413, 415, 422, 429)},
            body=PreferencesUpdateSchema,
            auth=READER_AUTH,
        ),
    },
    "/readers/me/consent": {
        "put": operation(
            save_consent,
            {
                **ok(200, ConsentRecordSchema, "Appended to the consent log"),
                **errors(400, 401, 403, 409, 413, 415, 422, 429),
            },
            body=ConsentUpdateSchema,
            auth=READER_AUTH,
        )
    },
}
