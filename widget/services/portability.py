"""Export a whole site to one JSON file and restore it, losslessly, into another database.

The format is described in ``widget/schemas/export.py`` and the README. The export is
written as it is read, one row per line, so a large site never sits in memory whole.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator

from marshmallow import Schema, ValidationError
from sqlalchemy import exists, insert
from sqlalchemy.exc import IntegrityError

from widget.errors import Conflict, InvalidImport
from widget.extensions import db
from widget.models import (
    Comment,
    CommentStatus,
    ImportedComment,
    Reader,
    Site,
    SiteOrigin,
    Thread,
    Vote,
)
from widget.schemas.export import (
    FORMAT,
    VERSION,
    CommentRow,
    ReaderRow,
    SiteExportSchema,
    SiteSection,
    ThreadRow,
    VoteRow,
)
from widget.services.sanitize import render_markdown
from widget.services.threads import touch_thread

BATCH = 1000
SITE_SETTINGS = [name for name in SiteSection().fields if name != "origins"]


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Refs:
    """File-local numbers for database ids, handed out in id order: stable across round trips."""

    def __init__(self):
        self.numbers: dict[int, int] = {}

    def __call__(self, db_id: int | None) -> int | None:
        if db_id is None:
            return None
        return self.numbers.setdefault(db_id, len(self.numbers) + 1)


def _rows(query) -> Iterator:
    return db.session.execute(query.execution_options(yield_per=BATCH)).scalars()


def export_site(site: Site) -> Iterator[str]:
    """Yield the export file of ``site`` in pieces."""
    readers, threads, comments = _Refs(), _Refs(), _Refs()
    site_row = {name: getattr(site, name) for name in SITE_SETTINGS}
    site_row["origins"] = site.origin_list
    head = {"format": FORMAT, "version": VERSION, "site": SiteSection().dump(site_row)}
    yield _dumps(head)[:-1]

    def reader_rows():
        for reader in _rows(db.select(Reader).filter_by(site_id=site.id).order_by(Reader.id)):
            yield {
                "ref": readers(reader.id),
                "token_hash": reader.token_hash,
                "created_at": reader.created_at,
            }

    def thread_rows():
        for thread in _rows(db.select(Thread).filter_by(site_id=site.id).order_by(Thread.id)):
            yield {
                "ref": threads(thread.id),
                **{k: getattr(thread, k) for k in ("page_key", "url", "title", "locked")},
                "created_at": thread.created_at,
            }

    def comment_rows():
        query = (
            db.select(Comment, ImportedComment)
            .join(Thread, Thread.id == Comment.thread_id)
            .outerjoin(ImportedComment, ImportedComment.comment_id == Comment.id)
            .where(Thread.site_id == site.id)
            .order_by(Comment.id)
            .execution_options(yield_per=BATCH)
        )
        for comment, imported in db.session.execute(query):
            kept = ("depth", "status", "body_markdown", "author_name", "author_email")
            kept += ("author_website", "avatar_hash", "ip_hash", "created_at", "edited_at")
            yield {
                "ref": comments(comment.id),
                "thread": threads(comment.thread_id),
                "parent": comments(comment.parent_id),
                "root": comments(comment.root_id),
                **{k: getattr(comment, k) for k in kept},
                "reader": readers(comment.reader_id),
                "score": comment.score,
                "imported_from": (
                    {"source": imported.source, "id": imported.external_id} if imported else None
                ),
            }

    def vote_rows():
        query = (
            db.select(Vote)
            .join(Reader, Reader.id == Vote.reader_id)
            .where(Reader.site_id == site.id)
            .order_by(Vote.id)
        )
        for vote in _rows(query):
            yield {
                "comment": comments(vote.comment_id),
                "reader": readers(vote.reader_id),
                "value": vote.value,
                "created_at": vote.created_at,
            }

    sections: list[tuple[str, Schema, Iterable]] = [
        ("readers", ReaderRow(), reader_rows()),
        ("threads", ThreadRow(), thread_rows()),
        ("comments", CommentRow(), comment_rows()),
        ("votes", VoteRow(), vote_rows()),
    ]
    for name, schema, rows in sections:
        yield f',\n"{name}":['
        for index, row in enumerate(rows):
            yield ("\n" if index == 0 else ",\n") + _dumps(schema.dump(row))
        yield "]"
    yield "}\n"


def _lookup(refs: dict[int, int], ref: int | None, what: str, where: str) -> int | None:
    if ref is None:
        return None
    if ref not in refs:
        raise InvalidImport(f"{where} refers to {what} {ref}, which comes nowhere before it.")
    return refs[ref]


def _insert(refs: dict[int, int], ref: int, model, values: dict) -> int:
    """Insert a row and remember its id under its file-local ``ref``."""
    if ref in refs:
        raise InvalidImport(f"Two {model.__tablename__} share the ref {ref}.")
    refs[ref] = db.session.scalar(insert(model).returning(model.id), values)
    return refs[ref]


def restore_site(data) -> Site:
    """Recreate a site from its export; the site must not exist yet in this database."""
    try:
        loaded = SiteExportSchema().load(data)
    except ValidationError as error:
        raise InvalidImport(f"This is not a valid site export: {error.messages}") from error
    settings = loaded["site"]
    slug = settings["slug"]
    if db.session.execute(db.select(exists().where(Site.slug == slug))).scalar():
        raise Conflict("site_exists", f"A site called {slug!r} exists already; nothing restored.")
    try:
        site = _restore(loaded)
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict(
            "restore_conflict", f"The export clashes with data in this database: {error.orig}"
        ) from error
    except BaseException:
        db.session.rollback()
        raise
    return site


def _restore(loaded: dict) -> Site:
    settings = dict(loaded["site"])
    origins = settings.pop("origins")
    site = Site(**settings, origins=[SiteOrigin(origin=o) for o in origins])
    db.session.add(site)
    db.session.flush()

    readers: dict[int, int] = {}
    for row in loaded["readers"]:
        _insert(readers, row.pop("ref"), Reader, {**row, "site_id": site.id})
    threads: dict[int, int] = {}
    for row in loaded["threads"]:
        _insert(threads, row.pop("ref"), Thread, {**row, "site_id": site.id})

    comments: dict[int, int] = {}
    approved: Counter = Counter()
    for row in loaded["comments"]:
        ref, imported = row.pop("ref"), row.pop("imported_from")
        where = f"Comment {ref}"
        thread_id = _lookup(threads, row.pop("thread"), "thread", where)
        links = {
            "thread_id": thread_id,
            "parent_id": _lookup(comments, row.pop("parent"), "comment", where),
            "root_id": _lookup(comments, row.pop("root"), "comment", where),
            "reader_id": _lookup(readers, row.pop("reader"), "reader", where),
        }
        body_html = render_markdown(row["body_markdown"])
        _insert(comments, ref, Comment, {**row, **links, "body_html": body_html})
        if imported:
            db.session.execute(
                insert(ImportedComment),
                {
                    "site_id": site.id,
                    "source": imported["source"],
                    "external_id": imported["id"],
                    "comment_id": comments[ref],
                },
            )
        if row["status"] == CommentStatus.APPROVED:
            approved[thread_id] += 1
    for thread_id, count in approved.items():
        touch_thread(thread_id, count)

    for row in loaded["votes"]:
        where = "A vote"
        db.session.execute(
            insert(Vote),
            {
                "comment_id": _lookup(comments, row["comment"], "comment", where),
                "reader_id": _lookup(readers, row["reader"], "reader", where),
                "value": row["value"],
                "created_at": row["created_at"],
            },
        )
    return site
