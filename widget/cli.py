"""The ``widget`` command: Flask's CLI plus site management and the demo."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade

from widget import create_app
from widget.errors import DomainError
from widget.models import ModerationMode, Role
from widget.pages.demo import DEMO_SITE
from widget.services import admin_tokens, sites


def _fail(error: DomainError) -> None:
    raise click.ClickException(
        error.message if not error.fields else f"{error.message} {error.fields}"
    )


@click.group(cls=FlaskGroup, create_app=create_app)
def cli() -> None:
    """Self-hosted comments and reading preferences for news publishers."""


@cli.group("sites")
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
def create_site(slug: str, name: str, origins: tuple[str, ...], moderation: str) -> None:
    """Create a site."""
    try:
        site = sites.create_site(slug, name, list(origins), ModerationMode(moderation))
    except DomainError as error:
        _fail(error)
    click.echo(f"Created site {site.slug!r} ({site.name}).")


@sites_group.command("list")
def list_sites() -> None:
    """List the sites with their settings."""
    for site in sites.list_sites():
        origins = ", ".join(site.origin_list) or "-"
        click.echo(
            f"{site.slug}\t{site.name}\tmoderation={site.moderation.value}\torigins={origins}"
        )


@cli.group("tokens")
def tokens_group() -> None:
    """Manage the tokens of the admin API."""


@tokens_group.command("create")
@click.option("--site", "site_slugs", multiple=True, help="A site the token acts on (repeat).")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", help="Who holds the token, as the audit log will name them.")
def create_token(site_slugs: tuple[str, ...], role: str, name: str | None) -> None:
    """Create a token and print it once; an admin token without --site is global."""
    try:
        record, token = admin_tokens.create_token(Role(role), list(site_slugs), name)
    except DomainError as error:
        _fail(error)
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
    try:
        record = admin_tokens.revoke_token(token_id)
    except DomainError as error:
        _fail(error)
    click.echo(f"Revoked token {record.id} ({record.name}).")


@cli.command("demo")
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
    click.echo(f"Demo article: http://{host}:{port}/demo")
    current_app.run(host=host, port=port, threaded=True, use_reloader=False)


def main() -> None:
    cli()
