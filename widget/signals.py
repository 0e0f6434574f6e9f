"""Domain signals: the one hook for notifications, sent only after the change is committed.

Every signal is sent with the Flask application as its sender, and only once the database
transaction that made the change has committed, so receivers always see committed rows and a
rolled-back change is never announced. Receivers run in the request: they must be quick and
must not raise (``widget.notifications`` only queues deliveries for its background worker).

A signal's name is also the event name that webhooks subscribe to.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: A comment was posted. Arguments: ``comment`` (the committed ``Comment``; its ``status``
#: says whether it was published, held as ``pending`` or caught as ``spam``).
#: Sent by ``services.comments.create_comment``.
comment_created = _signals.signal("comment.created")

#: A comment became visible to readers. Arguments: ``comment``. Sent when a comment is posted
#: already approved (no moderation held it) right after ``comment_created``, and by the
#: moderation code when a moderator approves or restores a held comment, so that receivers
#: learn of every comment that readers can see from this one event.
comment_approved = _signals.signal("comment.approved")

#: A reader flagged a comment. Arguments: ``comment``, ``reason`` (the reader's reason, a
#: string) and ``flag_count`` (the comment's number of flags, this one included). Sent by the
#: moderation code after the flag is committed.
comment_flagged = _signals.signal("comment.flagged")

#: Every signal that webhooks can subscribe to, by event name.
EVENTS = {signal.name: signal for signal in (comment_created, comment_approved, comment_flagged)}
