"""Loading requests and dumping responses through schemas, the same way in every view."""

from __future__ import annotations

from functools import cache

from flask import Response, jsonify, request
from marshmallow import Schema, fields
from werkzeug.exceptions import BadRequest

from widget import limits
from widget.errors import InvalidInput


@cache
def _shared(schema_class: type[Schema]) -> Schema:
    return schema_class()


def schema(schema: Schema | type[Schema]) -> Schema:
    """One instance per schema class, built once: schemas hold no request state."""
    return _shared(schema) if isinstance(schema, type) else schema


def load_json(schema_: Schema | type[Schema]) -> dict:
    """Load a JSON body: 415 unless it is JSON, 400 unless it parses, 422 unless it validates."""
    try:
        data = request.get_json()
    except RecursionError as error:
        raise BadRequest("The JSON body is nested too deeply.") from error
    return schema(schema_).load(data)


def load_args(schema_: Schema | type[Schema]) -> dict:
    """Load query arguments; fields declared as lists take every repeated value."""
    loader = schema(schema_)
    data = {
        name: request.args.getlist(name)
        if isinstance(loader.fields.get(name), fields.List)
        else request.args.get(name)
        for name in request.args
    }
    return loader.load(data)


def dump(
    schema_: Schema | type[Schema], obj, status: int = 200, headers: dict | None = None
) -> Response:
    response = jsonify(schema(schema_).dump(obj))
    response.status_code = status
    if headers:
        response.headers.update(headers)
    return response


def idempotency_key() -> str | None:
    """The client's ``Idempotency-Key`` header: any printable token up to 200 characters."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key or len(key) > limits.IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise InvalidInput("Idempotency-Key", "Use 1 to 200 printable characters.")
    return key
