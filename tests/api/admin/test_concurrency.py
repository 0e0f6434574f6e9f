"""Moderators deciding at the same moment: one wins, the count moves once."""

from __future__ import annotations

import threading

from tests.factories import make_comment
from widget.extensions import db
from widget.models import ModerationMode, Thread


def test_two_approvals_at_once_count_the_comment_once(app, site, mod):
    site.moderation = ModerationMode.PRE
    db.session.commit()
    comment = make_comment(site)
    url = f"/api/v1/admin/comments/{comment.id}/approve"
    # Outside a request this session's reads begin write transactions on SQLite: end it.
    db.session.close()
    barrier = threading.Barrier(4)
    statuses = []

    def approve():
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(url, headers=mod).status_code)

    workers = [threading.Thread(target=approve) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(statuses) == [200, 409, 409, 409]
    db.session.expire_all()
    assert db.session.get(Thread, comment.thread_id).comment_count == 1
