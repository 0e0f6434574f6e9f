"""Settings read once from ``WIDGET_*`` environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from widget.services.privacy import SALT_PERIODS

PREFIX = "WIDGET_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = PROJECT_ROOT / "static"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(PREFIX + name, default)


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return default if value is None else int(value)


def _env_choice(name: str, default: str, choices) -> str:
    value = _env(name, default)
    if value not in choices:
        raise ValueError(f"{PREFIX}{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _env_float(name: str, default: float) -> float:
    value = _env(name)
    return default if value is None else float(value)


def _env_list(name: str) -> list[str]:
    """A comma-separated list; blanks dropped."""
    return [item.strip() for item in (_env(name) or "").split(",") if item.strip()]


def load_config(instance_path: str) -> dict:
    """Return Flask settings built from the environment, with embedded defaults.

    The default database is SQLite in the instance folder so that a newcomer needs no server.
    """
    sqlite_path = Path(instance_path) / "widget.sqlite3"
    return {
        "SECRET_KEY": _env("SECRET_KEY", "dev-only-secret-change-me"),
        "SQLALCHEMY_DATABASE_URI": normalize_database_url(
            _env("DATABASE_URL", f"sqlite:///{sqlite_path}")
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "pool_size": _env_int("DB_POOL_SIZE", 5),
            "max_overflow": _env_int("DB_MAX_OVERFLOW", 10),
            # Waiting long for a connection only piles requests up; fail fast and say so.
            "pool_timeout": _env_int("DB_POOL_TIMEOUT", 5),
            "pool_recycle": 1800,
        },
        "MAX_CONTENT_LENGTH": _env_int("MAX_REQUEST_BYTES", 64 * 1024),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_KEY_PREFIX": _env("RATELIMIT_KEY_PREFIX", "widget"),
        "WIDGET_RATELIMIT_COMMENTS_PER_IP": _env("RATELIMIT_COMMENTS_PER_IP", "5/minute;50/day"),
        "WIDGET_RATELIMIT_COMMENTS_PER_READER": _env(
            "RATELIMIT_COMMENTS_PER_READER", "5/minute;50/day"
        ),
        "WIDGET_RATELIMIT_WRITES": _env("RATELIMIT_WRITES", "60/minute;1000/day"),
        "WIDGET_RATELIMIT_READS": _env("RATELIMIT_READS", "600/minute"),
        # Generous: a moderator never meets it, a leaked token or a runaway script does.
        "WIDGET_RATELIMIT_ADMIN": _env("RATELIMIT_ADMIN", "600/minute"),
        "WIDGET_TRUSTED_PROXIES": _env_int("TRUSTED_PROXIES", 0),
        # Where the service is reached, for links that leave it (emails, spam checkers).
        "WIDGET_PUBLIC_URL": _env("PUBLIC_URL"),
        "WIDGET_IP_SALT_ROTATION": _env_choice("IP_SALT_ROTATION", "daily", SALT_PERIODS),
        "WIDGET_IP_HASH_RETENTION_DAYS": _env_int("IP_HASH_RETENTION_DAYS", 30),
        "WIDGET_EMAIL_RETENTION_DAYS": _env_int("EMAIL_RETENTION_DAYS", 180),
        "WIDGET_DELIVERY_RETENTION_DAYS": _env_int("DELIVERY_RETENTION_DAYS", 30),
        # Serialised threads, keyed by thread version: in-process by default, Redis to share.
        "CACHE_TYPE": "RedisCache" if _env("CACHE_REDIS_URL") else "SimpleCache",
        "CACHE_REDIS_URL": _env("CACHE_REDIS_URL"),
        "CACHE_DEFAULT_TIMEOUT": _env_int("CACHE_TIMEOUT", 3600),
        "CACHE_THRESHOLD": _env_int("CACHE_THRESHOLD", 2000),
        "CACHE_KEY_PREFIX": "widget:",
        # Browsers revalidate every read (cheap 304s); shared caches may serve a read for
        # this many seconds, and a stale one while they refetch.
        "WIDGET_SHARED_MAX_AGE": _env_int("SHARED_MAX_AGE", 10),
        "WIDGET_STALE_WHILE_REVALIDATE": _env_int("STALE_WHILE_REVALIDATE", 30),
        # Spam rules: a form posted sooner than this after it was shown is held as spam.
        "WIDGET_SPAM_MIN_SECONDS": _env_float("SPAM_MIN_SECONDS", 3.0),
        # The same body from the same reader or IP hash within this many seconds is spam.
        "WIDGET_SPAM_DUPLICATE_WINDOW": _env_int("SPAM_DUPLICATE_WINDOW", 24 * 3600),
        # An Akismet-compatible comment-check endpoint; unset, no comment leaves the server.
        "WIDGET_SPAM_CHECK_URL": _env("SPAM_CHECK_URL"),
        "WIDGET_SPAM_CHECK_KEY": _env("SPAM_CHECK_KEY"),
        "WIDGET_SPAM_CHECK_TIMEOUT": _env_float("SPAM_CHECK_TIMEOUT", 2.0),
        # Notifications: see "Notifications" in the README.
        "WIDGET_DELIVERY_WORKER": _env_choice("DELIVERY_WORKER", "thread", ("thread", "off")),
        "WIDGET_DELIVERY_POLL_SECONDS": _env_float("DELIVERY_POLL_SECONDS", 5.0),
        "WIDGET_DELIVERY_TIMEOUT_SECONDS": _env_float("DELIVERY_TIMEOUT_SECONDS", 5.0),
        "WIDGET_DELIVERY_MAX_ATTEMPTS": _env_int("DELIVERY_MAX_ATTEMPTS", 8),
        "WIDGET_DELIVERY_BACKOFF_SECONDS": _env_float("DELIVERY_BACKOFF_SECONDS", 30.0),
        "WIDGET_SMTP_HOST": _env("SMTP_HOST"),
        "WIDGET_SMTP_PORT": _env_int("SMTP_PORT", 25),
        "WIDGET_SMTP_USERNAME": _env("SMTP_USERNAME"),
        "WIDGET_SMTP_PASSWORD": _env("SMTP_PASSWORD"),
        "WIDGET_SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", False),
        "WIDGET_SMTP_FROM": _env("SMTP_FROM", "widget@localhost"),
        "WIDGET_MODERATOR_EMAILS": _env_list("MODERATOR_EMAILS"),
    }


def normalize_database_url(url: str) -> str:
    """Point plain ``postgresql://`` URLs at psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
