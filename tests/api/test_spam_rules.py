"""Spam rules on POST /api/v1/comments: each catches its case and records why."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_reader, make_site
from widget.extensions import db
from widget.models import Comment, CommentStatus

POST = {"site": "news", "page": "article-1"}
HUMAN = {"honeypot": "", "elapsed_ms": 12_000}


@pytest.fixture
def site(app):
    return make_site(blocked_words=["casino", "cheap pills"], max_links=2)


def post(client, body="A fair point.", headers=None, ip="192.0.2.1", **fields):
    return client.post(
        "/api/v1/comments",
        json={**POST, "body": body, **fields},
        headers=headers,
        environ_base={"REMOTE_ADDR": ip},
    )


def stored(response) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, response.json["id"])


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"honeypot": "http://spam.example", "elapsed_ms": 12_000}, "honeypot"),
        ({"honeypot": "", "elapsed_ms": 800}, "too fast: posted 800 ms"),
        ({"body": "Best casino in town"}, "blocked word: casino"),
        ({"body": "Buy CHEAP \n  pills!"}, "blocked word: cheap pills"),
        (
            {"body": "https://a.example www.b.com [c](https://c.example)"},
            "too many links: 3 (at most 2)",
        ),
    ],
)
def test_each_rule_holds_its_case_as_spam_with_the_reason(client, site, fields, reason):
    response = post(client, **fields)
    assert response.status_code == 202
    assert response.json["status"] == "pending"  # the author is not told it is spam
    comment = stored(response)
    assert comment.status == CommentStatus.SPAM
    assert comment.moderation_reason.startswith(reason)
    assert db.session.get(type(comment.thread), comment.thread_id).comment_count == 0


@pytest.mark.parametrize(
    "body",
    ["A classic casinos review", "Casinomania", "two links https://a.example https://b.example"],
)
def test_words_inside_other_words_and_links_within_the_limit_pass(client, site, body):
    assert post(client, body=body).status_code == 201


def test_a_human_posting_through_the_embed_passes(client, site):
    assert post(client, **HUMAN).status_code == 201


def test_a_site_can_require_the_embed_fields(client, site):
    site.require_form_fields = True
    db.session.commit()
    assert stored(post(client)).moderation_reason.startswith("form fields missing")
    assert post(client, body="Another fair point.", **HUMAN).status_code == 201


def test_the_minimum_time_is_a_setting(client, site, app):
    app.config["WIDGET_SPAM_MIN_SECONDS"] = 20
    assert stored(post(client, **HUMAN)).status == CommentStatus.SPAM


def test_the_same_body_from_the_same_reader_is_a_duplicate(client, site):
    token = make_reader(site)
    assert post(client, headers=bearer(token)).status_code == 201
    again = post(client, headers=bearer(token), ip="198.51.100.7")
    assert stored(again).moderation_reason.startswith("duplicate")


def test_the_same_body_from_the_same_network_is_a_duplicate(client, site):
    assert post(client, ip="192.0.2.1").status_code == 201
    again = post(client, ip="192.0.2.200")
    assert stored(again).moderation_reason.startswith("duplicate")
    elsewhere = post(client, ip="198.51.100.7")
    assert elsewhere.status_code == 201


def test_the_duplicate_window_is_a_setting(client, site, app):
    app.config["WIDGET_SPAM_DUPLICATE_WINDOW"] = 0
    post(client)
    assert post(client).status_code == 201


def test_an_edit_that_adds_spam_is_held(client, site):
    token = make_reader(site)
    comment = post(client, headers=bearer(token)).json
    response = client.patch(
        f"/api/v1/comments/{comment['id']}",
        json={"body": "Now visit my casino"},
        headers=bearer(token),
    )
    assert response.status_code == 200
    assert response.json["status"] == "pending"
    held = db.session.get(Comment, comment["id"])
    assert held.status == CommentStatus.SPAM
    assert held.moderation_reason == "blocked word: casino"
    thread = client.get("/api/v1/comments", query_string=POST).json
    assert thread["comment_count"] == 0 and thread["comments"] == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"honeypot": 5}, "honeypot"),
        ({"elapsed_ms": -1}, "elapsed_ms"),
        ({"elapsed_ms": "9"}, "elapsed_ms"),
    ],
)
def test_bad_form_fields_are_a_422(client, site, fields, field):
    response = post(client, **fields)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
