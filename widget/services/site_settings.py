"""A site's moderation and embedding settings, as admins change them through the API."""

from __future__ import annotations

from widget.extensions import db
from widget.models import AdminToken, Site, SiteOrigin
from widget.services.access import require_admin
from widget.services.audit import record
from widget.services.sites import get_site, normalize_origin

# Settings an admin may change through the API, besides the allowed origins.
SETTINGS = (
    "name",
    "moderation",
    "blocked_words",
    "max_links",
    "edit_window_seconds",
    "max_depth",
    "max_body_length",
    "flag_threshold",
    "ban_silently",
    "require_form_fields",
)


def _settings_snapshot(site: Site) -> dict:
    values = {name: getattr(site, name) for name in SETTINGS}
    values["moderation"] = site.moderation.value
    values["origins"] = site.origin_list
    return values


def update_site(actor: AdminToken, slug: str, changes: dict) -> Site:
    """Change a site's settings (admins only); the audit entry lists what changed."""
    site = require_admin(actor, get_site(slug))
    before = _settings_snapshot(site)
    if "blocked_words" in changes:
        words = (" ".join(word.casefold().split()) for word in changes["blocked_words"])
        changes = {**changes, "blocked_words": list(dict.fromkeys(w for w in words if w))}
    for name in SETTINGS:
        if name in changes:
            setattr(site, name, changes[name])
    if "origins" in changes:
        wanted = list(dict.fromkeys(normalize_origin(o) for o in changes["origins"]))
        kept = {o.origin: o for o in site.origins if o.origin in wanted}
        site.origins = [kept.get(origin) or SiteOrigin(origin=origin) for origin in wanted]
    after = _settings_snapshot(site)
    changed = [name for name in after if after[name] != before[name]]
    if changed:
        record(
            actor,
            site_id=site.id,
            action="update_site",
            target_type="site",
            target_id=site.id,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    db.session.commit()
    return site
