"""A webhook receiver and an SMTP sink, both on 127.0.0.1, and a closed port for dead ones."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from tests.factories import make_site
from tests.notifications.receivers import WebhookReceiver
from tests.servers import free_port
from widget.models import ModerationMode


class Sink:
    """An aiosmtpd handler that keeps every envelope it is given."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def receiver():
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture
def dead_url() -> str:
    """Where nothing listens: connections are refused."""
    return f"http://127.0.0.1:{free_port()}/hooks"


@pytest.fixture(scope="session")
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_sink(smtp_port):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def site(app):
    return make_site()


@pytest.fixture
def held_site(app):
    return make_site("held", moderation=ModerationMode.PRE)
