"""Comments and the readers' votes on them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, str_enum, utcnow
from widget.models.reader import Reader
from widget.models.thread import Thread


class CommentStatus(enum.StrEnum):
    APPROVED = "approved"
    PENDING = "pending"
    SPAM = "spam"
    DELETED = "deleted"


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_thread_status_created", "thread_id", "status", "created_at"),
        Index("ix_comments_root", "root_id"),
        # The moderation queue: comments of one status across threads, newest first.
        Index("ix_comments_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    # The top-level ancestor, so that a page of top-level comments fetches all of its
    # replies in one query; NULL on top-level comments themselves.
    root_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
    depth: Mapped[int] = mapped_column(default=0)
    status: Mapped[CommentStatus] = mapped_column(
        str_enum(CommentStatus),
        default=CommentStatus.APPROVED,
    )
    body_markdown: Mapped[str] = mapped_column(Text)
    # Rendered and sanitised once at write time; reads never render.
    body_html: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(String(80))
    author_website: Mapped[str | None] = mapped_column(String(512))
    author_email: Mapped[str | None] = mapped_column(String(254))
    avatar_hash: Mapped[str | None] = mapped_column(String(64))
    reader_id: Mapped[int | None] = mapped_column(
        ForeignKey("readers.id", ondelete="SET NULL"), index=True
    )
    ip_hash: Mapped[str | None] = mapped_column(String(64))
    # Hash of the site and the client's Idempotency-Key: a retried post finds its comment.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    score: Mapped[int] = mapped_column(default=0)
    # Why the comment was held (a spam rule, pre-moderation, flags); shown to moderators only.
    moderation_reason: Mapped[str | None] = mapped_column(String(200))

    thread: Mapped[Thread] = relationship(foreign_keys=[thread_id])
    reader: Mapped[Reader | None] = relationship()


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("comment_id", "reader_id", name="uq_votes_comment_reader"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id", ondelete="CASCADE"), index=True)
    value: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
