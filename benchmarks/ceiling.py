"""A bare Flask view returning fixed bytes: what Flask under gunicorn can serve on this box."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["CEILING_BODY"]).read_bytes()
app = Flask(__name__)


@app.get("/")
def body() -> Response:
    """Return the same bytes as the thread read, with no work at all."""
    return Response(BODY, mimetype="application/json")
