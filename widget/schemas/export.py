"""The site export file, format ``widget-site-export`` version 1 (see README, "Import and export").

One schema per section serves both directions: the file is written through it and read back
through it, so what is written is exactly what a restore accepts. Rows refer to each other by
``ref``, a number local to the file, never by database id. Derived data (rendered HTML, thread
counts) is left out and rebuilt on restore. New kinds of data are added as new top-level
sections with a default, which older files simply lack; ``version`` changes only when an
existing section changes meaning. Unknown sections are refused rather than dropped.
"""

from __future__ import annotations

from marshmallow import fields, validate

from widget import limits
from widget.models import CommentStatus, ModerationMode
from widget.schemas.common import StrictSchema

FORMAT = "widget-site-export"
VERSION = 1


def _ref(**kwargs) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1), **kwargs)


def _time(**kwargs) -> fields.AwareDateTime:
    return fields.AwareDateTime(format="iso", **kwargs)


def _text(max_length: int, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(max=max_length), **kwargs)


class SiteSection(StrictSchema):
    slug = fields.String(required=True, validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH))
    name = fields.String(required=True, validate=validate.Length(1, 200))
    moderation = fields.Enum(ModerationMode, by_value=True, required=True)
    edit_window_seconds = fields.Integer(
        strict=True, required=True, validate=validate.Range(0, limits.EDIT_WINDOW_MAX_SECONDS)
    )
    max_depth = fields.Integer(
        strict=True, required=True, validate=validate.Range(0, limits.MAX_DEPTH_LIMIT)
    )
    max_body_length = fields.Integer(
        strict=True, required=True, validate=validate.Range(1, limits.BODY_HARD_MAX_LENGTH)
    )
    gravatar = fields.Boolean(required=True)
    created_at = _time(required=True)
    origins = fields.List(fields.String(validate=validate.Length(1, 255)), required=True)


class ReaderRow(StrictSchema):
    ref = _ref(required=True)
    token_hash = fields.String(required=True, validate=validate.Length(64, 64))
    created_at = _time(required=True)


class ThreadRow(StrictSchema):
    ref = _ref(required=True)
    page_key = fields.String(required=True, validate=validate.Length(1, limits.PAGE_KEY_MAX_LENGTH))
    url = _text(limits.PAGE_URL_MAX_LENGTH, required=True, allow_none=True)
    title = _text(limits.PAGE_TITLE_MAX_LENGTH, required=True, allow_none=True)
    locked = fields.Boolean(required=True)
    created_at = _time(required=True)


class ImportedFromSchema(StrictSchema):
    source = fields.String(required=True, validate=validate.Length(1, 16))
    id = fields.String(required=True, validate=validate.Length(1, 255))


class CommentRow(StrictSchema):
    ref = _ref(required=True)
    thread = _ref(required=True)
    parent = _ref(required=True, allow_none=True)
    root = _ref(required=True, allow_none=True)
    depth = fields.Integer(strict=True, required=True, validate=validate.Range(min=0))
    status = fields.Enum(CommentStatus, by_value=True, required=True)
    body_markdown = fields.String(required=True)
    author_name = _text(limits.AUTHOR_NAME_MAX_LENGTH, required=True, allow_none=True)
    author_email = _text(limits.AUTHOR_EMAIL_MAX_LENGTH, required=True, allow_none=True)
    author_website = _text(limits.AUTHOR_WEBSITE_MAX_LENGTH, required=True, allow_none=True)
    avatar_hash = _text(64, required=True, allow_none=True)
    reader = _ref(required=True, allow_none=True)
    ip_hash = _text(64, required=True, allow_none=True)
    created_at = _time(required=True)
    edited_at = _time(required=True, allow_none=True)
    score = fields.Integer(strict=True, required=True)
    imported_from = fields.Nested(ImportedFromSchema, required=True, allow_none=True)


class VoteRow(StrictSchema):
    comment = _ref(required=True)
    reader = _ref(required=True)
    value = fields.Integer(strict=True, required=True, validate=validate.OneOf([-1, 0, 1]))
    created_at = _time(required=True)


class SiteExportSchema(StrictSchema):
    """The whole file. Sections are listed in the order they are written and restored."""

    format = fields.String(required=True, validate=validate.Equal(FORMAT))
    version = fields.Integer(strict=True, required=True, validate=validate.Equal(VERSION))
    site = fields.Nested(SiteSection, required=True)
    readers = fields.List(fields.Nested(ReaderRow), load_default=list)
    threads = fields.List(fields.Nested(ThreadRow), load_default=list)
    comments = fields.List(fields.Nested(CommentRow), load_default=list)
    votes = fields.List(fields.Nested(VoteRow), load_default=list)
