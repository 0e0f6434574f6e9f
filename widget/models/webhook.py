"""A site's webhook endpoints: where signed notifications of its events are posted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, exists
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from widget.models.base import Base, utcnow
from widget.models.site import Site


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    # Kept in clear: signing needs it. Shown once, when the endpoint is added.
    secret: Mapped[str] = mapped_column(String(64))
    # Space-separated event names, e.g. "comment.created comment.approved".
    events: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[Site] = relationship()

    @property
    def event_list(self) -> list[str]:
        return self.events.split()


# Loaded with the site in the same query, so that announcing a comment on a site that no
# endpoint listens to needs no query (and no transaction) of its own.
Site.has_active_webhooks = column_property(
    exists().where(WebhookEndpoint.site_id == Site.id, WebhookEndpoint.active)
)
