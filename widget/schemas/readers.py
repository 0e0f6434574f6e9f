"""Schemas for anonymous reader identities."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from widget import limits
from widget.schemas.common import StrictSchema


class ReaderCreateSchema(StrictSchema):
    site = fields.String(required=True, validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH))


class ReaderTokenSchema(Schema):
    token = fields.String(required=True)
