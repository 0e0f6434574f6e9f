"""Building blocks shared by every schema."""

from __future__ import annotations

import re
import unicodedata

from marshmallow import RAISE, Schema, fields, pre_load, validate

from widget.limits import ID_MAX

# Ids beyond what the database can store are invalid input, not a database error.
ID_RANGE = validate.Range(1, ID_MAX)

# Unicode's "Cc" (control) category is exactly U+0000-U+001F and U+007F-U+009F; a body may
# keep the tab and the newline. (A regex, not a loop per character: imports clean a lot.)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_WHITESPACE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str, *, multiline: bool) -> str:
    """NFC-normalise, drop control characters, unify newlines and trim."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return (_CONTROLS_BUT_WHITESPACE if multiline else _CONTROLS).sub("", value).strip()


class CleanString(fields.String):
    """A string that is normalised before it is validated, so limits count what is stored."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs):
        return clean_text(
            super()._deserialize(value, attr, data, **kwargs), multiline=self.multiline
        )


class StrictInteger(fields.Integer):
    """An integer that must arrive as a JSON number: no strings, floats or booleans."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """A boolean that must arrive as JSON ``true`` or ``false``, not ``1`` or ``"yes"``."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictNumber(fields.Float):
    """A finite number that must arrive as a JSON number: no strings or booleans."""

    def __init__(self, **kwargs):
        super().__init__(allow_nan=False, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class UrlOf(fields.String):
    """A URL computed from the dumped object by ``build``; documented as a string."""

    def __init__(self, build, **kwargs):
        super().__init__(**kwargs)
        self.build = build

    def serialize(self, attr, obj, accessor=None, **kwargs):
        return self.build(obj)


class StrictSchema(Schema):
    """Unknown fields are an error, never silently dropped."""

    class Meta:
        unknown = RAISE

    # Optional text fields where an empty or blank value means "not given".
    blank_is_none: tuple[str, ...] = ()

    @pre_load
    def _blank_to_none(self, data, **kwargs):
        if isinstance(data, dict):
            for name in self.blank_is_none:
                value = data.get(name)
                if isinstance(value, str) and not clean_text(value, multiline=False):
                    data = {**data, name: None}
        return data


class ErrorDetailSchema(Schema):
    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    field_errors = fields.Dict(data_key="fields", keys=fields.String(), values=fields.Raw())


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)
