"""What stands in for an address or a token is not the address or the token."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from widget.services.privacy import anonymize_ip, hash_identity, hash_ip, hash_token, new_token


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::"),
        ("not an ip", "unknown"),
    ],
)
def test_anonymize_ip(address, expected):
    assert anonymize_ip(address) == expected


def test_ip_hashes_rotate_daily_and_hide_the_address():
    monday = datetime(2026, 11, 23, 10, tzinfo=UTC)
    tuesday = datetime(2026, 11, 24, 10, tzinfo=UTC)
    first = hash_ip("203.0.113.77", "secret", monday)
    assert first == hash_ip("203.0.113.1", "secret", monday)  # same /24, same day
    assert first != hash_ip("203.0.113.77", "secret", tuesday)
    assert first != hash_ip("203.0.113.77", "other-secret", monday)
    assert "203" not in first


def test_tokens_are_long_random_and_hashed():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)
    token = tokens.pop()
    assert len(hash_token(token)) == 64 and token not in hash_token(token)


def test_identity_hashes_are_keyed_and_case_insensitive():
    assert hash_identity("Ann@Example.org", "k") == hash_identity(" ann@example.org", "k")
    assert hash_identity("ann@example.org", "k") != hash_identity("ann@example.org", "other")
