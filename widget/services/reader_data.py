"""Everything held about a reader: exported on request, erased on request."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, exists, update
from sqlalchemy.orm import selectinload

from widget.extensions import db
from widget.models import (
    Comment,
    CommentStatus,
    ConsentRecord,
    Reader,
    ReaderPreferences,
    Site,
    Vote,
)
from widget.models.base import utcnow
from widget.services.consent import consent_history
from widget.services.preferences import get_preferences
from widget.services.threads import touch_thread


class CommentErasure(enum.StrEnum):
    """What erasing a reader does to their comments: the reader chooses."""

    DELETE = "delete"  # gone; a placeholder stays only where replies hang below
    ANONYMIZE = "anonymize"  # the words stay, nothing says who wrote them


@dataclass
class ReaderExport:
    site: Site
    reader: Reader
    preferences: ReaderPreferences
    consent: list[ConsentRecord]
    comments: list[Comment]
    votes: list[Vote]
    exported_at: datetime = field(default_factory=utcnow)


def export_reader(reader: Reader) -> ReaderExport:
    """Collect every row that belongs to the reader, withdrawn comments included."""
    comments = db.session.execute(
        db.select(Comment)
        .filter_by(reader_id=reader.id)
        .options(selectinload(Comment.thread))
        .order_by(Comment.created_at, Comment.id)
    ).scalars()
    votes = db.session.execute(
        db.select(Vote).filter_by(reader_id=reader.id).order_by(Vote.created_at, Vote.id)
    ).scalars()
    return ReaderExport(
        site=reader.site,
        reader=reader,
        preferences=get_preferences(reader),
        consent=consent_history(reader),
        comments=list(comments),
        votes=list(votes),
    )


def _forget_author(comment: Comment) -> None:
    comment.reader_id = None
    comment.author_name = None
    comment.author_email = None
    comment.author_website = None
    comment.avatar_hash = None
    comment.ip_hash = None


def _withdrawn_count(comment: Comment) -> int:
    """How the thread's approved count moves when ``comment`` stops being shown."""
    return -1 if comment.status == CommentStatus.APPROVED else 0


def _blank(comment: Comment) -> None:
    """Keep the row as a placeholder for the replies below it, without its words."""
    touch_thread(comment.thread_id, _withdrawn_count(comment))
    comment.status = CommentStatus.DELETED
    comment.body_markdown = ""
    comment.body_html = ""


def _has_replies(comment: Comment) -> bool:
    return bool(
        db.session.execute(db.select(exists().where(Comment.parent_id == comment.id))).scalar()
    )


def _erase_comments(reader: Reader, mode: CommentErasure) -> None:
    # Deepest first, so that a comment whose only replies were the reader's own is free to go.
    own = db.session.execute(
        db.select(Comment)
        .filter_by(reader_id=reader.id)
        .order_by(Comment.depth.desc(), Comment.id.desc())
    ).scalars()
    for comment in list(own):
        _forget_author(comment)
        if mode == CommentErasure.ANONYMIZE and comment.status != CommentStatus.DELETED:
            touch_thread(comment.thread_id)  # the author's name leaves the page
        elif mode == CommentErasure.DELETE and not _has_replies(comment):
            touch_thread(comment.thread_id, _withdrawn_count(comment))
            db.session.delete(comment)
        else:
            # Withdrawn earlier, or replied to: the words go, the place in the thread stays.
            _blank(comment)
        db.session.flush()


def _withdraw_votes(reader: Reader) -> None:
    """Take the reader's votes out of the scores they were counted in, then drop them."""
    votes = db.session.execute(
        db.select(Vote.comment_id, Vote.value, Comment.thread_id)
        .join(Comment, Comment.id == Vote.comment_id)
        .where(Vote.reader_id == reader.id)
    ).all()
    for comment_id, value, thread_id in votes:
        db.session.execute(
            update(Comment)
            .where(Comment.id == comment_id)
            .values(score=Comment.score - value)
            .execution_options(synchronize_session=False)
        )
        touch_thread(thread_id)
    db.session.execute(delete(Vote).where(Vote.reader_id == reader.id))


def erase_reader(reader: Reader, comments: CommentErasure) -> None:
    """Erase the reader: token, preferences and votes go, comments as the reader chose.

    The consent log keeps its records, unlinked from the reader: they prove what was decided
    and no longer say by whom.
    """
    _erase_comments(reader, comments)
    _withdraw_votes(reader)
    db.session.execute(
        update(ConsentRecord).where(ConsentRecord.reader_id == reader.id).values(reader_id=None)
    )
    db.session.execute(delete(ReaderPreferences).where(ReaderPreferences.reader_id == reader.id))
    db.session.delete(reader)
    db.session.commit()
