"""The admin API for moderators' tools and the moderation page, one child blueprint per resource.

Every request needs an admin token (``Authorization: Bearer``); each service checks that the
token may act on the site concerned. One generous limit per token covers the whole API.
"""

from __future__ import annotations

from flask import Blueprint

from widget.api.admin import audit, bans, comments, consent, sites, threads
from widget.api.admin.common import authenticate_request
from widget.extensions import limiter
from widget.ratelimit import admin_key, setting

RESOURCES = (comments, threads, bans, sites, consent, audit)

bp = Blueprint("admin_api", __name__, url_prefix="/api/v1/admin")
bp.before_request(authenticate_request)
# Shared, so that every admin route draws on the token's one allowance.
limiter.shared_limit(setting("WIDGET_RATELIMIT_ADMIN"), scope="admin", key_func=admin_key)(bp)
for resource in RESOURCES:
    bp.register_blueprint(resource.bp)
