"""GET /api/v1/comments: a page of a thread's comment tree."""

from __future__ import annotations

import pytest

from tests.factories import age, bearer, make_comment, make_reader, make_site
from widget.extensions import db
from widget.models import CommentStatus, ModerationMode


def read(client, page="article-1", **params):
    response = client.get("/api/v1/comments", query_string={"site": "news", "page": page, **params})
    return response


def test_unknown_page_is_an_empty_thread(client, site):
    response = read(client, "never-commented")
    assert response.status_code == 200
    assert response.json == {
        "site": "news",
        "page": "never-commented",
        "title": None,
        "url": None,
        "locked": False,
        "pinned_comment_id": None,
        "comment_count": 0,
        "comments": [],
        "next_cursor": None,
        "feed_url": "http://localhost/feeds/news/thread.atom?page=never-commented",
    }


def test_unknown_site_is_a_json_404(client, site):
    response = client.get("/api/v1/comments?site=nope&page=a")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "site_not_found"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=a", "site"),
        ("site=news", "page"),
        ("site=news&page=a&sort=best", "sort"),
        ("site=news&page=a&limit=0", "limit"),
        ("site=news&page=a&limit=201", "limit"),
        ("site=news&page=a&limit=many", "limit"),
        ("site=news&page=a&colour=red", "colour"),
    ],
)
def test_bad_query_is_a_422_naming_the_field(client, site, query, field):
    response = client.get(f"/api/v1/comments?{query}")
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_replies_nest_under_their_parents(client, site):
    first = make_comment(site, body="First")
    reply = make_comment(site, body="Reply", parent=first)
    make_comment(site, body="Reply to reply", parent=reply)
    make_comment(site, body="Second")

    body = read(client).json
    assert body["comment_count"] == 4
    assert [c["body_html"] for c in body["comments"]] == ["<p>First</p>", "<p>Second</p>"]
    (child,) = body["comments"][0]["replies"]
    assert child["parent_id"] == first.id
    assert child["replies"][0]["body_html"] == "<p>Reply to reply</p>"


def test_each_comment_has_the_documented_fields_and_no_private_ones(client, site):
    make_comment(site)
    (comment,) = read(client).json["comments"]
    assert set(comment) == {
        "id", "parent_id", "status", "author_name", "author_website", "avatar",
        "body_html", "created_at", "edited_at", "score", "replies",
    }  # fmt: skip
    assert comment["created_at"].endswith("+00:00")


def test_sort_orders(client, site, app):
    old = age(make_comment(site, body="old"), 300)
    new = make_comment(site, body="new")
    liked = age(make_comment(site, body="liked"), 100)
    liked.score = 5
    db.session.commit()

    def ids(sort):
        return [c["id"] for c in read(client, sort=sort).json["comments"]]

    assert ids("oldest") == [old.id, liked.id, new.id]
    assert ids("newest") == [new.id, liked.id, old.id]
    assert ids("top") == [liked.id, old.id, new.id]


@pytest.mark.parametrize("sort", ["oldest", "newest", "top"])
def test_cursor_pagination_visits_every_top_level_comment_once(client, site, sort):
    created = [make_comment(site, body=f"c{i}") for i in range(7)]
    make_comment(site, body="reply", parent=created[0])
    seen, cursor = [], None
    while True:
        params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
        body = read(client, **params).json
        seen += [c["id"] for c in body["comments"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(c.id for c in created)
    assert len(seen) == 7


@pytest.mark.parametrize("cursor", ["garbage", "eyJzIjoib2xkZXN0In0", "e30"])
def test_a_bad_cursor_is_a_422(client, site, cursor):
    make_comment(site)
    response = read(client, cursor=cursor)
    assert response.status_code == 422
    assert "cursor" in response.json["error"]["fields"]


def test_a_cursor_for_another_sort_is_a_422(client, site):
    for i in range(3):
        make_comment(site, body=f"c{i}")
    cursor = read(client, limit=1, sort="newest").json["next_cursor"]
    response = read(client, limit=1, sort="top", cursor=cursor)
    assert response.status_code == 422


def test_pending_comments_are_not_shown(client, app):
    site = make_site(moderation=ModerationMode.PRE)
    make_comment(site, body="held")
    body = read(client).json
    assert body["comments"] == []
    assert body["comment_count"] == 0


def test_deleted_comment_with_replies_stays_as_a_placeholder(client, site):
    token = make_reader(site)
    parent = make_comment(site, body="secret words", token=token)
    make_comment(site, body="answer", parent=parent)
    assert client.delete(f"/api/v1/comments/{parent.id}", headers=bearer(token)).status_code == 204

    (placeholder,) = read(client).json["comments"]
    assert placeholder["status"] == "deleted"
    assert placeholder["body_html"] == ""
    assert placeholder["author_name"] is None
    assert placeholder["replies"][0]["body_html"] == "<p>answer</p>"
    assert "secret" not in read(client).get_data(as_text=True)


def test_unapproved_replies_do_not_keep_a_placeholder(client, site):
    parent = make_comment(site, body="parent")
    reply = make_comment(site, body="spam reply", parent=parent)
    reply.status = CommentStatus.SPAM
    parent.status = CommentStatus.DELETED
    db.session.commit()
    assert read(client).json["comments"] == []


def test_url_page_keys_are_normalised(client, site):
    make_comment(site, page="https://News.Example/story/?utm_source=x&id=3#comments")
    body = read(client, "https://news.example/story?id=3").json
    assert body["page"] == "https://news.example/story?id=3"
    assert body["comment_count"] == 1


def test_the_response_is_the_same_for_every_reader(client, site):
    token = make_reader(site)
    make_comment(site, token=token)
    anonymous = client.get("/api/v1/comments?site=news&page=article-1")
    author = client.get("/api/v1/comments?site=news&page=article-1", headers=bearer(token))
    assert anonymous.get_data() == author.get_data()
