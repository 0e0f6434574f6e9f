"""Plain functions that create rows through the services, as the API would."""

from __future__ import annotations

from datetime import timedelta

from widget.extensions import db
from widget.models import Comment, ModerationMode, Site
from widget.services import comments, readers, sites
from widget.services.comments import Author

SITE_ORIGIN = "https://news.example"
ANONYMOUS = Author()


def make_site(
    slug: str = "news",
    origins: tuple[str, ...] = (SITE_ORIGIN,),
    moderation: ModerationMode = ModerationMode.NONE,
    **settings,
) -> Site:
    site = sites.create_site(slug, slug.title(), list(origins), moderation)
    for name, value in settings.items():
        setattr(site, name, value)
    db.session.commit()
    return site


def make_reader(site: Site) -> str:
    """A reader token for ``site``."""
    return readers.create_reader(site)[1]


def make_comment(
    site: Site,
    page: str = "article-1",
    body: str = "A comment.",
    *,
    token: str | None = None,
    parent: Comment | None = None,
    author: Author = ANONYMOUS,
) -> Comment:
    reader = readers.authenticate_reader(site, token, required=False)
    return comments.create_comment(
        site,
        page=page,
        body=body,
        author=author,
        ip_address="192.0.2.10",
        reader=reader,
        parent_id=parent.id if parent else None,
    )


def age(comment: Comment, seconds: int) -> Comment:
    """Pretend ``comment`` was written ``seconds`` earlier."""
    comment.created_at = comment.created_at - timedelta(seconds=seconds)
    db.session.commit()
    return comment


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
