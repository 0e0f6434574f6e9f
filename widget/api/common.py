"""What every API view shares: rate-limit decorators and resolving the site of a request."""

from __future__ import annotations

from widget.cors import bind_site
from widget.extensions import limiter
from widget.models import Site
from widget.ratelimit import client_ip, setting
from widget.services.sites import get_site

read_limit = limiter.limit(setting("WIDGET_RATELIMIT_READS"), key_func=client_ip)
write_limit = limiter.limit(setting("WIDGET_RATELIMIT_WRITES"), key_func=client_ip)


def site_for(slug: str) -> Site:
    """The site a request names (404 if none), bound for CORS and the origin check."""
    return bind_site(get_site(slug))
