"""The admin API's limit: one allowance per token across every admin route, a JSON 429 past it.

Like ``tests/api/test_ratelimit.py`` these run against ``WIDGET_RATELIMIT_STORAGE_URI``:
memory by default, Redis in CI.
"""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_comment, make_token
from tests.ratelimits import limited
from widget.models import Role

pytestmark = pytest.mark.ratelimit


@pytest.fixture
def app_config():
    return limited(
        WIDGET_RATELIMIT_ADMIN="4/minute",
    )


def test_past_the_limit_a_token_gets_a_json_429(client, site, mod):
    comment = make_comment(site)
    calls = [
        lambda: client.get("/api/v1/admin/comments", headers=mod),
        lambda: client.get("/api/v1/admin/sites", headers=mod),
        lambda: client.post(f"/api/v1/admin/comments/{comment.id}/spam", headers=mod),
        lambda: client.get("/api/v1/admin/audit", headers=mod),
    ]
    # Every route draws on the same allowance: a script cannot spread its calls to escape it.
    assert [call().status_code for call in calls] == [200, 200, 200, 200]
    response = client.get("/api/v1/admin/bans", headers=mod)
    assert response.status_code == 429
    assert response.json["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-RateLimit-Remaining"] == "0"


def test_each_token_has_an_allowance_of_its_own(client, site, mod):
    for _ in range(4):
        client.get("/api/v1/admin/sites", headers=mod)
    assert client.get("/api/v1/admin/sites", headers=mod).status_code == 429
    # Another moderator at the same address is not held back by the first.
    other = bearer(make_token(Role.MODERATOR, site, name="Mia"))
    assert client.get("/api/v1/admin/sites", headers=other).status_code == 200


def test_requests_without_a_token_are_counted_by_address(client, site):
    statuses = [client.get("/api/v1/admin/sites").status_code for _ in range(5)]
    assert statuses == [401] * 4 + [429]
    other_address = {"REMOTE_ADDR": "198.51.100.9"}
    assert client.get("/api/v1/admin/sites", environ_base=other_address).status_code == 401


def test_the_public_api_is_not_charged_to_the_admin_allowance(client, site, mod):
    for _ in range(4):
        client.get("/api/v1/admin/sites", headers=mod)
    assert client.get("/api/v1/sites/news/config").status_code == 200


class TestDefault:
    @pytest.fixture
    def app_config(self, app_config):
        return {key: value for key, value in app_config.items() if key != "WIDGET_RATELIMIT_ADMIN"}

    def test_the_default_is_generous(self, app, client, site, mod):
        assert app.config["WIDGET_RATELIMIT_ADMIN"] == "600/minute"
        assert {client.get("/api/v1/admin/sites", headers=mod).status_code for _ in range(50)} == {
            200
        }
