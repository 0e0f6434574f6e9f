"""The OpenAPI document lists the admin API beside the public one."""

from __future__ import annotations

import re

from widget.api.admin import bp as admin_bp

CHOICE = re.compile(r"<any\(([^)]*)\):\w+>")
VARIABLE = re.compile(r"<(?:\w+:)?(\w+)>")


def documented_paths(rule: str) -> list[str]:
    """OpenAPI spellings of a Flask rule, one per choice of an ``any(...)`` converter."""
    match = CHOICE.search(rule)
    choices = [c.strip() for c in match.group(1).split(",")] if match else [None]
    spelled = [CHOICE.sub(c, rule) if c else rule for c in choices]
    return [VARIABLE.sub(r"{\1}", path).removeprefix("/api/v1") for path in spelled]


def test_every_admin_route_is_documented_with_the_bearer_scheme(client, app):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["components"]["securitySchemes"]["adminToken"]["scheme"] == "bearer"
    routes = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(admin_bp.name + ".")]
    assert routes
    for rule in routes:
        for path in documented_paths(rule.rule):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                operation = spec["paths"][path][method.lower()]
                assert operation["security"] == [{"adminToken": []}]
                assert operation["summary"]


def test_the_flag_endpoint_is_documented(client, app):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["paths"]["/comments/{comment_id}/flags"]["post"]["security"] == [
        {"readerToken": []}
    ]
