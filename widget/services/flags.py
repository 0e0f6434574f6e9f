"""Readers' flags: enough of them send an approved comment back to the moderation queue."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from widget.errors import Conflict, Forbidden
from widget.extensions import db
from widget.models import CommentStatus, Flag, FlagReason
from widget.services.comments import get_comment, set_status
from widget.services.readers import authenticate_reader
from widget.signals import comment_flagged


def flag_comment(comment_id: int, reason: FlagReason, note: str | None, token: str | None) -> Flag:
    """Record one reader's flag; at the site's threshold the comment waits for a moderator.

    A comment already back in the queue still takes flags, for the moderator to see.
    """
    comment = get_comment(comment_id, lock=True)
    site = comment.thread.site
    reader = authenticate_reader(site, token, required=True)
    if comment.reader_id == reader.id:
        raise Forbidden("own_comment", "You cannot flag your own comment.")
    flagged = db.session.execute(
        db.select(Flag.id).filter_by(comment_id=comment.id, reader_id=reader.id)
    ).first()
    if flagged is not None:
        raise Conflict("already_flagged", "You have flagged this comment already.")
    flag = Flag(comment_id=comment.id, reader_id=reader.id, reason=reason, note=note)
    db.session.add(flag)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict("already_flagged", "You have flagged this comment already.") from error
    open_flags = db.session.execute(
        db.select(func.count(Flag.id)).filter_by(comment_id=comment.id, resolved_at=None)
    ).scalar_one()
    if open_flags >= site.flag_threshold and comment.status == CommentStatus.APPROVED:
        set_status(comment, CommentStatus.PENDING)
        comment.moderation_reason = f"flagged by {open_flags} readers"
    db.session.commit()
    comment_flagged.send(
        current_app._get_current_object(),
        comment=comment,
        reason=reason.value,
        flag_count=open_flags,
    )
    return flag
