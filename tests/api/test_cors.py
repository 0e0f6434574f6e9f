"""CORS answers only a site's own origins, and foreign origins cannot write."""

from __future__ import annotations

import pytest

from tests.factories import SITE_ORIGIN, make_site

FOREIGN = "https://elsewhere.example"


@pytest.fixture
def site(app):
    make_site("other", origins=("https://other.example",))
    return make_site()


def preflight(client, origin):
    return client.options(
        "/api/v1/comments",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_a_preflight_from_a_site_origin_is_answered(client, site):
    response = preflight(client, SITE_ORIGIN)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
    assert "Idempotency-Key" in response.headers["Access-Control-Allow-Headers"]
    assert "Origin" in response.headers["Vary"]


def test_a_preflight_from_a_foreign_origin_gets_no_cors_headers(client, site):
    response = preflight(client, FOREIGN)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_reads_allow_only_the_site_of_the_thread(client, site):
    own = client.get("/api/v1/comments?site=news&page=a", headers={"Origin": SITE_ORIGIN})
    assert own.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    other = client.get(
        "/api/v1/comments?site=news&page=a", headers={"Origin": "https://other.example"}
    )
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("origin", [FOREIGN, "https://other.example"])
def test_writes_from_another_origin_are_refused(client, site, origin):
    response = client.post(
        "/api/v1/comments",
        json={"site": "news", "page": "a", "body": "x"},
        headers={"Origin": origin},
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "origin_not_allowed"


@pytest.mark.parametrize("origin", [SITE_ORIGIN, "http://localhost", None])
def test_writes_from_the_site_itself_or_outside_a_browser_pass(client, site, origin):
    headers = {"Origin": origin} if origin else {}
    response = client.post(
        "/api/v1/comments", json={"site": "news", "page": "a", "body": "x"}, headers=headers
    )
    assert response.status_code == 201
    if origin == SITE_ORIGIN:
        assert response.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
