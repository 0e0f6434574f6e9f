"""A fingerprint of everything stored, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from widget.extensions import db
from widget.models import Base


def fingerprint() -> str:
    """A hash of every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    db.session.rollback()  # see what is committed, and hold no transaction afterwards
    for table in Base.metadata.sorted_tables:
        rows = db.session.execute(table.select().order_by(*table.primary_key.columns))
        digest.update(f"{table.name}:{rows.all()!r}".encode())
    db.session.rollback()
    return digest.hexdigest()
