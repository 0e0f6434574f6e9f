"""``widget export`` and ``widget import json``: a site survives the round trip unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories import bearer, make_comment, make_reader, make_site
from widget.cli import cli
from widget.extensions import db
from widget.models import Base, CommentStatus, ModerationMode, Thread
from widget.services.comments import Author

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def export(runner, slug: str = "news") -> str:
    result = runner.invoke(cli, ["export", "--site", slug])
    assert result.exit_code == 0, result.output
    return result.output


def restore(runner, path: Path):
    return runner.invoke(cli, ["import", "json", str(path)])


def wipe() -> None:
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def build_site_with_every_kind_of_data(client, runner) -> None:
    site = make_site(
        origins=("https://news.example", "https://www.news.example"),
        edit_window_seconds=600,
        max_depth=4,
        max_body_length=3000,
    )
    alice, bob = make_reader(site), make_reader(site)
    first = make_comment(
        site,
        page="https://news.example/a?id=1",
        body="**Bold** start with a [link](https://example.org)",
        token=alice,
        author=Author(name="Alice", email="alice@example.org", website="https://alice.example"),
    )
    reply = make_comment(site, page="https://news.example/a?id=1", body="Reply", parent=first)
    make_comment(site, page="https://news.example/a?id=1", body="Deeper", parent=reply)
    client.patch(f"/api/v1/comments/{first.id}", json={"body": "Edited ✍️"}, headers=bearer(alice))
    client.put(f"/api/v1/comments/{first.id}/vote", json={"value": 1}, headers=bearer(bob))
    client.put(f"/api/v1/comments/{reply.id}/vote", json={"value": -1}, headers=bearer(alice))
    withdrawn = make_comment(site, page="p2", body="Withdrawn", token=bob)
    client.delete(f"/api/v1/comments/{withdrawn.id}", headers=bearer(bob))
    spam = make_comment(site, page="p2", body="Buy now")
    spam.status = CommentStatus.SPAM
    db.session.get(Thread, spam.thread_id).locked = True
    db.session.get(Thread, spam.thread_id).title = "Page two — ünïcode"
    db.session.commit()
    runner.invoke(cli, ["import", "disqus", str(FIXTURES / "disqus.xml"), "--site", "news"])
    site.moderation = ModerationMode.PRE
    site.gravatar = True
    db.session.commit()
    make_comment(site, page="p3", body="Held for moderation")


def test_export_wipe_restore_export_is_identical(client, runner, tmp_path):
    build_site_with_every_kind_of_data(client, runner)
    first = export(runner)
    document = json.loads(first)
    assert {len(document[k]) for k in ("readers", "votes")} == {2}
    statuses = {c["status"] for c in document["comments"]}
    assert statuses == {"approved", "pending", "spam", "deleted"}
    assert any(c["imported_from"] for c in document["comments"])
    assert any(c["edited_at"] for c in document["comments"])

    path = tmp_path / "site.json"
    path.write_text(first, encoding="utf-8")
    wipe()
    result = restore(runner, path)
    assert result.exit_code == 0, result.output
    assert "Restored site 'news'." in result.output
    assert export(runner) == first


def test_a_restored_site_serves_its_threads(client, runner, tmp_path):
    build_site_with_every_kind_of_data(client, runner)
    query = {"site": "news", "page": "https://www.harbourgazette.example/city/harbour-bridge"}
    before = client.get("/api/v1/comments", query_string=query).get_data()
    path = tmp_path / "site.json"
    path.write_text(export(runner), encoding="utf-8")
    wipe()
    restore(runner, path)
    after = client.get("/api/v1/comments", query_string=query)
    assert after.json["comment_count"] == 5
    # Ids are new, everything else is the same.
    assert (
        json.loads(after.get_data())["comments"][0]["body_html"]
        == (json.loads(before)["comments"][0]["body_html"])
    )
    # Import keys came along: importing the old export again adds nothing.
    again = runner.invoke(cli, ["import", "disqus", str(FIXTURES / "disqus.xml"), "--site", "news"])
    assert "Imported 0 comments" in again.output


def test_restore_refuses_an_existing_site(runner, tmp_path):
    make_site()
    path = tmp_path / "site.json"
    path.write_text(export(runner), encoding="utf-8")
    result = restore(runner, path)
    assert result.exit_code == 1
    assert "A site called 'news' exists already; nothing restored." in result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "'version': ['Must be equal to 1.']"),
        (lambda d: d.update(consent=[]), "'consent': ['Unknown field.']"),
        (lambda d: d["site"].pop("name"), "'name': ['Missing data for required field.']"),
        (
            lambda d: d["comments"][1].update(parent=99),
            "Comment 2 refers to comment 99, which comes nowhere before it.",
        ),
        (
            lambda d: d["comments"].append(dict(d["comments"][0])),
            "Two comments share the ref 1.",
        ),
    ],
)
def test_a_bad_export_is_refused_and_restores_nothing(runner, tmp_path, change, message):
    site = make_site()
    parent = make_comment(site)
    make_comment(site, parent=parent)
    document = json.loads(export(runner))
    change(document)
    wipe()
    path = tmp_path / "site.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = restore(runner, path)
    assert result.exit_code == 1
    assert message in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Thread)) == 0


def test_a_file_that_is_not_json_is_refused(runner, tmp_path):
    path = tmp_path / "site.json"
    path.write_text('{"format": "widget-site-export", "ver', encoding="utf-8")
    result = restore(runner, path)
    assert result.exit_code == 1
    assert "is not a JSON export" in result.output and "nothing restored" in result.output


def test_export_of_an_unknown_site_is_a_clear_error(runner, app):
    result = runner.invoke(cli, ["export", "--site", "nope"])
    assert result.exit_code == 1
    assert "No site is called 'nope'." in result.output
