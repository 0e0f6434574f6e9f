"""Schemas for comments and threads, one per direction and location."""

from __future__ import annotations

from datetime import timedelta

from marshmallow import Schema, fields, post_dump, validate

from widget import limits
from widget.avatars import avatar_url
from widget.feeds import thread_feed_url
from widget.models import CommentStatus
from widget.schemas.common import ID_RANGE, CleanString, StrictInteger, StrictSchema, UrlOf

SORTS = ("oldest", "newest", "top")


def _site_field(**kwargs) -> fields.String:
    return fields.String(validate=validate.Length(1, limits.SITE_SLUG_MAX_LENGTH), **kwargs)


def _page_field(**kwargs) -> CleanString:
    return CleanString(validate=validate.Length(1, limits.PAGE_KEY_MAX_LENGTH), **kwargs)


def _body_field() -> CleanString:
    # The site's own limit (at most this) is checked by the service, which knows the site.
    return CleanString(
        multiline=True,
        required=True,
        validate=validate.Length(1, limits.BODY_HARD_MAX_LENGTH),
    )


class Website(CleanString):
    """An author's website: a bare host gets ``https://`` so that readers can follow it."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if value and "://" not in value:
            value = "https://" + value
        return value


class CommentQuerySchema(StrictSchema):
    site = _site_field(required=True)
    page = _page_field(required=True)
    sort = fields.String(load_default="oldest", validate=validate.OneOf(SORTS))
    limit = fields.Integer(
        load_default=limits.THREAD_PAGE_DEFAULT,
        validate=validate.Range(1, limits.THREAD_PAGE_MAX),
    )
    cursor = fields.String(validate=validate.Length(1, 200))


class CommentCreateSchema(StrictSchema):
    blank_is_none = ("page_url", "page_title", "author_name", "author_email", "author_website")

    site = _site_field(required=True)
    page = _page_field(required=True)
    page_url = fields.URL(
        schemes={"http", "https"},
        require_tld=False,
        allow_none=True,
        validate=validate.Length(max=limits.PAGE_URL_MAX_LENGTH),
    )
    page_title = CleanString(
        allow_none=True, validate=validate.Length(max=limits.PAGE_TITLE_MAX_LENGTH)
    )
    parent_id = StrictInteger(allow_none=True, validate=ID_RANGE)
    body = _body_field()
    author_name = CleanString(
        allow_none=True, validate=validate.Length(1, limits.AUTHOR_NAME_MAX_LENGTH)
    )
    author_email = fields.Email(
        allow_none=True, validate=validate.Length(max=limits.AUTHOR_EMAIL_MAX_LENGTH)
    )
    author_website = Website(
        allow_none=True,
        validate=[
            validate.Length(max=limits.AUTHOR_WEBSITE_MAX_LENGTH),
            validate.URL(schemes={"http", "https"}, require_tld=True),
        ],
    )
    # Sent by the embed's form, optional for other clients unless the site requires them:
    # a hidden field people leave empty, and how long the form was open before posting.
    honeypot = fields.String(
        allow_none=True, validate=validate.Length(max=limits.HONEYPOT_MAX_LENGTH)
    )
    elapsed_ms = StrictInteger(allow_none=True, validate=validate.Range(min=0))


class CommentUpdateSchema(StrictSchema):
    body = _body_field()


class VoteSchema(StrictSchema):
    value = StrictInteger(required=True, validate=validate.OneOf([-1, 0, 1]))


class PreviewSchema(StrictSchema):
    body = _body_field()


class PreviewResultSchema(Schema):
    body_html = fields.String(required=True)


class CommentSchema(Schema):
    """A comment as every reader sees it; deleted comments remain only as placeholders."""

    id = fields.Integer()
    parent_id = fields.Integer(allow_none=True)
    status = fields.Enum(CommentStatus, by_value=True)
    author_name = fields.String(allow_none=True)
    author_website = fields.String(allow_none=True)
    # Our identicon's URL (or Gravatar's, where the site opted in); null without an identity.
    avatar = UrlOf(avatar_url, allow_none=True)
    body_html = fields.String()
    created_at = fields.DateTime(format="iso")
    edited_at = fields.DateTime(format="iso", allow_none=True)
    score = fields.Integer()

    # Readers other than the author see anything not approved only as a placeholder.
    show_unapproved = False

    @post_dump
    def _placeholder(self, data, **kwargs):
        if self.show_unapproved and data["status"] == CommentStatus.SPAM.value:
            # Held as spam silently: its author is told no more than "awaiting moderation".
            data["status"] = CommentStatus.PENDING.value
        visible = data["status"] == CommentStatus.APPROVED.value or (
            self.show_unapproved and data["status"] == CommentStatus.PENDING.value
        )
        if not visible:
            data.update(
                status=CommentStatus.DELETED.value,
                author_name=None,
                author_website=None,
                avatar=None,
                body_html="",
            )
        return data


class CommentNodeSchema(CommentSchema):
    """A comment inside a thread, with its replies nested below it."""

    replies = fields.List(fields.Nested(lambda: CommentNodeSchema()))


class WrittenCommentSchema(CommentSchema):
    """What the author gets back after posting or editing: also until when it can be changed."""

    show_unapproved = True

    editable_until = fields.Method("get_editable_until")

    def get_editable_until(self, comment) -> str:
        window = timedelta(seconds=comment.thread.site.edit_window_seconds)
        return (comment.created_at + window).isoformat()


class ThreadMetaSchema(Schema):
    """What a thread is about and its state, without its comments."""

    site = fields.String(attribute="site.slug")
    page = fields.String(attribute="page_key")
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    locked = fields.Boolean()
    pinned_comment_id = fields.Integer(allow_none=True)
    comment_count = fields.Integer()


class ThreadSchema(ThreadMetaSchema):
    """A thread's meta and one page of its comment tree."""

    comments = fields.List(fields.Nested(CommentNodeSchema))
    next_cursor = fields.String(allow_none=True)
    feed_url = UrlOf(lambda page: thread_feed_url(page.site.slug, page.page_key))


class CountsQuerySchema(StrictSchema):
    site = _site_field(required=True)
    page = fields.List(
        _page_field(), required=True, validate=validate.Length(1, limits.COUNTS_MAX_PAGES)
    )


class CountsSchema(Schema):
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
