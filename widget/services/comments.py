"""Writing comments: post, edit, delete and vote, each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from widget import limits
from widget.errors import Conflict, Forbidden, InvalidInput, NotFound
from widget.extensions import db
from widget.models import Comment, CommentStatus, ModerationMode, Reader, Site, Vote
from widget.models.base import utcnow
from widget.services.privacy import hash_identity, hash_ip
from widget.services.readers import authenticate_reader
from widget.services.sanitize import render_markdown
from widget.services.threads import change_count, get_or_create_thread

EDITABLE = (CommentStatus.APPROVED, CommentStatus.PENDING)


@dataclass(frozen=True)
class Author:
    name: str | None = None
    email: str | None = None
    website: str | None = None


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


def check_body(site: Site, body: str) -> str:
    if len(body) > site.max_body_length:
        raise InvalidInput("body", f"Longer than maximum length {site.max_body_length}.")
    return body


def _resolve_parent(site: Site, thread_id: int, parent_id: int | None) -> Comment | None:
    """The comment to reply to; past the site's depth, the deepest ancestor allowed."""
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    if parent is None or parent.thread_id != thread_id or parent.status != CommentStatus.APPROVED:
        raise InvalidInput("parent_id", "There is no such comment in this thread to reply to.")
    while parent is not None and parent.depth >= site.max_depth:
        parent = db.session.get(Comment, parent.parent_id) if parent.parent_id else None
    return parent


def create_comment(
    site: Site,
    *,
    page: str,
    body: str,
    author: Author,
    ip_address: str,
    reader: Reader | None = None,
    parent_id: int | None = None,
    page_url: str | None = None,
    page_title: str | None = None,
) -> Comment:
    """Post a comment; the page's first comment creates its thread."""
    check_body(site, body)
    thread = get_or_create_thread(site, page, url=page_url, title=page_title)
    if thread.locked:
        raise Conflict("thread_locked", "This discussion is closed to new comments.")
    parent = _resolve_parent(site, thread.id, parent_id)
    identity = author.email or (f"reader:{reader.id}" if reader else None)
    comment = Comment(
        thread=thread,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        status=(
            CommentStatus.PENDING
            if site.moderation == ModerationMode.PRE
            else CommentStatus.APPROVED
        ),
        body_markdown=body,
        body_html=render_markdown(body),
        author_name=author.name,
        author_email=author.email,
        author_website=author.website,
        avatar_hash=hash_identity(identity, _secret()) if identity else None,
        reader=reader,
        ip_hash=hash_ip(ip_address, _secret()),
    )
    db.session.add(comment)
    db.session.flush()
    if comment.status == CommentStatus.APPROVED:
        change_count(thread.id, +1)
    db.session.commit()
    return comment


def _find(comment_id: int) -> Comment | None:
    """The comment, or None; ids no column can hold are never looked up (drivers overflow)."""
    return db.session.get(Comment, comment_id) if 0 < comment_id <= limits.ID_MAX else None


def get_comment(comment_id: int) -> Comment:
    comment = _find(comment_id)
    if comment is None or comment.status not in EDITABLE:
        raise NotFound("comment_not_found", "There is no such comment.")
    return comment


def _authorize_author(comment: Comment, token: str | None) -> None:
    """Only the reader who wrote a comment may change it, and only within the edit window."""
    site = comment.thread.site
    reader = authenticate_reader(site, token, required=False)
    if reader is None or comment.reader_id != reader.id:
        raise Forbidden("not_author", "Only the author of this comment can change it.")
    if utcnow() > comment.created_at + timedelta(seconds=site.edit_window_seconds):
        raise Conflict("edit_window_closed", "The time to change this comment has passed.")


def edit_comment(comment_id: int, body: str, token: str | None) -> Comment:
    comment = get_comment(comment_id)
    _authorize_author(comment, token)
    comment.body_markdown = check_body(comment.thread.site, body)
    comment.body_html = render_markdown(body)
    comment.edited_at = utcnow()
    db.session.commit()
    return comment


def delete_comment(comment_id: int, token: str | None) -> None:
    """Withdraw a comment; it stays as a placeholder while replies hang below it."""
    comment = get_comment(comment_id)
    _authorize_author(comment, token)
    if comment.status == CommentStatus.APPROVED:
        change_count(comment.thread_id, -1)
    comment.status = CommentStatus.DELETED
    db.session.commit()


def vote(comment_id: int, value: int, token: str | None) -> Comment:
    """Set this reader's vote (-1, 0 or 1) on a comment; the score moves by the difference."""
    comment = _find(comment_id)
    if comment is None or comment.status != CommentStatus.APPROVED:
        raise NotFound("comment_not_found", "There is no such comment.")
    reader = authenticate_reader(comment.thread.site, token, required=True)
    if comment.reader_id == reader.id:
        raise Forbidden("own_comment", "You cannot vote on your own comment.")
    existing = db.session.execute(
        db.select(Vote).filter_by(comment_id=comment.id, reader_id=reader.id)
    ).scalar_one_or_none()
    delta = value - (existing.value if existing else 0)
    if existing is None:
        db.session.add(Vote(comment_id=comment.id, reader_id=reader.id, value=value))
    else:
        existing.value = value
    db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id)
        .values(score=Comment.score + delta)
        .execution_options(synchronize_session=False)
    )
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict(
            "vote_in_progress", "Another vote of yours was being saved; retry."
        ) from error
    db.session.refresh(comment)
    return comment
