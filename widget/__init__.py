"""widget: self-hosted comments and reading preferences for news publishers."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from widget import commands, cors, database, notification_commands, notifications, security
from widget.api.admin import bp as admin_api
from widget.api.health import bp as health
from widget.api.public import bp as public_api
from widget.avatars import bp as avatars
from widget.config import MIGRATIONS_DIR, STATIC_DIR, load_config
from widget.errors import register_error_handlers
from widget.extensions import cache, db, limiter, migrate
from widget.feeds import bp as feeds
from widget.limits import ID_MAX
from widget.pages import bp as pages

# Minimal systems lack these in their MIME tables; browsers refuse fonts sent as octet-stream.
mimetypes.add_type("font/woff2", ".woff2")


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in routes: an id past the 32-bit range cannot exist, so it is a 404.

    Raised here rather than through ``max``, whose failed match Werkzeug reports as a 405.
    """

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > ID_MAX:
            raise NotFound()
        return number


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides what the environment sets."""
    app = Flask(__name__, static_folder=str(STATIC_DIR), static_url_path="/static")
    app.url_map.converters["int"] = RowIdConverter
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
    cache.init_app(app)
    register_error_handlers(app)
    cors.init_app(app)
    security.init_app(app)
    app.register_blueprint(health)
    notifications.init_app(app)
    app.register_blueprint(public_api)
    app.register_blueprint(admin_api)
    app.register_blueprint(pages)
    app.register_blueprint(avatars)
    app.register_blueprint(feeds)
    commands.init_app(app)
    notification_commands.init_app(app)
    return app
