"""Moderators' work on comments and threads; every action is scoped, atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import exists, update

from widget.errors import Conflict, InvalidInput, NotFound
from widget.extensions import db
from widget.models import AdminToken, AuditEntry, Comment, CommentStatus, Flag, Thread
from widget.models.base import utcnow
from widget.services import audit
from widget.services.access import authorize, visible_sites
from widget.services.comments import check_body, set_status
from widget.services.pagination import Page, newest_first
from widget.services.sanitize import render_markdown
from widget.services.sites import get_site
from widget.services.threads import touch_thread
from widget.services.urls import normalize_page_key
from widget.signals import comment_approved

APPROVED, PENDING, SPAM, DELETED = (
    CommentStatus.APPROVED,
    CommentStatus.PENDING,
    CommentStatus.SPAM,
    CommentStatus.DELETED,
)
# action: (statuses it applies to, status it leads to)
TRANSITIONS = {
    "approve": ({PENDING, SPAM}, APPROVED),
    "spam": ({APPROVED, PENDING}, SPAM),
    "reject": ({APPROVED, PENDING, SPAM}, DELETED),
}
# Undone by "restore": the actions that take a comment out of view.
REVERSIBLE = ("spam", "reject")
ACTIONS = (*TRANSITIONS, "restore", "purge")


@dataclass
class ModeratedComment:
    """A comment as moderators see it: with its flags and its audit history."""

    comment: Comment
    flags: list[Flag] = field(default_factory=list)
    history: list[AuditEntry] = field(default_factory=list)

    def __getattr__(self, name: str):
        return getattr(self.comment, name)

    @property
    def open_flags(self) -> int:
        return sum(1 for flag in self.flags if flag.resolved_at is None)


def _open_flag(comment_id_column):
    return exists().where(Flag.comment_id == comment_id_column, Flag.resolved_at.is_(None))


def get_comment(actor: AdminToken, comment_id: int) -> Comment:
    """A comment of a site the token may act on: 404 if none, 403 if another site's.

    Its row stays locked until the commit, so that two moderators deciding at once cannot
    both move the thread's count.
    """
    comment = db.session.get(Comment, comment_id, with_for_update=True)
    if comment is None:
        raise NotFound("comment_not_found", "There is no such comment.")
    authorize(actor, comment.thread.site)
    return comment


def describe(comments: list[Comment]) -> list[ModeratedComment]:
    """Attach flags and audit history to many comments in two queries."""
    ids = [comment.id for comment in comments]
    flags: dict[int, list[Flag]] = {comment_id: [] for comment_id in ids}
    for flag in db.session.execute(
        db.select(Flag).where(Flag.comment_id.in_(ids)).order_by(Flag.id)
    ).scalars():
        flags[flag.comment_id].append(flag)
    history = audit.history("comment", ids)
    return [ModeratedComment(c, flags[c.id], history[c.id]) for c in comments]


def list_comments(
    actor: AdminToken,
    *,
    limit: int,
    cursor: str | None = None,
    site: str | None = None,
    status: list[CommentStatus] | None = None,
    page: str | None = None,
    author: str | None = None,
    reader_id: int | None = None,
    ip_hash: str | None = None,
    q: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    flagged: bool | None = None,
) -> Page:
    """Comments across the token's sites, newest first, narrowed by any of the filters."""
    query = (
        db.select(Comment)
        .join(Thread, Comment.thread_id == Thread.id)
        .where(visible_sites(actor, Thread.site_id))
    )
    if site is not None:
        query = query.where(Thread.site_id == authorize(actor, get_site(site)).id)
    if status:
        query = query.where(Comment.status.in_(status))
    if page is not None:
        query = query.where(Thread.page_key == normalize_page_key(page))
    if author is not None:
        query = query.where(
            Comment.author_name.icontains(author, autoescape=True)
            | Comment.author_email.icontains(author, autoescape=True)
        )
    if reader_id is not None:
        query = query.where(Comment.reader_id == reader_id)
    if ip_hash is not None:
        query = query.where(Comment.ip_hash == ip_hash)
    if q is not None:
        query = query.where(Comment.body_markdown.icontains(q, autoescape=True))
    if since is not None:
        query = query.where(Comment.created_at >= since)
    if until is not None:
        query = query.where(Comment.created_at < until)
    if flagged is not None:
        query = query.where(_open_flag(Comment.id) if flagged else ~_open_flag(Comment.id))
    result = newest_first(query, Comment, limit, cursor)
    result.items = describe(result.items)
    return result


def _audit(actor: AdminToken, comment: Comment, action: str, **states: dict) -> None:
    audit.record(
        actor,
        site_id=comment.thread.site_id,
        action=action,
        target_type="comment",
        target_id=comment.id,
        **states,
    )


def _restored_status(comment: Comment) -> CommentStatus:
    """The status before the moderator action that removed the comment, if that was the last."""
    last = db.session.execute(
        db.select(AuditEntry)
        .filter_by(target_type="comment", target_id=comment.id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if last is None or last.action not in REVERSIBLE or last.after["status"] != comment.status:
        raise Conflict(
            "not_restorable",
            f"Comment {comment.id} was not removed by a moderator; approve it instead.",
        )
    return CommentStatus(last.before["status"])


def _target_status(comment: Comment, action: str) -> CommentStatus:
    if action == "restore":
        return _restored_status(comment)
    allowed, target = TRANSITIONS[action]
    if comment.status not in allowed:
        raise Conflict(
            "invalid_transition",
            f"Comment {comment.id} is {comment.status.value}: it cannot be given '{action}'.",
        )
    return target


def _resolve_flags(comment: Comment) -> None:
    """A moderator's decision settles the flags raised so far."""
    db.session.execute(
        Flag.__table__.update()
        .where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow())
    )


def _purge(actor: AdminToken, comment: Comment) -> None:
    """Erase a comment for good; a row with replies stays as an empty placeholder for them.

    Bodies recorded by earlier edits go from the audit log too: a purge leaves no copy.
    """
    db.session.execute(
        update(AuditEntry)
        .where(
            AuditEntry.target_type == "comment",
            AuditEntry.target_id == comment.id,
            AuditEntry.action == "edit",
        )
        .values(before={"body": None}, after={"body": None})
    )
    _audit(actor, comment, "purge", before={"status": comment.status.value})
    set_status(comment, DELETED)
    has_replies = db.session.execute(
        db.select(exists().where(Comment.parent_id == comment.id))
    ).scalar()
    if not has_replies:
        db.session.delete(comment)
        return
    for name in ("author_name", "author_email", "author_website", "avatar_hash", "reader_id"):
        setattr(comment, name, None)
    comment.ip_hash = comment.moderation_reason = comment.edited_at = None
    comment.body_markdown = comment.body_html = ""


def act(actor: AdminToken, comment_ids: list[int], action: str) -> list[Comment]:
    """Apply one action to every comment, or to none: all are checked before any changes.

    Rows are locked in id order, so that two bulk actions on the same comments cannot deadlock.
    """
    comments = [get_comment(actor, comment_id) for comment_id in sorted(set(comment_ids))]
    if action == "purge":
        for comment in comments:
            _purge(actor, comment)
        db.session.commit()
        return []
    targets = [_target_status(comment, action) for comment in comments]
    for comment, target in zip(comments, targets, strict=True):
        before = comment.status
        set_status(comment, target)
        if target != PENDING:
            _resolve_flags(comment)
        if target == APPROVED:
            comment.moderation_reason = None
        _audit(
            actor, comment, action, before={"status": before.value}, after={"status": target.value}
        )
    db.session.commit()
    app = current_app._get_current_object()
    for comment, target in zip(comments, targets, strict=True):
        if target == APPROVED:
            comment_approved.send(app, comment=comment)
    return comments


def edit_comment(actor: AdminToken, comment_id: int, body: str) -> Comment:
    """Replace a comment's body, rendered and sanitised as a reader's would be."""
    comment = get_comment(actor, comment_id)
    if comment.status == DELETED:
        raise Conflict("comment_deleted", "A deleted comment cannot be edited; restore it first.")
    before = comment.body_markdown
    comment.body_markdown = check_body(comment.thread.site, body)
    comment.body_html = render_markdown(body)
    comment.edited_at = utcnow()
    touch_thread(comment.thread_id)
    _audit(actor, comment, "edit", before={"body": before}, after={"body": body})
    db.session.commit()
    return comment


def update_thread(actor: AdminToken, thread_id: int, changes: dict) -> Thread:
    """Lock or unlock a thread, pin or unpin one of its top-level comments."""
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        raise NotFound("thread_not_found", "There is no such thread.")
    authorize(actor, thread.site)
    pinned = changes.get("pinned_comment_id")
    if pinned is not None:
        comment = db.session.get(Comment, pinned)
        if (
            comment is None
            or comment.thread_id != thread.id
            or comment.depth != 0
            or comment.status != APPROVED
        ):
            raise InvalidInput(
                "pinned_comment_id", "Only an approved top-level comment of this thread is pinned."
            )
    before = {name: getattr(thread, name) for name in changes}
    for name, value in changes.items():
        setattr(thread, name, value)
    if before != changes:
        touch_thread(thread.id)
        audit.record(
            actor,
            site_id=thread.site_id,
            action="update_thread",
            target_type="thread",
            target_id=thread.id,
            before=before,
            after=changes,
        )
    db.session.commit()
    return thread
