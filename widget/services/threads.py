"""Threads: finding or creating one per page, and reading a page of its comment tree."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, bindparam, exists, or_, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from widget.errors import InvalidInput
from widget.extensions import db
from widget.models import Comment, CommentStatus, Site, Thread
from widget.services.sites import queryable_slug, raise_unknown_site
from widget.services.urls import normalize_page_key

APPROVED = CommentStatus.APPROVED


@dataclass
class CommentNode:
    """A comment in a thread tree; reads the comment's own attributes through."""

    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)

    def __getattr__(self, name: str):
        return getattr(self.comment, name)


@dataclass
class ThreadPage:
    """One page of a thread as readers see it: the same for every reader, so cacheable."""

    site: Site
    page_key: str
    thread: Thread | None
    comments: list[CommentNode] = field(default_factory=list)
    next_cursor: str | None = None

    @property
    def title(self) -> str | None:
        return self.thread.title if self.thread else None

    @property
    def url(self) -> str | None:
        return self.thread.url if self.thread else None

    @property
    def locked(self) -> bool:
        return bool(self.thread and self.thread.locked)

    @property
    def comment_count(self) -> int:
        return self.thread.comment_count if self.thread else 0

    @property
    def pinned_comment_id(self) -> int | None:
        return self.thread.pinned_comment_id if self.thread else None


def find_thread(site: Site, page: str) -> Thread | None:
    return db.session.execute(
        db.select(Thread).filter_by(site_id=site.id, page_key=normalize_page_key(page))
    ).scalar_one_or_none()


# The hot reads' statements, built once: building one costs more than running it.
_SITE_AND_THREAD = (
    db.select(Site, Thread)
    .outerjoin(Thread, and_(Thread.site_id == Site.id, Thread.page_key == bindparam("page_key")))
    .where(Site.slug == bindparam("slug"))
)
_COUNTS = db.select(Thread.page_key, Thread.comment_count).where(
    Thread.site_id == bindparam("site_id"), Thread.page_key.in_(bindparam("keys", expanding=True))
)


def find_site_and_thread(slug: str, page: str) -> tuple[Site, Thread | None]:
    """The site (404 if none) and the page's thread, if any, in one query: the hot read path."""
    row = db.session.execute(
        _SITE_AND_THREAD, {"slug": queryable_slug(slug), "page_key": normalize_page_key(page)}
    ).first()
    if row is None:
        raise_unknown_site(slug)
    return row.Site, row.Thread


def get_or_create_thread(
    site: Site, page: str, url: str | None = None, title: str | None = None
) -> Thread:
    """The page's thread, created by the first comment; safe when two posts race for it."""
    thread = find_thread(site, page)
    if thread is None:
        try:
            with db.session.begin_nested():
                thread = Thread(site=site, page_key=normalize_page_key(page), url=url, title=title)
                db.session.add(thread)
        except IntegrityError:
            thread = find_thread(site, page)
    # The first comment may come from an embed that did not know the title or URL yet.
    if thread.title is None and title:
        thread.title = title
    if thread.url is None and url:
        thread.url = url
    return thread


def touch_thread(thread_id: int, count_delta: int = 0) -> None:
    """Record a change readers will see: bump the version and adjust the approved count.

    Both happen in the database itself, so that concurrent writers add up.
    """
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread_id)
        .values(version=Thread.version + 1, comment_count=Thread.comment_count + count_delta)
        .execution_options(synchronize_session=False)
    )


def count_comments(site: Site, pages: list[str]) -> dict[str, int]:
    """Approved-comment counts for many pages in one query, keyed as the caller spelled them."""
    keys = {page: normalize_page_key(page) for page in pages}
    rows = db.session.execute(_COUNTS, {"site_id": site.id, "keys": sorted(set(keys.values()))})
    found = dict(rows.all())
    return {page: found.get(key, 0) for page, key in keys.items()}


# --- reading a thread ---------------------------------------------------------------------

SORT_ORDERS = {
    "oldest": (Comment.created_at.asc(), Comment.id.asc()),
    "newest": (Comment.created_at.desc(), Comment.id.desc()),
    "top": (Comment.score.desc(), Comment.created_at.asc(), Comment.id.asc()),
}


def encode_cursor(sort: str, comment: Comment) -> str:
    key = [comment.created_at.isoformat(), comment.id]
    if sort == "top":
        key.insert(0, comment.score)
    raw = json.dumps({"s": sort, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(sort: str, cursor: str) -> list:
    """Parse a cursor made by ``encode_cursor`` for the same sort, or reject it as a 422."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        key = data["k"]
        if data["s"] != sort:
            raise ValueError("cursor was made for another sort order")
        *score, created, comment_id = key
        if sort == "top" and (len(score) != 1 or not isinstance(score[0], int)):
            raise ValueError("bad score")
        if sort != "top" and score:
            raise ValueError("bad key")
        if not isinstance(comment_id, int) or isinstance(comment_id, bool):
            raise ValueError("bad id")
        return [*score, datetime.fromisoformat(created), comment_id]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput("cursor", "This cursor is not valid for this sort order.") from error


def _after_cursor(sort: str, key: list):
    if sort == "oldest":
        return tuple_(Comment.created_at, Comment.id) > tuple_(*key)
    if sort == "newest":
        return tuple_(Comment.created_at, Comment.id) < tuple_(*key)
    score, created, comment_id = key
    return or_(
        Comment.score < score,
        and_(
            Comment.score == score, tuple_(Comment.created_at, Comment.id) > (created, comment_id)
        ),
    )


def read_thread(
    site: Site,
    page: str,
    thread: Thread | None,
    *,
    sort: str = "oldest",
    limit: int = 50,
    cursor: str | None = None,
) -> ThreadPage:
    """A page of top-level comments with all of their replies, in two queries.

    ``thread`` is the page's thread as ``find_thread`` found it (None if there is none yet).
    Comments that are not approved stay in the tree as placeholders only while an approved
    reply hangs below them, so that replies keep their context. A pinned comment comes first
    on the first page, whatever the sort, and is left out of the pages after it.
    """
    result = ThreadPage(site=site, page_key=normalize_page_key(page), thread=thread)
    if thread is None:
        return result

    reply = aliased(Comment)
    has_approved_reply = exists().where(reply.root_id == Comment.id, reply.status == APPROVED)
    visible_root = and_(
        Comment.thread_id == thread.id,
        Comment.depth == 0,
        or_(Comment.status == APPROVED, has_approved_reply),
    )
    pinned = []
    if thread.pinned_comment_id is not None:
        is_pinned = Comment.id == thread.pinned_comment_id
        if not cursor:
            pinned = list(
                db.session.execute(db.select(Comment).where(visible_root, is_pinned)).scalars()
            )
        visible_root = and_(visible_root, ~is_pinned)
    query = db.select(Comment).where(visible_root).order_by(*SORT_ORDERS[sort]).limit(limit + 1)
    if cursor:
        query = query.where(_after_cursor(sort, decode_cursor(sort, cursor)))
    roots = list(db.session.execute(query).scalars())
    if len(roots) > limit:
        roots = roots[:limit]
        result.next_cursor = encode_cursor(sort, roots[-1])
    roots = pinned + roots

    descendants = db.session.execute(
        db.select(Comment)
        .where(Comment.root_id.in_([root.id for root in roots]))
        .order_by(Comment.created_at, Comment.id)
    ).scalars()
    children: dict[int, list[Comment]] = {}
    for comment in descendants:
        children.setdefault(comment.parent_id, []).append(comment)
    result.comments = [_visible_tree(root, children) for root in roots]
    return result


def _visible_tree(comment: Comment, children: dict[int, list[Comment]]) -> CommentNode:
    """Keep approved replies and the placeholders that lead to one; drop everything else."""
    node = CommentNode(comment)
    for child in children.get(comment.id, ()):
        child_node = _visible_tree(child, children)
        if child_node.replies or child.status == APPROVED:
            node.replies.append(child_node)
    return node
