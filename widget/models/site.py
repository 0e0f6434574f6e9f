"""A publisher's site: the unit that owns threads, readers and settings."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, str_enum, utcnow


class ModerationMode(enum.StrEnum):
    NONE = "none"
    PRE = "pre"


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    moderation: Mapped[ModerationMode] = mapped_column(
        str_enum(ModerationMode),
        default=ModerationMode.NONE,
    )
    edit_window_seconds: Mapped[int] = mapped_column(default=15 * 60)
    max_depth: Mapped[int] = mapped_column(default=3)
    max_body_length: Mapped[int] = mapped_column(default=5000)
    # Off by default: a Gravatar URL makes every reader's browser call a third party.
    gravatar: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    origins: Mapped[list[SiteOrigin]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="SiteOrigin.id"
    )

    @property
    def origin_list(self) -> list[str]:
        return [o.origin for o in self.origins]


class SiteOrigin(Base):
    """One browser origin allowed to call the API for a site (CORS and write checks)."""

    __tablename__ = "site_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(255), index=True)

    site: Mapped[Site] = relationship(back_populates="origins")
