"""Spam rules that need no third-party service, and one optional Akismet-compatible hook.

Each rule returns the reason a comment is held as spam, or ``None``; the first reason wins
and is stored on the comment for moderators. Rules that look at the text also run when an
author edits, so that a clean comment cannot be turned into spam afterwards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from flask import current_app
from sqlalchemy import exists, or_

from widget.extensions import db
from widget.models import Comment, Reader, Site, Thread
from widget.models.base import utcnow

logger = logging.getLogger(__name__)
URL_START = re.compile(r"\b(?:https?://|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class Hints:
    """What the posting client tells us besides the comment: the embed's form fields."""

    honeypot: str | None = None
    elapsed_ms: int | None = None
    user_agent: str | None = None


NO_HINTS = Hints()


def form_reason(site: Site, hints: Hints) -> str | None:
    """The honeypot must stay empty and the form must have been open long enough."""
    if hints.honeypot and hints.honeypot.strip():
        return "honeypot: the hidden field was filled in"
    if site.require_form_fields and (hints.honeypot is None or hints.elapsed_ms is None):
        return "form fields missing: no honeypot or timing from the embed"
    minimum_ms = current_app.config["WIDGET_SPAM_MIN_SECONDS"] * 1000
    if hints.elapsed_ms is not None and hints.elapsed_ms < minimum_ms:
        return f"too fast: posted {hints.elapsed_ms} ms after the form was shown"
    return None


def content_reason(site: Site, body: str, body_html: str) -> str | None:
    """Blocked words (whole words, any case or spacing) and too many links."""
    folded = " ".join(body.casefold().split())
    for word in site.blocked_words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            return f"blocked word: {word}"
    # Rendered anchors miss URLs the linkifier does not know; spelled-out ones count too.
    links = max(body_html.count("<a "), len(URL_START.findall(body)))
    if site.max_links is not None and links > site.max_links:
        return f"too many links: {links} (at most {site.max_links})"
    return None


def duplicate_reason(site: Site, body: str, reader: Reader | None, ip_hash: str) -> str | None:
    """The same body from the same reader or network within the window."""
    since = utcnow() - timedelta(seconds=current_app.config["WIDGET_SPAM_DUPLICATE_WINDOW"])
    same_author = [Comment.ip_hash == ip_hash]
    if reader is not None:
        same_author.append(Comment.reader_id == reader.id)
    duplicate = db.session.execute(
        db.select(
            exists().where(
                Comment.thread_id == Thread.id,
                Thread.site_id == site.id,
                Comment.body_markdown == body,
                Comment.created_at >= since,
                or_(*same_author),
            )
        )
    ).scalar()
    return "duplicate: the same comment was posted recently" if duplicate else None


def external_reason(site: Site, comment: Comment, hints: Hints, anonymized_ip: str) -> str | None:
    """Ask an Akismet-compatible service, when configured; if it fails, the comment passes."""
    config = current_app.config
    url = config["WIDGET_SPAM_CHECK_URL"]
    if not url:
        return None
    origins = site.origin_list
    fields = {
        "api_key": config["WIDGET_SPAM_CHECK_KEY"] or "",
        "blog": config["WIDGET_PUBLIC_URL"] or (origins[0] if origins else site.slug),
        "user_ip": anonymized_ip,
        "user_agent": hints.user_agent or "",
        "permalink": comment.thread.url or "",
        "comment_type": "reply" if comment.parent_id else "comment",
        "comment_author": comment.author_name or "",
        "comment_author_email": comment.author_email or "",
        "comment_author_url": comment.author_website or "",
        "comment_content": comment.body_markdown,
    }
    request = Request(url, data=urlencode(fields).encode(), method="POST")  # noqa: S310
    try:
        # The URL comes from the operator's settings, not from a client.
        with urlopen(request, timeout=config["WIDGET_SPAM_CHECK_TIMEOUT"]) as response:  # noqa: S310
            verdict = response.read(64).decode("ascii", "replace").strip()
    except (URLError, OSError, ValueError) as error:
        logger.warning("spam check failed, comment not checked: %s", error)
        return None
    return "external checker: reported as spam" if verdict == "true" else None
