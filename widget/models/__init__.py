"""All models, imported here so that Alembic sees every table."""

from widget.models.admin_token import AdminToken, Role
from widget.models.audit import AuditEntry
from widget.models.ban import Ban
from widget.models.base import Base
from widget.models.comment import Comment, CommentStatus, Vote
from widget.models.consent import ConsentAction, ConsentRecord
from widget.models.delivery import Delivery, DeliveryAttempt, DeliveryChannel, DeliveryStatus
from widget.models.flag import Flag, FlagReason
from widget.models.imported import ImportedComment
from widget.models.moderator_email import ModeratorEmail
from widget.models.preferences import ReadableFont, ReaderPreferences
from widget.models.reader import Reader
from widget.models.site import NECESSARY, ModerationMode, PanelPosition, Site, SiteOrigin
from widget.models.thread import Thread
from widget.models.webhook import WebhookEndpoint

__all__ = [
    "AdminToken",
    "AuditEntry",
    "Ban",
    "Base",
    "Comment",
    "CommentStatus",
    "ConsentAction",
    "ConsentRecord",
    "Flag",
    "FlagReason",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryChannel",
    "DeliveryStatus",
    "ImportedComment",
    "ModerationMode",
    "ModeratorEmail",
    "NECESSARY",
    "PanelPosition",
    "ReadableFont",
    "Reader",
    "ReaderPreferences",
    "Role",
    "Site",
    "SiteOrigin",
    "Thread",
    "Vote",
    "WebhookEndpoint",
]

# SQLite hands the largest id out again once its row is deleted; with AUTOINCREMENT it never
# does, so an id in the audit log, an export or a client's memory always means one row.
# (PostgreSQL sequences never reuse ids.)
for _table in Base.metadata.tables.values():
    if [column.name for column in _table.primary_key.columns] == ["id"]:
        _table.dialect_options["sqlite"]["autoincrement"] = True
