"""``widget tokens``: create, list and revoke admin API tokens."""

from __future__ import annotations

from tests.factories import bearer, make_site
from widget.cli import cli
from widget.services import admin_tokens


def tokens(runner, *args):
    return runner.invoke(cli, args=["tokens", *args])


def create(runner, *args):
    result = tokens(runner, "create", *args)
    token = result.output.strip().splitlines()[-1] if result.exit_code == 0 else None
    return result, token


def test_a_moderator_token_is_printed_once_and_works_for_its_site(runner, client, app):
    make_site("news")
    make_site("sports", origins=("https://sports.example",))
    result, token = create(runner, "--site", "news", "--role", "moderator", "--name", "Ann")
    assert result.exit_code == 0
    assert "shown only this once" in result.output
    assert client.get("/api/v1/admin/sites/news", headers=bearer(token)).status_code == 200
    assert client.get("/api/v1/admin/sites/sports", headers=bearer(token)).status_code == 403

    listing = tokens(runner, "list").output
    assert "moderator\tAnn\tnews\tactive" in listing
    assert token not in listing


def test_an_admin_token_without_sites_is_global(runner, client, app):
    make_site("news")
    result, token = create(runner, "--role", "admin")
    assert "admin of all sites" in result.output
    response = client.patch(
        "/api/v1/admin/sites/news", json={"max_depth": 2}, headers=bearer(token)
    )
    assert response.status_code == 200


def test_revoke(runner, client, app):
    make_site("news")
    _, token = create(runner, "--site", "news", "--role", "moderator")
    token_id = str(admin_tokens.list_tokens()[0].id)
    result = tokens(runner, "revoke", token_id)
    assert result.exit_code == 0
    assert client.get("/api/v1/admin/sites/news", headers=bearer(token)).status_code == 401
    assert "revoked" in tokens(runner, "list").output
    again = tokens(runner, "revoke", token_id)
    assert again.exit_code != 0 and "revoked already" in again.output
    missing = tokens(runner, "revoke", "999999")
    assert missing.exit_code != 0 and "no token" in missing.output


def test_bad_token_requests_fail_clearly(runner, app):
    make_site("news")
    assert "needs at least one site" in create(runner, "--role", "moderator")[0].output
    assert "nope" in create(runner, "--site", "nope", "--role", "admin")[0].output
    assert create(runner, "--site", "news", "--role", "owner")[0].exit_code == 2
