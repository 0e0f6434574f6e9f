"""The OpenAPI 3 document, generated from the same marshmallow schemas the views use.

Each view module declares a ``PATHS`` mapping next to its views with the helpers below.
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from widget import limits
from widget.schemas.common import ErrorSchema

API_PREFIX = "/api/v1"
READER_AUTH = [{"readerToken": []}]
OPTIONAL_READER_AUTH = [{"readerToken": []}, {}]
ADMIN_AUTH = [{"adminToken": []}]


def json_body(schema) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def ok(status: int, schema, description: str = "Success") -> dict:
    return {str(status): {"description": description, **json_body(schema)}}


def download(status: int, media_type: str, description: str) -> dict:
    """A file sent as an attachment, in ``media_type`` rather than JSON."""
    return {
        str(status): {
            "description": description,
            "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
            "content": {media_type: {"schema": {"type": "string"}}},
        }
    }


def errors(*statuses: int) -> dict:
    return {str(s): {"description": "Error", **json_body(ErrorSchema)} for s in statuses}


def path_param(name: str, type_: str = "integer") -> dict:
    schema = {"type": type_}
    if type_ == "integer":
        schema.update(minimum=1, maximum=limits.ID_MAX)
    return {"in": "path", "name": name, "required": True, "schema": schema}


def header_param(name: str, max_length: int) -> dict:
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    return {"in": "header", "name": name, "required": False, "schema": schema}


def operation(
    view, responses: dict, *, query=None, body=None, path=None, header=None, auth=None
) -> dict:
    """Describe ``view``: its docstring's first line is the summary."""
    described: dict = {"summary": view.__doc__.strip().splitlines()[0], "responses": responses}
    parameters = []
    if query is not None:
        parameters.append({"in": "query", "schema": query})
    parameters += [p for p in (path, header) if p is not None]
    if parameters:
        described["parameters"] = parameters
    if body is not None:
        described["requestBody"] = {"required": True, **json_body(body)}
    if auth is not None:
        described["security"] = auth
    return described


def build_spec(paths: dict) -> dict:
    spec = APISpec(
        title="widget",
        version="1",
        openapi_version="3.0.3",
        info={"description": "Comments and reading preferences for news publishers."},
        servers=[{"url": API_PREFIX}],
        plugins=[MarshmallowPlugin()],
    )
    spec.components.security_scheme("readerToken", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme(
        "adminToken",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `widget tokens create`, for the /admin paths.",
        },
    )

    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()
