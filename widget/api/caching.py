"""Public reads that a CDN can share: ETags, 304s and serialised bodies kept by version.

A thread's ETag comes from its version, which every write bumps in the same transaction, so
a conditional read needs no serialisation at all, and an unconditional one is served from
bytes serialised once per version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Response, current_app, json, request

from widget.extensions import cache

# Part of every ETag and cache key: change it when the response format changes.
FORMAT = "1"


def cache_control(response: Response) -> Response:
    config = current_app.config
    response.headers["Cache-Control"] = (
        f"public, max-age=0, s-maxage={config['WIDGET_SHARED_MAX_AGE']}, "
        f"stale-while-revalidate={config['WIDGET_STALE_WHILE_REVALIDATE']}"
    )
    return response


def _digest(*parts) -> str:
    return hashlib.sha256(repr((FORMAT, *parts)).encode()).hexdigest()[:32]


def versioned_json(key: tuple, build: Callable[[], object]) -> Response:
    """Answer from ``key`` (which must change whenever the content does) without building
    the body when the client has it already, and building it at most once per key."""
    etag = _digest(*key)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        body = cache.get(etag)
        if body is None:
            body = json.dumps(build()).encode()
            cache.set(etag, body)
        response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    return cache_control(response)


def conditional_json(data: object) -> Response:
    """Answer small reads with an ETag of their body, and 304 when it has not changed."""
    response = Response(json.dumps(data), mimetype="application/json")
    response.add_etag()
    return cache_control(response.make_conditional(request))
