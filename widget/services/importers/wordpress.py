"""WordPress WXR exports: each ``<item>`` is a post holding its own ``<wp:comment>`` elements.

WordPress stores comments as text with a little inline HTML and turns blank lines into
paragraphs only when it shows them, so the same is done here before converting to Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from widget.models import CommentStatus
from widget.services.importers.core import Record, Skipped, SourceComment, SourceThread
from widget.services.importers.xml import child_text, iter_children, local_name, parse_time

WP_TIME = "%Y-%m-%d %H:%M:%S"
STATUSES = {
    "1": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "hold": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.DELETED,
    "post-trashed": CommentStatus.DELETED,
}
SKIPPED_TYPES = {"pingback", "trackback"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def autop(text: str) -> str:
    """WordPress's ``wpautop`` in short: blank lines make paragraphs, newlines make breaks."""
    text = text.replace("\r\n", "\n").strip()
    paragraphs = (p.strip().replace("\n", "<br>\n") for p in PARAGRAPH_BREAK.split(text))
    return "".join(f"<p>{p}</p>" for p in paragraphs if p)


def _comment(element, thread: str) -> Record:
    comment_id = (child_text(element, "comment_id") or "").strip()
    if not comment_id:
        return Skipped("(no id)", "comment without an id")
    kind = (child_text(element, "comment_type") or "").strip()
    if kind in SKIPPED_TYPES:
        return Skipped(comment_id, f"{kind}, not a comment")
    approved = (child_text(element, "comment_approved") or "").strip()
    if approved not in STATUSES:
        return Skipped(comment_id, f"unknown approval state {approved!r}")
    parent = (child_text(element, "comment_parent") or "0").strip()
    created = parse_time(child_text(element, "comment_date_gmt"), WP_TIME) or parse_time(
        child_text(element, "comment_date"), WP_TIME
    )
    return SourceComment(
        external_id=comment_id,
        thread=thread,
        parent=None if parent in {"", "0"} else parent,
        body=autop(child_text(element, "comment_content") or ""),
        is_html=True,
        created_at=created,
        status=STATUSES[approved],
        author_name=html.unescape(child_text(element, "comment_author") or ""),
        author_email=child_text(element, "comment_author_email"),
        author_website=child_text(element, "comment_author_url"),
    )


def parse(path: str) -> Iterator[Record]:
    """Yield each post that has comments as a thread, then its comments."""
    for item in iter_children(path, depth=2):
        if local_name(item) != "item":
            continue
        comments = [c for c in item if isinstance(c.tag, str) and local_name(c) == "comment"]
        key = (child_text(item, "post_id") or child_text(item, "link") or "").strip()
        if not comments:
            continue
        if not key:
            for element in comments:
                yield Skipped(child_text(element, "comment_id") or "(no id)", "post without an id")
            continue
        yield SourceThread(
            key=key,
            url=child_text(item, "link"),
            title=child_text(item, "title"),
            locked=(child_text(item, "comment_status") or "").strip() == "closed",
        )
        for element in comments:
            yield _comment(element, key)
