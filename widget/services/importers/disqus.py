"""Disqus XML exports: ``<thread>`` elements first, then every ``<post>`` naming its thread.

Posts carry HTML messages, ``isDeleted``/``isSpam`` flags and an optional ``<parent>``; a
thread's ``<link>`` is the page URL and ``<id>`` the identifier the publisher gave Disqus.
"""

from __future__ import annotations

from collections.abc import Iterator

from widget.models import CommentStatus
from widget.services.importers.core import Record, Skipped, SourceComment, SourceThread
from widget.services.importers.xml import (
    child,
    child_text,
    is_true,
    iter_children,
    local_name,
    parse_time,
)

INTERNALS = "{http://disqus.com/disqus-internals}id"


def _ref(element, name: str) -> str | None:
    """The ``dsq:id`` of a reference such as ``<thread dsq:id="…"/>``."""
    ref = child(element, name)
    return ref.get(INTERNALS) if ref is not None else None


def _status(post) -> CommentStatus:
    if is_true(child_text(post, "isSpam")):
        return CommentStatus.SPAM
    if is_true(child_text(post, "isDeleted")):
        return CommentStatus.DELETED
    return CommentStatus.APPROVED


def parse(path: str) -> Iterator[Record]:
    """Yield the threads and posts of a Disqus export, one element in memory at a time."""
    for element in iter_children(path, depth=1):
        name = local_name(element)
        key = element.get(INTERNALS)
        if name == "thread" and key:
            yield SourceThread(
                key=key,
                url=child_text(element, "link"),
                identifier=child_text(element, "id"),
                title=child_text(element, "title"),
                locked=is_true(child_text(element, "isClosed")),
            )
        elif name == "post":
            thread = _ref(element, "thread")
            if not key or not thread:
                yield Skipped(key or "(no id)", "post without an id or a thread")
                continue
            author = child(element, "author")
            yield SourceComment(
                external_id=key,
                thread=thread,
                parent=_ref(element, "parent"),
                body=child_text(element, "message") or "",
                is_html=True,
                created_at=parse_time(child_text(element, "createdAt")),
                status=_status(element),
                author_name=child_text(author, "name") if author is not None else None,
                author_email=child_text(author, "email") if author is not None else None,
            )
