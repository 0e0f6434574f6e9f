"""The OpenAPI document is valid OpenAPI, and the API keeps to it under generated requests."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.database_state import fingerprint
from tests.factories import bearer, make_comment, make_reader, make_site, make_token
from widget.models import Role

# Bounded so the whole run stays well under a minute on a small machine.
EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Input outside the document gets a clear error, not necessarily a documented status.
NEGATIVE_CHECKS = [not_a_server_error, content_type_conformance]


def test_the_document_is_valid_openapi(client, app):
    validate(client.get("/api/v1/openapi.json").json)


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("patch", "/api/v1/comments/2147483648", {"body": "x"}, 404),
        ("delete", "/api/v1/comments/99999999999999999999", None, 404),
        ("put", "/api/v1/comments/0/vote", {"value": 1}, 404),
        (
            "post",
            "/api/v1/comments",
            {"site": "demo", "page": "p", "body": "x", "parent_id": 2**63},
            422,
        ),
    ],
)
def test_ids_beyond_the_database_range_are_client_errors(client, app, method, url, body, status):
    """Found by the generated requests: these were 500s (an integer overflow in the driver)."""
    make_site("demo")
    response = getattr(client, method)(url, json=body)
    assert response.status_code == status
    assert response.json["error"]["status"] == status


def operations(app):
    return [
        result.ok()
        for result in schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", app
        ).get_all_operations()
    ]


def credentials(operation, admin: str, reader: str) -> dict:
    """The token an operation's audience holds: a valid admin or reader token."""
    security = {name for scheme in operation.definition.raw.get("security", []) for name in scheme}
    if "adminToken" in security:
        return bearer(admin)
    return bearer(reader) if "readerToken" in security else {}


@pytest.mark.parametrize(
    ("mode", "authenticated"),
    [
        (GenerationMode.POSITIVE, False),
        (GenerationMode.POSITIVE, True),
        (GenerationMode.NEGATIVE, True),
    ],
    ids=["anonymous", "with-tokens", "invalid-input"],
)
def test_every_operation_keeps_to_the_document(app, mode, authenticated):
    """Generated requests for each operation, against the app in-process through WSGI.

    Anonymous, then with a valid token for each operation's audience (admin or reader), so that
    the generated input reaches the views; then with input that breaks the document (wrong
    types, missing and unknown fields...), which must be a JSON 4xx that stores nothing.
    Driven through Hypothesis directly: schemathesis's pytest plugin does not run on pytest 9.
    """
    site = make_site("demo")
    parent = make_comment(site, page="harbour-bridge")
    make_comment(site, page="harbour-bridge", parent=parent)
    admin, reader = make_token(Role.ADMIN, name="Fuzz"), make_reader(site)
    for operation in operations(app):
        fuzz(operation, mode, credentials(operation, admin, reader) if authenticated else {})


def media_types(operation, status: int) -> set[str]:
    """JSON, and whatever else the document declares for that status (a CSV download)."""
    declared = operation.definition.raw["responses"].get(str(status), {}).get("content", {})
    return {"application/json", *declared}


def fuzz(operation, mode: GenerationMode, headers: dict) -> None:
    negative = mode == GenerationMode.NEGATIVE

    @given(case=operation.as_strategy(mode))
    @settings(
        # Each invalid request also fingerprints the database twice: fewer of them.
        max_examples=EXAMPLES_PER_OPERATION // 2 if negative else EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def keeps_to_the_document(case):
        before = fingerprint() if negative else None
        response = case.call_and_validate(
            headers=headers, checks=NEGATIVE_CHECKS if negative else CHECKS
        )
        if response.status_code != 204:
            media_type = response.headers["content-type"][0].split(";")[0]
            assert media_type in media_types(operation, response.status_code)
        if negative and response.status_code >= 400:
            assert fingerprint() == before, f"a refused {case.method} {case.path} stored"

    try:
        keeps_to_the_document()
    except Unsatisfiable:
        # Invalid input cannot be generated when every value is valid (a free-form path slug).
        if not negative:
            raise
