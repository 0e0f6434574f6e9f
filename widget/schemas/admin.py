"""Schemas of the admin API, one per direction and location."""

from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from widget import limits
from widget.models import CommentStatus, ModerationMode
from widget.schemas.comments import ThreadMetaSchema
from widget.schemas.common import (
    ID_RANGE,
    CleanString,
    StrictBoolean,
    StrictInteger,
    StrictSchema,
)
from widget.services.moderation import ACTIONS


def _site_field(**kwargs) -> fields.String:
    return fields.String(validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH), **kwargs)


def _when() -> fields.AwareDateTime:
    """A moment in ISO 8601; without a zone it is taken as UTC."""
    return fields.AwareDateTime(default_timezone=UTC)


def _id(**kwargs) -> StrictInteger:
    return StrictInteger(validate=ID_RANGE, **kwargs)


class PageQuerySchema(StrictSchema):
    """Newest first, a page at a time: pass the previous page's ``next_cursor``."""

    limit = fields.Integer(
        load_default=limits.ADMIN_PAGE_DEFAULT,
        validate=validate.Range(1, limits.ADMIN_PAGE_MAX),
    )
    cursor = fields.String(validate=validate.Length(1, 200))


class NonEmptySchema(StrictSchema):
    @validates_schema
    def _not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Give at least one field to change.")


# --- comments -----------------------------------------------------------------------------


class AdminCommentQuerySchema(PageQuerySchema):
    site = _site_field()
    status = fields.List(fields.Enum(CommentStatus, by_value=True))
    page = CleanString(validate=validate.Length(1, limits.PAGE_KEY_MAX_LENGTH))
    author = CleanString(validate=validate.Length(1, limits.AUTHOR_EMAIL_MAX_LENGTH))
    reader_id = fields.Integer(validate=ID_RANGE)
    ip_hash = fields.String(validate=validate.Length(64, 64))
    q = CleanString(validate=validate.Length(1, limits.SEARCH_MAX_LENGTH))
    since = _when()
    until = _when()
    flagged = fields.Boolean()


class FlagSchema(Schema):
    id = fields.Integer()
    reader_id = fields.Integer()
    reason = fields.String()
    note = fields.String(allow_none=True)
    created_at = fields.DateTime(format="iso")
    resolved_at = fields.DateTime(format="iso", allow_none=True)


class AuditEntrySchema(Schema):
    id = fields.Integer()
    site = fields.String(attribute="site.slug")
    actor = fields.String()
    token_id = fields.Integer(allow_none=True)
    action = fields.String()
    target_type = fields.String()
    target_id = fields.Integer()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    created_at = fields.DateTime(format="iso")


class AdminCommentSchema(Schema):
    """A comment with everything a moderator needs to decide on it."""

    id = fields.Integer()
    site = fields.String(attribute="thread.site.slug")
    thread_id = fields.Integer()
    # The moderation page offers "Lock thread" or "Unlock thread" from a queue item.
    thread_locked = fields.Boolean(attribute="thread.locked")
    # ... and "Pin comment" or "Unpin comment" on an approved top-level comment.
    thread_pinned_comment_id = fields.Integer(attribute="thread.pinned_comment_id", allow_none=True)
    page = fields.String(attribute="thread.page_key")
    page_url = fields.String(attribute="thread.url", allow_none=True)
    page_title = fields.String(attribute="thread.title", allow_none=True)
    parent_id = fields.Integer(allow_none=True)
    depth = fields.Integer()
    status = fields.Enum(CommentStatus, by_value=True)
    moderation_reason = fields.String(allow_none=True)
    body_markdown = fields.String()
    body_html = fields.String()
    author_name = fields.String(allow_none=True)
    author_email = fields.String(allow_none=True)
    author_website = fields.String(allow_none=True)
    reader_id = fields.Integer(allow_none=True)
    ip_hash = fields.String(allow_none=True)
    score = fields.Integer()
    created_at = fields.DateTime(format="iso")
    edited_at = fields.DateTime(format="iso", allow_none=True)
    open_flags = fields.Integer()
    flags = fields.List(fields.Nested(FlagSchema))
    history = fields.List(fields.Nested(AuditEntrySchema))


class AdminCommentPageSchema(Schema):
    comments = fields.List(fields.Nested(AdminCommentSchema), attribute="items")
    next_cursor = fields.String(allow_none=True)


class BulkActionSchema(StrictSchema):
    ids = fields.List(
        StrictInteger(validate=ID_RANGE),
        required=True,
        validate=validate.Length(1, limits.BULK_MAX_IDS),
    )
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))


class BulkResultSchema(Schema):
    action = fields.String()
    ids = fields.List(fields.Integer())


# --- threads ------------------------------------------------------------------------------


class ThreadUpdateSchema(NonEmptySchema):
    locked = StrictBoolean()
    pinned_comment_id = _id(allow_none=True)


class AdminThreadSchema(ThreadMetaSchema):
    id = fields.Integer()


# --- bans ---------------------------------------------------------------------------------


class BanQuerySchema(PageQuerySchema):
    site = _site_field()
    active = fields.Boolean()


class BanCreateSchema(StrictSchema):
    """Exactly one of ``reader_id``, ``ip_hash`` and ``email`` says whom the ban covers."""

    blank_is_none = ("reason",)

    site = _site_field(required=True)
    reader_id = _id()
    ip_hash = fields.String(validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    email = fields.Email(validate=validate.Length(max=limits.AUTHOR_EMAIL_MAX_LENGTH))
    reason = CleanString(
        allow_none=True, validate=validate.Length(max=limits.BAN_REASON_MAX_LENGTH)
    )
    expires_at = _when()


class BanSchema(Schema):
    id = fields.Integer()
    site = fields.String(attribute="site.slug")
    reader_id = fields.Integer(allow_none=True)
    ip_hash = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    expires_at = fields.DateTime(format="iso", allow_none=True)
    created_at = fields.DateTime(format="iso")
    created_by_id = fields.Integer(allow_none=True)


class BanPageSchema(Schema):
    bans = fields.List(fields.Nested(BanSchema), attribute="items")
    next_cursor = fields.String(allow_none=True)


# --- sites --------------------------------------------------------------------------------


class AdminSiteSchema(Schema):
    site = fields.String(attribute="slug")
    name = fields.String()
    moderation = fields.Enum(ModerationMode, by_value=True)
    blocked_words = fields.List(fields.String())
    max_links = fields.Integer(allow_none=True)
    edit_window_seconds = fields.Integer()
    max_depth = fields.Integer()
    max_body_length = fields.Integer()
    flag_threshold = fields.Integer()
    ban_silently = fields.Boolean()
    require_form_fields = fields.Boolean()
    origins = fields.List(fields.String(), attribute="origin_list")
    created_at = fields.DateTime(format="iso")


class AdminSiteListSchema(Schema):
    """Every site a token may act on, by slug; there are few, so no pages."""

    sites = fields.List(fields.Nested(AdminSiteSchema))


class SiteUpdateSchema(NonEmptySchema):
    name = CleanString(validate=validate.Length(1, limits.SITE_NAME_MAX_LENGTH))
    moderation = fields.Enum(ModerationMode, by_value=True)
    blocked_words = fields.List(
        CleanString(validate=validate.Length(1, limits.BLOCKED_WORD_MAX_LENGTH)),
        validate=validate.Length(max=limits.BLOCKED_WORDS_MAX),
    )
    max_links = StrictInteger(allow_none=True, validate=validate.Range(0, limits.MAX_LINKS_LIMIT))
    edit_window_seconds = StrictInteger(validate=validate.Range(0, limits.EDIT_WINDOW_MAX_SECONDS))
    max_depth = StrictInteger(validate=validate.Range(0, limits.MAX_DEPTH_LIMIT))
    max_body_length = StrictInteger(validate=validate.Range(1, limits.BODY_HARD_MAX_LENGTH))
    flag_threshold = StrictInteger(validate=validate.Range(1, limits.FLAG_THRESHOLD_MAX))
    ban_silently = StrictBoolean()
    require_form_fields = StrictBoolean()
    origins = fields.List(
        fields.String(validate=validate.Length(1, limits.ORIGIN_MAX_LENGTH)),
        validate=validate.Length(max=limits.SITE_ORIGINS_MAX),
    )


# --- audit --------------------------------------------------------------------------------


class AuditQuerySchema(PageQuerySchema):
    site = _site_field()
    action = fields.String(validate=validate.Length(1, 32))
    target_type = fields.String(validate=validate.OneOf(["comment", "thread", "ban", "site"]))
    target_id = fields.Integer(validate=ID_RANGE)
    token_id = fields.Integer(validate=ID_RANGE)
    since = _when()
    until = _when()


class AuditPageSchema(Schema):
    entries = fields.List(fields.Nested(AuditEntrySchema), attribute="items")
    next_cursor = fields.String(allow_none=True)
