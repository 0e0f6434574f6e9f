"""The ``widget`` command: Flask's CLI plus site management and the demo."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade

from widget import create_app
from widget.errors import DomainError
from widget.models import ModerationMode
from widget.pages.demo import DEMO_SITE
from widget.services import importers, portability, sites


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
    try:
        site = sites.create_site(slug, name, list(origins), ModerationMode(moderation), gravatar)
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


@cli.group("import")
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

        try:
            report = importers.import_file(
                sites.get_site(slug),
                source,
                path,
                page_map=importers.read_page_map(pairs, map_file),
                base_url=base_url,
                progress=progress,
            )
        except DomainError as error:
            _fail(error)
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
    try:
        site = portability.restore_site(data)
    except DomainError as error:
        _fail(error)
    click.echo(f"Restored site {site.slug!r}.")


@cli.command("export")
@click.option("--site", "slug", required=True, help="The site to export.")
def export(slug: str) -> None:
    """Write everything a site holds as JSON to standard output."""
    try:
        site = sites.get_site(slug)
    except DomainError as error:
        _fail(error)
    for piece in portability.export_site(site):
        click.echo(piece, nl=False)


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
