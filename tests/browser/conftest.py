"""Browser fixtures: the app and a publisher's page, each served on its own 127.0.0.1 port.

The publisher's page lives on another origin than the service, as it does in production, so
every test crosses origins. One Chromium runs for the session; each test gets a fresh context
(its own storage, so its own reader token).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.servers import SITE, chromium, publisher_app, serve
from tests.conftest import make_app
from tests.factories import make_site
from widget.models import ModerationMode
from widget.pages.demo import DEMO_SITE

# Generous for a busy two-core CI machine; a passing step takes milliseconds.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@dataclass
class Servers:
    service: str
    publisher: str

    def page(self, page_id: str | None = "article-1", **params) -> str:
        """A publisher's article page; ``params`` as ``servers.publisher_page`` reads them."""
        if page_id is not None:
            params["page"] = page_id
        return f"{self.publisher}/article?{urlencode(params)}"


@pytest.fixture(scope="session")
def servers(migrated_database: str) -> Iterator[Servers]:
    # Tests fill forms in milliseconds; the timing rule has its own tests in tests/api.
    service, service_server = serve(make_app(migrated_database, WIDGET_SPAM_MIN_SECONDS=0))
    publisher_url, publisher_server = serve(publisher_app(service))
    yield Servers(service=service, publisher=publisher_url)
    service_server.shutdown()
    publisher_server.shutdown()


@pytest.fixture
def moderation() -> ModerationMode:
    """Override to hold the test site's comments for moderation."""
    return ModerationMode.NONE


@pytest.fixture
def site(app, servers: Servers, moderation: ModerationMode):
    """The test site, allowing the publisher's origin; the demo site beside it."""
    make_site(DEMO_SITE, origins=(servers.service,))
    return make_site(SITE, origins=(servers.publisher,), moderation=moderation)


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        if browser is None:
            pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium)")
        yield browser


@pytest.fixture
def context_options() -> dict:
    """Override to change the browser context (colour scheme, locale, ...)."""
    return {}


@pytest.fixture
def page(browser, site, context_options: dict):
    context = browser.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
