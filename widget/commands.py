"""Commands for site management and the demo, registered on the app by ``create_app``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from marshmallow import ValidationError
from werkzeug.serving import WSGIRequestHandler, run_simple

from widget.errors import DomainError
from widget.extensions import db
from widget.models import ModerationMode, PanelPosition, Role
from widget.pages.demo import DEMO_SITE
from widget.schemas.sites import SiteSettingsSchema
from widget.services import (
    admin_tokens,
    backup,
    consent,
    importers,
    portability,
    retention,
    sites,
)


class AnonymousRequestHandler(WSGIRequestHandler):
    """Log requests without the client's address: readers' addresses are never logged."""

    def address_string(self) -> str:
        return "-"


class DomainCommand(click.Command):
    """A command that a domain error ends with its message, as click ends usage errors."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DomainError as error:
            details = f" {error.fields}" if error.fields else ""
            raise click.ClickException(error.message + details) from error


class DomainGroup(click.Group):
    """A group whose commands are ``DomainCommand``s."""

    command_class = DomainCommand


@click.group("sites", cls=DomainGroup)
def sites_group() -> None:
    """Manage the sites that embed the service."""


@sites_group.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The site's display name.")
@click.option("--origin", "origins", multiple=True, help="An origin allowed to embed (repeat).")
@click.option(
    "--moderation",
    type=click.Choice([m.value for m in ModerationMode]),
    default=ModerationMode.NONE.value,
    show_default=True,
)
@click.option(
    "--gravatar/--no-gravatar",
    default=False,
    show_default=True,
    help="Show Gravatar images (readers' browsers then contact Gravatar).",
)
def create_site(
    slug: str, name: str, origins: tuple[str, ...], moderation: str, gravatar: bool
) -> None:
    """Create a site."""
    site = sites.create_site(slug, name, list(origins), ModerationMode(moderation), gravatar)
    click.echo(f"Created site {site.slug!r} ({site.name}).")


@sites_group.command("list")
def list_sites() -> None:
    """List the sites with their settings."""
    for site in sites.list_sites():
        origins = ", ".join(site.origin_list) or "-"
        click.echo(
            f"{site.slug}\t{site.name}\tmoderation={site.moderation.value}\torigins={origins}"
        )


@sites_group.command("configure")
@click.argument("slug")
@click.option(
    "--category",
    "categories",
    type=(str, str, str),
    multiple=True,
    metavar="KEY LABEL PURPOSE",
    help="A consent category (repeat, in display order); the given ones replace the list. "
    "'necessary' is always kept, first.",
)
@click.option("--policy-version", help="Readers are asked again whenever this changes.")
@click.option("--panel-position", type=click.Choice([p.value for p in PanelPosition]))
@click.option(
    "--target",
    help="CSS selector of the element preferences apply to; '' for main, article, body.",
)
def configure_site(
    slug: str,
    categories: tuple[tuple[str, str, str], ...],
    policy_version: str | None,
    panel_position: str | None,
    target: str | None,
) -> None:
    """Set a site's consent categories, policy version and panel placement."""
    given = {
        "consent_categories": [
            {"key": key, "label": label, "purpose": purpose} for key, label, purpose in categories
        ]
        or None,
        "policy_version": policy_version,
        "panel_position": panel_position,
        "target_selector": target,
    }
    given = {name: value for name, value in given.items() if value is not None}
    if not given:
        raise click.UsageError("Give at least one setting to change.")
    site = sites.get_site(slug)
    try:
        sites.configure_site(site, SiteSettingsSchema().load(given))
    except ValidationError as error:
        raise click.ClickException(f"Invalid settings: {error.messages}") from error
    click.echo(f"policy_version={site.policy_version}")
    click.echo(f"panel_position={site.panel_position.value}")
    click.echo(f"target={site.target_selector or '(main, else article, else body)'}")
    for category in site.consent_categories:
        click.echo(f"category {category['key']}\t{category['label']}\t{category['purpose']}")


@click.group("consent", cls=DomainGroup)
def consent_group() -> None:
    """Readers' consent decisions."""


@consent_group.command("export")
@click.option("--site", "slug", required=True, help="The site whose consent log to export.")
@click.option(
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    show_default=True,
    help="Where to write the CSV ('-' is standard output).",
)
def export_consent(slug: str, output) -> None:
    """Write a site's consent log as CSV, oldest decision first."""
    count = consent.write_consent_csv(sites.get_site(slug), output)
    click.echo(f"Exported {count} consent records.", err=True)


@click.command("demo", cls=DomainCommand)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Migrate the database, create the demo site and serve the demo article."""
    upgrade()
    own = [f"http://{name}:{port}" for name in ("127.0.0.1", "localhost")]
    # A page on another local port, for trying the embed across origins.
    elsewhere = ["http://127.0.0.1:8000", "http://localhost:8000"]
    try:
        sites.create_site(DEMO_SITE, "The Harbour Gazette (demo)", own + elsewhere)
    except DomainError:
        pass  # kept between runs
    # End this command's transaction: on SQLite it would hold the write lock while serving.
    db.session.remove()
    click.echo(f"Demo article: http://{host}:{port}/demo")
    # Flask ignores app.run() inside its own CLI, so serve with werkzeug directly.
    run_simple(
        host,
        port,
        current_app._get_current_object(),
        threaded=True,
        request_handler=AnonymousRequestHandler,
    )


@click.group("tokens", cls=DomainGroup)
def tokens_group() -> None:
    """Manage the tokens of the admin API."""


@tokens_group.command("create")
@click.option("--site", "site_slugs", multiple=True, help="A site the token acts on (repeat).")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", help="Who holds the token, as the audit log will name them.")
def create_token(site_slugs: tuple[str, ...], role: str, name: str | None) -> None:
    """Create a token and print it once; an admin token without --site is global."""
    record, token = admin_tokens.create_token(Role(role), list(site_slugs), name)
    click.echo(f"Created token {record.id} ({record.name}). It is shown only this once:")
    click.echo(token)


@tokens_group.command("list")
def list_tokens() -> None:
    """List tokens (never the tokens themselves, which are not stored)."""
    for record in admin_tokens.list_tokens():
        scope = "all sites" if record.all_sites else ", ".join(s.slug for s in record.sites)
        state = f"revoked {record.revoked_at:%Y-%m-%d %H:%M}" if record.revoked_at else "active"
        click.echo(f"{record.id}\t{record.role.value}\t{record.name}\t{scope}\t{state}")


@tokens_group.command("revoke")
@click.argument("token_id", type=int)
def revoke_token(token_id: int) -> None:
    """Revoke a token by its id; requests with it get a 401 from now on."""
    record = admin_tokens.revoke_token(token_id)
    click.echo(f"Revoked token {record.id} ({record.name}).")


@click.group("import", cls=DomainGroup)
def import_group() -> None:
    """Import comments from another system, or restore a site from its export."""


def _print_report(report: importers.ImportReport) -> None:
    click.echo(f"Imported {report.imported} comments on {report.threads} pages.")
    for title, reasons in (("Skipped", report.skipped), ("Note", report.notes)):
        for reason, count in reasons.most_common():
            examples = ", ".join(report.examples.get(reason, []))
            click.echo(f"{title}: {count} {reason} (e.g. {examples})")


def _import_command(source: str) -> None:
    @import_group.command(source, help=f"Import a {source.title()} export into a site.")
    @click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, exists=True))
    @click.option("--site", "slug", required=True, help="The site to import into.")
    @click.option(
        "--map", "pairs", multiple=True, metavar="OLD=PAGE_ID", help="Key a page (repeat)."
    )
    @click.option(
        "--map-file", type=click.File(encoding="utf-8"), help="A CSV of OLD,PAGE_ID lines."
    )
    @click.option("--base-url", help="Prefix for page paths that are not full URLs.")
    def command(path: str, slug: str, pairs, map_file, base_url: str | None) -> None:
        def progress(report: importers.ImportReport) -> None:
            click.echo(f"… {report.imported} comments imported", err=True)

        report = importers.import_file(
            sites.get_site(slug),
            source,
            path,
            page_map=importers.read_page_map(pairs, map_file),
            base_url=base_url,
            progress=progress,
        )
        _print_report(report)


for _source in importers.PARSERS:
    _import_command(_source)


@import_group.command("json")
@click.argument("file", type=click.File(encoding="utf-8"))
def import_json(file) -> None:
    """Restore a site from a ``widget export`` file into a database that lacks it."""
    try:
        data = json.load(file)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        message = f"{file.name} is not a JSON export ({error}); nothing restored."
        raise click.ClickException(message) from error
    site = portability.restore_site(data)
    click.echo(f"Restored site {site.slug!r}.")


@click.command("export", cls=DomainCommand)
@click.option("--site", "slug", required=True, help="The site to export.")
def export_command(slug: str) -> None:
    """Write everything a site holds as JSON to standard output."""
    site = sites.get_site(slug)
    for piece in portability.export_site(site):
        click.echo(piece, nl=False)


@click.command("backup", cls=DomainCommand)
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def backup_command(path: Path) -> None:
    """Copy the SQLite database to PATH while the service runs."""
    backup.backup(db.engine, path)
    click.echo(f"Backed up to {path}.")


@click.command("restore", cls=DomainCommand)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.confirmation_option(prompt="This replaces the whole database. Is the service stopped?")
def restore_command(path: Path) -> None:
    """Replace the SQLite database with the backup at PATH (stop the service first)."""
    backup.restore(db.engine, path)
    click.echo(f"Restored from {path}.")


@click.command("prune", cls=DomainCommand)
def prune_command() -> None:
    """Forget IP hashes, email addresses and deliveries older than their retention periods."""
    config = current_app.config
    pruned = retention.prune(
        config["WIDGET_IP_HASH_RETENTION_DAYS"],
        config["WIDGET_EMAIL_RETENTION_DAYS"],
        config["WIDGET_DELIVERY_RETENTION_DAYS"],
    )
    click.echo(
        f"Emptied {pruned.ip_hashes} IP hashes and {pruned.emails} email addresses; "
        f"removed {pruned.deliveries} finished deliveries."
    )


COMMANDS = (
    sites_group,
    consent_group,
    tokens_group,
    import_group,
    export_command,
    demo,
    backup_command,
    restore_command,
    prune_command,
)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
