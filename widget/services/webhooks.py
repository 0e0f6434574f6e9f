"""Webhook endpoints: managing them, and posting one signed delivery to one of them.

Each delivery is a JSON ``POST`` with these headers:

- ``Widget-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``: the HMAC, keyed with the
  endpoint's secret, of ``"<t>.<body>"``; ``t`` is the time of this attempt, so a receiver can
  refuse old timestamps (replays) as well as wrong signatures.
- ``Widget-Event``: the event name, e.g. ``comment.created``.
- ``Widget-Delivery``: the delivery's id, the same on every retry: deliveries are at least
  once, so a receiver may see one twice and can skip what it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import secrets
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from widget.errors import DeliveryError, InvalidInput, NotFound
from widget.extensions import db
from widget.models import Site, WebhookEndpoint
from widget.signals import EVENTS

SIGNATURE_HEADER = "Widget-Signature"
EVENT_HEADER = "Widget-Event"
DELIVERY_HEADER = "Widget-Delivery"
USER_AGENT = "widget-webhooks/1"
URL_MAX_LENGTH = 2048


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput("url", f"{url!r} is not an http(s) URL.")
    if len(url) > URL_MAX_LENGTH:
        raise InvalidInput("url", f"Longer than maximum length {URL_MAX_LENGTH}.")
    return url.strip()


def _check_events(events: list[str] | None) -> list[str]:
    if not events:
        return list(EVENTS)
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise InvalidInput("events", f"Unknown events {unknown}; known: {sorted(EVENTS)}.")
    return list(dict.fromkeys(events))


def create_endpoint(site: Site, url: str, events: list[str] | None = None) -> WebhookEndpoint:
    """Add an endpoint for ``events`` (all of them when none are named) with a new secret."""
    endpoint = WebhookEndpoint(
        site=site,
        url=_check_url(url),
        events=" ".join(_check_events(events)),
        secret="whsec_" + secrets.token_hex(24),
    )
    db.session.add(endpoint)
    db.session.commit()
    return endpoint


def list_endpoints(site: Site | None = None) -> list[WebhookEndpoint]:
    query = db.select(WebhookEndpoint).order_by(WebhookEndpoint.id)
    if site is not None:
        query = query.where(WebhookEndpoint.site_id == site.id)
    return list(db.session.execute(query).scalars())


def get_endpoint(endpoint_id: int) -> WebhookEndpoint:
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound("webhook_not_found", f"There is no webhook endpoint {endpoint_id}.")
    return endpoint


def set_endpoint_active(endpoint_id: int, active: bool) -> WebhookEndpoint:
    """Pause or resume an endpoint; while paused, its events are not queued for it."""
    endpoint = get_endpoint(endpoint_id)
    endpoint.active = active
    db.session.commit()
    return endpoint


def remove_endpoint(endpoint_id: int) -> None:
    """Remove an endpoint together with its delivery log."""
    db.session.delete(get_endpoint(endpoint_id))
    db.session.commit()


def subscribed_endpoints(site_id: int, event: str) -> list[WebhookEndpoint]:
    endpoints = db.session.execute(
        db.select(WebhookEndpoint).filter_by(site_id=site_id, active=True)
    ).scalars()
    return [endpoint for endpoint in endpoints if event in endpoint.event_list]


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Widget-Signature`` value for ``body`` sent at ``timestamp``."""
    message = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failed delivery: following it would resend the body elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, secret: str, event: str, delivery_id: int, body: bytes, timeout: float) -> int:
    """Post one signed delivery; return the 2xx status or raise ``DeliveryError``."""
    request = urllib.request.Request(  # noqa: S310 (http(s) only: checked by _check_url)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(secret, int(time.time()), body),
            EVENT_HEADER: event,
            DELIVERY_HEADER: str(delivery_id),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"HTTP {error.code} {error.reason}", error.code) from error
    except urllib.error.URLError as error:
        raise DeliveryError(str(error.reason)) from error
    except (OSError, http.client.HTTPException) as error:
        raise DeliveryError(str(error) or type(error).__name__) from error
