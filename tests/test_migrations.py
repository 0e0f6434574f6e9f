"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.conftest import make_app
from tests.factories import make_comment, make_site
from widget.extensions import db
from widget.models import Base


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrading_keeps_every_row_on_sqlite(tmp_path):
    """Batch mode rebuilds ``sites`` and ``threads``: no referencing row may be lost."""
    app = make_app(f"sqlite:///{tmp_path / 'upgrade.sqlite3'}")
    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            for statement in ROWS_AT_0001:
                connection.execute(text(statement))
        upgrade()
        with db.engine.connect() as connection:
            counts = {table: _count(connection, table) for table in TABLES}
            moderation = connection.execute(text("SELECT moderation FROM sites")).scalar()
        assert counts == dict.fromkeys(TABLES, 1)
        assert moderation == "pre"
        downgrade(revision="0001")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM comments")).scalar() == 1
        db.engine.dispose()


def _count(connection, table: str) -> int:
    return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608


TABLES = ("sites", "site_origins", "readers", "threads", "comments", "votes")
ROWS_AT_0001 = (
    "INSERT INTO sites (id, slug, name, moderation, edit_window_seconds, max_depth,"
    " max_body_length, created_at) VALUES (1, 'a', 'A', 'pre', 900, 3, 5000, '2026-01-01')",
    "INSERT INTO site_origins (site_id, origin) VALUES (1, 'https://a.example')",
    "INSERT INTO readers (id, site_id, token_hash, created_at) VALUES (1, 1, 'h', '2026-01-01')",
    "INSERT INTO threads (id, site_id, page_key, locked, comment_count, created_at)"
    " VALUES (1, 1, 'p', 0, 1, '2026-01-01')",
    "INSERT INTO comments (id, thread_id, depth, status, body_markdown, body_html, created_at,"
    " score, reader_id) VALUES (1, 1, 0, 'approved', 'x', 'x', '2026-01-01', 0, 1)",
    "INSERT INTO votes (comment_id, reader_id, value, created_at) VALUES (1, 1, 1, '2026-01-01')",
)


def test_ids_are_never_reused(app):
    """SQLite would hand a deleted row's id to the next row without AUTOINCREMENT."""
    site = make_site()
    first = make_comment(site)
    first_id = first.id
    db.session.delete(first)
    db.session.commit()
    assert make_comment(site).id > first_id
