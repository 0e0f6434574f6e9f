"""Schemas for a site's public settings."""

from __future__ import annotations

from marshmallow import Schema, fields

from widget import limits
from widget.feeds import site_feed_url
from widget.models import ModerationMode
from widget.schemas.common import UrlOf


class SiteLimitsSchema(Schema):
    body_max_length = fields.Integer(attribute="max_body_length")
    author_name_max_length = fields.Constant(limits.AUTHOR_NAME_MAX_LENGTH)
    author_email_max_length = fields.Constant(limits.AUTHOR_EMAIL_MAX_LENGTH)
    author_website_max_length = fields.Constant(limits.AUTHOR_WEBSITE_MAX_LENGTH)
    page_size_max = fields.Constant(limits.THREAD_PAGE_MAX)


class SiteConfigSchema(Schema):
    """What the embed needs to know about a site before it renders."""

    site = fields.String(attribute="slug")
    name = fields.String()
    moderation = fields.Enum(ModerationMode, by_value=True)
    edit_window_seconds = fields.Integer()
    max_depth = fields.Integer()
    limits = fields.Function(lambda site: SiteLimitsSchema().dump(site))
    feed_url = UrlOf(lambda site: site_feed_url(site.slug))
