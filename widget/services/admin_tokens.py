"""Admin API credentials: issued once, stored as a hash, checked in constant time, revocable."""

from __future__ import annotations

import hmac

from widget.errors import Conflict, InvalidInput, NotFound, Unauthorized
from widget.extensions import db
from widget.models import AdminToken, Role
from widget.models.base import utcnow
from widget.services.privacy import hash_token, new_token
from widget.services.sites import get_site


def create_token(
    role: Role, site_slugs: list[str], name: str | None = None
) -> tuple[AdminToken, str]:
    """Issue a token; the plain token is returned this once and never stored."""
    if role == Role.MODERATOR and not site_slugs:
        raise InvalidInput("site", "A moderator token needs at least one site.")
    sites = [get_site(slug) for slug in dict.fromkeys(site_slugs)]
    token = new_token()
    label = name or f"{role.value} of {', '.join(s.slug for s in sites) or 'all sites'}"
    record = AdminToken(
        name=label[:100],
        role=role,
        token_hash=hash_token(token),
        sites=sites,
        all_sites=not sites,
    )
    db.session.add(record)
    db.session.commit()
    return record, token


def list_tokens() -> list[AdminToken]:
    return list(db.session.execute(db.select(AdminToken).order_by(AdminToken.id)).scalars())


def revoke_token(token_id: int) -> AdminToken:
    record = db.session.get(AdminToken, token_id)
    if record is None:
        raise NotFound("token_not_found", f"There is no token with id {token_id}.")
    if record.revoked_at is not None:
        raise Conflict("token_revoked", f"Token {token_id} is revoked already.")
    record.revoked_at = utcnow()
    db.session.commit()
    return record


def authenticate(token: str | None) -> AdminToken:
    """The live token a request carries, or a 401; the hash is compared in constant time."""
    if token is None:
        raise Unauthorized("token_required", "An admin token is required.")
    digest = hash_token(token)
    record = db.session.execute(
        db.select(AdminToken).filter_by(token_hash=digest)
    ).scalar_one_or_none()
    if (
        record is None
        or not hmac.compare_digest(record.token_hash, digest)
        or record.revoked_at is not None
    ):
        raise Unauthorized("invalid_token", "The admin token is not valid.")
    return record
