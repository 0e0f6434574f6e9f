"""Where an imported comment came from, so that importing the same file again adds nothing."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from widget.models.base import Base


class ImportedComment(Base):
    """One comment's id in the system it was imported from, unique per site and source."""

    __tablename__ = "imported_comments"
    __table_args__ = (
        UniqueConstraint("site_id", "source", "external_id", name="uq_imported_comments_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(255))
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), unique=True
    )
