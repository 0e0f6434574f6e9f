"""Fixtures: one migrated database per test session, emptied after every test.

Tests run on SQLite by default and on PostgreSQL when ``WIDGET_DATABASE_URL`` points at it
(CI does both). Rate limiting is off unless a test turns it on.
"""

from __future__ import annotations

import os
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import MetaData

from widget import create_app
from widget.config import normalize_database_url
from widget.extensions import db
from widget.models import Base


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("WIDGET_DATABASE_URL")
    if url:
        return normalize_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def make_app(database_url: str, **overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
        # A fresh namespace per app, so that counters never leak between tests on Redis.
        "RATELIMIT_KEY_PREFIX": f"widget-test-{uuid.uuid4().hex}",
        # Tests deliver notifications by calling the worker's code; threads only when asked.
        "WIDGET_DELIVERY_WORKER": "off",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    """Start from nothing and build the schema with the migrations, as production does."""
    app = make_app(database_url)
    with app.app_context():
        reflected = MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        upgrade()
        db.engine.dispose()
    return database_url


@pytest.fixture
def app_config() -> dict:
    """Override to change settings for the tests of one module."""
    return {}


@pytest.fixture
def app(migrated_database: str, app_config: dict):
    app = make_app(migrated_database, **app_config)
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
