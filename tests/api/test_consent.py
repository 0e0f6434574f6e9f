"""PUT /api/v1/readers/me/consent, the consent log, GPC and the site's public config."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_site
from widget.extensions import db
from widget.models import ConsentRecord

URL = "/api/v1/readers/me/consent"
CATEGORIES = [
    {"key": "necessary", "label": "Necessary", "purpose": "Keeps the site working."},
    {"key": "preferences", "label": "Preferences", "purpose": "Remembers your settings."},
    {"key": "analytics", "label": "Analytics", "purpose": "Counts visits."},
    {"key": "marketing", "label": "Marketing", "purpose": "Shows relevant offers."},
]
OPTIONAL = ["preferences", "analytics", "marketing"]


@pytest.fixture
def site(app):
    return make_site(consent_categories=CATEGORIES, policy_version="2026-11")


def decide(client, token, choices, policy_version="2026-11", **extra):
    headers = {**bearer(token), **extra.pop("headers", {})}
    body = {"policy_version": policy_version, "choices": choices, **extra}
    return client.put(URL, json=body, headers=headers)


def log() -> list[ConsentRecord]:
    return list(db.session.execute(db.select(ConsentRecord).order_by(ConsentRecord.id)).scalars())


@pytest.mark.parametrize(
    ("choices", "action", "granted"),
    [
        ({c: True for c in OPTIONAL}, "accept_all", ["necessary", *OPTIONAL]),
        ({c: False for c in OPTIONAL}, "reject_all", ["necessary"]),
        ({}, "reject_all", ["necessary"]),
        ({"analytics": True}, "custom", ["necessary", "analytics"]),
        ({"necessary": True, "marketing": True}, "custom", ["necessary", "marketing"]),
    ],
)
def test_a_decision_is_recorded_with_what_was_granted_and_refused(
    client, token, choices, action, granted
):
    response = decide(client, token, choices)
    assert response.status_code == 200
    body = response.json
    assert body["action"] == action
    assert body["granted"] == granted
    assert body["refused"] == [c for c in OPTIONAL if c not in granted]
    assert body["policy_version"] == "2026-11"
    assert body["gpc"] is False
    assert response.headers["Cache-Control"] == "no-store"


def test_every_change_is_appended_refusals_included(client, token, site):
    decide(client, token, {c: True for c in OPTIONAL})
    decide(client, token, {"analytics": False})
    decide(client, token, {})
    records = log()
    assert [r.action.value for r in records] == ["accept_all", "reject_all", "reject_all"]
    assert all(r.site_id == site.id and r.reader_id is not None for r in records)
    assert set(ConsentRecord.__table__.columns.keys()) == {
        "id", "site_id", "reader_id", "created_at", "policy_version", "action",
        "granted", "refused", "gpc",
    }  # fmt: skip


def test_with_gpc_every_optional_category_is_off_unless_turned_on(client, token):
    response = decide(client, token, {}, headers={"Sec-GPC": "1"})
    assert response.json["gpc"] is True
    assert response.json["refused"] == OPTIONAL

    turned_on = decide(client, token, {"analytics": True}, headers={"Sec-GPC": "1"})
    assert turned_on.json["granted"] == ["necessary", "analytics"]
    assert turned_on.json["gpc"] is True
    assert [r.gpc for r in log()] == [True, True]


def test_gpc_reported_by_the_page_counts_like_the_header(client, token):
    response = decide(client, token, {"marketing": False}, gpc=True)
    assert response.json["gpc"] is True
    assert response.json["action"] == "reject_all"


def test_a_stale_policy_version_is_a_409_and_records_nothing(client, token):
    response = decide(client, token, {"analytics": True}, policy_version="2025-01")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "policy_outdated"
    assert "2026-11" in response.json["error"]["message"]
    assert log() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"policy_version": "2026-11", "choices": {"tracking": True}}, "choices"),
        ({"policy_version": "2026-11", "choices": {"necessary": False}}, "choices"),
        ({"policy_version": "2026-11", "choices": {"analytics": "yes"}}, "choices"),
        ({"policy_version": "2026-11", "choices": {"analytics": 1}}, "choices"),
        ({"policy_version": "2026-11", "choices": []}, "choices"),
        ({"policy_version": "2026-11"}, "choices"),
        ({"choices": {}}, "policy_version"),
        ({"policy_version": "", "choices": {}}, "policy_version"),
        ({"policy_version": "2026-11", "choices": {}, "gpc": "1"}, "gpc"),
        ({"policy_version": "2026-11", "choices": {}, "ip": "192.0.2.1"}, "ip"),
    ],
)
def test_bad_decisions_are_422s_and_record_nothing(client, token, body, field):
    response = client.put(URL, json=body, headers=bearer(token))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert log() == []


def test_json_only(client, token):
    response = client.put(URL, data="choices", headers=bearer(token))
    assert response.status_code == 415


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer forged"}])
def test_without_a_valid_token_it_is_a_401(client, site, headers):
    response = client.put(URL, json={"policy_version": "2026-11", "choices": {}}, headers=headers)
    assert response.status_code == 401


def test_another_sites_origin_may_not_record_with_the_token(client, token):
    make_site("other", origins=("https://other.example",))
    response = decide(client, token, {}, headers={"Origin": "https://other.example"})
    assert response.status_code == 403
    assert response.json["error"]["code"] == "origin_not_allowed"
    assert log() == []


def test_the_public_config_carries_the_consent_and_panel_settings(client, site):
    site.panel_position = "top-left"
    site.target_selector = "#story"
    db.session.commit()
    body = client.get("/api/v1/sites/news/config").json
    assert body["consent"] == {
        "policy_version": "2026-11",
        "categories": [{**c, "required": c["key"] == "necessary"} for c in CATEGORIES],
    }
    assert body["panel"] == {"position": "top-left", "target": "#story"}


def test_the_openapi_document_lists_the_readers_own_endpoints(client, app):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert set(paths["/readers/me"]) == {"get", "delete"}
    assert set(paths["/readers/me/preferences"]) == {"get", "put"}
    assert paths["/readers/me/consent"]["put"]["summary"].startswith("Record the reader's consent")
