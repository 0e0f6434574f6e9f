"""What every admin view shares: the token that authenticated the request."""

from __future__ import annotations

from flask import g

from widget.models import AdminToken
from widget.ratelimit import bearer_token
from widget.services.admin_tokens import authenticate


def authenticate_request() -> None:
    """Reject the request with a 401 unless it carries a live admin token."""
    g.admin_token = authenticate(bearer_token())


def actor() -> AdminToken:
    return g.admin_token
