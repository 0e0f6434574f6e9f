"""Bans: a reader, an IP hash or an email address barred from commenting on a site."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, utcnow
from widget.models.site import Site


class Ban(Base):
    __tablename__ = "bans"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
                for column in ("reader_id", "ip_hash", "email")
            )
            + " = 1",
            name="one_target",
        ),
        Index("ix_bans_site_created", "site_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    reader_id: Mapped[int | None] = mapped_column(
        ForeignKey("readers.id", ondelete="CASCADE"), index=True
    )
    ip_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # Stored case-folded, as comments are matched against it.
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    reason: Mapped[str | None] = mapped_column(String(500))
    expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("admin_tokens.id", ondelete="SET NULL")
    )

    site: Mapped[Site] = relationship()
