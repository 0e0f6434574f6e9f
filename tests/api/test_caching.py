"""Public reads are shareable: ETags, 304s, invalidation by writes, fixed query counts."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.factories import bearer, make_comment, make_large_thread, make_reader
from widget.extensions import db

THREAD = "/api/v1/comments?site=news&page=article-1"


def revalidate(client, url, response):
    return client.get(url, headers={"If-None-Match": response.headers["ETag"]})


def test_a_thread_read_is_shareable_and_revalidates_with_a_304(client, site):
    make_comment(site)
    first = client.get(THREAD)
    assert first.status_code == 200
    cache_control = first.headers["Cache-Control"]
    for directive in ("public", "max-age=0", "s-maxage=10", "stale-while-revalidate=30"):
        assert directive in cache_control
    again = revalidate(client, THREAD, first)
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("change", ["post", "reply", "edit", "vote", "delete"])
def test_every_write_to_the_thread_changes_its_etag(client, site, change):
    token = make_reader(site)
    comment = make_comment(site, token=token)
    before = client.get(THREAD)
    url = f"/api/v1/comments/{comment.id}"
    if change == "post":
        client.post("/api/v1/comments", json={"site": "news", "page": "article-1", "body": "x"})
    elif change == "reply":
        make_comment(site, parent=comment)
    elif change == "edit":
        client.patch(url, json={"body": "changed"}, headers=bearer(token))
    elif change == "vote":
        client.put(f"{url}/vote", json={"value": 1}, headers=bearer(make_reader(site)))
    else:
        client.delete(url, headers=bearer(token))
    after = revalidate(client, THREAD, before)
    assert after.status_code == 200
    assert after.data != before.data


def test_a_write_to_another_thread_keeps_the_etag(client, site):
    make_comment(site)
    before = client.get(THREAD)
    make_comment(site, page="another")
    assert revalidate(client, THREAD, before).status_code == 304


def test_the_first_comment_invalidates_an_empty_thread(client, site):
    empty = client.get(THREAD)
    make_comment(site)
    assert revalidate(client, THREAD, empty).status_code == 200


def test_sort_and_pagination_have_their_own_etags(client, site):
    for n in range(3):
        make_comment(site, body=f"c{n}")
    etags = {
        client.get(THREAD + query).headers["ETag"]
        for query in ("", "&sort=newest", "&limit=1", "&sort=top")
    }
    assert len(etags) == 4


@pytest.mark.parametrize(
    "url", ["/api/v1/counts?site=news&page=article-1&page=b", "/api/v1/sites/news/config"]
)
def test_counts_and_site_config_revalidate(client, site, url):
    make_comment(site)
    first = client.get(url)
    assert "public" in first.headers["Cache-Control"]
    assert revalidate(client, url, first).status_code == 304
    make_comment(site)
    if "counts" in url:
        assert revalidate(client, url, first).status_code == 200


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            self.statements.append(statement)


@pytest.fixture
def queries(app):
    counter = QueryCounter()
    event.listen(db.engine, "before_cursor_execute", counter)
    yield counter
    event.remove(db.engine, "before_cursor_execute", counter)


@pytest.mark.parametrize("size", [10, 1000])
def test_a_thread_read_costs_the_same_queries_whatever_its_size(client, site, queries, size):
    make_large_thread(site, size)
    db.session.remove()
    queries.statements.clear()
    response = client.get("/api/v1/comments?site=news&page=big&limit=200")
    assert response.status_code == 200
    shown = response.json["comments"]
    assert sum(1 + len(c["replies"]) for c in shown) == size
    # site and thread, top-level comments, their replies
    assert len(queries.statements) == 3, queries.statements

    queries.statements.clear()
    assert client.get("/api/v1/comments?site=news&page=big&limit=200").data == response.data
    # Served from the serialised copy: only the site and the thread's version are read.
    assert len(queries.statements) == 1, queries.statements


def test_health_probes(client):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json == {
        "status": "ok",
        "checks": {"database": "ok", "ratelimit_storage": "disabled"},
    }


class TestUnreachableServices:
    @pytest.fixture
    def app_config(self):
        return {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
        }

    def test_readyz_is_a_503_naming_what_failed(self, client):
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json["status"] == "unavailable"
        assert ready.json["checks"]["database"] == "ok"
        assert ready.json["checks"]["ratelimit_storage"].startswith("error")
        assert client.get("/healthz").status_code == 200


def test_each_host_gets_its_own_absolute_urls(client, site):
    make_comment(site)
    first = client.get(THREAD, base_url="http://localhost")
    other = client.get(THREAD, base_url="http://127.0.0.1:5000")
    assert "http://localhost/feeds/" in first.get_data(as_text=True)
    assert "http://127.0.0.1:5000/feeds/" in other.get_data(as_text=True)
    assert first.headers["ETag"] != other.headers["ETag"]
