"""Hashes that let us recognise a client or a token without storing it."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from datetime import UTC, datetime

TOKEN_BYTES = 32  # 256 bits of entropy for every issued token


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough and stays indexable."""
    return hashlib.sha256(token.encode()).hexdigest()


def anonymize_ip(address: str) -> str:
    """Blank the host part (IPv4 /24, IPv6 /48) before anything else sees the address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


# How often the salt of IP hashes changes: hashes from different periods cannot be joined.
SALT_PERIODS = {"hourly": "%Y-%m-%dT%H", "daily": "%Y-%m-%d", "weekly": "%G-W%V"}


def hash_ip(address: str, secret: str, rotation: str = "daily", now: datetime | None = None) -> str:
    """Salted hash of the anonymised address; the salt changes every ``rotation`` period."""
    period = (now or datetime.now(UTC)).strftime(SALT_PERIODS[rotation])
    message = f"{period}|{anonymize_ip(address)}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def hash_identity(value: str, secret: str) -> str:
    """Stable keyed hash for avatars: unlike a bare email hash, it cannot be looked up."""
    return hmac.new(secret.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()
