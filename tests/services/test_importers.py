"""``widget import disqus|wordpress|isso``: the sample exports in tests/fixtures, end to end."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func

from tests.factories import make_site
from widget.cli import cli
from widget.extensions import db
from widget.models import Comment, CommentStatus, ImportedComment, Thread
from widget.services.privacy import hash_identity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def site(app):
    return make_site()


@pytest.fixture
def isso_db(tmp_path) -> Path:
    """Isso keeps a SQLite file; build it from the readable SQL beside the other samples."""
    path = tmp_path / "comments.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "isso.sql").read_text(encoding="utf-8"))
    connection.close()
    return path


def run(runner, *args):
    return runner.invoke(cli, ["import", *map(str, args)])


def import_disqus_mapped(runner):
    """The Disqus sample, its bridge story keyed by the id the publisher's pages now use."""
    bridge = "https://www.harbourgazette.example/city/harbour-bridge=harbour-bridge"
    return run(runner, "disqus", FIXTURES / "disqus.xml", "--site", "news", "--map", bridge)


def by_external_id(source: str) -> dict[str, Comment]:
    rows = db.session.execute(
        db.select(ImportedComment.external_id, Comment)
        .join(Comment, Comment.id == ImportedComment.comment_id)
        .where(ImportedComment.source == source)
    )
    return dict(rows.all())


def thread(page_key: str) -> Thread:
    return db.session.execute(db.select(Thread).filter_by(page_key=page_key)).scalar_one()


def totals() -> tuple[int, int]:
    return (
        db.session.scalar(db.select(func.count(Comment.id))),
        db.session.scalar(db.select(func.count(Thread.id))),
    )


def assert_counts_match_statuses() -> None:
    """Every thread's stored count equals its approved comments."""
    for item in db.session.execute(db.select(Thread)).scalars():
        approved = db.session.scalar(
            db.select(func.count(Comment.id)).filter_by(
                thread_id=item.id, status=CommentStatus.APPROVED
            )
        )
        assert item.comment_count == approved, item.page_key


SOURCES = [
    ("disqus", FIXTURES / "disqus.xml", 8),
    ("wordpress", FIXTURES / "wordpress.xml", 7),
    ("isso", None, 6),
]


def source_file(path: Path | None, isso_db: Path) -> Path:
    return path or isso_db


@pytest.mark.parametrize(("source", "path", "expected"), SOURCES)
def test_import_keeps_comments_and_counts(runner, site, isso_db, source, path, expected):
    result = run(runner, source, source_file(path, isso_db), "--site", "news")
    assert result.exit_code == 0, result.output
    assert f"Imported {expected} comments" in result.output
    assert totals()[0] == expected
    assert_counts_match_statuses()


@pytest.mark.parametrize(("source", "path", "expected"), SOURCES)
def test_importing_again_adds_nothing(runner, site, isso_db, source, path, expected):
    file = source_file(path, isso_db)
    run(runner, source, file, "--site", "news")
    before = totals()
    result = run(runner, source, file, "--site", "news")
    assert result.exit_code == 0, result.output
    assert "Imported 0 comments" in result.output
    assert f"Skipped: {expected} already imported" in result.output
    assert totals() == before
    assert_counts_match_statuses()


@pytest.mark.parametrize(
    ("source", "file", "message"),
    [
        ("disqus", "disqus-truncated.xml", "not well-formed XML: cdata not finished at line 67"),
        ("wordpress", "wordpress-truncated.xml", "not well-formed XML"),
        ("isso", "disqus.xml", "not a readable Isso database"),
    ],
)
def test_a_broken_file_is_a_clear_error_and_changes_nothing(runner, site, source, file, message):
    result = run(runner, source, FIXTURES / file, "--site", "news")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert totals() == (0, 0)


def test_a_database_without_isso_tables_is_refused(runner, site, tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE things (id INTEGER)").connection.close()
    result = run(runner, "isso", path, "--site", "news")
    assert result.exit_code == 1
    assert "not a readable Isso database (no such table: threads)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "nope"], "No site is called 'nope'."),
        (["--site", "news", "--map", "no-equals-sign"], "--map wants OLD=PAGE_ID"),
    ],
)
def test_bad_options_are_clear_errors(runner, site, args, message):
    result = run(runner, "disqus", FIXTURES / "disqus.xml", *args)
    assert result.exit_code == 1
    assert message in result.output


def test_disqus_threading_statuses_and_page_keys(runner, site):
    result = import_disqus_mapped(runner)
    assert "Skipped: 2 its thread is missing or has no page URL (e.g. 9301, 9401)" in result.output
    assert "Skipped: 1 empty body (e.g. 9102)" in result.output
    assert "Skipped: 1 no creation time (e.g. 9103)" in result.output
    assert "Note: 1 parent missing: imported as top-level (e.g. 9007)" in result.output
    c = by_external_id("disqus")

    # A reply that came before its parent in the file still hangs below it.
    assert c["9003"].parent_id == c["9002"].id
    assert (c["9003"].root_id, c["9003"].depth) == (c["9001"].id, 2)
    assert c["9005"].parent_id == c["9004"].id
    assert c["9004"].status == CommentStatus.DELETED
    assert c["9006"].status == CommentStatus.SPAM
    assert c["9007"].parent_id is None

    bridge = thread("harbour-bridge")
    assert bridge.url.endswith("/harbour-bridge/?utm_source=twitter")
    assert bridge.comment_count == 5
    library = thread("https://www.harbourgazette.example/culture/library-hours")
    assert library.locked
    assert library.title == "Library to open late — «un essai» 図書館"

    assert c["9001"].created_at == datetime(2019, 3, 2, 9, 0, tzinfo=UTC)
    assert c["9101"].created_at == datetime(2019, 4, 10, 18, 0, 0, 250000, tzinfo=UTC)
    assert c["9001"].author_name == "Jane Cyclist"
    assert c["9001"].avatar_hash == hash_identity("jane.cyclist@example.org", "test-secret")
    assert c["9003"].avatar_hash is None


def test_old_html_becomes_markdown_and_passes_the_sanitiser(runner, site):
    run(runner, "disqus", FIXTURES / "disqus.xml", "--site", "news")
    c = by_external_id("disqus")
    first = c["9001"]
    assert first.body_markdown.startswith("Finally! I have been carrying my bike down")
    assert "**five years**" in first.body_markdown
    assert '<a href="https://example.org/map" rel="nofollow ugc noopener noreferrer">' in (
        first.body_html
    )
    unicode = c["9101"]
    assert "図書館が遅くまで開くのは嬉しい 📚 — مكتبة" in unicode.body_html
    assert "<script" not in unicode.body_html and 'alert("x")' not in unicode.body_markdown
    assert "onerror" not in unicode.body_html and "javascript:" not in unicode.body_markdown
    assert '<a href="https://img.example/owl.png"' in unicode.body_html  # an image, as a link
    assert "*not emphasis*" in unicode.body_html  # escaped text stays text
    assert c["9002"].body_html == "<p>And who pays the £11m overrun?<br>\nNot the cyclists.</p>"


def test_wordpress_statuses_paragraphs_and_authors(runner, site):
    result = run(runner, "wordpress", FIXTURES / "wordpress.xml", "--site", "news")
    assert "Skipped: 1 pingback, not a comment (e.g. 43)" in result.output
    assert "Skipped: 1 empty body (e.g. 31)" in result.output
    c = by_external_id("wordpress")
    statuses = {key: comment.status.value for key, comment in c.items()}
    assert statuses == {
        "41": "approved",
        "42": "approved",
        "44": "pending",
        "45": "spam",
        "46": "deleted",
        "47": "approved",
        "30": "approved",
    }
    assert c["42"].parent_id == c["41"].id
    assert c["47"].parent_id == c["46"].id
    assert c["41"].body_html == (
        "<p>Forty minutes is too long in the rain.</p>\n<p>Could the council at least put a "
        "<strong>shelter</strong> on the east quay?<br>\nWe asked last year too.</p>"
    )
    assert c["41"].author_name == "Tom & Sons Chandlery"
    assert c["41"].author_website == "http://chandlery.example/"
    assert c["45"].author_website is None  # javascript: is no website
    # No GMT time (WordPress writes zeros for held comments): the local time is used.
    assert c["44"].created_at == datetime(2013, 11, 3, 12, 0, tzinfo=UTC)
    assert thread("https://blog.harbourgazette.example/2013/08/festival").locked
    ferry = thread("https://blog.harbourgazette.example/2013/11/ferry-timetable")
    assert ferry.comment_count == 3


def test_isso_markdown_scores_edits_and_base_url(runner, site, isso_db):
    result = run(runner, "isso", isso_db, "--site", "news", "--base-url", "https://port.example")
    assert "Skipped: 1 unknown mode 3 (e.g. 7)" in result.output
    assert "Note: 1 parent missing: imported as top-level (e.g. 6)" in result.output
    c = by_external_id("isso")
    assert c["1"].body_markdown.startswith("Thanks for **publishing** these early.\n\n")
    assert c["1"].body_html.startswith("<p>Thanks for <strong>publishing</strong>")
    assert c["1"].score == 2
    assert c["2"].edited_at == datetime.fromtimestamp(1588327200.5, UTC)
    assert c["2"].author_name == "Ædith Ørsted 🌊"
    assert c["3"].status == CommentStatus.DELETED and c["3"].body_markdown == ""
    assert c["4"].parent_id == c["3"].id
    assert c["5"].status == CommentStatus.PENDING
    assert "<script" not in c["5"].body_html
    assert c["6"].author_website is None
    tides = thread("https://port.example/2020/05/tide-tables")
    assert tides.url == "https://port.example/2020/05/tide-tables/"
    assert tides.comment_count == 3


def test_a_map_file_keys_pages_by_their_new_ids(runner, site, tmp_path, isso_db):
    mapping = tmp_path / "pages.csv"
    mapping.write_text("# old,new\n/2020/05/tide-tables/,tides-2020\n", encoding="utf-8")
    result = run(runner, "isso", isso_db, "--site", "news", "--map-file", mapping)
    assert result.exit_code == 0, result.output
    assert thread("tides-2020").comment_count == 3
    assert thread("/2020/06/regatta/").comment_count == 1


def test_a_malformed_map_file_is_refused(runner, site, tmp_path, isso_db):
    mapping = tmp_path / "pages.csv"
    mapping.write_text("/only-one-column\n", encoding="utf-8")
    result = run(runner, "isso", isso_db, "--site", "news", "--map-file", mapping)
    assert result.exit_code == 1
    assert "Map file line 1: want two columns, OLD,PAGE_ID." in result.output


def test_an_imported_discussion_reads_like_any_other(runner, site, client):
    """As a publisher would try it: import, then load the page's thread as the embed does."""
    import_disqus_mapped(runner)
    body = client.get("/api/v1/comments?site=news&page=harbour-bridge").json
    assert body["comment_count"] == 5
    first, deleted, orphan = body["comments"]
    assert first["author_name"] == "Jane Cyclist"
    reply = first["replies"][0]
    assert reply["author_name"] == "Rate Payer"
    assert reply["replies"][0]["author_name"] == "Out Of Order"
    assert deleted["status"] == "deleted" and deleted["body_html"] == ""
    assert deleted["replies"][0]["author_name"] == "Still Here"
    assert orphan["author_name"] == "Orphan"


HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE disqus [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://x.example/a</link></thread>
  <post dsq:id="2"><message>leak: &secret;{bomb}</message>
  <createdAt>2019-01-01T00:00:00Z</createdAt><thread dsq:id="1"/></post>
</disqus>
"""


def test_external_entities_are_not_read(runner, site, tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(HOSTILE.format(bomb=""), encoding="utf-8")
    assert run(runner, "disqus", path, "--site", "news").exit_code == 0
    (comment,) = by_external_id("disqus").values()
    assert comment.body_markdown == "leak:"


def test_an_entity_bomb_is_refused(runner, site, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(HOSTILE.format(bomb="&e;"), encoding="utf-8")
    result = run(runner, "disqus", path, "--site", "news")
    assert result.exit_code == 1
    assert "not well-formed XML: resource limit" in result.output
    assert totals() == (0, 0)


def test_progress_is_reported_on_stderr(runner, site, monkeypatch):
    monkeypatch.setattr("widget.services.importers.core.PROGRESS_EVERY", 3)
    result = run(runner, "wordpress", FIXTURES / "wordpress.xml", "--site", "news")
    assert result.stderr.splitlines() == ["… 3 comments imported", "… 6 comments imported"]
    assert "… 3" not in result.stdout


def test_a_truncated_isso_database_is_refused(runner, site, isso_db):
    data = isso_db.read_bytes()
    isso_db.write_bytes(data[: len(data) // 2])
    result = run(runner, "isso", isso_db, "--site", "news")
    assert result.exit_code == 1
    assert "not a readable Isso database" in result.output
    assert totals() == (0, 0)
