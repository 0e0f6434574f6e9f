"""POST /api/v1/comments: posting, threads created on first comment, validation."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_comment, make_reader, make_site
from widget.extensions import db
from widget.models import Comment, ModerationMode, Thread


def post(client, headers=None, remote_addr="192.0.2.1", **fields):
    payload = {"site": "news", "page": "article-1", "body": "Hello", **fields}
    return client.post(
        "/api/v1/comments",
        json=payload,
        headers=headers,
        environ_base={"REMOTE_ADDR": remote_addr},
    )


def test_the_first_comment_creates_the_thread(client, site):
    response = post(
        client,
        page="https://news.example/story",
        page_url="https://news.example/story",
        page_title="A story",
        body="Well *said*",
        author_name="Ann",
    )
    assert response.status_code == 201
    body = response.json
    assert body["status"] == "approved"
    assert body["body_html"] == "<p>Well <em>said</em></p>"
    assert body["author_name"] == "Ann"
    assert body["editable_until"] > body["created_at"]
    assert response.headers["Location"].startswith("/api/v1/comments?site=news")
    thread = db.session.execute(db.select(Thread)).scalar_one()
    assert (thread.page_key, thread.title, thread.comment_count) == (
        "https://news.example/story",
        "A story",
        1,
    )


def test_the_email_is_kept_but_never_returned(client, site):
    response = post(client, author_email="ann@example.org")
    assert "ann@example.org" not in response.get_data(as_text=True)
    assert response.json["avatar"]
    read = client.get("/api/v1/comments?site=news&page=article-1")
    assert "ann@example.org" not in read.get_data(as_text=True)
    assert db.session.get(Comment, response.json["id"]).author_email == "ann@example.org"


def test_the_raw_ip_is_never_stored(client, site):
    response = post(client, remote_addr="203.0.113.77")
    assert response.status_code == 201
    comment = db.session.get(Comment, response.json["id"])
    stored = " ".join(str(v) for v in vars(comment).values())
    assert "203.0.113" not in stored
    assert len(comment.ip_hash) == 64


def test_pre_moderation_answers_202_and_keeps_the_count(client, app):
    make_site(moderation=ModerationMode.PRE)
    response = post(client)
    assert response.status_code == 202
    assert response.json["status"] == "pending"
    assert response.json["body_html"] == "<p>Hello</p>"
    assert client.get("/api/v1/counts?site=news&page=article-1").json["counts"] == {"article-1": 0}


def test_a_reply_nests_under_its_parent(client, site):
    parent = make_comment(site)
    response = post(client, parent_id=parent.id)
    assert response.status_code == 201
    assert response.json["parent_id"] == parent.id


def test_replies_past_the_maximum_depth_attach_to_the_deepest_allowed_ancestor(client, app):
    site = make_site(max_depth=2)
    top = make_comment(site)
    level1 = make_comment(site, parent=top)
    level2 = make_comment(site, parent=level1)
    response = post(client, parent_id=level2.id)
    assert response.json["parent_id"] == level1.id
    assert db.session.get(Comment, response.json["id"]).depth == 2


@pytest.mark.parametrize("parent_id", [999_999, "other-thread"])
def test_a_parent_outside_the_thread_is_a_422(client, site, parent_id):
    if parent_id == "other-thread":
        parent_id = make_comment(site, page="another-article").id
    response = post(client, parent_id=parent_id)
    assert response.status_code == 422
    assert "parent_id" in response.json["error"]["fields"]


def test_a_locked_thread_is_a_409(client, site):
    make_comment(site).thread.locked = True
    db.session.commit()
    response = post(client)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "thread_locked"


def test_an_unknown_site_is_a_404(client, site):
    assert post(client, site="nope").status_code == 404


def test_an_invalid_reader_token_is_a_401(client, site):
    response = post(client, headers=bearer("not-a-token"))
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


def test_a_reader_token_of_another_site_is_a_401(client, site):
    other = make_site("other")
    assert post(client, headers=bearer(make_reader(other))).status_code == 401


def test_text_is_normalised_and_control_characters_removed(client, site):
    response = post(client, body="  Cafe\u0301\x00\x07 ok\r\nnext  ", author_name="Zoe\u0308\x1b")
    assert response.json["body_html"] == "<p>Caf\u00e9 ok<br>\nnext</p>"
    assert response.json["author_name"] == "Zo\u00eb"


def test_a_website_without_a_scheme_gets_https(client, site):
    response = post(client, author_website="example.org/me")
    assert response.json["author_website"] == "https://example.org/me"


def test_blank_optional_fields_mean_not_given(client, site):
    response = post(client, author_name="   ", author_email="", author_website="")
    assert response.status_code == 201
    assert response.json["author_name"] is None


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": 5}, "body"),
        ({"body": None}, "body"),
        ({"site": ""}, "site"),
        ({"page": ""}, "page"),
        ({"page": ["a"]}, "page"),
        ({"author_name": "n" * 81}, "author_name"),
        ({"author_email": "not-an-email"}, "author_email"),
        ({"author_website": "javascript:alert(1)"}, "author_website"),
        ({"author_website": "ftp://example.org"}, "author_website"),
        ({"page_url": "javascript:alert(1)"}, "page_url"),
        ({"parent_id": "1"}, "parent_id"),
        ({"parent_id": True}, "parent_id"),
        ({"parent_id": 1.5}, "parent_id"),
        ({"parent_id": 0}, "parent_id"),
        ({"admin": True}, "admin"),
    ],
)
def test_invalid_fields_are_a_422_naming_the_field(client, site, fields, bad_field):
    response = post(client, **fields)
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "validation_failed"
    assert bad_field in error["fields"]


def test_the_site_body_limit_applies(client, app):
    make_site(max_body_length=10)
    assert post(client, body="x" * 10).status_code == 201
    response = post(client, body="x" * 11)
    assert response.status_code == 422
    assert "body" in response.json["error"]["fields"]


def test_a_body_that_is_not_an_object_is_a_422(client, site):
    response = client.post("/api/v1/comments", json=["a", "list"])
    assert response.status_code == 422


def test_malformed_json_is_a_400(client, site):
    response = client.post(
        "/api/v1/comments", data='{"site": "news",', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


def test_invalid_utf8_is_a_400(client, site):
    response = client.post(
        "/api/v1/comments", data=b'{"body": "\xff\xfe"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_deeply_nested_json_is_a_400(client, site):
    response = client.post(
        "/api/v1/comments", data="[" * 20000 + "]" * 20000, content_type="application/json"
    )
    assert response.status_code == 400


def test_a_form_post_is_a_415(client, site):
    response = client.post("/api/v1/comments", data={"site": "news", "body": "x"})
    assert response.status_code == 415
    assert response.json["error"]["code"] == "unsupported_media_type"


def test_a_huge_body_is_a_413(client, site):
    response = post(client, body="x" * 70_000)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"
