"""Schemas for anonymous reader identities."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from widget import limits
from widget.models import CommentStatus
from widget.schemas.common import StrictSchema
from widget.schemas.consent import ConsentRecordSchema
from widget.schemas.preferences import PreferencesSchema
from widget.services.reader_data import CommentErasure


class ReaderCreateSchema(StrictSchema):
    site = fields.String(required=True, validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH))


class ReaderTokenSchema(Schema):
    token = fields.String(required=True)


class ReaderEraseQuerySchema(StrictSchema):
    comments = fields.Enum(
        CommentErasure,
        by_value=True,
        required=True,
        metadata={
            "description": "delete: comments go, a placeholder stays where replies hang "
            "below; anonymize: comments stay without anything that names their author."
        },
    )


class ReaderSchema(Schema):
    id = fields.Integer()
    created_at = fields.DateTime(format="iso")


class ExportedCommentSchema(Schema):
    """A comment as its author wrote it, whatever its status."""

    id = fields.Integer()
    page = fields.String(attribute="thread.page_key")
    page_url = fields.String(attribute="thread.url", allow_none=True)
    parent_id = fields.Integer(allow_none=True)
    status = fields.Enum(CommentStatus, by_value=True)
    body_markdown = fields.String()
    body_html = fields.String()
    author_name = fields.String(allow_none=True)
    author_email = fields.String(allow_none=True)
    author_website = fields.String(allow_none=True)
    avatar = fields.String(attribute="avatar_hash", allow_none=True)
    ip_hash = fields.String(allow_none=True)
    created_at = fields.DateTime(format="iso")
    edited_at = fields.DateTime(format="iso", allow_none=True)
    score = fields.Integer()


class ExportedVoteSchema(Schema):
    comment_id = fields.Integer()
    value = fields.Integer()
    created_at = fields.DateTime(format="iso")


class ReaderExportSchema(Schema):
    """Everything the service holds about one reader."""

    site = fields.String(attribute="site.slug")
    exported_at = fields.DateTime(format="iso")
    reader = fields.Nested(ReaderSchema)
    preferences = fields.Nested(PreferencesSchema)
    consent = fields.List(fields.Nested(ConsentRecordSchema))
    comments = fields.List(fields.Nested(ExportedCommentSchema))
    votes = fields.List(fields.Nested(ExportedVoteSchema))
