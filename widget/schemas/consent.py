"""Schemas for readers' consent decisions and the consent log."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from widget import limits
from widget.models import ConsentAction
from widget.schemas.common import StrictBoolean, StrictSchema


class ConsentUpdateSchema(StrictSchema):
    """A reader's decision; which categories exist is the site's to say, so the service checks."""

    policy_version = fields.String(
        required=True, validate=validate.Length(1, limits.POLICY_VERSION_MAX_LENGTH)
    )
    choices = fields.Dict(
        keys=fields.String(validate=validate.Length(1, limits.CONSENT_KEY_MAX_LENGTH)),
        values=StrictBoolean(),
        required=True,
        validate=validate.Length(max=limits.CONSENT_CATEGORIES_MAX),
        metadata={"description": "Category key to true (granted) or false; omitted is refused."},
    )
    gpc = StrictBoolean(
        load_default=False,
        metadata={
            "description": "navigator.globalPrivacyControl, for browsers that do not send "
            "Sec-GPC; either signal counts."
        },
    )


class ConsentRecordSchema(Schema):
    """One entry of the consent log."""

    id = fields.Integer()
    created_at = fields.DateTime(format="iso")
    policy_version = fields.String()
    action = fields.Enum(ConsentAction, by_value=True)
    granted = fields.List(fields.String())
    refused = fields.List(fields.String())
    gpc = fields.Boolean()
