"""SQLite tuning: WAL, foreign keys, a busy timeout, and write transactions that queue.

pysqlite opens transactions lazily and cannot upgrade a read transaction to a write one
once another process has written ("database is locked", which a busy timeout does not
cure). So the driver's own transaction handling is switched off, and a request that can
write begins with ``BEGIN IMMEDIATE``: writers wait for each other in turn, readers never
wait thanks to WAL.
"""

from __future__ import annotations

import contextlib
import sqlite3

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from widget.extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Writers wait their turn rather than fail; still well under the 30 s worker timeout.
BUSY_TIMEOUT_MS = 20_000


def _configure_sqlite(dbapi_connection, connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_sqlite(connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    writing = not has_request_context() or request.method not in SAFE_METHODS
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def commit_keeping_state() -> None:
    """Commit without expiring what the session holds.

    For a writer that answers with the rows it has just written: they already hold what the
    database does, and reloading them would take one more transaction (on SQLite, one more
    wait for the write lock). The caller expires what it changed in SQL behind their back.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def discard_transaction() -> None:
    """Roll back what the request began; a connection the server dropped is thrown away.

    Rolling back over a connection the database closed raises: the caller is already
    answering an error (or done), and the pool opens a fresh connection next time.
    """
    try:
        db.session.rollback()
    except SQLAlchemyError:
        _forget_session()


def _forget_session() -> None:
    """Drop a session whose connection died; invalidating it can raise as well.

    Nothing is lost: its transaction is gone with the connection, and the pool checks
    connections before use (``pool_pre_ping``), so the next request gets a live one.
    """
    # The driver's own errors surface here unwrapped; any failure to close is moot now.
    with contextlib.suppress(Exception):
        db.session.invalidate()
    db.session.registry.clear()


def _end_session(error: BaseException | None) -> None:
    # Runs before Flask-SQLAlchemy's own teardown (registered earlier), whose rollback would
    # otherwise raise past Flask and turn a JSON 503 into the server's HTML error page.
    try:
        db.session.remove()
    except SQLAlchemyError:
        _forget_session()


def init_app(app: Flask) -> None:
    """Install the SQLite hooks (once per process: they listen on every engine)."""
    app.teardown_appcontext(_end_session)
    if not event.contains(Engine, "connect", _configure_sqlite):
        event.listen(Engine, "connect", _configure_sqlite)
        event.listen(Engine, "begin", _begin_sqlite)
