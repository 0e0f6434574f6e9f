"""The site export file, format ``widget-site-export`` version 1 (see README, "Import and export").

One schema per section serves both directions: the file is written through it and read back
through it, so what is written is exactly what a restore accepts. Rows refer to each other by
``ref``, a number local to the file, never by database id; a field made by ``_ref(section)``
holds a ref of that section and stands for the column of the same name plus ``_id``. Other
fields are named after their columns. Derived data (rendered HTML, thread counts) is left out
and rebuilt on restore.

New kinds of data are added as new sections that default to empty, and new columns as fields
that are optional on load (an older file lacks them, and the column's own default applies);
``version`` changes only when an existing field changes meaning. Unknown sections and fields
are refused rather than dropped.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from widget import limits
from widget.models import (
    CommentStatus,
    ConsentAction,
    FlagReason,
    ModerationMode,
    Role,
)
from widget.schemas.admin import SiteUpdateSchema
from widget.schemas.common import StrictSchema
from widget.schemas.preferences import PreferencesUpdateSchema
from widget.schemas.sites import SiteSettingsSchema

FORMAT = "widget-site-export"
VERSION = 1
# What an audit entry may be about, and the section whose refs name such a target.
AUDIT_TARGETS = {"comment": "comments", "thread": "threads", "ban": "bans", "site": "site"}


def _ref(section: str | None = None, **kwargs) -> fields.Integer:
    """A row's own ref, or (given ``section``) a reference to a row of that section."""
    return fields.Integer(
        strict=True, validate=validate.Range(min=1), metadata={"refers_to": section}, **kwargs
    )


def _time(**kwargs) -> fields.AwareDateTime:
    return fields.AwareDateTime(format="iso", **kwargs)


def _text(max_length: int, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(max=max_length), **kwargs)


def _hash(**kwargs) -> fields.String:
    return fields.String(validate=validate.Length(64, 64), **kwargs)


class SiteSection(SiteSettingsSchema, SiteUpdateSchema):
    """The site's settings, checked as ``sites configure`` and the admin API check them.

    Those of the format's first release are declared again here, to be required.
    """

    slug = fields.String(required=True, validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH))
    name = fields.String(required=True, validate=validate.Length(1, limits.SITE_NAME_MAX_LENGTH))
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
    token_hash = _hash(required=True)
    created_at = _time(required=True)


class ReaderPreferencesRow(PreferencesUpdateSchema):
    """One reader's saved preferences, checked as the preferences API checks them."""

    reader = _ref("readers", required=True)
    updated_at = _time(required=True)


class ConsentRecordRow(StrictSchema):
    reader = _ref("readers", required=True, allow_none=True)
    created_at = _time(required=True)
    policy_version = fields.String(
        required=True, validate=validate.Length(1, limits.POLICY_VERSION_MAX_LENGTH)
    )
    action = fields.Enum(ConsentAction, by_value=True, required=True)
    granted = fields.List(fields.String(), required=True)
    refused = fields.List(fields.String(), required=True)
    gpc = fields.Boolean(required=True)


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
    thread = _ref("threads", required=True)
    parent = _ref("comments", required=True, allow_none=True)
    root = _ref("comments", required=True, allow_none=True)
    depth = fields.Integer(strict=True, required=True, validate=validate.Range(min=0))
    status = fields.Enum(CommentStatus, by_value=True, required=True)
    body_markdown = fields.String(required=True)
    author_name = _text(limits.AUTHOR_NAME_MAX_LENGTH, required=True, allow_none=True)
    author_email = _text(limits.AUTHOR_EMAIL_MAX_LENGTH, required=True, allow_none=True)
    author_website = _text(limits.AUTHOR_WEBSITE_MAX_LENGTH, required=True, allow_none=True)
    avatar_hash = _text(64, required=True, allow_none=True)
    reader = _ref("readers", required=True, allow_none=True)
    ip_hash = _text(64, required=True, allow_none=True)
    created_at = _time(required=True)
    edited_at = _time(required=True, allow_none=True)
    score = fields.Integer(strict=True, required=True)
    imported_from = fields.Nested(ImportedFromSchema, required=True, allow_none=True)
    moderation_reason = _text(200, allow_none=True)
    # Hashed with the site's database id, so it only matches retries made before a move.
    idempotency_key = _hash(allow_none=True)
    # The comment its thread shows first (the thread's ``pinned_comment_id``).
    pinned = fields.Boolean(load_default=False)


class VoteRow(StrictSchema):
    comment = _ref("comments", required=True)
    reader = _ref("readers", required=True)
    value = fields.Integer(strict=True, required=True, validate=validate.OneOf([-1, 0, 1]))
    created_at = _time(required=True)


class FlagRow(StrictSchema):
    comment = _ref("comments", required=True)
    reader = _ref("readers", required=True)
    reason = fields.Enum(FlagReason, by_value=True, required=True)
    note = _text(limits.FLAG_NOTE_MAX_LENGTH, required=True, allow_none=True)
    created_at = _time(required=True)
    resolved_at = _time(required=True, allow_none=True)


class AdminTokenRow(StrictSchema):
    """A moderator's or admin's token for this site (and maybe others), as its hash only."""

    ref = _ref(required=True)
    name = fields.String(required=True, validate=validate.Length(1, 100))
    role = fields.Enum(Role, by_value=True, required=True)
    token_hash = _hash(required=True)
    created_at = _time(required=True)
    revoked_at = _time(required=True, allow_none=True)


class BanRow(StrictSchema):
    ref = _ref(required=True)
    reader = _ref("readers", required=True, allow_none=True)
    ip_hash = _hash(required=True, allow_none=True)
    email = _text(limits.AUTHOR_EMAIL_MAX_LENGTH, required=True, allow_none=True)
    reason = _text(limits.BAN_REASON_MAX_LENGTH, required=True, allow_none=True)
    expires_at = _time(required=True, allow_none=True)
    created_at = _time(required=True)
    created_by = _ref("admin_tokens", required=True, allow_none=True)

    @validates_schema
    def _one_target(self, data: dict, **kwargs) -> None:
        targets = [name for name in ("reader", "ip_hash", "email") if data.get(name) is not None]
        if len(targets) != 1:
            raise ValidationError("A ban has exactly one of reader, ip_hash and email.")


class AuditEntryRow(StrictSchema):
    """An audit entry. ``target`` and the ids in ``before``/``after`` are refs (see README)."""

    token = _ref("admin_tokens", required=True, allow_none=True)
    actor = fields.String(required=True, validate=validate.Length(1, 100))
    action = fields.String(required=True, validate=validate.Length(1, 32))
    target_type = fields.String(required=True, validate=validate.OneOf(AUDIT_TARGETS))
    target = _ref(required=True)
    before = fields.Dict(required=True, allow_none=True)
    after = fields.Dict(required=True, allow_none=True)
    created_at = _time(required=True)


class WebhookEndpointRow(StrictSchema):
    url = fields.String(required=True, validate=validate.Length(1, limits.PAGE_URL_MAX_LENGTH))
    secret = fields.String(required=True, validate=validate.Length(1, 64))
    events = fields.String(required=True, validate=validate.Length(1, 200))
    active = fields.Boolean(required=True)
    created_at = _time(required=True)


class ModeratorEmailRow(StrictSchema):
    address = fields.String(
        required=True, validate=validate.Length(1, limits.AUTHOR_EMAIL_MAX_LENGTH)
    )


# Every section after ``site``, keyed by its table, in the order written and restored: a row
# refers only to rows of sections before it (audit entries may name rows that are gone).
SECTIONS: dict[str, type[StrictSchema]] = {
    "readers": ReaderRow,
    "reader_preferences": ReaderPreferencesRow,
    "consent_records": ConsentRecordRow,
    "threads": ThreadRow,
    "comments": CommentRow,
    "votes": VoteRow,
    "flags": FlagRow,
    "admin_tokens": AdminTokenRow,
    "bans": BanRow,
    "audit_entries": AuditEntryRow,
    "webhook_endpoints": WebhookEndpointRow,
    "moderator_emails": ModeratorEmailRow,
}

SiteExportSchema = StrictSchema.from_dict(
    {
        "format": fields.String(required=True, validate=validate.Equal(FORMAT)),
        "version": fields.Integer(strict=True, required=True, validate=validate.Equal(VERSION)),
        "site": fields.Nested(SiteSection, required=True),
        **{
            name: fields.List(fields.Nested(row), load_default=list)
            for name, row in SECTIONS.items()
        },
    },
    name="SiteExportSchema",
)
