"""Writing comments: post, edit, delete and vote, each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, update
from sqlalchemy.exc import IntegrityError

from widget.database import commit_keeping_state
from widget.errors import Conflict, Forbidden, InvalidInput, NotFound
from widget.extensions import db
from widget.models import Comment, CommentStatus, ModerationMode, Reader, Site, Vote
from widget.models.base import utcnow
from widget.services import spam
from widget.services.bans import active_ban
from widget.services.privacy import anonymize_ip, hash_identity, hash_ip, hash_token
from widget.services.readers import authenticate_reader
from widget.services.sanitize import render_markdown
from widget.services.threads import get_or_create_thread, touch_thread
from widget.signals import comment_approved, comment_created

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


def set_status(comment: Comment, status: CommentStatus) -> None:
    """Move a comment to ``status``, keeping its thread's count and version exact."""
    delta = (status == CommentStatus.APPROVED) - (comment.status == CommentStatus.APPROVED)
    touch_thread(comment.thread_id, delta)
    comment.status = status


def _has_approved_comment(reader: Reader | None) -> bool:
    """Whether a moderator has let one of this reader's comments through (readers are per site)."""
    if reader is None:
        return False
    return bool(
        db.session.execute(
            db.select(
                exists().where(
                    Comment.reader_id == reader.id, Comment.status == CommentStatus.APPROVED
                )
            )
        ).scalar()
    )


def _initial_status(
    site: Site, reader: Reader | None, spam_reason: str | None
) -> tuple[CommentStatus, str | None]:
    if spam_reason:
        return CommentStatus.SPAM, spam_reason
    if site.moderation == ModerationMode.PRE:
        return CommentStatus.PENDING, "pre-moderation"
    if site.moderation == ModerationMode.FIRST and not _has_approved_comment(reader):
        return CommentStatus.PENDING, "first comment: held until one is approved"
    return CommentStatus.APPROVED, None


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


def _find_by_idempotency_key(key_hash: str) -> Comment | None:
    return db.session.execute(
        db.select(Comment).filter_by(idempotency_key=key_hash)
    ).scalar_one_or_none()


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
    idempotency_key: str | None = None,
    hints: spam.Hints = spam.NO_HINTS,
) -> Comment:
    """Post a comment; the page's first comment creates its thread.

    A banned author is refused (or, if the site says so, held as spam without being told);
    a comment that trips a spam rule is stored as spam with the rule's reason. A post
    repeated with the same ``idempotency_key`` (a client retrying after a timeout or an
    outage, not knowing whether the first attempt was stored) returns the comment stored
    the first time instead of storing it twice.
    """
    key_hash = hash_token(f"{site.id}:{idempotency_key}") if idempotency_key else None
    if key_hash and (stored := _find_by_idempotency_key(key_hash)):
        return stored
    check_body(site, body)
    ip_hash = hash_ip(ip_address, _secret(), current_app.config["WIDGET_IP_SALT_ROTATION"])
    ban = active_ban(site, reader=reader, ip_hash=ip_hash, email=author.email)
    if ban is not None and not site.ban_silently:
        until = f" until {ban.expires_at:%Y-%m-%d %H:%M} UTC" if ban.expires_at else ""
        raise Forbidden("banned", f"You may not comment on this site{until}.")
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
        body_markdown=body,
        body_html=render_markdown(body),
        author_name=author.name,
        author_email=author.email,
        author_website=author.website,
        avatar_hash=hash_identity(identity, _secret()) if identity else None,
        reader=reader,
        ip_hash=ip_hash,
        idempotency_key=key_hash,
    )
    spam_reason = (
        ("banned" if ban is not None else None)
        or spam.form_reason(site, hints)
        or spam.content_reason(site, body, comment.body_html)
        or spam.duplicate_reason(site, body, reader, ip_hash)
        or spam.external_reason(site, comment, hints, anonymize_ip(ip_address))
    )
    comment.status, comment.moderation_reason = _initial_status(site, reader, spam_reason)
    db.session.add(comment)
    try:
        db.session.flush()
    except IntegrityError:
        # Only a concurrent twin of this very post can collide; answer with what it stored.
        db.session.rollback()
        stored = _find_by_idempotency_key(key_hash) if key_hash else None
        if stored is None:
            raise
        return stored
    approved = comment.status == CommentStatus.APPROVED
    if approved:
        touch_thread(thread.id, +1)
    # The post is answered from the rows as written: only the thread's counters moved in SQL.
    commit_keeping_state()
    db.session.expire(thread, ["comment_count", "version"])
    app = current_app._get_current_object()
    comment_created.send(app, comment=comment)
    # Not ``comment.status`` again: a receiver may commit, and reloading the comment would
    # begin a transaction that nothing ends (outside a request, one that holds SQLite's lock).
    if approved:
        comment_approved.send(app, comment=comment)
    return comment


def get_comment(comment_id: int, *, lock: bool = False) -> Comment:
    """A comment readers can still act on; ``lock`` holds its row until the commit, so that
    concurrent status changes cannot both move the thread's count."""
    comment = db.session.get(Comment, comment_id, with_for_update=lock or None)
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
    comment = get_comment(comment_id, lock=True)
    _authorize_author(comment, token)
    site = comment.thread.site
    comment.body_markdown = check_body(site, body)
    comment.body_html = render_markdown(body)
    comment.edited_at = utcnow()
    touch_thread(comment.thread_id)
    reason = spam.content_reason(site, body, comment.body_html)
    if reason:
        set_status(comment, CommentStatus.SPAM)
        comment.moderation_reason = reason
    db.session.commit()
    return comment


def delete_comment(comment_id: int, token: str | None) -> None:
    """Withdraw a comment; it stays as a placeholder while replies hang below it."""
    comment = get_comment(comment_id, lock=True)
    _authorize_author(comment, token)
    set_status(comment, CommentStatus.DELETED)
    db.session.commit()


def vote(comment_id: int, value: int, token: str | None) -> Comment:
    """Set this reader's vote (-1, 0 or 1) on a comment; the score moves by the difference."""
    comment = db.session.get(Comment, comment_id)
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
    touch_thread(comment.thread_id)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict(
            "vote_in_progress", "Another vote of yours was being saved; retry."
        ) from error
    db.session.refresh(comment)
    return comment
