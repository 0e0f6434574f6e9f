"""Production gunicorn settings: ``gunicorn -c python:widget.gunicorn_conf 'widget:create_app()'``.

Every value can be overridden with the usual ``GUNICORN_CMD_ARGS`` or a flag.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("WIDGET_BIND", "127.0.0.1:8000")
# Requests mostly wait on the database, so threads serve them well; processes use the cores.
workers = int(os.environ.get("WIDGET_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("WIDGET_THREADS", 4))
# A slow client or query should fail, not hold a worker: reads take milliseconds.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that no leak can grow without bound.
max_requests = 10000
max_requests_jitter = 1000
# No access log by default: it would record readers' IP addresses.
accesslog = None
errorlog = "-"
