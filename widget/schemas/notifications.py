"""What notifications say about a comment: the JSON body of every webhook delivery."""

from __future__ import annotations

from marshmallow import Schema, fields

from widget.schemas.comments import CommentSchema


class EventCommentSchema(CommentSchema):
    """A comment as the publisher's own systems see it: held and spam comments included."""

    page = fields.String(attribute="thread.page_key")
    page_url = fields.String(attribute="thread.url", allow_none=True)
    page_title = fields.String(attribute="thread.title", allow_none=True)
    body_markdown = fields.String()

    def _placeholder(self, data, **kwargs):
        # Not a hook here: webhook receivers must see the comment that a moderator would.
        return data


class FlagSchema(Schema):
    reason = fields.String()
    count = fields.Integer()


class EventSchema(Schema):
    """A webhook body: ``id`` is the event's, the same at every endpoint and every retry."""

    id = fields.String()
    event = fields.String()
    created_at = fields.DateTime(format="iso")
    site = fields.String(attribute="comment.thread.site.slug")
    comment = fields.Nested(EventCommentSchema)
    flag = fields.Nested(FlagSchema)
