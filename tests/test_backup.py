"""SQLite online backup and restore."""

from __future__ import annotations

import pytest

from tests.factories import make_comment, make_site
from widget.extensions import db
from widget.models import Comment


def comment_bodies() -> list[str]:
    return list(db.session.execute(db.select(Comment.body_markdown).order_by(Comment.id)).scalars())


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("backup and restore are SQLite's; PostgreSQL uses pg_dump")


def test_backup_then_restore_returns_to_the_backed_up_state(runner, sqlite_only, tmp_path):
    site = make_site()
    make_comment(site, body="kept")
    path = tmp_path / "backup.sqlite3"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output

    make_comment(site, body="after the backup")
    db.session.remove()
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert comment_bodies() == ["kept"]


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_restore_refuses_what_is_not_a_backup(runner, sqlite_only, tmp_path, content):
    site = make_site()
    make_comment(site, body="safe")
    path = tmp_path / "bogus.sqlite3"
    path.write_bytes(content)
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code != 0
    assert "not a widget backup" in result.output
    db.session.remove()
    assert comment_bodies() == ["safe"]


def test_restore_asks_for_confirmation(runner, sqlite_only, tmp_path):
    result = runner.invoke(args=["restore", str(tmp_path / "x")], input="n\n")
    assert result.exit_code != 0


def test_backup_is_refused_on_postgresql(runner, app, tmp_path):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("this is about the PostgreSQL refusal")
    result = runner.invoke(args=["backup", str(tmp_path / "b")])
    assert result.exit_code != 0
    assert "pg_dump" in result.output
