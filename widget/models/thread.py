"""A thread: the discussion of one page of a site."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, utcnow
from widget.models.site import Site


class Thread(Base):
    __tablename__ = "threads"
    __table_args__ = (UniqueConstraint("site_id", "page_key", name="uq_threads_site_page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    page_key: Mapped[str] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(String(300))
    locked: Mapped[bool] = mapped_column(default=False)
    # Kept by atomic increments on every status change, so that counts never scan comments.
    comment_count: Mapped[int] = mapped_column(default=0)
    # Bumped by every write that changes what readers see, in the same transaction: it keys
    # the ETag and the cached serialised thread, so a write invalidates both at once.
    version: Mapped[int] = mapped_column(default=0)
    # A top-level comment shown first; ``use_alter`` breaks the threads/comments cycle.
    pinned_comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[Site] = relationship()
