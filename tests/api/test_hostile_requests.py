"""Hostile requests on every API route: a clear JSON 4xx, never a 500, and nothing stored changes.

Every operation of the OpenAPI document (public and admin) is called with a valid token for its
audience, so that each request gets past authentication to the part that reads the body.
"""

from __future__ import annotations

import json

import pytest

from tests.database_state import fingerprint
from tests.factories import bearer, make_comment, make_reader, make_site, make_token
from widget.api.openapi import API_PREFIX
from widget.models import Role

LONG = "x" * 16_000
BODY_METHODS = {"post", "put", "patch", "delete"}
# What each kind of request body does wrong, as keyword arguments of the test client.
BAD_BODIES = {
    "not utf-8": {"data": b'{"body": "\xff\xfe\xfa"}', "content_type": "application/json"},
    "latin-1 charset": {
        "data": '{"body": "caf\xe9"}'.encode("latin-1"),
        "content_type": "application/json; charset=latin-1",
    },
    "text/plain": {"data": '{"body": "x"}', "content_type": "text/plain"},
    "form": {"data": {"body": "x"}, "content_type": "application/x-www-form-urlencoded"},
    "no content type": {"data": b'{"body": "x"}'},
    "malformed json": {"data": '{"body": ', "content_type": "application/json"},
    "json null": {"data": "null", "content_type": "application/json"},
    "json list": {"data": "[1, 2]", "content_type": "application/json"},
    "json string": {"data": '"body"', "content_type": "application/json"},
    "deeply nested": {"data": "[" * 50_000 + "]" * 50_000, "content_type": "application/json"},
    "deeply nested object": {
        "data": '{"a":' * 20_000 + "1" + "}" * 20_000,
        "content_type": "application/json",
    },
    "huge": {"data": json.dumps({"body": "x" * 200_000}), "content_type": "application/json"},
    "unknown field": {"json": {"surely_not_a_field": 1}},
    "nan": {"data": '{"value": NaN, "font_scale": Infinity}', "content_type": "application/json"},
    "huge number": {"data": '{"value": 1' + "0" * 5000 + "}", "content_type": "application/json"},
    "duplicate keys": {"data": '{"body": 1, "body": 2}', "content_type": "application/json"},
}
ABSURD_HEADERS = {
    "long authorization": {"Authorization": "Bearer " + LONG},
    "garbage authorization": {"Authorization": "Bearer \x7f\x01 \t ;;"},
    "basic authorization": {"Authorization": "Basic " + LONG},
    "long idempotency key": {"Idempotency-Key": LONG},
    "unprintable idempotency key": {"Idempotency-Key": "a\x01b"},
    "long if-none-match": {"If-None-Match": '"' + LONG + '"'},
    "garbage if-none-match": {"If-None-Match": 'W/"a", *, "'},
    "long origin": {"Origin": "https://" + LONG},
    "garbage origin": {"Origin": "null\x7f://\\\\"},
    "long x-forwarded-for": {"X-Forwarded-For": ", ".join(["203.0.113.9"] * 2000)},
    "garbage x-forwarded-for": {"X-Forwarded-For": "not-an-ip, ::ffff:999.1.1.1, \x7f"},
    "long sec-gpc": {"Sec-GPC": LONG},
}
# Values of the wrong JSON type for each type the document declares.
WRONG_TYPES = {
    "string": [1, True, [], {}],
    "integer": ["1", 1.5, True, [], {}],
    "number": ["1", True, [], {}],
    "boolean": ["true", 1, [], {}],
    "array": ["x", 1, {}],
    "object": ["x", 1, []],
}


@pytest.fixture
def world(app, client):
    """A site with a thread, a comment of a reader, a ban, and tokens for both audiences."""
    site = make_site("news", origins=("https://news.example",))
    reader = make_reader(site)
    comment = make_comment(site, token=reader)
    admin = make_token(Role.ADMIN, name="Ops")
    ban = client.post(
        f"{API_PREFIX}/admin/bans",
        json={"site": "news", "email": "x@example.org"},
        headers=bearer(admin),
    ).json
    spec = client.get(f"{API_PREFIX}/openapi.json").json
    ids = {"comment_id": comment.id, "thread_id": comment.thread_id, "ban_id": ban["id"]}
    return {"spec": spec, "ids": ids, "reader": reader, "admin": admin}


def operations(world) -> list[tuple[str, str, dict]]:
    """Every (method, concrete path, operation) of the document, with real ids filled in."""
    found = []
    for template, methods in world["spec"]["paths"].items():
        path = template
        for name, value in {**world["ids"], "slug": "news", "site": "news"}.items():
            path = path.replace(f"{{{name}}}", str(value))
        assert "{" not in path, template
        for method, operation in methods.items():
            found.append((method, API_PREFIX + path, operation))
    return found


def token_for(world, path: str) -> dict:
    return bearer(world["admin"] if path.startswith(f"{API_PREFIX}/admin") else world["reader"])


def in_documented_media_type(response, operation: dict) -> bool:
    """JSON, or what the document declares for that status (the consent log is a CSV file)."""
    declared = operation["responses"].get(str(response.status_code), {}).get("content", {})
    return response.is_json or response.mimetype in declared


def assert_refused_cleanly(response, before: str, what: str) -> None:
    assert 400 <= response.status_code < 500, (what, response.status_code, response.data[:300])
    assert response.is_json, what
    error = response.json["error"]
    assert error["status"] == response.status_code and error["code"] and error["message"], what
    assert fingerprint() == before, f"{what} changed what is stored"


def test_every_operation_is_covered(world):
    methods = {(m, p) for m, p, _ in operations(world)}
    assert len(methods) >= 30
    assert any(p.startswith(f"{API_PREFIX}/admin") for _, p in methods)


def test_bad_bodies_are_refused_on_every_route(client, world):
    for method, path, _ in operations(world):
        if method not in BODY_METHODS:
            continue
        for name, request in BAD_BODIES.items():
            before = fingerprint()
            response = client.open(path, method=method, headers=token_for(world, path), **request)
            what = f"{method.upper()} {path} with a {name} body"
            if response.status_code < 400:
                # Routes that take no body (decisions, erasure) may ignore one, unless too big.
                assert "requestBody" not in dict(operations_by_key(world))[(method, path)], what
                assert name != "huge", what
                continue
            assert_refused_cleanly(response, before, what)


def operations_by_key(world):
    return (((method, path), operation) for method, path, operation in operations(world))


@pytest.mark.parametrize("header", ABSURD_HEADERS)
def test_absurd_headers_never_break_a_route(client, world, header):
    for method, path, operation in operations(world):
        if method == "delete":
            continue  # would succeed where the header is harmless, and change the world
        headers = {**token_for(world, path), **ABSURD_HEADERS[header]}
        before = fingerprint()
        body = {} if "requestBody" in operation else None
        response = client.open(path, method=method, headers=headers, json=body)
        what = f"{method.upper()} {path} with {header}"
        assert response.status_code < 500, (what, response.data[:300])
        assert in_documented_media_type(response, operation), what
        if response.status_code >= 400:
            assert_refused_cleanly(response, before, what)


def _schema(spec: dict, schema: dict) -> dict:
    ref = schema.get("$ref")
    return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else schema


def wrong_type_cases(world):
    """(method, path, field, value) for every field of every request body, wrongly typed."""
    spec = world["spec"]
    for method, path, operation in operations(world):
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is None:
            continue
        for field, declared in _schema(spec, body["schema"]).get("properties", {}).items():
            declared = _schema(spec, declared)
            values = list(WRONG_TYPES.get(declared.get("type"), [[], {}]))
            if not declared.get("nullable"):
                values.append(None)
            for value in values:
                yield method, path, field, value


def test_wrong_types_in_every_field_are_422s_naming_the_field(client, world):
    cases = list(wrong_type_cases(world))
    assert len(cases) >= 150
    for method, path, field, value in cases:
        before = fingerprint()
        response = client.open(
            path, method=method, headers=token_for(world, path), json={field: value}
        )
        what = f"{method.upper()} {path} with {field}={value!r}"
        assert_refused_cleanly(response, before, what)
        assert response.status_code == 422, what
        assert field in response.json["error"]["fields"], (what, response.json)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/v1/counts?site=a%00b&page=p", None),
        ("get", "/api/v1/comments?site=a%00b&page=p", None),
        ("get", "/api/v1/sites/a%00b/config", None),
        ("get", "/feeds/a%00b.atom", None),
        ("post", "/api/v1/comments", {"site": "a\x00b", "page": "p", "body": "x"}),
    ],
)
def test_a_nul_in_a_site_slug_is_a_404(client, app, method, path, body):
    """Found by fuzzing on PostgreSQL, which refuses NUL in text: these were 500s."""
    make_site("news")
    response = getattr(client, method)(path, json=body)
    assert response.status_code == 404
