"""Commands for site management and the demo, registered on the app by ``create_app``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from widget.errors import DomainError
from widget.models import ModerationMode
from widget.pages.demo import DEMO_SITE
from widget.services import sites


def _fail(error: DomainError) -> None:
    raise click.ClickException(
        error.message if not error.fields else f"{error.message} {error.fields}"
    )


@click.group("sites")
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


@click.command("demo")
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
    # Flask ignores app.run() inside its own CLI, so serve with werkzeug directly.
    run_simple(host, port, current_app._get_current_object(), threaded=True)


def init_app(app: Flask) -> None:
    app.cli.add_command(sites_group)
    app.cli.add_command(demo)
