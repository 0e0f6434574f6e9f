"""GET /api/v1/admin/sites/<slug>/consent.csv: the consent log, as ``widget consent export``."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.test_api_conformance import CHECKS, operations
from tests.conftest import make_app
from tests.factories import bearer, make_reader, make_site, make_token
from widget.extensions import db
from widget.models import Role
from widget.services import consent, readers

URL = "/api/v1/admin/sites/news/consent.csv"
HEADER = "id,created_at,reader,policy_version,action,granted,refused,gpc"
CATEGORIES = [
    {"key": "necessary", "label": "Necessary", "purpose": "Keeps the site working."},
    {"key": "analytics", "label": "Analytics", "purpose": "Counts visits."},
    {"key": "marketing", "label": "Marketing", "purpose": "Shows offers."},
]


@pytest.fixture
def site(app):
    return make_site("news", consent_categories=CATEGORIES, policy_version="2026-11")


def decide(client, token: str, choices: dict, policy: str = "2026-11", **headers) -> dict:
    body = {"policy_version": policy, "choices": choices}
    response = client.put(
        "/api/v1/readers/me/consent", json=body, headers={**bearer(token), **headers}
    )
    assert response.status_code == 200, response.json
    return response.json


def reader_id(site, token: str) -> int:
    return readers.authenticate_reader(site, token, required=True).id


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_log_is_the_csv_the_command_writes(client, runner, site, other_site, mod):
    ann, bo = make_reader(site), make_reader(site)
    ann_id = reader_id(site, ann)
    accepted = decide(client, ann, {"analytics": True, "marketing": True})
    refused = decide(client, ann, {}, **{"Sec-GPC": "1"})
    custom = decide(client, bo, {"marketing": True})
    # Bo is erased: the record stays, unlinked.
    erased = client.delete("/api/v1/readers/me?comments=delete", headers=bearer(bo))
    assert erased.status_code == 204
    decide(client, make_reader(other_site), {}, policy="1")

    response = client.get(URL, headers=mod)

    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="consent-news.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    assert rows(response) == [
        HEADER.split(","),
        [str(accepted["id"]), accepted["created_at"], str(ann_id), "2026-11", "accept_all",
         "necessary analytics marketing", "", "false"],
        [str(refused["id"]), refused["created_at"], str(ann_id), "2026-11", "reject_all",
         "necessary", "analytics marketing", "true"],
        [str(custom["id"]), custom["created_at"], "", "2026-11", "custom",
         "necessary marketing", "analytics", "false"],
    ]  # fmt: skip
    command = runner.invoke(args=["consent", "export", "--site", "news"])
    assert command.exit_code == 0, command.output
    assert response.get_data() == command.stdout_bytes


def test_an_empty_log_is_the_header_alone(client, site, admin):
    response = client.get(URL, headers=admin)
    assert response.status_code == 200
    assert response.get_data() == HEADER.encode() + b"\r\n"


def test_an_admin_of_the_site_downloads_it(client, site):
    response = client.get(URL, headers=bearer(make_token(Role.ADMIN, site, name="Sam")))
    assert response.status_code == 200
    assert rows(response) == [HEADER.split(",")]


def test_the_download_keeps_to_the_openapi_document(app, client, site, admin):
    spec = client.get("/api/v1/openapi.json").json
    documented = spec["paths"]["/admin/sites/{slug}/consent.csv"]["get"]["responses"]
    assert set(documented["200"]["content"]) == {"text/csv"}
    assert set(documented) == {"200", "401", "403", "404"}
    (export,) = [op for op in operations(app) if op.path.endswith("/consent.csv")]
    case = export.Case(path_parameters={"slug": "news"})
    response = case.call_and_validate(headers=admin, checks=CHECKS)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("headers", "url", "status", "code"),
    [
        (None, URL, 401, "token_required"),
        ({"Authorization": "Bearer nope"}, URL, 401, "invalid_token"),
        ("other_mod", URL, 403, "site_forbidden"),
        ("admin", "/api/v1/admin/sites/nope/consent.csv", 404, "site_not_found"),
    ],
)
def test_refusals_are_json_errors(request, client, site, headers, url, status, code):
    if isinstance(headers, str):
        headers = request.getfixturevalue(headers)
    response = client.get(url, headers=headers)
    assert response.status_code == status
    assert response.is_json
    assert response.json["error"]["code"] == code
    assert "Content-Disposition" not in response.headers


def test_a_long_log_streams_in_batches_in_a_session_of_its_own(
    client, site, mod, migrated_database, monkeypatch
):
    monkeypatch.setattr(consent, "CSV_BATCH", 2)
    token = make_reader(site)
    for _ in range(5):
        decide(client, token, {"analytics": True})
    # An app with no context pushed by the test: each request brings its own, as in production.
    served = make_app(migrated_database)
    ended: list[BaseException | None] = []
    served.teardown_appcontext(ended.append)

    response = served.test_client().get(URL, headers=mod, buffered=False)
    assert response.status_code == 200
    assert ended == [None]  # the view's session is gone before the body is read
    chunks = list(response.response)
    response.close()

    assert ended == [None, None]  # and the stream's own session ended after the last chunk
    assert len(chunks) == 3  # the header and five records, two rows a chunk
    lines = b"".join(chunks).decode().splitlines()
    assert lines[0] == HEADER and len(lines) == 6
    with served.app_context():
        db.engine.dispose()
