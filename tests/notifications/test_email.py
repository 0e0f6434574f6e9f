"""Email to moderators about new held comments, through a local SMTP sink."""

from __future__ import annotations

import email

import pytest

from tests.factories import make_comment
from widget.errors import Conflict, InvalidInput, NotFound
from widget.models import DeliveryStatus
from widget.services import deliveries, mail


@pytest.fixture
def app_config(smtp_port):
    return {
        "WIDGET_SMTP_HOST": "127.0.0.1",
        "WIDGET_SMTP_PORT": smtp_port,
        "WIDGET_SMTP_FROM": "comments@news.example",
        "WIDGET_MODERATOR_EMAILS": ["desk@news.example"],
        "WIDGET_PUBLIC_URL": "https://comments.news.example/",
        "WIDGET_DELIVERY_TIMEOUT_SECONDS": 2,
    }


def post_held(client, body="Is this **true**?"):
    response = client.post(
        "/api/v1/comments",
        json={
            "site": "held",
            "page": "story-7",
            "page_url": "https://news.example/story-7",
            "page_title": "Harbour to close",
            "body": body,
            "author_name": "Ada",
            "author_email": "ada@readers.example",
        },
    )
    assert response.status_code == 202
    return response


def test_held_comment_is_emailed_with_its_text_and_links(client, held_site, smtp_sink):
    post_held(client)
    assert deliveries.deliver_due() == 1

    [envelope] = smtp_sink.envelopes
    assert envelope.mail_from == "comments@news.example"
    assert envelope.rcpt_tos == ["desk@news.example"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "[Held] New comment awaiting moderation: Harbour to close"
    text = message.get_content()
    assert "Is this **true**?" in text
    assert "Author: Ada <ada@readers.example>" in text
    assert "https://news.example/story-7" in text
    assert "Moderate it: https://comments.news.example/admin" in text
    [delivery] = deliveries.list_deliveries()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert [a.error for a in delivery.attempt_log] == [None]


def test_a_sites_own_addresses_replace_the_default(client, held_site, smtp_sink):
    mail.add_moderator_email(held_site, "held-desk@news.example")
    post_held(client)
    deliveries.deliver_due()
    assert [e.rcpt_tos for e in smtp_sink.envelopes] == [["held-desk@news.example"]]


def test_published_comments_send_no_email(site, smtp_sink):
    make_comment(site)
    assert deliveries.deliver_due() == 0
    assert smtp_sink.envelopes == []


def test_without_smtp_nothing_is_queued(app, client, held_site):
    app.config["WIDGET_SMTP_HOST"] = None
    post_held(client)
    assert deliveries.list_deliveries() == []


def test_a_dead_mail_server_is_a_logged_attempt_not_a_failed_post(client, held_site):
    # No sink started: the SMTP port is closed.
    post_held(client)
    assert deliveries.deliver_due() == 1
    [delivery] = deliveries.list_deliveries()
    assert delivery.status == DeliveryStatus.PENDING
    assert "refused" in delivery.attempt_log[0].error.lower()


@pytest.mark.parametrize(
    "address", ["", "not-an-address", "Ada <ada@news.example>", "a@b.example\nBcc: x@y.example"]
)
def test_bad_addresses_are_refused(held_site, address):
    with pytest.raises(InvalidInput):
        mail.add_moderator_email(held_site, address)


def test_an_address_is_added_once_and_removed(held_site):
    mail.add_moderator_email(held_site, "desk@news.example")
    with pytest.raises(Conflict):
        mail.add_moderator_email(held_site, "desk@news.example")
    mail.remove_moderator_email(held_site, "desk@news.example")
    assert mail.site_addresses(held_site) == []
    with pytest.raises(NotFound):
        mail.remove_moderator_email(held_site, "desk@news.example")
