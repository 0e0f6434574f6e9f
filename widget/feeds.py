"""Atom feeds of the latest approved comments, for readers and editors who follow by feed."""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import quote, urlsplit

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, abort, request, url_for

from widget.models import Comment, Site, Thread
from widget.schemas.common import clean_text
from widget.services import feeds
from widget.services.sites import get_site
from widget.services.urls import normalize_page_key

# Feeds are polled; a few minutes of staleness spares the database.
MAX_AGE = 300
ANONYMOUS = "Anonymous"

bp = Blueprint("feeds", __name__, url_prefix="/feeds")


def site_feed_url(slug: str) -> str:
    return url_for("feeds.site_feed", slug=slug, _external=True)


def thread_feed_url(slug: str, page: str) -> str:
    return url_for("feeds.thread_feed", slug=slug, page=page, _external=True)


def _tag(site: Site, name: str) -> str:
    """A ``tag:`` URI (RFC 4151): a permanent Atom id that does not depend on the URL layout."""
    host = urlsplit(request.host_url).hostname
    return f"tag:{host},{site.created_at:%Y-%m-%d}:{site.slug}/{quote(name, safe='/')}"


def _page_name(thread: Thread) -> str:
    return thread.title or thread.url or thread.page_key


def _atom(
    site: Site,
    feed_id: str,
    title: str,
    self_url: str,
    comments: list[Comment],
    page_url: str | None = None,
) -> Response:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": site.name})
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    if page_url:
        feed.link(href=page_url, rel="alternate", type="text/html")
    feed.generator("widget")
    # The newest change among the entries; an empty feed last changed when the site began.
    updated: datetime | None = None
    for comment in comments:
        changed = comment.edited_at or comment.created_at
        updated = max(updated or changed, changed)
        entry = feed.add_entry(order="append")
        entry.id(_tag(site, f"comment/{comment.id}"))
        author = comment.author_name or ANONYMOUS
        entry.title(f"{author} on {_page_name(comment.thread)}")
        entry.author({"name": author})
        entry.published(comment.created_at)
        entry.updated(changed)
        entry.content(comment.body_html, type="html")
        if comment.thread.url:
            entry.link(href=f"{comment.thread.url}#comment-{comment.id}", rel="alternate")
    updated = updated or site.created_at
    feed.updated(updated)
    body = feed.atom_str(pretty=False)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response.last_modified = updated
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    return response.make_conditional(request)


@bp.get("/<slug>.atom")
def site_feed(slug: str) -> Response:
    """Serve the latest approved comments on every page of a site."""
    site = get_site(slug)
    return _atom(
        site,
        _tag(site, "comments"),
        f"Comments on {site.name}",
        site_feed_url(slug),
        feeds.latest_comments(site),
    )


@bp.get("/<slug>/thread.atom")
def thread_feed(slug: str) -> Response:
    """Serve the latest approved comments on one page."""
    # Cleaned as the API cleans page keys; control characters cannot be written in XML anyway.
    page = clean_text(request.args.get("page") or "", multiline=False)
    if not page:
        abort(400, "Name the page: ?page=PAGE_ID_OR_URL.")
    site = get_site(slug)
    thread, comments = feeds.thread_comments(site, page)
    key = normalize_page_key(page)
    return _atom(
        site,
        _tag(site, f"thread/{key}"),
        f"Comments on {_page_name(thread) if thread else key}",
        thread_feed_url(slug, key),
        comments,
        page_url=thread.url if thread else None,
    )
