"""A publisher's site: the unit that owns threads, readers and settings."""

from __future__ import annotations

import enum
import json
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from widget.models.base import Base, str_enum, utcnow


class ModerationMode(enum.StrEnum):
    NONE = "none"
    PRE = "pre"
    # Hold a reader's comments until a moderator has approved one of them.
    FIRST = "first"


class PanelPosition(enum.StrEnum):
    """The corner for the Accessibility options button (a ``#reading-options`` element wins)."""

    BOTTOM_RIGHT = "bottom-right"
    BOTTOM_LEFT = "bottom-left"
    TOP_RIGHT = "top-right"
    TOP_LEFT = "top-left"


NECESSARY = "necessary"
DEFAULT_CONSENT_CATEGORIES = [
    {
        "key": NECESSARY,
        "label": "Necessary",
        "purpose": "Needed for the site to work, such as remembering these choices. Always on.",
    }
]


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
    # The categories readers may consent to, in display order, "necessary" always first:
    # [{"key", "label", "purpose"}]. A small document read whole, hence JSON.
    consent_categories: Mapped[list[dict]] = mapped_column(
        JSON, server_default=json.dumps(DEFAULT_CONSENT_CATEGORIES)
    )
    # Readers are asked again whenever this changes.
    policy_version: Mapped[str] = mapped_column(String(64), server_default="1")
    panel_position: Mapped[PanelPosition] = mapped_column(
        str_enum(PanelPosition), server_default=PanelPosition.BOTTOM_RIGHT.value
    )
    # CSS selector of the element preferences apply to; None: main, else article, else body.
    target_selector: Mapped[str | None] = mapped_column(String(200))
    # Whole words or phrases, stored case-folded; a comment containing one is held as spam.
    blocked_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    # More links than this and a comment is held as spam; NULL means no limit.
    max_links: Mapped[int | None] = mapped_column(default=3)
    # Open flags from this many readers send an approved comment back to the queue.
    flag_threshold: Mapped[int] = mapped_column(default=3)
    # Hold a banned author's comments as spam instead of refusing them with a 403.
    ban_silently: Mapped[bool] = mapped_column(default=False)
    # Refuse (as spam) posts that lack the embed's honeypot and timing fields.
    require_form_fields: Mapped[bool] = mapped_column(default=False)
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
