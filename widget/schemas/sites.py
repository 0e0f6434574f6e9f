"""Schemas for a site's public settings."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from widget import limits
from widget.feeds import site_feed_url
from widget.models import NECESSARY, ModerationMode, PanelPosition
from widget.schemas.common import CleanString, StrictSchema, UrlOf

# Keys end up in CSV exports and data-consent attributes: keep them plain.
CONSENT_KEY_PATTERN = r"^[a-z][a-z0-9_-]*$"
POLICY_VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# A selector is handed to querySelector as it is; refuse what could only be markup or CSS.
SELECTOR_PATTERN = r"^[^{}<>;\\]+$"


class SiteLimitsSchema(Schema):
    body_max_length = fields.Integer(attribute="max_body_length")
    author_name_max_length = fields.Constant(limits.AUTHOR_NAME_MAX_LENGTH)
    author_email_max_length = fields.Constant(limits.AUTHOR_EMAIL_MAX_LENGTH)
    author_website_max_length = fields.Constant(limits.AUTHOR_WEBSITE_MAX_LENGTH)
    page_size_max = fields.Constant(limits.THREAD_PAGE_MAX)
    font_scale_min = fields.Constant(limits.FONT_SCALE_MIN)
    font_scale_max = fields.Constant(limits.FONT_SCALE_MAX)
    font_scale_step = fields.Constant(limits.FONT_SCALE_STEP)
    line_length_min = fields.Constant(limits.LINE_LENGTH_MIN)
    line_length_max = fields.Constant(limits.LINE_LENGTH_MAX)


class ConsentCategorySchema(StrictSchema):
    """A consent category as a publisher defines it."""

    key = fields.String(
        required=True,
        validate=[
            validate.Length(1, limits.CONSENT_KEY_MAX_LENGTH),
            validate.Regexp(CONSENT_KEY_PATTERN, error="Use lower-case letters, digits, - and _."),
        ],
    )
    label = CleanString(required=True, validate=validate.Length(1, limits.CONSENT_LABEL_MAX_LENGTH))
    purpose = CleanString(
        required=True, validate=validate.Length(1, limits.CONSENT_PURPOSE_MAX_LENGTH)
    )


class SiteSettingsSchema(StrictSchema):
    """The consent and panel settings a publisher may change; omitted ones stay as they are."""

    blank_is_none = ("target_selector",)

    consent_categories = fields.List(
        fields.Nested(ConsentCategorySchema),
        validate=validate.Length(1, limits.CONSENT_CATEGORIES_MAX),
    )
    policy_version = fields.String(
        validate=[
            validate.Length(1, limits.POLICY_VERSION_MAX_LENGTH),
            validate.Regexp(POLICY_VERSION_PATTERN, error="Use letters, digits, '.', - and _."),
        ]
    )
    panel_position = fields.Enum(PanelPosition, by_value=True)
    target_selector = CleanString(
        allow_none=True,
        validate=[
            validate.Length(1, limits.TARGET_SELECTOR_MAX_LENGTH),
            validate.Regexp(SELECTOR_PATTERN, error="Not a CSS selector."),
        ],
    )

    @validates("consent_categories")
    def _unique_keys(self, categories: list[dict], **kwargs) -> None:
        # Items that failed their own checks arrive without a key.
        keys = [category["key"] for category in categories if "key" in category]
        if len(set(keys)) != len(keys):
            raise ValidationError("Each category key may appear only once.")


class ConsentCategoryConfigSchema(Schema):
    key = fields.String()
    label = fields.String()
    purpose = fields.String()
    required = fields.Function(lambda category: category["key"] == NECESSARY)


class SiteConsentSchema(Schema):
    """The categories readers are asked about and the policy version their answers cite."""

    policy_version = fields.String()
    categories = fields.List(
        fields.Nested(ConsentCategoryConfigSchema), attribute="consent_categories"
    )


class SitePanelSchema(Schema):
    position = fields.Enum(PanelPosition, by_value=True, attribute="panel_position")
    target = fields.String(attribute="target_selector", allow_none=True)


class SiteConfigSchema(Schema):
    """What the embed needs to know about a site before it renders."""

    site = fields.String(attribute="slug")
    name = fields.String()
    moderation = fields.Enum(ModerationMode, by_value=True)
    edit_window_seconds = fields.Integer()
    max_depth = fields.Integer()
    limits = fields.Function(lambda site: SiteLimitsSchema().dump(site))
    consent = fields.Function(lambda site: SiteConsentSchema().dump(site))
    panel = fields.Function(lambda site: SitePanelSchema().dump(site))
    feed_url = UrlOf(lambda site: site_feed_url(site.slug))
