"""Identicons: a small symmetric picture per author, drawn here so no third party is asked.

The seed is the comment's ``avatar_hash`` (a keyed hash of the email or reader id), so the
picture is stable for an author and reveals nothing about them. Fifteen bits of the seed
fill the left three columns of a 5×5 grid, mirrored to the right; the next bits pick a hue.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlencode

SEED = re.compile(r"^[0-9a-f]{64}$")
GRID = 5
GRAVATAR_SIZE = 80


def identicon_svg(seed: str) -> str:
    """The SVG for a 64-hex-digit seed (the caller checks it with ``SEED``)."""
    bits = int(seed[:8], 16)
    hue = int(seed[8:12], 16) % 360
    cells = []
    for index in range(GRID * 3):
        if bits >> index & 1:
            column, row = divmod(index, GRID)
            for x in {column, GRID - 1 - column}:
                cells.append(f"M{x} {row}h1v1h-1z")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-0.5 -0.5 6 6" '
        'width="48" height="48" shape-rendering="crispEdges">'
        f'<rect x="-0.5" y="-0.5" width="6" height="6" fill="hsl({hue} 40% 94%)"/>'
        f'<path fill="hsl({hue} 55% 42%)" d="{"".join(cells)}"/></svg>'
    )


def gravatar_url(email: str) -> str:
    """Gravatar's image for an email, for sites that opted in (SHA-256, as Gravatar accepts)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    query = urlencode({"s": GRAVATAR_SIZE, "d": "identicon"})
    return f"https://gravatar.com/avatar/{digest}?{query}"
