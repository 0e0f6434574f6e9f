"""Importers from other comment systems, one parser per source over one shared writer."""

from __future__ import annotations

from widget.services.importers import disqus, isso, wordpress
from widget.services.importers.core import ImportReport, read_page_map, run_import

PARSERS = {"disqus": disqus.parse, "wordpress": wordpress.parse, "isso": isso.parse}

__all__ = ["PARSERS", "ImportReport", "import_file", "read_page_map"]


def import_file(site, source: str, path: str, **options) -> ImportReport:
    """Import ``path`` as an export of ``source``; see ``run_import`` for the options."""
    return run_import(site, source, PARSERS[source](path), **options)
