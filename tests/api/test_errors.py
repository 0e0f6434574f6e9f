"""Every failure under /api is the same JSON envelope, never an HTML page."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from tests.factories import make_site
from widget.extensions import db


def test_unknown_api_route_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"]["status"] == 404


def test_wrong_method_is_a_json_405_with_allow(client):
    response = client.delete("/api/v1/counts")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_failure_is_a_json_500_and_rolls_back(app, client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    make_site()
    monkeypatch.setattr("widget.services.threads.read_thread", explode)
    response = client.get("/api/v1/comments?site=news&page=a")
    assert response.status_code == 500
    assert response.json["error"] == {
        "status": 500,
        "code": "internal_error",
        "message": "Something went wrong on our side.",
    }
    assert "boom" not in response.get_data(as_text=True)
    assert db.session.execute(db.text("select 1")).scalar() == 1


@pytest.mark.parametrize("path", ["/demo", "/demo/library-hours"])
def test_demo_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'id="comments"' in response.data


def test_unknown_demo_article_is_a_404(client):
    assert client.get("/demo/none").status_code == 404


@pytest.mark.parametrize("failure", ["operational", "pool_timeout"])
def test_an_unreachable_database_is_a_json_503_with_retry_after(client, monkeypatch, failure):
    def unavailable(*args, **kwargs):
        if failure == "pool_timeout":
            raise PoolTimeoutError("QueuePool limit reached")
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))

    monkeypatch.setattr("widget.api.common.get_site", unavailable)
    response = client.get("/api/v1/counts?site=news&page=a")
    assert response.status_code == 503
    assert response.json["error"]["code"] == "unavailable"
    assert int(response.headers["Retry-After"]) > 0
