"""What every importer shares: the records parsers yield and the one way they are stored.

A parser turns a file into a stream of ``SourceThread`` and ``SourceComment`` records,
threads before the comments that name them, holding only one record at a time. ``run_import``
writes the stream in a single transaction: a file that breaks half way leaves nothing behind.
Every stored comment is keyed by (site, source, external id), so importing again adds nothing.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from flask import current_app
from sqlalchemy import bindparam, insert, select

from widget import limits
from widget.errors import InvalidImport
from widget.extensions import db
from widget.models import Comment, CommentStatus, ImportedComment, Site
from widget.schemas.common import clean_text
from widget.services.privacy import hash_identity
from widget.services.sanitize import html_to_markdown, render_markdown
from widget.services.threads import get_or_create_thread, touch_thread
from widget.services.urls import normalize_page_key

PROGRESS_EVERY = 1000
EXAMPLES_PER_REASON = 3


@dataclass
class SourceThread:
    """A page as the old system knew it; ``key`` is how its comments refer to it."""

    key: str
    url: str | None = None
    identifier: str | None = None
    title: str | None = None
    locked: bool = False


@dataclass
class SourceComment:
    external_id: str
    thread: str
    body: str
    created_at: datetime | None
    status: CommentStatus = CommentStatus.APPROVED
    parent: str | None = None
    is_html: bool = False
    author_name: str | None = None
    author_email: str | None = None
    author_website: str | None = None
    edited_at: datetime | None = None
    score: int = 0


@dataclass
class Skipped:
    """A record the parser itself passes over (a pingback, say), to be reported."""

    external_id: str
    reason: str


Record = SourceThread | SourceComment | Skipped


@dataclass
class ImportReport:
    threads: int = 0
    imported: int = 0
    skipped: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, external_id: str, reason: str) -> None:
        self.skipped[reason] += 1
        self._example(reason, external_id)

    def note(self, external_id: str, reason: str) -> None:
        self.notes[reason] += 1
        self._example(reason, external_id)

    def _example(self, reason: str, external_id: str) -> None:
        examples = self.examples.setdefault(reason, [])
        if len(examples) < EXAMPLES_PER_REASON:
            examples.append(external_id)


# Core statements, built once and run on the session's connection: the ORM's bookkeeping
# per row would be most of the cost of an import and buys nothing here.
_INSERT_COMMENT = insert(Comment.__table__)
_INSERT_KEY = insert(ImportedComment.__table__)
_FIND_IMPORTED = (
    select(Comment.id, Comment.thread_id, Comment.depth, Comment.root_id)
    .join(ImportedComment, ImportedComment.comment_id == Comment.id)
    .where(
        ImportedComment.site_id == bindparam("site_id"),
        ImportedComment.source == bindparam("source"),
        ImportedComment.external_id == bindparam("external_id"),
    )
)


@dataclass(frozen=True)
class _Stored:
    id: int
    thread_id: int
    depth: int
    root_id: int | None


def read_page_map(pairs: Iterable[str] = (), csv_lines: Iterable[str] | None = None) -> dict:
    """Old URL (or old identifier) to page id, from ``old=new`` pairs and a two-column CSV."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InvalidImport(f"--map wants OLD=PAGE_ID, not {pair!r}.")
        mapping[normalize_page_key(old)] = normalize_page_key(new)
    for number, row in enumerate(csv.reader(csv_lines or ()), start=1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise InvalidImport(f"Map file line {number}: want two columns, OLD,PAGE_ID.")
        mapping[normalize_page_key(row[0])] = normalize_page_key(row[1])
    return mapping


def _text(value: str | None, max_length: int) -> str | None:
    value = clean_text(value or "", multiline=False)
    return value[:max_length] or None


def _email(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if "@" in value and len(value) <= limits.AUTHOR_EMAIL_MAX_LENGTH else None


def _website(value: str | None) -> str | None:
    value = (value or "").strip()
    fits = len(value) <= limits.AUTHOR_WEBSITE_MAX_LENGTH
    return value if fits and value.startswith(("http://", "https://")) else None


class _Importer:
    """Holds what one run needs: the page map, the threads seen and replies awaiting parents."""

    def __init__(self, site: Site, source: str, page_map: dict, base_url: str | None, progress):
        self.site = site
        self.source = source
        self.page_map = page_map
        self.base_url = base_url
        self.progress = progress
        self.report = ImportReport()
        self.threads: dict[str, SourceThread] = {}
        self.thread_ids: dict[str, int] = {}
        self.approved: Counter = Counter()
        # Replies met before their parent, by the parent's external id.
        self.waiting: dict[str, list[SourceComment]] = {}
        self.secret = current_app.config["SECRET_KEY"]

    def url(self, thread: SourceThread) -> str | None:
        """The thread's address, made absolute with ``base_url`` when it is only a path."""
        url = (thread.url or "").strip() or None
        if url and self.base_url and not url.lower().startswith(("http://", "https://")):
            url = urljoin(self.base_url, url)
        return url

    def page_key(self, thread: SourceThread) -> str | None:
        url = self.url(thread)
        for name in (url, thread.identifier):
            if name and normalize_page_key(name) in self.page_map:
                return self.page_map[normalize_page_key(name)]
        key = normalize_page_key(url or thread.identifier or "")
        return key if 0 < len(key) <= limits.PAGE_KEY_MAX_LENGTH else None

    def thread_id(self, key: str) -> int | None:
        """Our thread for a source thread, created by its first imported comment."""
        if key in self.thread_ids:
            return self.thread_ids[key]
        source = self.threads.get(key)
        page = self.page_key(source) if source else None
        if page is None:
            return None
        url = self.url(source)
        url = url if url and len(url) <= limits.PAGE_URL_MAX_LENGTH else None
        title = _text(source.title, limits.PAGE_TITLE_MAX_LENGTH)
        thread = get_or_create_thread(self.site, page, url=url, title=title)
        if source.locked:
            thread.locked = True
        self.report.threads += 1
        self.thread_ids[key] = thread.id
        return thread.id

    def stored(self, external_id: str) -> _Stored | None:
        row = db.session.connection().execute(
            _FIND_IMPORTED,
            {"site_id": self.site.id, "source": self.source, "external_id": external_id},
        )
        found = row.one_or_none()
        return _Stored(*found) if found else None

    def add(self, record: Record) -> None:
        if isinstance(record, SourceThread):
            self.threads[record.key] = record
        elif isinstance(record, Skipped):
            self.report.skip(record.external_id, record.reason)
        else:
            self.comment(record)

    def comment(self, first: SourceComment, orphan: bool = False) -> None:
        """Store a comment, then the replies that were waiting for it (a stack, not recursion)."""
        stack = [(first, orphan)]
        while stack:
            comment, orphan = stack.pop()
            if self.stored(comment.external_id):
                self.report.skip(comment.external_id, "already imported")
            else:
                parent = None
                if comment.parent and not orphan:
                    parent = self.stored(comment.parent)
                    if parent is None:
                        self.waiting.setdefault(comment.parent, []).append(comment)
                        continue
                self.insert(comment, parent)
            replies = self.waiting.pop(comment.external_id, [])
            stack.extend((reply, False) for reply in reversed(replies))

    def insert(self, comment: SourceComment, parent: _Stored | None) -> None:
        external_id = comment.external_id
        if len(external_id) > 255:
            self.report.skip(external_id[:40] + "…", "id longer than 255 characters")
            return
        if comment.created_at is None:
            self.report.skip(external_id, "no creation time")
            return
        body = clean_text(comment.body or "", multiline=True)
        if comment.is_html:
            body = html_to_markdown(body)
        if not body and comment.status != CommentStatus.DELETED:
            self.report.skip(external_id, "empty body")
            return
        thread_id = self.thread_id(comment.thread)
        if thread_id is None:
            self.report.skip(external_id, "its thread is missing or has no page URL")
            return
        if parent is not None and parent.thread_id != thread_id:
            self.report.note(external_id, "parent is on another page: imported as top-level")
            parent = None
        email = _email(comment.author_email)
        connection = db.session.connection()
        comment_id = connection.execute(
            _INSERT_COMMENT,
            {
                "thread_id": thread_id,
                "parent_id": parent.id if parent else None,
                "root_id": (parent.root_id or parent.id) if parent else None,
                "depth": parent.depth + 1 if parent else 0,
                "status": comment.status,
                "body_markdown": body,
                "body_html": render_markdown(body),
                "author_name": _text(comment.author_name, limits.AUTHOR_NAME_MAX_LENGTH),
                "author_email": email,
                "author_website": _website(comment.author_website),
                "avatar_hash": hash_identity(email, self.secret) if email else None,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
                "score": comment.score,
            },
        ).inserted_primary_key[0]
        connection.execute(
            _INSERT_KEY,
            {
                "site_id": self.site.id,
                "source": self.source,
                "external_id": external_id,
                "comment_id": comment_id,
            },
        )
        if comment.status == CommentStatus.APPROVED:
            self.approved[thread_id] += 1
        self.report.imported += 1
        if self.report.imported % PROGRESS_EVERY == 0:
            self.progress(self.report)

    def finish(self) -> None:
        """Replies whose parent never came (deleted before the export) become top-level."""
        while self.waiting:
            _, replies = self.waiting.popitem()
            for reply in replies:
                self.report.note(reply.external_id, "parent missing: imported as top-level")
                self.comment(reply, orphan=True)
        for thread_id, count in self.approved.items():
            touch_thread(thread_id, count)


def run_import(
    site: Site,
    source: str,
    records: Iterator[Record],
    *,
    page_map: dict | None = None,
    base_url: str | None = None,
    progress: Callable[[ImportReport], None] = lambda report: None,
) -> ImportReport:
    """Store a parser's records in one transaction and report what was kept and skipped."""
    importer = _Importer(site, source, page_map or {}, base_url, progress)
    try:
        for record in records:
            importer.add(record)
        importer.finish()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return importer.report
