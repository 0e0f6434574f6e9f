"""Sites: lookup, creation and the origins allowed to use them."""

from __future__ import annotations

import re
from typing import NoReturn
from urllib.parse import urlsplit

from sqlalchemy import bindparam, exists

from widget import limits
from widget.errors import Conflict, InvalidInput, NotFound
from widget.extensions import db
from widget.models import NECESSARY, ModerationMode, Site, SiteOrigin

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def raise_unknown_site(slug: str) -> NoReturn:
    raise NotFound("site_not_found", f"No site is called {slug!r}.")


# Built once: every read that names a site runs it.
_SITE_BY_SLUG = db.select(Site).where(Site.slug == bindparam("slug"))


def queryable_slug(slug: str) -> str:
    """The slug, fit for a query: no slug holds a NUL, and PostgreSQL refuses one (a 404, not
    a 500)."""
    if "\x00" in slug:
        raise_unknown_site(slug)
    return slug


def get_site(slug: str) -> Site:
    site = db.session.execute(_SITE_BY_SLUG, {"slug": queryable_slug(slug)}).scalar_one_or_none()
    if site is None:
        raise_unknown_site(slug)
    return site


def list_sites() -> list[Site]:
    return list(db.session.execute(db.select(Site).order_by(Site.slug)).scalars())


def normalize_origin(origin: str) -> str:
    """``https://Example.com/`` becomes ``https://example.com``: how browsers send Origin."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput("origin", f"{origin!r} is not an http(s) origin.")
    host = parts.hostname.lower()
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def create_site(
    slug: str,
    name: str,
    origins: list[str],
    moderation: ModerationMode = ModerationMode.NONE,
    gravatar: bool = False,
) -> Site:
    if not SLUG_PATTERN.match(slug):
        raise InvalidInput("slug", "Use lower-case letters, digits and dashes.")
    if db.session.execute(db.select(exists().where(Site.slug == slug))).scalar():
        raise Conflict("site_exists", f"A site called {slug!r} exists already.")
    site = Site(
        slug=slug,
        name=name,
        moderation=moderation,
        gravatar=gravatar,
        origins=[SiteOrigin(origin=normalize_origin(o)) for o in dict.fromkeys(origins)],
    )
    db.session.add(site)
    db.session.commit()
    return site


def origin_allowed(origin: str, site: Site | None = None) -> bool:
    """Whether ``origin`` may call the API: for ``site``, or for any site when none is known."""
    query = exists().where(SiteOrigin.origin == origin)
    if site is not None:
        query = query.where(SiteOrigin.site_id == site.id)
    return bool(db.session.execute(db.select(query)).scalar())


def configure_site(site: Site, settings: dict) -> Site:
    """Apply consent and panel settings loaded by ``SiteSettingsSchema``; others stay.

    Categories replace the site's list; "necessary" always comes first and, when left out,
    keeps its current wording.
    """
    categories = settings.get("consent_categories")
    if categories is not None:
        necessary = next(c for c in site.consent_categories if c["key"] == NECESSARY)
        given = {c["key"]: c for c in categories}
        optional = [c for c in categories if c["key"] != NECESSARY]
        categories = [given.get(NECESSARY, necessary), *optional]
        if len(categories) > limits.CONSENT_CATEGORIES_MAX:
            raise InvalidInput(
                "consent_categories", f"At most {limits.CONSENT_CATEGORIES_MAX} categories."
            )
        settings = {**settings, "consent_categories": categories}
    for name, value in settings.items():
        setattr(site, name, value)
    db.session.commit()
    return site
