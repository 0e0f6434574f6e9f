"""Plain functions that create rows through the services, as the API would."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from widget.extensions import db
from widget.models import Comment, ModerationMode, Role, Site, Thread
from widget.services import admin_tokens, comments, readers, sites
from widget.services.comments import Author
from widget.services.sanitize import render_markdown
from widget.services.threads import get_or_create_thread, touch_thread

SITE_ORIGIN = "https://news.example"
ANONYMOUS = Author()
_numbers = count(1)


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
    body: str | None = None,
    *,
    token: str | None = None,
    parent: Comment | None = None,
    author: Author = ANONYMOUS,
) -> Comment:
    reader = readers.authenticate_reader(site, token, required=False)
    return comments.create_comment(
        site,
        page=page,
        # Distinct by default: the same body twice from one address would be held as a duplicate.
        body=body or f"Comment number {next(_numbers)}.",
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


def make_large_thread(site: Site, size: int, page: str = "big") -> Thread:
    """A thread of ``size`` approved comments, a fifth of them top-level, in one transaction."""
    thread = get_or_create_thread(site, page)
    roots: list[Comment] = []
    for n in range(size):
        parent = roots[n % len(roots)] if n % 5 and roots else None
        comment = Comment(
            thread=thread,
            parent_id=parent.id if parent else None,
            root_id=parent.id if parent else None,
            depth=1 if parent else 0,
            body_markdown=f"Comment {n} with a [link](https://example.org/{n})",
            body_html=render_markdown(f"Comment {n} with a [link](https://example.org/{n})"),
            author_name=f"Reader {n}",
        )
        db.session.add(comment)
        if parent is None:
            db.session.flush()
            roots.append(comment)
    db.session.flush()
    touch_thread(thread.id, size)
    db.session.commit()
    return thread


def make_token(role: Role = Role.MODERATOR, *sites: Site, name: str | None = None) -> str:
    """An admin API token; a moderator's for ``sites``, or a global admin's without sites."""
    return admin_tokens.create_token(role, [site.slug for site in sites], name)[1]
