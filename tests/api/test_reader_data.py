"""GET and DELETE /api/v1/readers/me: export everything held, erase on request."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_comment, make_reader, make_site
from widget.extensions import db
from widget.models import (
    Comment,
    CommentStatus,
    ConsentRecord,
    ModerationMode,
    Reader,
    Thread,
    Vote,
)
from widget.services import comments
from widget.services.comments import Author

URL = "/api/v1/readers/me"


def thread_count() -> int:
    return db.session.execute(db.select(Thread.comment_count)).scalar_one()


def approved_in_thread() -> int:
    return db.session.execute(
        db.select(db.func.count()).where(Comment.status == CommentStatus.APPROVED)
    ).scalar_one()


def read_thread(client) -> dict:
    return client.get("/api/v1/comments", query_string={"site": "news", "page": "article-1"}).json


def erase(client, token, comments_mode="delete"):
    return client.delete(URL, query_string={"comments": comments_mode}, headers=bearer(token))


def test_the_export_holds_comments_preferences_consent_and_votes(client, site, token):
    author = Author(name="Ada", email="ada@example.org", website="https://ada.example")
    mine = make_comment(site, body="I *think* so.", token=token, author=author)
    withdrawn = make_comment(site, body="Second thoughts.", token=token)
    comments.delete_comment(withdrawn.id, token)
    theirs = make_comment(site, body="Someone else.", token=make_reader(site))
    client.put(f"/api/v1/comments/{theirs.id}/vote", json={"value": 1}, headers=bearer(token))
    client.put(f"{URL}/preferences", json={"font_scale": 1.5}, headers=bearer(token))
    consent = {"policy_version": "1", "choices": {}}
    client.put(f"{URL}/consent", json=consent, headers=bearer(token))

    response = client.get(URL, headers=bearer(token))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = response.json
    assert data["site"] == "news"
    assert data["preferences"]["font_scale"] == 1.5
    assert [(r["action"], r["granted"]) for r in data["consent"]] == [("accept_all", ["necessary"])]
    assert data["votes"] == [
        {"comment_id": theirs.id, "value": 1, "created_at": data["votes"][0]["created_at"]}
    ]
    first, second = data["comments"]
    assert first["id"] == mine.id
    assert first["body_markdown"] == "I *think* so."
    assert first["body_html"] == "<p>I <em>think</em> so.</p>"
    assert (first["author_name"], first["author_email"]) == ("Ada", "ada@example.org")
    assert first["page"] == "article-1"
    assert (second["id"], second["status"]) == (withdrawn.id, "deleted")
    assert "Someone else." not in response.get_data(as_text=True)


def test_a_reader_with_nothing_saved_exports_defaults_and_empty_lists(client, token):
    data = client.get(URL, headers=bearer(token)).json
    assert data["comments"] == data["consent"] == data["votes"] == []
    assert data["preferences"]["updated_at"] is None


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer forged"}])
def test_without_a_valid_token_it_is_a_401(client, site, method, headers):
    response = getattr(client, method)(URL, query_string={"comments": "delete"}, headers=headers)
    assert response.status_code == 401


@pytest.mark.parametrize("query", [{}, {"comments": "keep"}, {"comments": "delete", "x": "1"}])
def test_erasing_needs_a_choice_for_the_comments(client, token, query):
    response = client.delete(URL, query_string=query, headers=bearer(token))
    assert response.status_code == 422
    assert db.session.execute(db.select(Reader)).scalar_one()


def test_a_foreign_origin_may_not_erase(client, token):
    response = client.delete(
        URL,
        query_string={"comments": "delete"},
        headers={**bearer(token), "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert client.get(URL, headers=bearer(token)).status_code == 200


@pytest.mark.parametrize("mode", ["delete", "anonymize"])
def test_after_erasing_the_old_token_gets_401_everywhere(client, token, mode):
    client.put(f"{URL}/preferences", json={"reading_guide": True}, headers=bearer(token))
    assert erase(client, token, mode).status_code == 204
    for path in (URL, f"{URL}/preferences"):
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 401
        assert response.json["error"]["code"] == "invalid_token"
    assert erase(client, token, mode).status_code == 401


def test_erasing_keeps_the_consent_log_unlinked(client, token, site):
    client.put(f"{URL}/consent", json={"policy_version": "1", "choices": {}}, headers=bearer(token))
    erase(client, token)
    (record,) = db.session.execute(db.select(ConsentRecord)).scalars()
    assert record.reader_id is None
    assert record.site_id == site.id


def test_delete_removes_comments_and_keeps_a_placeholder_above_replies(client, site, token):
    other = make_reader(site)
    replied = make_comment(site, body="Mine, replied to.", token=token)
    make_comment(site, body="A reply.", token=other, parent=replied)
    alone = make_comment(site, body="Mine, alone.", token=token)
    assert thread_count() == 3

    assert erase(client, token).status_code == 204

    assert db.session.get(Comment, alone.id) is None
    placeholder = db.session.get(Comment, replied.id)
    assert placeholder.status == CommentStatus.DELETED
    assert placeholder.body_markdown == placeholder.body_html == ""
    assert placeholder.reader_id is None and placeholder.avatar_hash is None
    assert thread_count() == approved_in_thread() == 1
    (root,) = read_thread(client)["comments"]
    assert (root["status"], root["body_html"]) == ("deleted", "")
    assert root["replies"][0]["body_html"] == "<p>A reply.</p>"


def test_delete_removes_a_chain_of_own_replies_entirely(client, site, token):
    first = make_comment(site, body="One.", token=token)
    second = make_comment(site, body="Two.", token=token, parent=first)
    make_comment(site, body="Three.", token=token, parent=second)
    erase(client, token)
    assert db.session.execute(db.select(Comment)).first() is None
    assert thread_count() == 0
    assert read_thread(client)["comments"] == []


@pytest.mark.parametrize("mode", ["delete", "anonymize"])
def test_erasing_a_comment_held_for_moderation_leaves_the_count_alone(client, app, mode):
    site = make_site(moderation=ModerationMode.PRE)
    token = make_reader(site)
    held = make_comment(site, body="Awaiting a moderator.", token=token)
    assert thread_count() == 0
    erase(client, token, mode)
    assert thread_count() == 0
    comment = db.session.get(Comment, held.id)
    if mode == "delete":
        assert comment is None
    else:
        assert (comment.status, comment.reader_id) == (CommentStatus.PENDING, None)


def test_anonymize_keeps_the_words_and_forgets_the_author(client, site, token):
    other = make_reader(site)
    author = Author(name="Ada", email="ada@example.org", website="https://ada.example")
    kept = make_comment(site, body="Still worth reading.", token=token, author=author)
    make_comment(site, body="A reply.", token=other, parent=kept)
    withdrawn = make_comment(site, body="Withdrawn earlier.", token=token)
    comments.delete_comment(withdrawn.id, token)

    assert erase(client, token, "anonymize").status_code == 204

    db.session.expire_all()
    comment = db.session.get(Comment, kept.id)
    assert comment.status == CommentStatus.APPROVED
    assert comment.body_markdown == "Still worth reading."
    assert (comment.author_name, comment.author_email, comment.author_website) == (None,) * 3
    assert (comment.avatar_hash, comment.ip_hash, comment.reader_id) == (None,) * 3
    assert db.session.get(Comment, withdrawn.id).body_markdown == ""
    assert thread_count() == approved_in_thread() == 2
    (root,) = read_thread(client)["comments"]
    assert root["author_name"] is None and root["body_html"] == "<p>Still worth reading.</p>"
    assert root["replies"][0]["body_html"] == "<p>A reply.</p>"


def test_erasing_withdraws_the_readers_votes_from_scores(client, site, token):
    target = make_comment(site, body="Voted on.", token=make_reader(site))
    client.put(f"/api/v1/comments/{target.id}/vote", json={"value": -1}, headers=bearer(token))
    erase(client, token)
    db.session.expire_all()
    assert db.session.get(Comment, target.id).score == 0
    assert db.session.execute(db.select(Vote)).first() is None


def test_erasing_leaves_other_readers_alone(client, site, token):
    other = make_reader(site)
    make_comment(site, body="Theirs.", token=other)
    client.put(f"{URL}/preferences", json={"font_scale": 2.0}, headers=bearer(other))
    erase(client, token)
    assert client.get(f"{URL}/preferences", headers=bearer(other)).json["font_scale"] == 2.0
    assert [
        c["body_markdown"] for c in client.get(URL, headers=bearer(other)).json["comments"]
    ] == ["Theirs."]


@pytest.mark.parametrize(
    ("mode", "whose"), [("delete", "mine"), ("anonymize", "mine"), ("delete", "voted")]
)
def test_erasing_changes_the_cached_threads_it_touches(client, site, token, mode, whose):
    other = make_reader(site)
    if whose == "mine":
        make_comment(site, body="Mine.", token=token, author=Author(name="Ada"))
    else:
        voted = make_comment(site, body="Theirs.", token=other)
        client.put(f"/api/v1/comments/{voted.id}/vote", json={"value": 1}, headers=bearer(token))
    before = client.get("/api/v1/comments", query_string={"site": "news", "page": "article-1"})
    erase(client, token, mode)
    after = client.get(
        "/api/v1/comments",
        query_string={"site": "news", "page": "article-1"},
        headers={"If-None-Match": before.headers["ETag"]},
    )
    assert after.status_code == 200
    assert after.data != before.data
