"""The optional Akismet-compatible checker, against a local stand-in."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from tests.factories import make_site
from widget.extensions import db
from widget.models import Comment, CommentStatus


class FakeAkismet(BaseHTTPRequestHandler):
    """Answers like Akismet's comment-check: "true" for spam, "false" for ham."""

    received: list[dict] = []

    def do_POST(self):
        fields = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.received.append({name: values[0] for name, values in fields.items()})
        verdict = b"true" if "viagra" in fields["comment_content"][0] else b"false"
        self.send_response(200)
        self.send_header("Content-Length", str(len(verdict)))
        self.end_headers()
        self.wfile.write(verdict)

    def log_message(self, *args):
        pass


def unused_local_url() -> str:
    """A URL on a local port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


@pytest.fixture(scope="module")
def checker_url():
    server = HTTPServer(("127.0.0.1", 0), FakeAkismet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/1.1/comment-check"
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(app, checker_url):
    FakeAkismet.received.clear()
    app.config.update(WIDGET_SPAM_CHECK_URL=checker_url, WIDGET_SPAM_CHECK_KEY="key-123")
    return make_site()


def post(client, body):
    return client.post(
        "/api/v1/comments",
        json={"site": "news", "page": "https://news.example/a", "body": body},
        headers={"User-Agent": "TestBrowser/1.0"},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )


def test_a_comment_the_checker_calls_spam_is_held_with_the_reason(client, site):
    response = post(client, "cheap viagra")
    assert response.status_code == 202
    comment = db.session.get(Comment, response.json["id"])
    assert comment.status == CommentStatus.SPAM
    assert comment.moderation_reason == "external checker: reported as spam"


def test_the_checker_gets_akismet_fields_with_an_anonymised_address(client, site):
    assert post(client, "A thoughtful comment").status_code == 201
    (sent,) = FakeAkismet.received
    assert sent["api_key"] == "key-123"
    assert sent["blog"] == "https://news.example"
    assert sent["user_ip"] == "203.0.113.0"
    assert sent["user_agent"] == "TestBrowser/1.0"
    assert sent["comment_type"] == "comment"
    assert sent["comment_content"] == "A thoughtful comment"


def test_local_rules_decide_first_and_the_checker_is_not_asked(client, site):
    site.blocked_words = ["viagra"]
    db.session.commit()
    assert post(client, "cheap viagra").status_code == 202
    assert FakeAkismet.received == []


def test_a_dead_checker_lets_the_comment_through(client, site, app):
    app.config["WIDGET_SPAM_CHECK_URL"] = unused_local_url()
    assert post(client, "cheap viagra").status_code == 201


def test_the_checker_is_off_by_default(client, site, app):
    app.config["WIDGET_SPAM_CHECK_URL"] = None
    assert post(client, "cheap viagra").status_code == 201
    assert FakeAkismet.received == []
