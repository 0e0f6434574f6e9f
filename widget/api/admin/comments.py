"""Moderating comments: the queue, decisions one by one or in bulk, edits and purges."""

from __future__ import annotations

from flask import Blueprint, Response

from widget.api.admin.common import actor
from widget.api.io import dump, load_args, load_json
from widget.api.openapi import ADMIN_AUTH, errors, ok, operation, path_param
from widget.schemas.admin import (
    AdminCommentPageSchema,
    AdminCommentQuerySchema,
    AdminCommentSchema,
    BulkActionSchema,
    BulkResultSchema,
)
from widget.schemas.comments import CommentUpdateSchema
from widget.services import moderation

bp = Blueprint("comments", __name__)

DECISIONS = ("approve", "spam", "reject", "restore")


def _dump_one(comment) -> Response:
    return dump(AdminCommentSchema(), moderation.describe([comment])[0])


@bp.get("/comments")
def list_comments() -> Response:
    """List comments across the token's sites, newest first, with filters."""
    args = load_args(AdminCommentQuerySchema())
    return dump(AdminCommentPageSchema(), moderation.list_comments(actor(), **args))


@bp.patch("/comments/<int:comment_id>")
def update_comment(comment_id: int) -> Response:
    """Replace a comment's body; it is rendered and sanitised again."""
    data = load_json(CommentUpdateSchema())
    return _dump_one(moderation.edit_comment(actor(), comment_id, data["body"]))


@bp.delete("/comments/<int:comment_id>")
def purge_comment(comment_id: int) -> Response:
    """Purge a comment for good; its replies stay below a deleted placeholder."""
    moderation.act(actor(), [comment_id], "purge")
    return Response(status=204)


@bp.post(f"/comments/<int:comment_id>/<any({', '.join(DECISIONS)}):action>")
def decide(comment_id: int, action: str) -> Response:
    """Approve, mark as spam, reject or restore a comment."""
    (comment,) = moderation.act(actor(), [comment_id], action)
    return _dump_one(comment)


@bp.post("/comments/bulk")
def bulk() -> Response:
    """Apply one action to many comments at once: to all of them or, on any error, to none."""
    data = load_json(BulkActionSchema())
    moderation.act(actor(), data["ids"], data["action"])
    return dump(BulkResultSchema(), data)


COMMENT_ID = path_param("comment_id")
SUMMARIES = {
    "approve": "Approve a comment: it is published and counted.",
    "spam": "Mark a comment as spam.",
    "reject": "Reject a comment (soft delete).",
    "restore": "Restore a comment a moderator rejected or marked as spam.",
}
PATHS = {
    "/admin/comments": {
        "get": operation(
            list_comments,
            {**ok(200, AdminCommentPageSchema), **errors(401, 403, 404, 422)},
            query=AdminCommentQuerySchema,
            auth=ADMIN_AUTH,
        )
    },
    "/admin/comments/{comment_id}": {
        "patch": operation(
            update_comment,
            {**ok(200, AdminCommentSchema), **errors(400, 401, 403, 404, 409, 415, 422)},
            body=CommentUpdateSchema,
            path=COMMENT_ID,
            auth=ADMIN_AUTH,
        ),
        "delete": operation(
            purge_comment,
            {"204": {"description": "Purged"}, **errors(401, 403, 404)},
            path=COMMENT_ID,
            auth=ADMIN_AUTH,
        ),
    },
    **{
        f"/admin/comments/{{comment_id}}/{action}": {
            "post": {
                **operation(
                    decide,
                    {**ok(200, AdminCommentSchema), **errors(401, 403, 404, 409)},
                    path=COMMENT_ID,
                    auth=ADMIN_AUTH,
                ),
                "summary": summary,
            }
        }
        for action, summary in SUMMARIES.items()
    },
    "/admin/comments/bulk": {
        "post": operation(
            bulk,
            {**ok(200, BulkResultSchema), **errors(400, 401, 403, 404, 409, 415, 422)},
            body=BulkActionSchema,
            auth=ADMIN_AUTH,
        )
    },
}
