"""Imports stream: memory does not grow with the size of the export.

Each measure runs in its own process and reads its peak resident size, which counts
libxml2's memory as well as Python's (tracemalloc would see only Python's, and slowly).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.generate import write_disqus_export

PARSE = textwrap.dedent(
    """
    import resource, sys
    from widget.services.importers import disqus

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = sum(1 for _ in disqus.parse(sys.argv[1]))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(count, (after - before) // 1024)
    """
)

IMPORT = textwrap.dedent(
    """
    import resource, sys
    from flask_migrate import upgrade
    from widget import create_app
    from widget.services import importers, sites

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1]})
    with app.app_context():
        upgrade()
        site = sites.create_site("big", "Big", [])
        warm = importers.import_file(site, "disqus", sys.argv[2])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        large = importers.import_file(site, "disqus", sys.argv[3])
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(warm.imported, large.imported, (after - before) // 1024)
    """
)


def _measure(script: str, *args) -> list[int]:
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [int(value) for value in result.stdout.split()]


def test_parsing_a_large_export_keeps_memory_flat(tmp_path):
    """About 30 MB of XML is read without the peak rising by more than a few MB."""
    path = write_disqus_export(tmp_path / "big.xml", posts=8_000, body_bytes=3500)
    assert path.stat().st_size > 28 * 1024 * 1024
    records, grown_mb = _measure(PARSE, path)
    assert records == 8_050  # 50 threads and 8,000 posts
    assert grown_mb < 12


def test_importing_ten_times_more_needs_no_more_memory(tmp_path):
    """After a small import, one ten times larger leaves the peak where it was."""
    small = write_disqus_export(tmp_path / "small.xml", posts=200)
    large = write_disqus_export(tmp_path / "large.xml", posts=2_000)
    # Post ids repeat between the files, so the large one uses another source key space.
    large.write_text(large.read_text().replace('dsq:id="p', 'dsq:id="q'))
    warm, imported, grown_mb = _measure(IMPORT, tmp_path / "db.sqlite3", small, large)
    assert (warm, imported) == (200, 2_000)
    assert grown_mb < 6
