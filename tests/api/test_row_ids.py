"""Ids past what the database stores are a 404 or a 422, never a database error."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_site, make_token
from widget.models import Role

TOO_BIG = 2**31


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("post", f"/api/v1/admin/comments/{TOO_BIG}/approve", None, 404),
        ("patch", f"/api/v1/admin/comments/{TOO_BIG}", {"body": "x"}, 404),
        ("patch", f"/api/v1/admin/threads/{TOO_BIG}", {"locked": True}, 404),
        ("delete", f"/api/v1/admin/bans/{TOO_BIG}", None, 404),
        ("post", f"/api/v1/comments/{TOO_BIG}/flags", {"reason": "spam"}, 404),
        ("put", f"/api/v1/comments/{TOO_BIG}/vote", {"value": 1}, 404),
        ("get", f"/api/v1/admin/comments?reader_id={TOO_BIG}", None, 422),
        ("get", f"/api/v1/admin/audit?target_id={TOO_BIG}", None, 422),
        ("post", "/api/v1/admin/comments/bulk", {"ids": [TOO_BIG], "action": "spam"}, 422),
        ("post", "/api/v1/admin/bans", {"site": "news", "reader_id": TOO_BIG}, 422),
        (
            "post",
            "/api/v1/comments",
            {"site": "news", "page": "a", "body": "x", "parent_id": TOO_BIG},
            422,
        ),
    ],
)
def test_ids_out_of_range(client, app, method, url, body, status):
    make_site()
    headers = bearer(make_token(Role.ADMIN))
    response = getattr(client, method)(url, json=body, headers=headers)
    assert response.status_code == status
    assert response.is_json
