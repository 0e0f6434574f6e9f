"""Time a Disqus import and the export of the result, and report peak memory.

Run: .venv/bin/python -m benchmarks.import_disqus [POSTS] [BODY_BYTES]
(SQLite in a temporary folder; set WIDGET_DATABASE_URL to measure PostgreSQL instead, on a
database you can empty.)
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from tests.generate import write_disqus_export
from widget import create_app
from widget.config import normalize_database_url
from widget.services import importers, portability, sites


def main(posts: int = 20_000, body_bytes: int = 600) -> None:
    with tempfile.TemporaryDirectory(prefix="widget-bench-") as folder:
        path = write_disqus_export(Path(folder) / "disqus.xml", posts, body_bytes=body_bytes)
        size_mb = path.stat().st_size / 2**20
        url = os.environ.get("WIDGET_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
        app = create_app({"SQLALCHEMY_DATABASE_URI": normalize_database_url(url)})
        with app.app_context():
            upgrade()
            site = sites.create_site(f"bench-{int(time.time())}", "Benchmark", [])
            start = time.perf_counter()
            report = importers.import_file(site, "disqus", str(path))
            imported = time.perf_counter() - start
            start = time.perf_counter()
            again = importers.import_file(site, "disqus", str(path))
            reimported = time.perf_counter() - start
            start = time.perf_counter()
            out = io.StringIO()
            for piece in portability.export_site(site):
                out.write(piece)
            exported = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {posts} posts, {size_mb:.1f} MB")
    print(f"import: {report.imported} comments in {imported:.1f} s ({posts / imported:.0f}/s)")
    print(f"re-import: {again.imported} added, {reimported:.1f} s")
    print(f"export: {len(out.getvalue()) / 2**20:.1f} MB in {exported:.1f} s")
    print(f"peak resident memory of the whole run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
