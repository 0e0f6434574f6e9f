"""The addresses that hear of a site's comments awaiting moderation."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from widget.models.base import Base


class ModeratorEmail(Base):
    __tablename__ = "moderator_emails"
    __table_args__ = (
        UniqueConstraint("site_id", "address", name="uq_moderator_emails_site_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(254))
