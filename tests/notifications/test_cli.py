"""``widget webhooks``, ``widget moderator-emails`` and ``widget deliveries``."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import make_comment
from widget.extensions import db
from widget.models import DeliveryAttempt, DeliveryStatus
from widget.services import deliveries, webhooks


def invoke(runner, *args):
    return runner.invoke(args=list(args))


def test_webhooks_add_list_pause_and_remove(runner, site):
    added = invoke(
        runner, "webhooks", "add", "news", "https://hooks.example/in", "--event", "comment.created"
    )
    assert added.exit_code == 0, added.output
    [endpoint] = webhooks.list_endpoints()
    assert endpoint.secret in added.output  # shown once, here
    assert endpoint.event_list == ["comment.created"]

    listed = invoke(runner, "webhooks", "list", "--site", "news")
    assert (
        listed.output == f"{endpoint.id}\tnews\thttps://hooks.example/in\tactive\tcomment.created\n"
    )
    assert endpoint.secret not in listed.output

    assert invoke(runner, "webhooks", "pause", str(endpoint.id)).exit_code == 0
    assert "\tpaused\t" in invoke(runner, "webhooks", "list").output
    assert invoke(runner, "webhooks", "pause", "--resume", str(endpoint.id)).exit_code == 0
    assert "\tactive\t" in invoke(runner, "webhooks", "list").output

    assert invoke(runner, "webhooks", "remove", str(endpoint.id)).output == (
        f"Removed webhook {endpoint.id}.\n"
    )
    assert invoke(runner, "webhooks", "list").output == ""


def test_webhook_errors_are_clear(runner, site):
    bad_url = invoke(runner, "webhooks", "add", "news", "ftp://hooks.example/in")
    assert bad_url.exit_code == 1
    assert "is not an http(s) URL" in bad_url.output
    no_site = invoke(runner, "webhooks", "add", "nope", "https://hooks.example/in")
    assert "No site is called 'nope'" in no_site.output
    assert "no webhook endpoint 99" in invoke(runner, "webhooks", "remove", "99").output


def test_deliveries_run_once_and_the_log_shows_every_attempt(runner, site, dead_url):
    endpoint = webhooks.create_endpoint(site, dead_url)
    make_comment(site)
    assert invoke(runner, "deliveries", "run", "--once").output == "Attempted 2 deliveries.\n"

    log = invoke(runner, "webhooks", "deliveries", "--site", "news", "--endpoint", str(endpoint.id))
    lines = log.output.splitlines()
    assert len(lines) == 4  # two deliveries, one attempt each
    assert f"endpoint={endpoint.id}\tpending\tattempts=1" in lines[0]
    assert lines[1].startswith("  attempt 1\t") and "refused" in lines[1].lower()
    assert invoke(runner, "webhooks", "deliveries", "--status", "delivered").output == ""
    assert invoke(runner, "moderator-emails", "deliveries").output == ""


def test_moderator_emails_add_list_remove(runner, site):
    assert invoke(runner, "moderator-emails", "add", "news", "desk@news.example").exit_code == 0
    assert invoke(runner, "moderator-emails", "list", "news").output == "desk@news.example\n"
    refused = invoke(runner, "moderator-emails", "add", "news", "not an address")
    assert refused.exit_code == 1 and "not a plain email address" in refused.output
    assert invoke(runner, "moderator-emails", "remove", "news", "desk@news.example").exit_code == 0
    assert invoke(runner, "moderator-emails", "list", "news").output == ""


def test_prune_removes_only_finished_deliveries_older_than_asked(runner, site, receiver):
    webhooks.create_endpoint(site, receiver.url, ["comment.created"])
    for number in range(3):
        make_comment(site, body=f"Comment {number}.")
    deliveries.deliver_due()
    recent, old_pending, old_delivered = deliveries.list_deliveries()  # newest first
    for delivery in (old_pending, old_delivered):
        delivery.created_at -= timedelta(days=31)
    old_pending.status = DeliveryStatus.PENDING  # still to send: kept whatever its age
    db.session.commit()

    assert invoke(runner, "deliveries", "prune", "--days", "30").output == (
        "Removed 1 deliveries.\n"
    )
    assert [d.id for d in deliveries.list_deliveries()] == [recent.id, old_pending.id]
    assert db.session.scalar(db.select(db.func.count(DeliveryAttempt.id))) == 2
