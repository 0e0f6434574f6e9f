"""Bans: who may not comment on a site, and until when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_

from widget.errors import Conflict, InvalidInput, NotFound
from widget.extensions import db
from widget.models import AdminToken, Ban, Reader, Site
from widget.models.base import utcnow
from widget.services import audit
from widget.services.access import authorize, visible_sites
from widget.services.pagination import Page, newest_first
from widget.services.sites import get_site

TARGETS = ("reader_id", "ip_hash", "email")


def _active(now: datetime):
    return or_(Ban.expires_at.is_(None), Ban.expires_at > now)


def _snapshot(ban: Ban) -> dict:
    return {
        "reader_id": ban.reader_id,
        "ip_hash": ban.ip_hash,
        "email": ban.email,
        "reason": ban.reason,
        "expires_at": ban.expires_at.isoformat() if ban.expires_at else None,
    }


def _audit(actor: AdminToken, ban: Ban, action: str, **states: dict) -> None:
    audit.record(
        actor, site_id=ban.site_id, action=action, target_type="ban", target_id=ban.id, **states
    )


def create_ban(
    actor: AdminToken,
    site_slug: str,
    *,
    reader_id: int | None = None,
    ip_hash: str | None = None,
    email: str | None = None,
    reason: str | None = None,
    expires_at: datetime | None = None,
) -> Ban:
    """Ban one reader, IP hash or email address from a site."""
    site = authorize(actor, get_site(site_slug))
    email = email.casefold() if email else None
    if expires_at is not None and expires_at <= utcnow():
        raise InvalidInput("expires_at", "The expiry must be in the future.")
    if reader_id is not None:
        reader = db.session.get(Reader, reader_id)
        if reader is None or reader.site_id != site.id:
            raise InvalidInput("reader_id", "There is no such reader on this site.")
    target = {"reader_id": reader_id, "ip_hash": ip_hash, "email": email}
    given = [(name, value) for name, value in target.items() if value is not None]
    if len(given) != 1:
        raise InvalidInput("_schema", f"Give exactly one of {', '.join(TARGETS)}.")
    ((name, value),) = given
    existing = (
        db.session.execute(
            db.select(Ban).where(
                Ban.site_id == site.id, getattr(Ban, name) == value, _active(utcnow())
            )
        )
        .scalars()
        .first()
    )
    if existing is not None:
        raise Conflict("ban_exists", f"Ban {existing.id} already covers this {name}.")
    ban = Ban(
        site_id=site.id, reason=reason, expires_at=expires_at, created_by_id=actor.id, **target
    )
    db.session.add(ban)
    db.session.flush()
    _audit(actor, ban, "ban", after=_snapshot(ban))
    db.session.commit()
    return ban


def list_bans(
    actor: AdminToken,
    *,
    limit: int,
    cursor: str | None = None,
    site: str | None = None,
    active: bool | None = None,
) -> Page:
    query = db.select(Ban).where(visible_sites(actor, Ban.site_id))
    if site is not None:
        query = query.where(Ban.site_id == authorize(actor, get_site(site)).id)
    if active is True:
        query = query.where(_active(utcnow()))
    elif active is False:
        query = query.where(Ban.expires_at <= utcnow())
    return newest_first(query, Ban, limit, cursor)


def lift_ban(actor: AdminToken, ban_id: int) -> None:
    """Remove a ban; the audit entry keeps what it was."""
    ban = db.session.get(Ban, ban_id)
    if ban is None:
        raise NotFound("ban_not_found", "There is no such ban.")
    authorize(actor, db.session.get(Site, ban.site_id))
    _audit(actor, ban, "unban", before=_snapshot(ban))
    db.session.delete(ban)
    db.session.commit()


def active_ban(site: Site, *, reader: Reader | None, ip_hash: str, email: str | None) -> Ban | None:
    """The ban, if any, that covers an author about to post."""
    matches = [Ban.ip_hash == ip_hash]
    if reader is not None:
        matches.append(Ban.reader_id == reader.id)
    if email:
        matches.append(Ban.email == email.casefold())
    return db.session.execute(
        db.select(Ban)
        .where(Ban.site_id == site.id, or_(*matches), _active(utcnow()))
        .order_by(Ban.id)
        .limit(1)
    ).scalar_one_or_none()
