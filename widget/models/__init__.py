"""All models, imported here so that Alembic sees every table."""

from widget.models.base import Base
from widget.models.comment import Comment, CommentStatus, Vote
from widget.models.imported import ImportedComment
from widget.models.reader import Reader
from widget.models.site import ModerationMode, Site, SiteOrigin
from widget.models.thread import Thread

__all__ = [
    "Base",
    "Comment",
    "CommentStatus",
    "ImportedComment",
    "ModerationMode",
    "Reader",
    "Site",
    "SiteOrigin",
    "Thread",
    "Vote",
]
