"""Fixtures most API tests share: the "news" site and a reader token for it."""

from __future__ import annotations

import pytest

from tests.factories import make_reader, make_site


@pytest.fixture
def site(app):
    return make_site()


@pytest.fixture
def token(site):
    return make_reader(site)
