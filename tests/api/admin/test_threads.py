"""PATCH /api/v1/admin/threads/<id>: lock and pin."""

from __future__ import annotations

import pytest

from tests.factories import age, make_comment
from widget.extensions import db
from widget.models import CommentStatus


def patch(client, headers, thread_id, body):
    return client.patch(f"/api/v1/admin/threads/{thread_id}", json=body, headers=headers)


def read(client, **params):
    return client.get(
        "/api/v1/comments", query_string={"site": "news", "page": "article-1", **params}
    )


def test_locking_closes_the_thread_to_new_comments(client, site, mod):
    thread_id = make_comment(site).thread_id
    response = patch(client, mod, thread_id, {"locked": True})
    assert response.status_code == 200
    assert response.json["locked"] is True
    post = client.post("/api/v1/comments", json={"site": "news", "page": "article-1", "body": "hi"})
    assert post.status_code == 409
    assert post.json["error"]["code"] == "thread_locked"
    assert patch(client, mod, thread_id, {"locked": False}).json["locked"] is False
    post = client.post("/api/v1/comments", json={"site": "news", "page": "article-1", "body": "hi"})
    assert post.status_code == 201


def test_the_queue_says_whether_a_comment_s_thread_is_locked(client, site, mod):
    def locked() -> list[bool]:
        queue = client.get("/api/v1/admin/comments", headers=mod).json["comments"]
        return [comment["thread_locked"] for comment in queue]

    thread_id = make_comment(site).thread_id
    assert locked() == [False]
    patch(client, mod, thread_id, {"locked": True})
    assert locked() == [True]


def test_the_queue_says_which_comment_of_a_thread_is_pinned(client, site, mod):
    def pinned() -> list[int | None]:
        queue = client.get("/api/v1/admin/comments", headers=mod).json["comments"]
        return [comment["thread_pinned_comment_id"] for comment in queue]

    first = make_comment(site, body="first")
    make_comment(site, body="second")
    assert pinned() == [None, None]
    patch(client, mod, first.thread_id, {"pinned_comment_id": first.id})
    assert pinned() == [first.id, first.id]


def test_a_pinned_comment_comes_first_on_the_first_page_only(client, site, mod):
    first = age(make_comment(site, body="first"), 300)
    second = age(make_comment(site, body="second"), 200)
    pinned = make_comment(site, body="pinned")
    response = patch(client, mod, pinned.thread_id, {"pinned_comment_id": pinned.id})
    assert response.json["pinned_comment_id"] == pinned.id
    page = read(client, limit=1).json
    assert page["pinned_comment_id"] == pinned.id
    assert [c["id"] for c in page["comments"]] == [pinned.id, first.id]
    rest = read(client, limit=5, cursor=page["next_cursor"]).json
    assert [c["id"] for c in rest["comments"]] == [second.id]

    patch(client, mod, pinned.thread_id, {"pinned_comment_id": None})
    assert [c["id"] for c in read(client).json["comments"]] == [first.id, second.id, pinned.id]


def test_a_pinned_comment_removed_later_keeps_its_replies_in_view(client, site, mod):
    pinned = make_comment(site, body="pinned")
    reply = make_comment(site, body="reply", parent=pinned)
    patch(client, mod, pinned.thread_id, {"pinned_comment_id": pinned.id})
    client.post(f"/api/v1/admin/comments/{pinned.id}/reject", headers=mod)
    (placeholder,) = read(client).json["comments"]
    assert placeholder["status"] == "deleted"
    assert [r["id"] for r in placeholder["replies"]] == [reply.id]


def test_thread_changes_are_audited_once_per_real_change(client, site, mod):
    thread_id = make_comment(site).thread_id
    patch(client, mod, thread_id, {"locked": True})
    patch(client, mod, thread_id, {"locked": True})
    entries = client.get("/api/v1/admin/audit?target_type=thread", headers=mod).json["entries"]
    assert len(entries) == 1
    assert entries[0]["before"] == {"locked": False} and entries[0]["after"] == {"locked": True}


def test_only_an_approved_top_level_comment_of_the_thread_can_be_pinned(client, site, mod):
    parent = make_comment(site)
    reply = make_comment(site, parent=parent)
    elsewhere = make_comment(site, page="article-2")
    held = make_comment(site)
    held.status = CommentStatus.PENDING
    db.session.commit()
    for comment in (reply, elsewhere, held):
        response = patch(client, mod, parent.thread_id, {"pinned_comment_id": comment.id})
        assert response.status_code == 422
        assert "pinned_comment_id" in response.json["error"]["fields"]


@pytest.mark.parametrize(
    "body",
    [{}, {"locked": "perhaps"}, {"pinned_comment_id": "3"}, {"title": "x"}, [1]],
)
def test_bad_thread_changes_are_a_422(client, site, mod, body):
    thread_id = make_comment(site).thread_id
    assert patch(client, mod, thread_id, body).status_code == 422


def test_thread_errors(client, site, other_site, mod):
    assert patch(client, mod, 999999, {"locked": True}).status_code == 404
    foreign = make_comment(other_site).thread_id
    assert patch(client, mod, foreign, {"locked": True}).status_code == 403
    assert (
        client.patch(f"/api/v1/admin/threads/{foreign}", json={"locked": True}).status_code == 401
    )
