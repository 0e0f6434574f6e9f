"""The audit log: written in the same transaction as the action it records."""

from __future__ import annotations

from datetime import datetime

from widget.extensions import db
from widget.models import AdminToken, AuditEntry
from widget.services.access import authorize, visible_sites
from widget.services.pagination import Page, newest_first
from widget.services.sites import get_site


def record(
    actor: AdminToken,
    *,
    site_id: int,
    action: str,
    target_type: str,
    target_id: int,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add an entry to the session; the caller's commit makes it part of the action."""
    entry = AuditEntry(
        site_id=site_id,
        token_id=actor.id,
        actor=actor.name,
        action=action,
        target_type=target_type,
        target_id=target_id,
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry


def list_entries(
    actor: AdminToken,
    *,
    limit: int,
    cursor: str | None = None,
    site: str | None = None,
    action: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
    token_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page:
    query = db.select(AuditEntry).where(visible_sites(actor, AuditEntry.site_id))
    if site is not None:
        query = query.where(AuditEntry.site_id == authorize(actor, get_site(site)).id)
    exact = {
        AuditEntry.action: action,
        AuditEntry.target_type: target_type,
        AuditEntry.target_id: target_id,
        AuditEntry.token_id: token_id,
    }
    query = query.where(*(column == value for column, value in exact.items() if value is not None))
    if since is not None:
        query = query.where(AuditEntry.created_at >= since)
    if until is not None:
        query = query.where(AuditEntry.created_at < until)
    return newest_first(query, AuditEntry, limit, cursor)


def history(target_type: str, target_ids: list[int]) -> dict[int, list[AuditEntry]]:
    """Entries about each target, oldest first, in one query."""
    entries = db.session.execute(
        db.select(AuditEntry)
        .where(AuditEntry.target_type == target_type, AuditEntry.target_id.in_(target_ids))
        .order_by(AuditEntry.id)
    ).scalars()
    found: dict[int, list[AuditEntry]] = {target_id: [] for target_id in target_ids}
    for entry in entries:
        found[entry.target_id].append(entry)
    return found
