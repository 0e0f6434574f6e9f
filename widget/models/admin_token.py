"""Credentials for the admin API: moderators of some sites, or admins of some or all sites."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, str_enum, utcnow
from widget.models.site import Site


class Role(enum.StrEnum):
    MODERATOR = "moderator"
    ADMIN = "admin"


admin_token_sites = Table(
    "admin_token_sites",
    Base.metadata,
    Column("token_id", ForeignKey("admin_tokens.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class AdminToken(Base):
    """A bearer token stored only as its hash, for some sites or (admins only) for all."""

    __tablename__ = "admin_tokens"
    __table_args__ = (CheckConstraint("NOT all_sites OR role = 'admin'", name="all_sites_admin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Stored rather than inferred from an empty site list, which deleting sites could cause.
    all_sites: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    sites: Mapped[list[Site]] = relationship(secondary=admin_token_sites, order_by=Site.slug)

    def can_access(self, site_id: int) -> bool:
        return self.all_sites or any(site.id == site_id for site in self.sites)
