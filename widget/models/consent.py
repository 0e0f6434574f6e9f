"""The consent log: every decision a reader made, appended and never changed."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from widget.models.base import Base, str_enum, utcnow


class ConsentAction(enum.StrEnum):
    ACCEPT_ALL = "accept_all"
    REJECT_ALL = "reject_all"
    CUSTOM = "custom"


class ConsentRecord(Base):
    """One decision, the proof a site must be able to show; no IP, no browser fingerprint.

    Erasing the reader keeps the record but unlinks it (``reader_id`` becomes NULL): it then
    proves what was decided without saying by whom.
    """

    __tablename__ = "consent_records"
    __table_args__ = (Index("ix_consent_records_site_created", "site_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    reader_id: Mapped[int | None] = mapped_column(
        ForeignKey("readers.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    policy_version: Mapped[str] = mapped_column(String(64))
    action: Mapped[ConsentAction] = mapped_column(str_enum(ConsentAction))
    granted: Mapped[list[str]] = mapped_column(JSON)
    refused: Mapped[list[str]] = mapped_column(JSON)
    gpc: Mapped[bool]
