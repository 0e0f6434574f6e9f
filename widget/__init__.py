"""widget: self-hosted comments and reading preferences for news publishers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from widget import cors, database
from widget.api.public import bp as public_api
from widget.avatars import bp as avatars
from widget.config import MIGRATIONS_DIR, STATIC_DIR, load_config
from widget.errors import register_error_handlers
from widget.extensions import db, limiter, migrate
from widget.feeds import bp as feeds
from widget.pages import bp as pages


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides what the environment sets."""
    app = Flask(__name__, static_folder=str(STATIC_DIR), static_url_path="/static")
    app.config.from_mapping(load_config(app.instance_path))
    if config:
        app.config.from_mapping(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    proxies = app.config["WIDGET_TRUSTED_PROXIES"]
    if proxies:
        # Only then is X-Forwarded-For believed: otherwise any client could pick its own IP.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    limiter.init_app(app)
    register_error_handlers(app)
    cors.init_app(app)
    app.register_blueprint(public_api)
    app.register_blueprint(pages)
    app.register_blueprint(avatars)
    app.register_blueprint(feeds)
    return app
