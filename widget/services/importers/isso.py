"""Isso's SQLite database: ``threads`` (uri, title) and ``comments`` keyed by thread id.

Isso keeps the Markdown readers typed, a mode (1 accepted, 2 waiting, 4 deleted), Unix
times, and vote totals without voters, which become the comment's score.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from widget.errors import InvalidImport
from widget.models import CommentStatus
from widget.services.importers.core import Record, Skipped, SourceComment, SourceThread

MODES = {1: CommentStatus.APPROVED, 2: CommentStatus.PENDING, 4: CommentStatus.DELETED}
COMMENTS = (
    "SELECT tid, id, parent, created, modified, mode, text, author, email, website,"
    " likes, dislikes FROM comments ORDER BY id"
)


def _time(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(value), UTC) if value is not None else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def parse(path: str) -> Iterator[Record]:
    """Yield every thread, then every comment in id order (parents come before replies)."""
    if not Path(path).is_file():
        raise InvalidImport(f"Cannot read {path}: no such file.")
    connection = None
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        for tid, uri, title in connection.execute("SELECT id, uri, title FROM threads"):
            yield SourceThread(key=str(tid), url=uri, title=title)
        for row in connection.execute(COMMENTS):
            tid, cid, parent, created, modified, mode, text, author, email, website = row[:10]
            if mode not in MODES:
                yield Skipped(str(cid), f"unknown mode {mode!r}")
                continue
            yield SourceComment(
                external_id=str(cid),
                thread=str(tid),
                parent=str(parent) if parent else None,
                body=text or "",
                created_at=_time(created),
                edited_at=_time(modified),
                status=MODES[mode],
                author_name=author,
                author_email=email,
                author_website=website,
                score=(row[10] or 0) - (row[11] or 0),
            )
    except sqlite3.DatabaseError as error:
        raise InvalidImport(f"{path} is not a readable Isso database ({error}).") from error
    finally:
        if connection is not None:
            connection.close()
