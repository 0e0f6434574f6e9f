"""Schemas for readers' flags on comments."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from widget import limits
from widget.models import FlagReason
from widget.schemas.common import CleanString, StrictSchema


class FlagCreateSchema(StrictSchema):
    blank_is_none = ("note",)

    reason = fields.Enum(FlagReason, by_value=True, required=True)
    note = CleanString(allow_none=True, validate=validate.Length(max=limits.FLAG_NOTE_MAX_LENGTH))


class FlagCreatedSchema(Schema):
    id = fields.Integer()
    reason = fields.Enum(FlagReason, by_value=True)
    created_at = fields.DateTime(format="iso")
