"""Schemas for a reader's reading preferences; bounds come from ``widget.limits``."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from widget import limits
from widget.models import ReadableFont
from widget.models.preferences import DEFAULTS
from widget.schemas.common import StrictBoolean, StrictInteger, StrictNumber, StrictSchema


def _on_step(value: float) -> None:
    steps = value / limits.FONT_SCALE_STEP
    if abs(steps - round(steps)) > 1e-6:
        raise ValidationError(f"Must be a multiple of {limits.FONT_SCALE_STEP}.")


class PreferencesUpdateSchema(StrictSchema):
    """The whole set of preferences: PUT replaces, so an omitted field returns to its default."""

    font_scale = StrictNumber(
        load_default=DEFAULTS["font_scale"],
        validate=[validate.Range(limits.FONT_SCALE_MIN, limits.FONT_SCALE_MAX), _on_step],
        metadata={
            "description": "Text size relative to the page's own (1.5 is 150%).",
            "multipleOf": limits.FONT_SCALE_STEP,
        },
    )
    high_contrast = StrictBoolean(
        allow_none=True,
        load_default=DEFAULTS["high_contrast"],
        metadata={"description": "null follows the browser's prefers-contrast."},
    )
    readable_font = fields.Enum(ReadableFont, by_value=True, load_default=DEFAULTS["readable_font"])
    text_spacing = StrictBoolean(
        load_default=DEFAULTS["text_spacing"],
        metadata={"description": "The WCAG 1.4.12 line, paragraph, letter and word spacing."},
    )
    line_length = StrictInteger(
        allow_none=True,
        load_default=DEFAULTS["line_length"],
        validate=validate.Range(limits.LINE_LENGTH_MIN, limits.LINE_LENGTH_MAX),
        metadata={"description": "Longest line in characters (ch); null keeps the page's own."},
    )
    reduce_motion = StrictBoolean(
        allow_none=True,
        load_default=DEFAULTS["reduce_motion"],
        metadata={"description": "null follows the browser's prefers-reduced-motion."},
    )
    underline_links = StrictBoolean(load_default=DEFAULTS["underline_links"])
    reading_guide = StrictBoolean(load_default=DEFAULTS["reading_guide"])


class PreferencesSchema(Schema):
    """A reader's preferences; the defaults (and no ``updated_at``) when none were saved."""

    font_scale = fields.Float()
    high_contrast = fields.Boolean(allow_none=True)
    readable_font = fields.Enum(ReadableFont, by_value=True)
    text_spacing = fields.Boolean()
    line_length = fields.Integer(allow_none=True)
    reduce_motion = fields.Boolean(allow_none=True)
    underline_links = fields.Boolean()
    reading_guide = fields.Boolean()
    updated_at = fields.DateTime(format="iso", allow_none=True)
