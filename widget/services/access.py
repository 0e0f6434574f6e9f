"""Who may do what in the admin API: moderators act on their sites, admins also manage them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, true

from widget.errors import Forbidden
from widget.extensions import db
from widget.models import AdminToken, Role, Site


def authorize(actor: AdminToken, site: Site) -> Site:
    """Let ``actor`` act on ``site``: a token for other sites gets a 403."""
    if not actor.can_access(site.id):
        raise Forbidden("site_forbidden", f"This token may not act on site {site.slug!r}.")
    return site


def require_admin(actor: AdminToken, site: Site) -> Site:
    """Changing a site's settings takes an admin token for that site."""
    authorize(actor, site)
    if actor.role != Role.ADMIN:
        raise Forbidden("admin_required", "Only an admin token may change a site's settings.")
    return site


def visible_sites(actor: AdminToken, column) -> ColumnElement[bool]:
    """A filter on a ``site_id`` column limiting a query to the sites ``actor`` may see."""
    if actor.all_sites:
        return true()
    return column.in_([site.id for site in actor.sites])


def sites_of(actor: AdminToken) -> list[Site]:
    """The sites ``actor`` may act on, by slug: every site for a token of all sites."""
    if actor.all_sites:
        return list(db.session.execute(db.select(Site).order_by(Site.slug)).scalars())
    return list(actor.sites)
