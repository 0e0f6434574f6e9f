"""What the Atom feeds list: the latest approved comments of a site or of one page."""

from __future__ import annotations

from sqlalchemy.orm import contains_eager

from widget.extensions import db
from widget.models import Comment, CommentStatus, Site, Thread
from widget.services.threads import find_thread

FEED_LENGTH = 50


def latest_comments(site: Site, thread: Thread | None = None) -> list[Comment]:
    """Newest first, each with its thread loaded (entries name and link their page)."""
    query = (
        db.select(Comment)
        .join(Comment.thread)
        .options(contains_eager(Comment.thread))
        .where(Thread.site_id == site.id, Comment.status == CommentStatus.APPROVED)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(FEED_LENGTH)
    )
    if thread is not None:
        query = query.where(Comment.thread_id == thread.id)
    return list(db.session.execute(query).scalars())


def thread_comments(site: Site, page: str) -> tuple[Thread | None, list[Comment]]:
    """A page's thread (None if nobody commented yet) and its latest comments."""
    thread = find_thread(site, page)
    return thread, latest_comments(site, thread) if thread else []
