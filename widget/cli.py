"""The ``widget`` console script: Flask's CLI around ``create_app``."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from widget import create_app


@click.group(cls=FlaskGroup, create_app=create_app)
def cli() -> None:
    """Self-hosted comments and reading preferences for news publishers."""


def main() -> None:
    cli()
