"""Privacy by default: retention, no cookies, no addresses in logs, no half-written threads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import age, bearer, make_comment, make_reader, make_site
from widget.commands import AnonymousRequestHandler
from widget.extensions import db
from widget.models import Comment, Delivery, DeliveryChannel, DeliveryStatus, Thread
from widget.models.base import utcnow
from widget.services.comments import Author


@pytest.fixture
def site(app):
    return make_site()


def test_prune_forgets_old_ip_hashes_and_emails_only(runner, site):
    old = make_comment(site, body="Old words", author=Author(email="old@example.org"))
    age(old, 200 * 24 * 3600)
    middle = make_comment(site, author=Author(email="mid@example.org"))
    age(middle, 60 * 24 * 3600)
    new = make_comment(site, author=Author(email="new@example.org"))
    long_ago = utcnow() - timedelta(days=40)
    for status, created_at in [
        (DeliveryStatus.DELIVERED, long_ago),
        (DeliveryStatus.FAILED, long_ago),
        (DeliveryStatus.PENDING, long_ago),  # not finished: kept whatever its age
        (DeliveryStatus.DELIVERED, utcnow()),
    ]:
        db.session.add(
            Delivery(
                site_id=site.id,
                channel=DeliveryChannel.EMAIL,
                event="comment.created",
                payload='{"body": "words"}',
                status=status,
                created_at=created_at,
            )
        )
    db.session.commit()

    result = runner.invoke(args=["prune"])
    assert result.exit_code == 0
    assert "Emptied 2 IP hashes and 1 email addresses; removed 2 finished deliveries." in (
        result.output
    )
    assert db.session.scalar(db.select(db.func.count()).select_from(Delivery)) == 2
    db.session.expire_all()
    assert (old.ip_hash, old.author_email) == (None, None)
    assert (middle.ip_hash, middle.author_email) == (None, "mid@example.org")
    assert new.ip_hash is not None and new.author_email == "new@example.org"
    assert old.body_markdown == "Old words"


def test_the_public_api_sets_no_cookie(client, site):
    token = make_reader(site)
    comment = make_comment(site, token=token)
    responses = [
        client.get("/api/v1/comments?site=news&page=article-1"),
        client.post("/api/v1/readers", json={"site": "news"}),
        client.post("/api/v1/comments", json={"site": "news", "page": "a", "body": "x"}),
        client.put(
            f"/api/v1/comments/{comment.id}/vote",
            json={"value": 1},
            headers=bearer(make_reader(site)),
        ),
        client.get("/api/v1/counts?site=news&page=a"),
        client.get("/demo"),
    ]
    assert [r.headers.getlist("Set-Cookie") for r in responses] == [[]] * len(responses)


def test_the_demo_server_logs_no_client_address():
    handler = AnonymousRequestHandler.__new__(AnonymousRequestHandler)
    handler.client_address = ("203.0.113.9", 51515)
    assert handler.address_string() == "-"


def test_a_failure_mid_write_leaves_no_half_thread(client, site, monkeypatch):
    def fail(source):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("widget.services.comments.render_markdown", fail)
    response = client.post("/api/v1/comments", json={"site": "news", "page": "fresh", "body": "x"})
    assert response.status_code == 500
    assert db.session.execute(db.select(Thread).filter_by(page_key="fresh")).first() is None
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 0


def test_security_headers(client, site):
    page = client.get("/demo")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    api = client.get("/api/v1/comments?site=news&page=a")
    assert api.headers["X-Content-Type-Options"] == "nosniff"
    assert api.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Content-Security-Policy" not in api.headers
