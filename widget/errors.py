"""Domain errors and the one JSON envelope for every failure under ``/api``."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from marshmallow import ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException

from widget.database import discard_transaction

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


DATABASE_RETRY_AFTER_SECONDS = 2


class DomainError(Exception):
    """A failure a client can act on; services raise these, never ``abort()``."""

    status = 400

    def __init__(self, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields


class Unauthorized(DomainError):
    status = 401


class Forbidden(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class InvalidImport(DomainError):
    """A file to import or restore that cannot be read; nothing from it is kept."""

    status = 422

    def __init__(self, message: str):
        super().__init__("invalid_import", message)


class InvalidInput(DomainError):
    """Input that is well-formed but breaks a rule only the service can check."""

    status = 422

    def __init__(self, field: str, message: str):
        super().__init__("validation_failed", "The request has invalid fields.", {field: [message]})


class DeliveryError(Exception):
    """A notification that could not be sent this time; the delivery worker retries it."""

    def __init__(self, message: str, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def error_response(
    status: int, code: str, message: str, fields: dict | None = None
) -> tuple[Response, int]:
    error = {"status": status, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    return jsonify(error=error), status


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        return error_response(error.status, error.code, error.message, error.fields)

    @app.errorhandler(ValidationError)
    def handle_validation_error(error: ValidationError):
        messages = (
            error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        )
        return error_response(422, "validation_failed", "The request has invalid fields.", messages)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        if not _wants_json():
            return error
        status = error.code or 500
        message = error.description or ""
        if status == 429:
            message = f"Too many requests (limit: {message}). Try again later."
        response, status = error_response(status, HTTP_CODES.get(status, "error"), message)
        # Keep what the exception carries: Allow on 405, Retry-After on 429.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeoutError)
    def handle_database_unavailable(error: Exception):
        # The database is down or saturated: nothing was stored, and the client may retry.
        discard_transaction()
        app.logger.warning("database unavailable: %s", type(error).__name__)
        response, status = error_response(
            503, "unavailable", "The service is briefly unavailable. Please try again."
        )
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response, status

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        discard_transaction()
        app.logger.exception("unhandled error")
        if not _wants_json():
            return "Internal Server Error", 500
        return error_response(500, "internal_error", "Something went wrong on our side.")
