"""Threads and comments: read, post, edit, delete, vote, count and preview."""

from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from widget import limits
from widget.api.caching import conditional_json, versioned_json
from widget.api.common import read_limit, site_for, write_limit
from widget.api.io import dump, idempotency_key, load_args, load_json, schema
from widget.api.openapi import (
    OPTIONAL_READER_AUTH,
    READER_AUTH,
    errors,
    header_param,
    ok,
    operation,
    path_param,
)
from widget.cors import bind_site
from widget.extensions import limiter
from widget.models import CommentStatus
from widget.ratelimit import bearer_token, client_ip, reader_key, setting
from widget.schemas.comments import (
    CommentCreateSchema,
    CommentQuerySchema,
    CommentSchema,
    CommentUpdateSchema,
    CountsQuerySchema,
    CountsSchema,
    PreviewResultSchema,
    PreviewSchema,
    ThreadSchema,
    VoteSchema,
    WrittenCommentSchema,
)
from widget.services import comments, readers, threads
from widget.services.comments import Author
from widget.services.sanitize import render_markdown
from widget.services.spam import Hints

bp = Blueprint("comments", __name__)


@bp.get("/comments")
@read_limit
def list_comments() -> Response:
    """Read one page of a thread's comment tree."""
    args = load_args(CommentQuerySchema)
    site, thread = threads.find_site_and_thread(args["site"], args["page"])
    bind_site(site)
    options = {"sort": args["sort"], "limit": args["limit"], "cursor": args.get("cursor")}
    # A page with no thread yet is keyed by its site and name: its first comment changes both.
    version = (thread.id, thread.created_at, thread.version) if thread else (site.id, args["page"])

    def build() -> dict:
        return schema(ThreadSchema).dump(threads.read_thread(site, args["page"], thread, **options))

    # Besides the thread, the bytes depend on the host (absolute avatar and feed URLs) and on
    # the site's avatar setting.
    key = ("thread", request.host_url, site.gravatar, *version, *options.values())
    return versioned_json(key, build)


@bp.post("/comments")
@limiter.limit(setting("WIDGET_RATELIMIT_COMMENTS_PER_IP"), key_func=client_ip)
@limiter.limit(
    setting("WIDGET_RATELIMIT_COMMENTS_PER_READER"),
    key_func=reader_key,
    exempt_when=lambda: bearer_token() is None,
)
def create_comment() -> Response:
    """Post a comment; the page's first comment creates its thread."""
    data = load_json(CommentCreateSchema)
    site = site_for(data["site"])
    comment = comments.create_comment(
        site,
        page=data["page"],
        body=data["body"],
        author=Author(
            name=data.get("author_name"),
            email=data.get("author_email"),
            website=data.get("author_website"),
        ),
        ip_address=client_ip(),
        reader=readers.authenticate_reader(site, bearer_token(), required=False),
        parent_id=data.get("parent_id"),
        page_url=data.get("page_url"),
        page_title=data.get("page_title"),
        idempotency_key=idempotency_key(),
        hints=Hints(
            honeypot=data.get("honeypot"),
            elapsed_ms=data.get("elapsed_ms"),
            user_agent=request.user_agent.string,
        ),
    )
    status = 201 if comment.status == CommentStatus.APPROVED else 202
    location = url_for(".list_comments", site=site.slug, page=comment.thread.page_key)
    return dump(WrittenCommentSchema, comment, status, {"Location": location})


@bp.patch("/comments/<int:comment_id>")
@write_limit
def update_comment(comment_id: int) -> Response:
    """Edit one's own comment within the edit window."""
    data = load_json(CommentUpdateSchema)
    bind_site(comments.get_comment(comment_id).thread.site)
    comment = comments.edit_comment(comment_id, data["body"], bearer_token())
    return dump(WrittenCommentSchema, comment)


@bp.delete("/comments/<int:comment_id>")
@write_limit
def delete_comment(comment_id: int) -> Response:
    """Delete one's own comment within the edit window."""
    bind_site(comments.get_comment(comment_id).thread.site)
    comments.delete_comment(comment_id, bearer_token())
    return Response(status=204)


@bp.put("/comments/<int:comment_id>/vote")
@write_limit
def vote(comment_id: int) -> Response:
    """Set the reader's vote on a comment."""
    data = load_json(VoteSchema)
    bind_site(comments.get_comment(comment_id).thread.site)
    comment = comments.vote(comment_id, data["value"], bearer_token())
    return dump(CommentSchema, comment)


@bp.get("/counts")
@read_limit
def counts() -> Response:
    """Count approved comments on many pages at once, for article listings."""
    args = load_args(CountsQuerySchema)
    result = threads.count_comments(site_for(args["site"]), args["page"])
    return conditional_json(schema(CountsSchema).dump({"counts": result}))


@bp.post("/preview")
@write_limit
def preview() -> Response:
    """Render Markdown exactly as posting would store it."""
    data = load_json(PreviewSchema)
    return dump(PreviewResultSchema, {"body_html": render_markdown(data["body"])})


COMMENT_ID = path_param("comment_id")
PATHS = {
    "/comments": {
        "get": operation(
            list_comments,
            {**ok(200, ThreadSchema), **errors(404, 422, 429)},
            query=CommentQuerySchema,
        ),
        "post": operation(
            create_comment,
            {
                **ok(201, WrittenCommentSchema, "Published"),
                **ok(202, WrittenCommentSchema, "Held for moderation"),
                **errors(400, 401, 403, 404, 409, 413, 415, 422, 429),
            },
            body=CommentCreateSchema,
            header=header_param("Idempotency-Key", limits.IDEMPOTENCY_KEY_MAX_LENGTH),
            auth=OPTIONAL_READER_AUTH,
        ),
    },
    "/comments/{comment_id}": {
        "patch": operation(
            update_comment,
            {**ok(200, WrittenCommentSchema), **errors(400, 401, 403, 404, 409, 415, 422, 429)},
            body=CommentUpdateSchema,
            path=COMMENT_ID,
            auth=READER_AUTH,
        ),
        "delete": operation(
            delete_comment,
            {"204": {"description": "Deleted"}, **errors(401, 403, 404, 409, 429)},
            path=COMMENT_ID,
            auth=READER_AUTH,
        ),
    },
    "/comments/{comment_id}/vote": {
        "put": operation(
            vote,
            {**ok(200, CommentSchema), **errors(400, 401, 403, 404, 409, 415, 422, 429)},
            body=VoteSchema,
            path=COMMENT_ID,
            auth=READER_AUTH,
        )
    },
    "/counts": {
        "get": operation(
            counts, {**ok(200, CountsSchema), **errors(404, 422, 429)}, query=CountsQuerySchema
        )
    },
    "/preview": {
        "post": operation(
            preview,
            {**ok(200, PreviewResultSchema), **errors(400, 415, 422, 429)},
            body=PreviewSchema,
        )
    },
}
