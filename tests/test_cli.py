"""The widget command: sites and the demo."""

from __future__ import annotations

from widget.commands import AnonymousRequestHandler
from widget.extensions import db
from widget.models import ModerationMode
from widget.services.sites import get_site


def test_create_and_list_sites(runner):
    result = runner.invoke(
        args=[
            "sites", "create", "gazette", "--name", "The Gazette",
            "--origin", "https://Gazette.example/", "--origin", "https://www.gazette.example",
            "--moderation", "pre",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    site = get_site("gazette")
    assert site.moderation == ModerationMode.PRE
    assert site.origin_list == ["https://gazette.example", "https://www.gazette.example"]

    listing = runner.invoke(args=["sites", "list"])
    assert "gazette\tThe Gazette\tmoderation=pre" in listing.output


def test_a_duplicate_or_malformed_site_is_refused(runner):
    runner.invoke(args=["sites", "create", "gazette", "--name", "G"])
    duplicate = runner.invoke(args=["sites", "create", "gazette", "--name", "G"])
    assert duplicate.exit_code != 0
    assert "exists already" in duplicate.output
    bad_slug = runner.invoke(args=["sites", "create", "Bad Slug", "--name", "G"])
    assert bad_slug.exit_code != 0
    bad_origin = runner.invoke(args=["sites", "create", "ok", "--name", "G", "--origin", "ftp://x"])
    assert bad_origin.exit_code != 0


def test_demo_migrates_creates_the_site_and_serves(runner, app, monkeypatch):
    served = {}

    def run_simple(host, port, application, **options):
        # Another connection may start writing while serving: on SQLite this begins IMMEDIATE,
        # which fails ("database is locked") if the command still holds a transaction.
        with db.engine.begin() as connection:
            connection.exec_driver_sql("SELECT 1")
        served.update(host=host, port=port, application=application, **options)

    monkeypatch.setattr("widget.commands.run_simple", run_simple)
    for _ in range(2):  # a second run keeps what the first made
        result = runner.invoke(args=["demo", "--port", "5055"])
        assert result.exit_code == 0, result.output
    assert served == {
        "host": "127.0.0.1",
        "port": 5055,
        "application": app,
        "threaded": True,
        "request_handler": AnonymousRequestHandler,
    }
    assert "http://127.0.0.1:5055" in get_site("demo").origin_list
