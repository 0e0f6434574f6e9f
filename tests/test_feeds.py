"""Atom feeds: valid RFC 4287 documents of the latest approved comments, cacheable."""

from __future__ import annotations

from datetime import datetime

import pytest
from lxml import etree

from tests.factories import age, make_comment, make_site
from widget.extensions import db
from widget.models import CommentStatus
from widget.services.comments import Author
from widget.services.feeds import FEED_LENGTH
from widget.services.threads import find_thread

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(app):
    return make_site()


def parse(response) -> etree._Element:
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return etree.fromstring(response.get_data())


def one(element, name: str) -> etree._Element:
    (found,) = element.findall(ATOM + name)
    return found


def assert_valid_atom(feed: etree._Element, self_url: str) -> None:
    """What RFC 4287 requires of a feed and its entries (section 4.1)."""
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert one(feed, name).text
    datetime.fromisoformat(one(feed, "updated").text)
    assert one(one(feed, "author"), "name").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert links["self"] == self_url
    ids = []
    for entry in feed.findall(ATOM + "entry"):
        for name in ("id", "title", "updated", "published"):
            assert one(entry, name).text
        assert one(entry, "id").text.startswith("tag:localhost,")
        assert one(one(entry, "author"), "name").text
        assert one(entry, "content").get("type") == "html"
        ids.append(one(entry, "id").text)
    assert len(ids) == len(set(ids))


def titles(feed) -> list[str]:
    return [one(entry, "title").text for entry in feed.findall(ATOM + "entry")]


def test_site_feed_lists_the_latest_approved_comments(client, site):
    age(make_comment(site, page="https://news.example/a", body="old"), 60)
    make_comment(site, page="b", body="<b>new</b> & *shiny*", author=Author(name="Ana"))
    spam = make_comment(site, body="spam")
    spam.status = CommentStatus.SPAM
    db.session.commit()

    feed = parse(client.get("/feeds/news.atom"))
    assert_valid_atom(feed, "http://localhost/feeds/news.atom")
    assert one(feed, "title").text == "Comments on News"
    assert titles(feed) == ["Ana on b", "Anonymous on https://news.example/a"]
    newest = feed.findall(ATOM + "entry")[0]
    assert one(feed, "updated").text == one(newest, "updated").text
    content = one(newest, "content").text
    assert content == "<p>&lt;b&gt;new&lt;/b&gt; &amp; <em>shiny</em></p>"


def test_thread_feed_has_only_that_page_and_links_to_it(client, site):
    comment = make_comment(site, page="https://news.example/story?id=3", body="here")
    find_thread(site, "https://news.example/story?id=3").url = "https://news.example/story?id=3"
    db.session.commit()
    make_comment(site, page="elsewhere", body="not here")

    response = client.get("/feeds/news/thread.atom?page=https://News.example/story/?id=3")
    feed = parse(response)
    self_url = "http://localhost/feeds/news/thread.atom?page=https://news.example/story?id%3D3"
    assert_valid_atom(feed, self_url)
    assert titles(feed) == ["Anonymous on https://news.example/story?id=3"]
    (entry,) = feed.findall(ATOM + "entry")
    assert one(entry, "link").get("href") == f"https://news.example/story?id=3#comment-{comment.id}"


def test_a_page_nobody_commented_on_is_an_empty_valid_feed(client, site):
    feed = parse(client.get("/feeds/news/thread.atom?page=quiet"))
    assert_valid_atom(feed, "http://localhost/feeds/news/thread.atom?page=quiet")
    assert feed.findall(ATOM + "entry") == []


def test_feeds_are_bounded(client, site):
    for index in range(FEED_LENGTH + 2):
        make_comment(site, body=f"c{index}")
    assert len(parse(client.get("/feeds/news.atom")).findall(ATOM + "entry")) == FEED_LENGTH


def test_feeds_are_cacheable_and_revalidate(client, site):
    make_comment(site)
    response = client.get("/feeds/news.atom")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.last_modified is not None
    again = client.get("/feeds/news.atom", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/feeds/nope.atom", 404),
        ("/feeds/nope/thread.atom?page=a", 404),
        ("/feeds/news/thread.atom", 400),
    ],
)
def test_bad_feed_requests(client, site, url, status):
    assert client.get(url).status_code == status


def test_the_thread_and_site_config_link_their_feeds(client, site):
    thread = client.get("/api/v1/comments?site=news&page=a b").json
    assert thread["feed_url"] == "http://localhost/feeds/news/thread.atom?page=a+b"
    config = client.get("/api/v1/sites/news/config").json
    assert config["feed_url"] == "http://localhost/feeds/news.atom"


def test_control_characters_in_the_page_are_dropped_as_the_api_drops_them(client, site):
    """Found by fuzzing: XML cannot carry them, and the feed was a 500."""
    make_comment(site, page="article-1", body="Kept")
    response = client.get("/feeds/news/thread.atom?page=article\x1f-1\x00")
    assert response.status_code == 200
    assert b"Kept" in response.data
