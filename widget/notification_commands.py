"""Commands for webhooks, moderator emails and the delivery worker, registered by ``create_app``."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import Flask, current_app

from widget.commands import DomainGroup
from widget.models import Delivery, DeliveryChannel, DeliveryStatus
from widget.models.base import utcnow
from widget.notifications import worker
from widget.services import deliveries, mail, sites, webhooks
from widget.signals import EVENTS


def _site(slug: str | None):
    return sites.get_site(slug) if slug else None


def _when(value) -> str:
    return value.isoformat(timespec="seconds") if value else "-"


def _echo_delivery(delivery: Delivery) -> None:
    target = f"endpoint={delivery.endpoint_id}" if delivery.endpoint_id else "email"
    click.echo(
        f"#{delivery.id}\t{delivery.event}\t{target}\t{delivery.status.value}"
        f"\tattempts={delivery.attempts}\tcode={delivery.status_code or '-'}"
        f"\tnext={_when(delivery.next_attempt_at)}\tdelivered={_when(delivery.delivered_at)}"
    )
    for attempt in delivery.attempt_log:
        click.echo(
            f"  attempt {attempt.number}\t{_when(attempt.attempted_at)}\t{attempt.duration_ms} ms"
            f"\tcode={attempt.status_code or '-'}\t{attempt.error or 'ok'}"
        )


def _delivery_filters(command):
    """The options shared by every delivery log listing."""
    for option in (
        click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000)),
        click.option("--status", type=click.Choice([s.value for s in DeliveryStatus])),
        click.option("--site", "slug", help="Only this site's deliveries."),
    ):
        command = option(command)
    return command


def _show_deliveries(
    channel: DeliveryChannel,
    slug: str | None,
    status: str | None,
    limit: int,
    endpoint_id: int | None = None,
) -> None:
    for delivery in deliveries.list_deliveries(
        site=_site(slug),
        endpoint_id=endpoint_id,
        channel=channel,
        status=DeliveryStatus(status) if status else None,
        limit=limit,
    ):
        _echo_delivery(delivery)


@click.group("webhooks", cls=DomainGroup)
def webhooks_group() -> None:
    """Manage the endpoints that receive a site's signed webhooks."""


@webhooks_group.command("add")
@click.argument("slug")
@click.argument("url")
@click.option(
    "--event",
    "events",
    multiple=True,
    type=click.Choice(sorted(EVENTS)),
    help="An event to send (repeat); all of them by default.",
)
def add_webhook(slug: str, url: str, events: tuple[str, ...]) -> None:
    """Add an endpoint and print its signing secret, shown only this once."""
    endpoint = webhooks.create_endpoint(_site(slug), url, list(events))
    click.echo(f"Added webhook {endpoint.id} for {slug}: {endpoint.url} ({endpoint.events})")
    click.echo(f"Signing secret (store it now, it is not shown again): {endpoint.secret}")


@webhooks_group.command("list")
@click.option("--site", "slug", help="Only this site's endpoints.")
def list_webhooks(slug: str | None) -> None:
    """List endpoints (without their secrets)."""
    for endpoint in webhooks.list_endpoints(_site(slug)):
        state = "active" if endpoint.active else "paused"
        click.echo(
            f"{endpoint.id}\t{endpoint.site.slug}\t{endpoint.url}\t{state}\t{endpoint.events}"
        )


@webhooks_group.command("remove")
@click.argument("endpoint_id", type=int)
def remove_webhook(endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log."""
    webhooks.remove_endpoint(endpoint_id)
    click.echo(f"Removed webhook {endpoint_id}.")


@webhooks_group.command("pause")
@click.argument("endpoint_id", type=int)
@click.option("--resume", is_flag=True, help="Send new events to it again.")
def pause_webhook(endpoint_id: int, resume: bool) -> None:
    """Stop queuing new events for an endpoint (what is queued still goes out)."""
    webhooks.set_endpoint_active(endpoint_id, resume)
    click.echo(f"{'Resumed' if resume else 'Paused'} webhook {endpoint_id}.")


@webhooks_group.command("deliveries")
@_delivery_filters
@click.option("--endpoint", "endpoint_id", type=int, help="Only this endpoint's deliveries.")
def webhook_deliveries(slug: str | None, status: str | None, limit: int, endpoint_id: int | None):
    """Show the newest webhook deliveries with every attempt at each."""
    _show_deliveries(DeliveryChannel.WEBHOOK, slug, status, limit, endpoint_id)


@click.group("moderator-emails", cls=DomainGroup)
def moderator_emails_group() -> None:
    """Manage who hears by email of a site's comments awaiting moderation."""


@moderator_emails_group.command("add")
@click.argument("slug")
@click.argument("address")
def add_moderator_email(slug: str, address: str) -> None:
    """Email this site's held comments to ADDRESS (instead of WIDGET_MODERATOR_EMAILS)."""
    mail.add_moderator_email(_site(slug), address)
    click.echo(f"{address} will hear of comments held on {slug}.")


@moderator_emails_group.command("list")
@click.argument("slug")
def list_moderator_emails(slug: str) -> None:
    """List the site's own addresses."""
    for address in mail.site_addresses(_site(slug)):
        click.echo(address)


@moderator_emails_group.command("remove")
@click.argument("slug")
@click.argument("address")
def remove_moderator_email(slug: str, address: str) -> None:
    """Stop emailing ADDRESS about this site."""
    mail.remove_moderator_email(_site(slug), address)
    click.echo(f"{address} will no longer hear of {slug}.")


@moderator_emails_group.command("deliveries")
@_delivery_filters
def email_deliveries(slug: str | None, status: str | None, limit: int) -> None:
    """Show the newest moderator emails with every attempt at each."""
    _show_deliveries(DeliveryChannel.EMAIL, slug, status, limit)


@click.group("deliveries", cls=DomainGroup)
def deliveries_group() -> None:
    """Send queued notifications and prune their log."""


@deliveries_group.command("run")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def run_deliveries(once: bool) -> None:
    """Send due deliveries until interrupted (for WIDGET_DELIVERY_WORKER=off)."""
    if once:
        click.echo(f"Attempted {deliveries.deliver_due()} deliveries.")
        return
    try:
        worker(current_app._get_current_object()).run()
    except KeyboardInterrupt:
        click.echo("Stopped.")


@deliveries_group.command("prune")
@click.option("--days", default=30, show_default=True, type=click.IntRange(min=0))
def prune_deliveries(days: int) -> None:
    """Delete delivered and failed deliveries older than DAYS, with their attempts."""
    removed = deliveries.prune(utcnow() - timedelta(days=days))
    click.echo(f"Removed {removed} deliveries.")


def init_app(app: Flask) -> None:
    for group in (webhooks_group, moderator_emails_group, deliveries_group):
        app.cli.add_command(group)
