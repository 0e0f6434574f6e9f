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


MONDAY = datetime(2026, 11, 23, 10, tzinfo=UTC)


def test_ip_hashes_rotate_daily_by_default_and_hide_the_address():
    tuesday = datetime(2026, 11, 24, 10, tzinfo=UTC)
    first = hash_ip("203.0.113.77", "secret", now=MONDAY)
    assert first == hash_ip("203.0.113.1", "secret", now=MONDAY)  # same /24, same day
    assert first != hash_ip("203.0.113.77", "secret", now=tuesday)
    assert first != hash_ip("203.0.113.77", "other-secret", now=MONDAY)
    assert "203" not in first


@pytest.mark.parametrize(
    ("rotation", "same_period", "next_period"),
    [
        ("hourly", MONDAY.replace(minute=59), MONDAY.replace(hour=11)),
        ("daily", MONDAY.replace(hour=23), MONDAY.replace(day=24)),
        ("weekly", MONDAY.replace(day=29), MONDAY.replace(day=30)),
    ],
)
def test_the_salt_rotation_period_is_a_setting(rotation, same_period, next_period):
    def hashed(now):
        return hash_ip("203.0.113.7", "secret", rotation, now)

    assert hashed(MONDAY) == hashed(same_period)
    assert hashed(MONDAY) != hashed(next_period)


def test_tokens_are_long_random_and_hashed():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)
    token = tokens.pop()
    assert len(hash_token(token)) == 64 and token not in hash_token(token)


def test_identity_hashes_are_keyed_and_case_insensitive():
    assert hash_identity("Ann@Example.org", "k") == hash_identity(" ann@example.org", "k")
    assert hash_identity("ann@example.org", "k") != hash_identity("ann@example.org", "other")


def test_an_unknown_salt_period_stops_the_app_at_start(monkeypatch, tmp_path):
    from widget.config import load_config

    monkeypatch.setenv("WIDGET_IP_SALT_ROTATION", "monthly")
    with pytest.raises(ValueError, match="WIDGET_IP_SALT_ROTATION"):
        load_config(str(tmp_path))
