"""Forgetting on schedule: IP hashes and email addresses are kept only as long as needed.

IP hashes serve spam defence for a few weeks; email addresses serve notifications and
avatars for a few months. After that the comment stays and those fields are emptied. The
notification log holds copies of comments and addresses, so finished deliveries go too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update

from widget.extensions import db
from widget.models import Comment
from widget.models.base import utcnow
from widget.services import deliveries


@dataclass(frozen=True)
class Pruned:
    ip_hashes: int
    emails: int
    deliveries: int


def prune(ip_hash_days: int, email_days: int, delivery_days: int) -> Pruned:
    """Forget what has outlived its retention period: IP hashes and email addresses of
    comments, and finished deliveries of notifications."""
    now = utcnow()
    ip_hashes = db.session.execute(
        update(Comment)
        .where(Comment.ip_hash.is_not(None), Comment.created_at < now - timedelta(ip_hash_days))
        .values(ip_hash=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    emails = db.session.execute(
        update(Comment)
        .where(Comment.author_email.is_not(None), Comment.created_at < now - timedelta(email_days))
        .values(author_email=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    delivered = deliveries.prune(now - timedelta(delivery_days))
    return Pruned(ip_hashes=ip_hashes, emails=emails, deliveries=delivered)
