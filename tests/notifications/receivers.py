"""A webhook receiver on 127.0.0.1 that records what it gets, for tests and benchmarks."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WAIT_SECONDS = 10  # the most any test waits for another thread


@dataclass
class Received:
    headers: dict
    body: bytes


class WebhookReceiver:
    """Records every POST; answers ``status``; holds each answer until ``release`` is set."""

    def __init__(self):
        self.requests: queue.Queue[Received] = queue.Queue()
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.arrived.set()
                receiver.release.wait(WAIT_SECONDS)
                receiver.requests.put(Received(dict(self.headers), body))
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def received(self) -> list[Received]:
        """Everything received so far, without waiting."""
        items = []
        while not self.requests.empty():
            items.append(self.requests.get_nowait())
        return items
