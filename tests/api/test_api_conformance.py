"""The OpenAPI document is valid OpenAPI, and the API keeps to it under generated requests."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_comment, make_site

# Bounded so the whole run stays well under a minute on a small machine.
EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


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


def test_every_operation_keeps_to_the_document(app):
    """Generated requests for each operation, against the app in-process through WSGI.

    Driven through Hypothesis directly: schemathesis's pytest plugin does not run on pytest 9.
    """
    site = make_site("demo")
    parent = make_comment(site, page="harbour-bridge")
    make_comment(site, page="harbour-bridge", parent=parent)
    for operation in operations(app):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def keeps_to_the_document(case):
            case.call_and_validate(checks=CHECKS)

        keeps_to_the_document()
