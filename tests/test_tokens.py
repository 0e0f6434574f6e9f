"""Admin and reader tokens: random enough, stored only hashed, looked up by hash, never logged."""

from __future__ import annotations

import base64
import hashlib
import logging

import pytest
from sqlalchemy import event

from tests.factories import bearer, make_comment, make_site, make_token
from widget.extensions import db
from widget.models import Base, Role
from widget.services import admin_tokens

ENTROPY_BITS = 128


@pytest.fixture
def site(app):
    return make_site("news")


def issued_tokens(client, site) -> dict[str, str]:
    return {
        "reader": client.post("/api/v1/readers", json={"site": "news"}).json["token"],
        "admin": make_token(Role.ADMIN, name="Ops"),
        "moderator": make_token(Role.MODERATOR, site, name="Mo"),
    }


def test_tokens_carry_at_least_128_random_bits(client, site):
    tokens = [token for _ in range(50) for token in issued_tokens(client, site).values()]
    assert len(set(tokens)) == len(tokens)
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= ENTROPY_BITS


def test_tokens_are_stored_only_as_their_hash(client, site):
    tokens = issued_tokens(client, site)
    stored = " ".join(
        repr(row)
        for table in Base.metadata.sorted_tables
        for row in db.session.execute(table.select()).all()
    )
    for token in tokens.values():
        assert token not in stored
        assert hashlib.sha256(token.encode()).hexdigest() in stored


def test_the_database_sees_only_hashes(app, client, site):
    """Every lookup is by hash: the plain token reaches no SQL statement or parameter."""
    tokens = issued_tokens(client, site)
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(f"{statement} {parameters!r}")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get("/api/v1/readers/me", headers=bearer(tokens["reader"])).status_code == 200
        assert client.get("/api/v1/admin/audit", headers=bearer(tokens["admin"])).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    for name, token in tokens.items():
        assert not [line for line in sent if token in line], name
    hashes = {hashlib.sha256(tokens[n].encode()).hexdigest() for n in ("reader", "admin")}
    assert all(any(digest in line for line in sent) for digest in hashes)


def test_admin_tokens_are_compared_in_constant_time(app, site, monkeypatch):
    token = make_token(Role.MODERATOR, site)
    compared = []

    def compare_digest(a, b):
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(admin_tokens.hmac, "compare_digest", compare_digest)
    assert admin_tokens.authenticate(token).role == Role.MODERATOR
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert compared == [(digest, digest)]


def test_tokens_never_reach_the_logs(client, site, caplog, monkeypatch):
    """Authenticated requests of both audiences, successful and failing, unexpected errors too."""
    tokens = issued_tokens(client, site)
    comment = make_comment(site, token=tokens["reader"])
    reader, admin = bearer(tokens["reader"]), bearer(tokens["admin"])
    with caplog.at_level(logging.DEBUG):
        client.put(f"/api/v1/comments/{comment.id}/vote", json={"value": 1}, headers=reader)
        client.put("/api/v1/readers/me/preferences", json={"font_scale": 9}, headers=reader)
        client.get("/api/v1/readers/me", headers={"Authorization": f"Bearer {tokens['reader']}x"})
        client.post(f"/api/v1/admin/comments/{comment.id}/spam", headers=admin)
        client.post("/api/v1/admin/comments/999/approve", headers=admin)
        client.get(
            "/api/v1/admin/comments", headers={"Authorization": f"Bearer x{tokens['admin']}"}
        )
        client.get("/api/v1/admin/comments", headers=bearer(tokens["moderator"]))

        def explode(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr("widget.services.reader_data.export_reader", explode)
        assert client.get("/api/v1/readers/me", headers=reader).status_code == 500
    assert "boom" in caplog.text  # the failure was logged, with its traceback
    for name, token in tokens.items():
        assert token not in caplog.text, name
