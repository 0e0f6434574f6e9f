"""The OpenAPI document covers every API route and comes from the schemas."""

from __future__ import annotations

import re


def openapi_paths(rule: str) -> list[str]:
    """Werkzeug's rule in OpenAPI's spelling; an ``any(a, b)`` part gives one path per choice."""
    choice = re.search(r"<any\(([^)]*)\):\w+>", rule)
    if choice:
        return [
            path
            for option in choice.group(1).split(",")
            for path in openapi_paths(rule.replace(choice.group(0), option.strip()))
        ]
    return [re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)]


def test_every_api_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    documented = {
        (path, method.upper())
        for path, operations in spec["paths"].items()
        for method in operations
    }
    routes = {
        (path, method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for path in openapi_paths(rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented


def test_request_bodies_come_from_the_schemas(client):
    spec = client.get("/api/v1/openapi.json").json
    create = spec["components"]["schemas"]["CommentCreate"]
    assert create["properties"]["body"]["maxLength"] == 20000
    assert create["properties"]["author_name"]["maxLength"] == 80
    assert "body" in create["required"]
