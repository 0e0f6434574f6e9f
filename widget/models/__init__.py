"""All models, imported here so that Alembic sees every table."""

from widget.models.base import Base
from widget.models.comment import Comment, CommentStatus, Vote
from widget.models.consent import ConsentAction, ConsentRecord
from widget.models.delivery import Delivery, DeliveryAttempt, DeliveryChannel, DeliveryStatus
from widget.models.moderator_email import ModeratorEmail
from widget.models.preferences import ReadableFont, ReaderPreferences
from widget.models.reader import Reader
from widget.models.site import NECESSARY, ModerationMode, PanelPosition, Site, SiteOrigin
from widget.models.thread import Thread
from widget.models.webhook import WebhookEndpoint

__all__ = [
    "Base",
    "Comment",
    "CommentStatus",
    "ConsentAction",
    "ConsentRecord",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryChannel",
    "DeliveryStatus",
    "ModerationMode",
    "ModeratorEmail",
    "NECESSARY",
    "PanelPosition",
    "ReadableFont",
    "Reader",
    "ReaderPreferences",
    "Site",
    "SiteOrigin",
    "Thread",
    "Vote",
    "WebhookEndpoint",
]
