"""Settings for tests of the rate limits, on the storage CI names.

``WIDGET_RATELIMIT_STORAGE_URI`` picks it: memory by default, Redis in CI's Redis stage.
"""

from __future__ import annotations

import os

STORAGE = os.environ.get("WIDGET_RATELIMIT_STORAGE_URI", "memory://")


def limited(**limits: str) -> dict:
    """An app config with rate limiting on, on ``STORAGE``, and these limits."""
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": STORAGE, **limits}
