"""Extensions, created unbound here and bound to an app in ``create_app``."""

from __future__ import annotations

from flask_caching import Cache
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from widget.models.base import Base
from widget.ratelimit import client_ip

cache = Cache()
db = SQLAlchemy(model_class=Base)
migrate = Migrate()
limiter = Limiter(key_func=client_ip)
