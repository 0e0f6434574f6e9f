"""The moderation queue and the decisions on single comments."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import age, bearer, make_comment, make_reader
from widget.extensions import db
from widget.models import Comment, CommentStatus, ModerationMode, Thread
from widget.services.comments import Author

API = "/api/v1/admin/comments"


def queue(client, headers, **params):
    response = client.get(API, query_string=params, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def decide(client, headers, comment, action):
    return client.post(f"{API}/{comment.id}/{action}", headers=headers)


def configure(site, **settings):
    for name, value in settings.items():
        setattr(site, name, value)
    db.session.commit()
    return site


def count(comment):
    db.session.expire_all()
    return db.session.get(Thread, comment.thread_id).comment_count


def status(comment_id):
    db.session.expire_all()
    return db.session.get(Comment, comment_id).status


# --- listing ------------------------------------------------------------------------------


def test_each_item_has_page_author_email_ip_hash_flags_and_history(client, site, mod):
    comment = make_comment(site, author=Author(name="Ann", email="ann@example.org"))
    decide(client, mod, comment, "spam")
    (item,) = queue(client, mod)["comments"]
    assert item["page"] == "article-1"
    assert item["site"] == "news"
    assert item["author_email"] == "ann@example.org"
    assert len(item["ip_hash"]) == 64
    assert item["flags"] == [] and item["open_flags"] == 0
    (entry,) = item["history"]
    assert entry["action"] == "spam" and entry["actor"] == "Mo"
    assert entry["before"] == {"status": "approved"} and entry["after"] == {"status": "spam"}


def test_newest_first_with_a_cursor_that_visits_each_once(client, site, mod):
    made = [age(make_comment(site, body=f"c{i}"), 100 - i) for i in range(5)]
    seen, cursor = [], None
    while True:
        body = queue(client, mod, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [c["id"] for c in body["comments"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [c.id for c in reversed(made)]


def test_a_moderator_sees_only_their_sites(client, site, other_site, mod, other_mod, admin):
    mine = make_comment(site)
    theirs = make_comment(other_site)
    assert [c["id"] for c in queue(client, mod)["comments"]] == [mine.id]
    assert [c["id"] for c in queue(client, other_mod)["comments"]] == [theirs.id]
    assert {c["id"] for c in queue(client, admin)["comments"]} == {mine.id, theirs.id}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "pending"}, ["held"]),
        ({"status": ["pending", "spam"]}, ["held", "junk"]),
        ({"page": "article-2"}, ["other page"]),
        ({"author": "ANN"}, ["by ann"]),
        ({"author": "bob@"}, ["by bob"]),
        ({"q": "100%"}, ["100% sure"]),
        ({"flagged": "true"}, ["by ann"]),
    ],
)
def test_filters(client, site, mod, params, expected):
    make_comment(site, body="plain")
    token = make_reader(site)
    ann = make_comment(site, body="by ann", author=Author(name="Ann"), token=token)
    make_comment(site, body="by bob", author=Author(email="bob@example.org"))
    make_comment(site, body="100% sure")
    make_comment(site, page="article-2", body="other page")
    held = make_comment(site, body="held")
    junk = make_comment(site, body="junk")
    held.status, junk.status = CommentStatus.PENDING, CommentStatus.SPAM
    db.session.commit()
    flagger = make_reader(site)
    client.post(
        f"/api/v1/comments/{ann.id}/flags", json={"reason": "abuse"}, headers=bearer(flagger)
    )
    bodies = {c["body_markdown"] for c in queue(client, mod, **params)["comments"]}
    assert bodies == set(expected)


def test_date_range_and_identity_filters(client, site, mod):
    token = make_reader(site)
    old = age(make_comment(site, body="old", token=token), 3 * 86400)
    new = make_comment(site, body="new")
    day_after_old = (old.created_at + timedelta(days=1)).isoformat().replace("+00:00", "Z")

    def ids(**params):
        return [c["id"] for c in queue(client, mod, **params)["comments"]]

    assert ids(since="2000-01-01T00:00:00", until=day_after_old) == [old.id]
    assert ids(since=day_after_old) == [new.id]
    assert ids(reader_id=old.reader_id) == [old.id]
    assert ids(ip_hash=new.ip_hash) == [new.id, old.id]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=hidden", "status"),
        ("since=yesterday", "since"),
        ("flagged=maybe", "flagged"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("cursor=garbage", "cursor"),
        ("colour=red", "colour"),
        ("ip_hash=abc", "ip_hash"),
    ],
)
def test_bad_filters_are_a_422_naming_the_field(client, site, mod, query, field):
    make_comment(site)
    response = client.get(f"{API}?{query}", headers=mod)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_an_unknown_site_filter_is_a_404(client, site, mod):
    assert client.get(f"{API}?site=nope", headers=mod).status_code == 404


# --- decisions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "action", "end", "delta"),
    [
        (CommentStatus.PENDING, "approve", CommentStatus.APPROVED, +1),
        (CommentStatus.SPAM, "approve", CommentStatus.APPROVED, +1),
        (CommentStatus.APPROVED, "spam", CommentStatus.SPAM, -1),
        (CommentStatus.PENDING, "spam", CommentStatus.SPAM, 0),
        (CommentStatus.APPROVED, "reject", CommentStatus.DELETED, -1),
        (CommentStatus.PENDING, "reject", CommentStatus.DELETED, 0),
        (CommentStatus.SPAM, "reject", CommentStatus.DELETED, 0),
    ],
)
def test_decisions_move_the_status_and_keep_the_count_exact(
    client, site, mod, start, action, end, delta
):
    configure(site, moderation=ModerationMode.PRE)
    comment = make_comment(site)
    if start == CommentStatus.APPROVED:
        assert decide(client, mod, comment, "approve").status_code == 200
    elif start == CommentStatus.SPAM:
        assert decide(client, mod, comment, "spam").status_code == 200
    before = count(comment)
    response = decide(client, mod, comment, action)
    assert response.status_code == 200
    assert response.json["status"] == end.value
    assert response.json["history"][-1]["action"] == action
    assert count(comment) == before + delta


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (CommentStatus.APPROVED, "approve"),
        (CommentStatus.SPAM, "spam"),
        (CommentStatus.DELETED, "reject"),
        (CommentStatus.DELETED, "spam"),
        (CommentStatus.APPROVED, "restore"),
    ],
)
def test_a_decision_that_does_not_apply_is_a_409(client, site, mod, start, action):
    comment = make_comment(site)
    comment.status = start
    db.session.commit()
    response = decide(client, mod, comment, action)
    assert response.status_code == 409
    assert status(comment.id) == start


@pytest.mark.parametrize("removal", ["reject", "spam"])
@pytest.mark.parametrize("start", ["approve", None])
def test_restore_undoes_the_last_removal(client, site, mod, removal, start):
    configure(site, moderation=ModerationMode.PRE)
    comment = make_comment(site)
    if start:
        decide(client, mod, comment, start)
    expected = status(comment.id)
    before = count(comment)
    decide(client, mod, comment, removal)
    response = decide(client, mod, comment, "restore")
    assert response.status_code == 200
    assert response.json["status"] == expected.value
    assert count(comment) == before


def test_a_comment_its_author_deleted_cannot_be_restored(client, site, mod):
    token = make_reader(site)
    comment = make_comment(site, token=token)
    client.delete(f"/api/v1/comments/{comment.id}", headers=bearer(token))
    response = decide(client, mod, comment, "restore")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_restorable"


def test_spam_caught_automatically_is_released_by_approving(client, site, mod):
    configure(site, blocked_words=["casino"])
    comment = make_comment(site, body="Visit my casino")
    assert comment.status == CommentStatus.SPAM
    assert decide(client, mod, comment, "restore").status_code == 409
    response = decide(client, mod, comment, "approve")
    assert response.json["status"] == "approved"
    assert response.json["moderation_reason"] is None
    assert count(comment) == 1


@pytest.mark.parametrize("action", ["approve", "spam", "reject", "restore"])
def test_decisions_on_unknown_or_foreign_comments(client, other_site, mod, action):
    assert client.post(f"{API}/999999/{action}", headers=mod).status_code == 404
    foreign = make_comment(other_site)
    response = decide(client, mod, foreign, action)
    assert response.status_code == 403
    assert status(foreign.id) == CommentStatus.APPROVED


def test_an_unknown_action_is_a_404(client, site, mod):
    comment = make_comment(site)
    assert client.post(f"{API}/{comment.id}/promote", headers=mod).status_code == 404


# --- edits --------------------------------------------------------------------------------


def test_an_edit_is_rendered_sanitised_and_audited(client, site, mod):
    comment = make_comment(site, body="before")
    response = client.patch(
        f"{API}/{comment.id}", json={"body": "**after** <script>x</script>"}, headers=mod
    )
    assert response.status_code == 200
    assert (
        response.json["body_html"] == "<p><strong>after</strong> &lt;script&gt;x&lt;/script&gt;</p>"
    )
    assert response.json["edited_at"] is not None
    entry = response.json["history"][-1]
    assert entry["action"] == "edit"
    assert entry["before"] == {"body": "before"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"body": ""}, 422),
        ({"body": "x", "status": "approved"}, 422),
        ({"body": "x" * 5001}, 422),
        ("just text", 422),
    ],
)
def test_bad_edits(client, site, mod, body, status):
    comment = make_comment(site)
    response = client.patch(f"{API}/{comment.id}", json=body, headers=mod)
    assert response.status_code == status
    assert response.is_json


def test_edit_errors(client, site, other_site, mod):
    assert client.patch(f"{API}/999999", json={"body": "x"}, headers=mod).status_code == 404
    foreign = make_comment(other_site)
    assert client.patch(f"{API}/{foreign.id}", json={"body": "x"}, headers=mod).status_code == 403
    comment = make_comment(site)
    decide(client, mod, comment, "reject")
    response = client.patch(f"{API}/{comment.id}", json={"body": "x"}, headers=mod)
    assert response.status_code == 409
    not_json = client.patch(f"{API}/{comment.id}", data="body=x", headers=mod)
    assert not_json.status_code == 415


# --- purge --------------------------------------------------------------------------------


def test_purge_removes_a_comment_without_replies(client, site, mod):
    comment = make_comment(site)
    assert client.delete(f"{API}/{comment.id}", headers=mod).status_code == 204
    db.session.expire_all()
    assert db.session.get(Comment, comment.id) is None
    assert count(make_comment(site)) == 1
    entries = client.get("/api/v1/admin/audit?action=purge", headers=mod).json["entries"]
    assert entries[0]["target_id"] == comment.id


def test_purge_keeps_replies_below_an_empty_placeholder(client, site, mod):
    token = make_reader(site)
    parent = make_comment(site, body="libel", token=token, author=Author(email="x@example.org"))
    reply = make_comment(site, body="answer", parent=parent)
    assert client.delete(f"{API}/{parent.id}", headers=mod).status_code == 204
    db.session.expire_all()
    kept = db.session.get(Comment, parent.id)
    assert kept.body_markdown == "" and kept.author_email is None and kept.ip_hash is None
    assert kept.reader_id is None
    thread = client.get("/api/v1/comments?site=news&page=article-1").json
    (placeholder,) = thread["comments"]
    assert placeholder["status"] == "deleted"
    assert placeholder["replies"][0]["id"] == reply.id
    assert thread["comment_count"] == 1
    assert "libel" not in client.get(API, headers=mod).get_data(as_text=True)


def test_purge_erases_earlier_bodies_from_the_audit_log(client, site, mod):
    comment = make_comment(site, body="home address")
    client.patch(f"{API}/{comment.id}", json={"body": "still private"}, headers=mod)
    client.delete(f"{API}/{comment.id}", headers=mod)
    log = client.get("/api/v1/admin/audit", headers=mod)
    assert [e["action"] for e in log.json["entries"]] == ["purge", "edit"]
    text = log.get_data(as_text=True)
    assert "home address" not in text and "still private" not in text


def test_purge_errors(client, other_site, mod):
    assert client.delete(f"{API}/999999", headers=mod).status_code == 404
    foreign = make_comment(other_site)
    assert client.delete(f"{API}/{foreign.id}", headers=mod).status_code == 403
    assert status(foreign.id) == CommentStatus.APPROVED
