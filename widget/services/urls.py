"""Page keys: the one spelling of a page that threads are stored under."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src"}
)
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def normalize_page_key(page: str) -> str:
    """Normalise URLs (lower-case host, no fragment, tracking or trailing slash); keep ids as given.

    The embed sends either a publisher's ``data-page-id`` or the page's canonical URL; both
    spellings of one URL must land in one thread.
    """
    page = page.strip()
    if not page.lower().startswith(("http://", "https://")):
        return page
    parts = urlsplit(page)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))
