"""Online backup and restore of an SQLite database, with SQLite's own backup API.

The backup is consistent while the service keeps running; a restore replaces the whole
database and should run with the service stopped. PostgreSQL has pg_dump for both.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from widget.errors import InvalidInput


def _require_sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        raise InvalidInput("database", "Backup and restore are for SQLite; use pg_dump.")


def backup(engine: Engine, destination: Path) -> None:
    _require_sqlite(engine)
    raw = engine.raw_connection()
    target = sqlite3.connect(destination)
    try:
        raw.driver_connection.backup(target)
    finally:
        target.close()
        raw.close()


def restore(engine: Engine, source: Path) -> None:
    """Replace the database with ``source`` after checking that it is a sound backup of ours."""
    _require_sqlite(engine)
    if not source.is_file():
        raise InvalidInput("path", f"{source} is not a file.")
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            (integrity,) = backup_db.execute("PRAGMA integrity_check").fetchone()
            backup_db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise InvalidInput("path", f"{source} is not a widget backup: {error}.") from error
        if integrity != "ok":
            raise InvalidInput("path", f"{source} is damaged: {integrity}.")
        engine.dispose()
        raw = engine.raw_connection()
        try:
            backup_db.backup(raw.driver_connection)
        finally:
            raw.close()
    finally:
        backup_db.close()
