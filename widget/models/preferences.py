"""A reader's reading preferences: neutral values, never labels that describe a person."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from widget.models.base import Base, str_enum, utcnow


class ReadableFont(enum.StrEnum):
    NONE = "none"
    ATKINSON = "atkinson"
    OPENDYSLEXIC = "opendyslexic"


# What a reader who never saved anything gets. None means "follow the reader's own browser
# setting" (prefers-contrast, prefers-reduced-motion) or "keep the page's own" (line length).
DEFAULTS = {
    "font_scale": 1.0,
    "high_contrast": None,
    "readable_font": ReadableFont.NONE,
    "text_spacing": False,
    "line_length": None,
    "reduce_motion": None,
    "underline_links": False,
    "reading_guide": False,
}


class ReaderPreferences(Base):
    """One row per reader who saved preferences; readers who never save have none."""

    __tablename__ = "reader_preferences"

    reader_id: Mapped[int] = mapped_column(
        ForeignKey("readers.id", ondelete="CASCADE"), primary_key=True
    )
    font_scale: Mapped[float] = mapped_column(default=DEFAULTS["font_scale"])
    high_contrast: Mapped[bool | None]
    readable_font: Mapped[ReadableFont] = mapped_column(
        str_enum(ReadableFont), default=DEFAULTS["readable_font"]
    )
    text_spacing: Mapped[bool] = mapped_column(default=DEFAULTS["text_spacing"])
    line_length: Mapped[int | None]
    reduce_motion: Mapped[bool | None]
    underline_links: Mapped[bool] = mapped_column(default=DEFAULTS["underline_links"])
    reading_guide: Mapped[bool] = mapped_column(default=DEFAULTS["reading_guide"])
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
