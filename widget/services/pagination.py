"""Newest-first keyset pagination over any model with ``created_at`` and ``id``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, tuple_

from widget.extensions import db
from widget.services.threads import decode_cursor, encode_cursor


@dataclass
class Page:
    items: list = field(default_factory=list)
    next_cursor: str | None = None


def newest_first(query: Select, model, limit: int, cursor: str | None) -> Page:
    """One page of ``query``; the cursor is the thread reader's, so both reject bad ones alike."""
    if cursor:
        created, row_id = decode_cursor("newest", cursor)
        query = query.where(tuple_(model.created_at, model.id) < tuple_(created, row_id))
    query = query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1)
    rows = list(db.session.execute(query).scalars())
    if len(rows) <= limit:
        return Page(rows)
    return Page(rows[:limit], encode_cursor("newest", rows[limit - 1]))
