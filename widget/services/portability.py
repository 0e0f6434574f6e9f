"""Export a whole site to one JSON file and restore it, losslessly, into another database.

The format is described in ``widget/schemas/export.py`` and the README. The export is
written as it is read, one row per line, so a large site never sits in memory whole. A
section's fields come from its schema and are read from, and restored to, the columns of the
same name (``_id`` added for references), so each section's content is defined in one place.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from marshmallow import ValidationError
from sqlalchemy import Select, exists, insert, update
from sqlalchemy.exc import IntegrityError

from widget.errors import Conflict, InvalidImport
from widget.extensions import db
from widget.models import (
    AdminToken,
    AuditEntry,
    Ban,
    Base,
    Comment,
    CommentStatus,
    ConsentRecord,
    Flag,
    ImportedComment,
    ModeratorEmail,
    Reader,
    ReaderPreferences,
    Site,
    SiteOrigin,
    Thread,
    Vote,
    WebhookEndpoint,
)
from widget.models.admin_token import admin_token_sites
from widget.schemas.export import (
    AUDIT_TARGETS,
    FORMAT,
    SECTIONS,
    VERSION,
    SiteExportSchema,
    SiteSection,
)
from widget.services.sanitize import render_markdown
from widget.services.threads import touch_thread

BATCH = 1000
SITE_SETTINGS = [name for name in SiteSection().fields if name != "origins"]
SCHEMAS = {section: row() for section, row in SECTIONS.items()}
# Ids that audit entries keep in their ``before`` and ``after`` states, and the section of
# the rows they name: the file holds refs instead, as everywhere else.
AUDIT_STATE_IDS = {"reader_id": "readers", "pinned_comment_id": "comments"}
# Each section is a table, named as in the models.
MODELS = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _singular(section: str) -> str:
    return section.removesuffix("s").replace("_", " ")


class _Refs:
    """File-local numbers for database ids, handed out in id order: stable across round trips.

    An id no row of the file has (an audit entry's purged comment or lifted ban) gets the next
    number when first met, so it stays distinct and is numbered alike in every export.
    """

    def __init__(self):
        self.numbers: dict[int, int] = {}

    def __call__(self, db_id: int | None) -> int | None:
        if db_id is None:
            return None
        return self.numbers.setdefault(db_id, len(self.numbers) + 1)

    def link(self, db_id: int | None) -> int | None:
        """The ref of a row in the file, else None (a token for every site stays behind)."""
        return self.numbers.get(db_id)


def _queries(site_id: int) -> dict[str, Select]:
    """Each section's rows of the site, in id order."""

    def owned(model) -> Select:
        return db.select(model).where(model.site_id == site_id).order_by(model.id)

    return {
        "readers": owned(Reader),
        "reader_preferences": db.select(ReaderPreferences)
        .join(Reader, Reader.id == ReaderPreferences.reader_id)
        .where(Reader.site_id == site_id)
        .order_by(ReaderPreferences.reader_id),
        "consent_records": owned(ConsentRecord),
        "threads": owned(Thread),
        "comments": db.select(Comment, ImportedComment, Thread.pinned_comment_id)
        .join(Thread, Thread.id == Comment.thread_id)
        .outerjoin(ImportedComment, ImportedComment.comment_id == Comment.id)
        .where(Thread.site_id == site_id)
        .order_by(Comment.id),
        "votes": db.select(Vote)
        .join(Reader, Reader.id == Vote.reader_id)
        .where(Reader.site_id == site_id)
        .order_by(Vote.id),
        "flags": db.select(Flag)
        .join(Comment, Comment.id == Flag.comment_id)
        .join(Thread, Thread.id == Comment.thread_id)
        .where(Thread.site_id == site_id)
        .order_by(Flag.id),
        # Tokens for every site are the service's, not this site's: they stay behind.
        "admin_tokens": db.select(AdminToken)
        .join(admin_token_sites, admin_token_sites.c.token_id == AdminToken.id)
        .where(admin_token_sites.c.site_id == site_id, ~AdminToken.all_sites)
        .order_by(AdminToken.id),
        "bans": owned(Ban),
        "audit_entries": owned(AuditEntry),
        "webhook_endpoints": owned(WebhookEndpoint),
        "moderator_emails": owned(ModeratorEmail),
    }


def _values(section: str, row, refs: dict[str, _Refs], **given) -> dict:
    """A row as its section's schema has it: ``given`` values, the rest from the columns."""
    values = {}
    for name, field in SCHEMAS[section].fields.items():
        target = field.metadata.get("refers_to")
        if name in given:
            values[name] = given[name]
        elif name == "ref":
            values[name] = refs[section](row.id)
        elif target:
            values[name] = refs[target].link(getattr(row, f"{name}_id"))
        else:
            values[name] = getattr(row, name)
    return values


def _audit_state(state: dict | None, refs) -> dict | None:
    if state is None:
        return None
    return {
        key: refs[AUDIT_STATE_IDS[key]](value) if key in AUDIT_STATE_IDS else value
        for key, value in state.items()
    }


def _section_rows(section: str, query: Select, refs: dict[str, _Refs]) -> Iterator[dict]:
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    if section == "comments":
        for comment, imported, pinned_id in result:
            yield _values(
                section,
                comment,
                refs,
                imported_from=(
                    {"source": imported.source, "id": imported.external_id} if imported else None
                ),
                pinned=comment.id == pinned_id,
            )
    elif section == "audit_entries":
        for entry in result.scalars():
            yield _values(
                section,
                entry,
                refs,
                target=refs[AUDIT_TARGETS[entry.target_type]](entry.target_id),
                before=_audit_state(entry.before, refs),
                after=_audit_state(entry.after, refs),
            )
    else:
        yield from (_values(section, row, refs) for row in result.scalars())


def export_site(site: Site) -> Iterator[str]:
    """Yield the export file of ``site`` in pieces."""
    refs = {name: _Refs() for name in ("site", *SECTIONS)}
    refs["site"](site.id)
    site_row = {name: getattr(site, name) for name in SITE_SETTINGS}
    site_row["origins"] = site.origin_list
    head = {"format": FORMAT, "version": VERSION, "site": SiteSection().dump(site_row)}
    yield _dumps(head)[:-1]
    for section, query in _queries(site.id).items():
        schema = SCHEMAS[section]
        yield f',\n"{section}":['
        for index, row in enumerate(_section_rows(section, query, refs)):
            yield ("\n" if index == 0 else ",\n") + _dumps(schema.dump(row))
        yield "]"
    yield "}\n"


def _lookup(refs: dict[int, int], ref: int | None, what: str, where: str) -> int | None:
    if ref is None:
        return None
    if ref not in refs:
        raise InvalidImport(f"{where} refers to {what} {ref}, which comes nowhere before it.")
    return refs[ref]


def _remember(refs: dict[int, int], ref: int, db_id: int, section: str) -> None:
    if ref in refs:
        raise InvalidImport(f"Two {section} share the ref {ref}.")
    refs[ref] = db_id


def restore_site(data) -> Site:
    """Recreate a site from its export; the site must not exist yet in this database."""
    try:
        loaded = SiteExportSchema().load(data)
    except ValidationError as error:
        raise InvalidImport(f"This is not a valid site export: {error.messages}") from error
    slug = loaded["site"]["slug"]
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


class _Restore:
    """Inserts the rows of one file, keeping each section's refs to the new ids."""

    def __init__(self, site: Site):
        self.site = site
        self.refs: dict[str, dict[int, int]] = {name: {} for name in SECTIONS}
        self.refs["site"] = {1: site.id}
        self.approved: Counter = Counter()
        self.pinned_threads: set[int] = set()

    def columns(self, section: str, row: dict, where: str) -> dict:
        """The row's values by column: refs become the ids of the rows restored before it."""
        model = MODELS[section]
        values = {"site_id": self.site.id} if hasattr(model, "site_id") else {}
        fields = SCHEMAS[section].fields
        for name, value in row.items():
            target = fields[name].metadata.get("refers_to")
            if target:
                what = _singular(target)
                values[f"{name}_id"] = _lookup(self.refs[target], value, what, where)
            elif name != "ref":
                values[name] = value
        return values

    def section(self, section: str, rows: list[dict]) -> None:
        special = {
            "comments": self.comment,
            "admin_tokens": self.admin_token,
            "audit_entries": self.audit_entry,
        }.get(section)
        many = []
        for index, row in enumerate(rows, start=1):
            ref = row.get("ref")
            where = f"{_singular(section).capitalize()} {ref}" if ref else f"{section} row {index}"
            if special is not None:
                special(row, where)
                continue
            values = self.columns(section, row, where)
            if ref is None:
                many.append(values)
                continue
            model = MODELS[section]
            _remember(
                self.refs[section],
                ref,
                db.session.scalar(insert(model).returning(model.id), values),
                section,
            )
        if many:
            db.session.execute(insert(MODELS[section]), many)

    def comment(self, row: dict, where: str) -> None:
        imported, pinned = row.pop("imported_from"), row.pop("pinned")
        values = self.columns("comments", row, where)
        values["body_html"] = render_markdown(row["body_markdown"])
        comment_id = db.session.scalar(insert(Comment).returning(Comment.id), values)
        _remember(self.refs["comments"], row["ref"], comment_id, "comments")
        thread_id = values["thread_id"]
        if imported:
            db.session.execute(
                insert(ImportedComment),
                {
                    "site_id": self.site.id,
                    "source": imported["source"],
                    "external_id": imported["id"],
                    "comment_id": comment_id,
                },
            )
        if pinned:
            if thread_id in self.pinned_threads:
                raise InvalidImport(f"{where} is a second pinned comment in its thread.")
            self.pinned_threads.add(thread_id)
            db.session.execute(
                update(Thread).where(Thread.id == thread_id).values(pinned_comment_id=comment_id)
            )
        if row["status"] == CommentStatus.APPROVED:
            self.approved[thread_id] += 1

    def admin_token(self, row: dict, where: str) -> None:
        """A token of several sites is in each one's file: the second restore adds its site."""
        values = self.columns("admin_tokens", row, where)
        token = db.session.execute(
            db.select(AdminToken).filter_by(token_hash=values["token_hash"])
        ).scalar_one_or_none()
        if token is None:
            token = AdminToken(**values)
            db.session.add(token)
        elif token.all_sites or any(getattr(token, k) != v for k, v in values.items()):
            raise Conflict("restore_conflict", f"{where} clashes with a token in this database.")
        token.sites.append(self.site)
        db.session.flush()
        _remember(self.refs["admin_tokens"], row["ref"], token.id, "admin_tokens")

    def audit_entry(self, row: dict, where: str) -> None:
        """Targets and state ids resolve to the restored rows; one that was gone when exported
        gets minus its ref, an id no row can have, so that its entries still go together."""
        target, before, after = row.pop("target"), row.pop("before"), row.pop("after")
        values = self.columns("audit_entries", row, where)
        values["target_id"] = self.refs[AUDIT_TARGETS[row["target_type"]]].get(target, -target)
        values["before"], values["after"] = self.state(before), self.state(after)
        db.session.execute(insert(AuditEntry), values)

    def state(self, state: dict | None) -> dict | None:
        if state is None:
            return None
        return {
            key: self.refs[AUDIT_STATE_IDS[key]].get(value, -value)
            if key in AUDIT_STATE_IDS and isinstance(value, int)
            else value
            for key, value in state.items()
        }


def _restore(loaded: dict) -> Site:
    settings = dict(loaded["site"])
    origins = settings.pop("origins")
    site = Site(**settings, origins=[SiteOrigin(origin=o) for o in origins])
    db.session.add(site)
    db.session.flush()
    restore = _Restore(site)
    for section in SECTIONS:
        restore.section(section, loaded[section])
    # Counts are rebuilt from statuses; every thread gets a first version of its own.
    for thread_id in restore.refs["threads"].values():
        touch_thread(thread_id, restore.approved[thread_id])
    return site
