"""POST /api/v1/admin/comments/bulk: one action on many comments, all or nothing."""

from __future__ import annotations

import pytest

from tests.factories import make_comment
from widget.extensions import db
from widget.models import AuditEntry, Comment, CommentStatus, ModerationMode, Thread

API = "/api/v1/admin/comments/bulk"


@pytest.fixture
def held(site):
    site.moderation = ModerationMode.PRE
    db.session.commit()
    return [make_comment(site, body=f"c{i}") for i in range(3)]


def statuses(comments):
    db.session.expire_all()
    return [db.session.get(Comment, c.id).status for c in comments]


def approved_count(comment):
    db.session.expire_all()
    return db.session.get(Thread, comment.thread_id).comment_count


def test_bulk_approve_applies_to_every_comment_and_audits_each(client, held, mod):
    ids = [c.id for c in held]
    response = client.post(API, json={"ids": ids, "action": "approve"}, headers=mod)
    assert response.status_code == 200
    assert response.json == {"action": "approve", "ids": ids}
    assert statuses(held) == [CommentStatus.APPROVED] * 3
    assert approved_count(held[0]) == 3
    audited = db.session.execute(db.select(AuditEntry.target_id).filter_by(action="approve"))
    assert sorted(audited.scalars()) == sorted(ids)


def test_bulk_purge(client, held, mod):
    response = client.post(
        API, json={"ids": [held[0].id, held[1].id], "action": "purge"}, headers=mod
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Comment, held[0].id) is None
    assert statuses([held[2]]) == [CommentStatus.PENDING]


def test_one_comment_that_cannot_move_leaves_all_unchanged(client, held, mod):
    client.post(f"/api/v1/admin/comments/{held[1].id}/approve", headers=mod)
    response = client.post(
        API, json={"ids": [c.id for c in held], "action": "approve"}, headers=mod
    )
    assert response.status_code == 409
    assert str(held[1].id) in response.json["error"]["message"]
    assert statuses(held) == [CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.PENDING]
    assert approved_count(held[0]) == 1
    assert db.session.execute(db.select(AuditEntry).filter_by(action="approve")).all() != []
    assert len(db.session.execute(db.select(AuditEntry)).all()) == 1


def test_an_unknown_id_leaves_all_unchanged(client, held, mod):
    response = client.post(API, json={"ids": [held[0].id, 999999], "action": "spam"}, headers=mod)
    assert response.status_code == 404
    assert statuses(held[:1]) == [CommentStatus.PENDING]


def test_a_foreign_comment_leaves_all_unchanged(client, held, other_site, mod):
    foreign = make_comment(other_site)
    response = client.post(
        API, json={"ids": [held[0].id, foreign.id], "action": "reject"}, headers=mod
    )
    assert response.status_code == 403
    assert statuses([held[0], foreign]) == [CommentStatus.PENDING, CommentStatus.APPROVED]


def test_a_global_admin_acts_across_sites(client, held, other_site, admin):
    foreign = make_comment(other_site)
    response = client.post(
        API, json={"ids": [held[0].id, foreign.id], "action": "reject"}, headers=admin
    )
    assert response.status_code == 200
    assert statuses([held[0], foreign]) == [CommentStatus.DELETED] * 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ids": [], "action": "approve"}, "ids"),
        ({"ids": list(range(1, 202)), "action": "approve"}, "ids"),
        ({"ids": ["1"], "action": "approve"}, "ids"),
        ({"ids": [0], "action": "approve"}, "ids"),
        ({"ids": [1], "action": "promote"}, "action"),
        ({"ids": [1]}, "action"),
        ({"ids": [1], "action": "approve", "why": "x"}, "why"),
    ],
)
def test_bad_bulk_requests_are_a_422(client, held, mod, body, field):
    response = client.post(API, json=body, headers=mod)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_bulk_needs_a_token_and_json(client, held, mod):
    assert client.post(API, json={"ids": [held[0].id], "action": "spam"}).status_code == 401
    assert client.post(API, data="ids=1", headers=mod).status_code == 415
    malformed = client.post(API, data="{", headers={**mod, "Content-Type": "application/json"})
    assert malformed.status_code == 400
