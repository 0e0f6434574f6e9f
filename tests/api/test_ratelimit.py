"""Rate limits: JSON 429s with Retry-After, per IP and per reader, proxies trusted only if told.

These run against whatever storage ``WIDGET_RATELIMIT_STORAGE_URI`` names: memory by
default, Redis in CI.
"""

from __future__ import annotations

import itertools
import uuid

import pytest

from tests.factories import bearer, make_reader, make_site
from tests.ratelimits import STORAGE, limited
from tests.servers import app_processes, post_json

pytestmark = pytest.mark.ratelimit


@pytest.fixture
def app_config():
    return limited(
        WIDGET_RATELIMIT_COMMENTS_PER_IP="3/minute",
        WIDGET_RATELIMIT_COMMENTS_PER_READER="2/minute",
        WIDGET_RATELIMIT_READS="5/minute",
    )


_bodies = itertools.count()


def post(client, ip="198.51.100.1", headers=None):
    # Distinct bodies: the same body twice from one address is held as a duplicate.
    return client.post(
        "/api/v1/comments",
        json={"site": "news", "page": "a", "body": f"Hello {next(_bodies)}"},
        headers=headers or {},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_posting_past_the_ip_limit_is_a_json_429(client, site):
    statuses = [post(client).status_code for _ in range(3)]
    assert statuses == [201, 201, 201]
    response = post(client)
    assert response.status_code == 429
    assert response.json["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-RateLimit-Remaining"] == "0"


def test_other_addresses_have_their_own_allowance(client, site):
    for _ in range(3):
        post(client, ip="198.51.100.1")
    assert post(client, ip="198.51.100.2").status_code == 201


def test_each_reader_has_a_limit_of_its_own(client, site):
    token = make_reader(site)
    assert post(client, ip="198.51.100.3", headers=bearer(token)).status_code == 201
    assert post(client, ip="198.51.100.4", headers=bearer(token)).status_code == 201
    assert post(client, ip="198.51.100.5", headers=bearer(token)).status_code == 429


def test_reads_are_limited_generously_and_separately(client, site):
    for _ in range(3):
        post(client)
    statuses = [client.get("/api/v1/comments?site=news&page=a").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_forwarded_addresses_are_ignored_without_trusted_proxies(client, site):
    for n in range(3):
        post(client, headers={"X-Forwarded-For": f"203.0.113.{n}"})
    assert post(client, headers={"X-Forwarded-For": "203.0.113.99"}).status_code == 429


class TestBehindAProxy:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "WIDGET_TRUSTED_PROXIES": 1}

    def test_the_forwarded_client_address_is_used(self, client, site):
        for n in range(3):
            assert post(client, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code == 201
        assert post(client, headers={"X-Forwarded-For": "203.0.113.0"}).status_code == 201


class TestDisabled:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": False}

    def test_no_limit_applies(self, client, site):
        assert {post(client).status_code for _ in range(6)} == {201}


@pytest.mark.skipif(
    not STORAGE.startswith("redis"),
    reason="needs storage shared by processes: set WIDGET_RATELIMIT_STORAGE_URI=redis://…",
)
def test_a_limit_holds_across_two_processes(app, migrated_database):
    make_site()
    env = {
        "WIDGET_DATABASE_URL": migrated_database,
        "WIDGET_RATELIMIT_STORAGE_URI": STORAGE,
        "WIDGET_RATELIMIT_KEY_PREFIX": f"widget-test-{uuid.uuid4().hex}",
        "WIDGET_RATELIMIT_COMMENTS_PER_IP": "5/minute",
    }
    with app_processes(2, env, threads=2) as urls:
        statuses = [
            post_json(
                f"{urls[n % 2]}/api/v1/comments", {"site": "news", "page": "a", "body": f"#{n}"}
            )[0]
            for n in range(8)
        ]
    assert statuses == [201] * 5 + [429] * 3
