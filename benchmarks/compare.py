"""Throughput and latency of widget beside Isso and a bare Flask ceiling, on this machine.

    .venv/bin/python benchmarks/compare.py [--duration 10] [--skip-isso] [--skip-postgres]

Every server runs under gunicorn with the same settings (2 workers, 4 threads each) on
127.0.0.1; wrk drives each workload from a second process for a fixed time with 16
connections. The same 100-comment thread (Markdown, links, replies) and 20 other pages are
seeded into each through its own API. Isso is installed into benchmarks/.venv-isso on first
use (``pip install isso gunicorn``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
ISSO_VENV = HERE / ".venv-isso"
GUNICORN_OPTIONS = ["--workers", "2", "--threads", "4", "--log-level", "warning"]
WRK_OPTIONS = ["--threads", "2", "--connections", "16", "--latency"]
THREAD_SIZE = 100
OTHER_PAGES = 20
LARGE_THREAD_SIZE = 1000
POSTGRES_URL = "postgresql://root@127.0.0.1:5432/widget_bench"


# --- processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(gunicorn_bin: Path, app: str, env: dict, cwd: Path = ROOT):
    port = free_port()
    process = subprocess.Popen(
        [str(gunicorn_bin), *GUNICORN_OPTIONS, "--bind", f"127.0.0.1:{port}", app],
        env={**os.environ, **env},
        cwd=cwd,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.2)
        yield Client(port)
    finally:
        process.terminate()
        process.wait(timeout=10)


class Client:
    """A keep-alive HTTP client for seeding and single-request timings."""

    def __init__(self, port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def _send(self, method: str, path: str, payload: bytes | None, headers: dict):
        self.connection.request(method, path, body=payload, headers=headers)
        return self.connection.getresponse()

    def request(self, method: str, path: str, body=None, headers=None):
        payload = None if body is None else json.dumps(body).encode()
        headers = {**({"Content-Type": "application/json"} if payload else {}), **(headers or {})}
        try:
            response = self._send(method, path, payload, headers)
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: open a new one, once.
            self.connection.close()
            response = self._send(method, path, payload, headers)
        data = response.read()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        return response, data

    def json(self, method: str, path: str, body=None):
        return json.loads(self.request(method, path, body)[1] or b"null")

    def timed_get(self, path: str, headers=None) -> float:
        start = time.perf_counter()
        self.request("GET", path, headers=headers)
        return (time.perf_counter() - start) * 1000


# --- seeding ------------------------------------------------------------------------------


def comment_bodies(count: int, seed: int):
    """Realistic comment bodies: paragraphs, emphasis, links, quotes, code, lists."""
    rng = random.Random(seed)
    words = (
        "council bridge harbour cyclists vote budget ferry station engineers timber lighting "
        "petition spring traffic restoration crossing quay mechanism listed character"
    ).split()
    for n in range(count):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 40)))
        parts = [f"Comment {n}: {sentence.capitalize()}."]
        if n % 3 == 0:
            parts.append(f"See https://example.org/report/{n} and *this* **point**.")
        if n % 5 == 0:
            parts.append(f"> {rng.choice(words)} {rng.choice(words)}\n\n- one\n- two `code`")
        if n % 7 == 0:
            parts.append(f"[the minutes](https://council.example/minutes/{n}) say otherwise")
        yield "\n\n".join(parts)


def reply_parent(n: int, ids: list[int], rng: random.Random) -> int | None:
    """About a third of comments reply to an earlier one."""
    return rng.choice(ids) if ids and n % 3 == 1 else None


class Widget:
    name = "widget"

    def __init__(self, client: Client):
        self.client = client

    def post(self, page: str, body: str, parent: int | None) -> int:
        payload = {"site": "bench", "page": page, "body": body, "author_name": "Reader"}
        if parent:
            payload["parent_id"] = parent
        return self.client.json("POST", "/api/v1/comments", payload)["id"]

    def thread_path(self, page: str) -> str:
        return f"/api/v1/comments?site=bench&page={page}&limit=200"

    def counts(self, pages: list[str]) -> tuple[str, str | None]:
        query = "&".join(f"page={p}" for p in pages)
        return f"/api/v1/counts?site=bench&{query}", None

    def post_target(self) -> tuple[str, str]:
        body = {"site": "bench", "page": "bench-post", "body": "Posted **COUNTER** times"}
        return "/api/v1/comments", json.dumps(body)


class Isso:
    name = "isso"

    def __init__(self, client: Client):
        self.client = client

    def post(self, page: str, body: str, parent: int | None) -> int:
        payload = {"text": body, "author": "Reader", "parent": parent, "title": page}
        return self.client.json("POST", f"/new?uri=/{page}", payload)["id"]

    def thread_path(self, page: str) -> str:
        return f"/?uri=/{page}"

    def counts(self, pages: list[str]) -> tuple[str, str | None]:
        return "/count", json.dumps([f"/{p}" for p in pages])

    def post_target(self) -> tuple[str, str]:
        body = {"text": "Posted **COUNTER** times", "title": "bench-post"}
        return "/new?uri=/bench-post", json.dumps(body)


def seed(server, page: str, count: int, seed_value: int) -> None:
    rng, ids = random.Random(seed_value), []
    for n, body in enumerate(comment_bodies(count, seed_value)):
        ids.append(server.post(page, body, reply_parent(n, ids, rng)))


# --- load ---------------------------------------------------------------------------------


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    note: str = ""

    def __str__(self) -> str:
        notes = [f"{self.errors} errors"] if self.errors else []
        notes += [self.note] if self.note else []
        extra = f"  ({'; '.join(notes)})" if notes else ""
        return f"{self.rps:8.0f} rps  p50 {self.p50_ms:6.2f} ms  p99 {self.p99_ms:6.2f} ms{extra}"


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, script: str | None = None, body=None, headers=None) -> Result:
    command = ["wrk", *WRK_OPTIONS, "--duration", f"{duration}s"]
    for header in headers or []:
        command += ["--header", header]
    if script:
        command += ["--script", str(HERE / script)]
    env = {**os.environ, **({"BENCH_POST_BODY": body} if body else {})}
    output = subprocess.run(command + [url], capture_output=True, text=True, env=env, check=True)
    text = output.stdout
    percentile = {
        p: _milliseconds(v, u) for p, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", text)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        p50_ms=percentile["50"],
        p99_ms=percentile["99"],
        errors=(int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    )


def run_workloads(server, duration: int) -> dict[str, Result]:
    base = server.client.base
    pages = [f"page-{n}" for n in range(OTHER_PAGES)]
    thread = server.thread_path("bench-thread")
    response, _ = server.client.request("GET", thread)
    etag = response.getheader("ETag")
    counts_path, counts_body = server.counts(pages)
    post_path, post_body = server.post_target()
    results = {
        "thread (100 comments)": wrk(base + thread, duration),
        "counts (20 pages)": wrk(
            base + counts_path,
            duration,
            script="static_post.lua" if counts_body else None,
            body=counts_body,
        ),
        "empty thread": wrk(base + server.thread_path("never-commented"), duration),
        "conditional GET": wrk(
            base + thread, duration, headers=[f"If-None-Match: {etag}"] if etag else None
        ),
        "post a comment": wrk(base + post_path, duration, script="post.lua", body=post_body),
    }
    if not etag:
        results["conditional GET"].note = "no ETag, so a full read"
    return results


def large_thread_latency(server) -> tuple[float, float]:
    """First (uncached) and median warm latency of a 1,000-comment thread, in ms."""
    seed(server, "bench-1000", LARGE_THREAD_SIZE, 7)
    path = server.thread_path("bench-1000")
    cold = server.client.timed_get(path)
    warm = statistics.median(server.client.timed_get(path) for _ in range(20))
    return cold, warm


# --- backends -----------------------------------------------------------------------------


def widget_env(database_url: str) -> dict:
    return {
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "benchmark",
        # Limits stay on, raised so that one load generator is never refused.
        "WIDGET_RATELIMIT_READS": "10000000/minute",
        "WIDGET_RATELIMIT_WRITES": "10000000/minute",
        "WIDGET_RATELIMIT_COMMENTS_PER_IP": "10000000/minute",
        "WIDGET_RATELIMIT_COMMENTS_PER_READER": "10000000/minute",
    }


def prepare_widget_database(database_url: str) -> None:
    env = {**os.environ, **widget_env(database_url)}
    widget = str(VENV_BIN / "widget")
    if database_url.startswith("postgresql"):
        reset_postgres(database_url)
    subprocess.run([widget, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [widget, "sites", "create", "bench", "--name", "Benchmark"],
        env=env,
        check=True,
        capture_output=True,
    )


def reset_postgres(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure_widget(label: str, database_url: str, duration: int, ceiling_body: Path):
    prepare_widget_database(database_url)
    with gunicorn(VENV_BIN / "gunicorn", "widget:create_app()", widget_env(database_url)) as client:
        server = Widget(client)
        seed(server, "bench-thread", THREAD_SIZE, 1)
        for n in range(OTHER_PAGES):
            seed(server, f"page-{n}", 3, 100 + n)
        ceiling_body.write_bytes(client.request("GET", server.thread_path("bench-thread"))[1])
        print(f"  {label}: seeded; running workloads", flush=True)
        results = run_workloads(server, duration)
        results["_large"] = large_thread_latency(server)
        return results


def ensure_isso() -> Path:
    gunicorn_bin = ISSO_VENV / "bin" / "gunicorn"
    if not gunicorn_bin.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
        subprocess.run(
            [str(ISSO_VENV / "bin" / "pip"), "install", "--quiet", "isso", "gunicorn"],
            check=True,
        )
    return gunicorn_bin


def measure_isso(duration: int, workdir: Path):
    settings = workdir / "isso.cfg"
    settings.write_text(
        "[general]\n"
        f"dbpath = {workdir / 'isso.db'}\n"
        "host = http://127.0.0.1/\n"
        "[moderation]\nenabled = false\n"
        "[guard]\nenabled = false\n"
    )
    with gunicorn(
        ensure_isso(), "isso.run:application", {"ISSO_SETTINGS": str(settings)}
    ) as client:
        server = Isso(client)
        seed(server, "bench-thread", THREAD_SIZE, 1)
        for n in range(OTHER_PAGES):
            seed(server, f"page-{n}", 3, 100 + n)
        print("  isso: seeded; running workloads", flush=True)
        results = run_workloads(server, duration)
        results["_large"] = large_thread_latency(server)
        return results


def measure_ceiling(duration: int, body: Path):
    with gunicorn(VENV_BIN / "gunicorn", "ceiling:app", {"CEILING_BODY": str(body)}, HERE) as c:
        return wrk(c.base + "/", duration)


# --- report -------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def ratio(ours: Result, theirs: Result) -> str:
    """Our throughput over theirs; a run too short for them to finish a request says so."""
    return f"{ours.rps / theirs.rps:.2f}x" if theirs.rps else "n/a (no request finished)"


def report(results: dict, ceiling: Result | None) -> None:
    ours = [label for label in results if label != "isso"]
    print()
    print(f"Machine: {machine()}")
    print("gunicorn: 2 workers x 4 threads each; wrk: 2 threads, 16 connections\n")
    workloads = [w for w in next(iter(results.values())) if not w.startswith("_")]
    for workload in workloads:
        print(workload)
        for label, runs in results.items():
            print(f"  {label:16} {runs[workload]}")
        if "isso" in results:
            isso = results["isso"][workload]
            for label in ours:
                print(f"  {label} / isso: {ratio(results[label][workload], isso)}")
        if ceiling and workload == "thread (100 comments)":
            print(f"  {'ceiling':16} {ceiling}   (bare Flask view, same bytes)")
            for label in ours:
                print(f"  {label} / ceiling: {ratio(results[label][workload], ceiling)}")
        print()
    print(f"thread of {LARGE_THREAD_SIZE} comments, one request at a time")
    for label, runs in results.items():
        cold, warm = runs["_large"]
        print(f"  {label:16} first {cold:7.1f} ms   then (median of 20) {warm:7.1f} ms")
    print()
    embed_size = HERE / "embed_size.py"
    if embed_size.exists():
        subprocess.run([sys.executable, str(embed_size)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per workload")
    parser.add_argument("--skip-isso", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    with tempfile.TemporaryDirectory(prefix="widget-bench-") as tmp:
        workdir = Path(tmp)
        body = workdir / "thread.json"
        results = {}
        print("Measuring widget on SQLite", flush=True)
        results["widget/sqlite"] = measure_widget(
            "widget/sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}", args.duration, body
        )
        if not args.skip_postgres:
            print("Measuring widget on PostgreSQL", flush=True)
            results["widget/postgres"] = measure_widget(
                "widget/postgres", args.postgres_url, args.duration, workdir / "unused.json"
            )
        if not args.skip_isso:
            print("Measuring Isso", flush=True)
            results["isso"] = measure_isso(args.duration, workdir)
        print("Measuring the ceiling", flush=True)
        ceiling = measure_ceiling(args.duration, body)
        report(results, ceiling)


if __name__ == "__main__":
    main()
