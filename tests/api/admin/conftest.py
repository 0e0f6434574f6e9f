"""Two sites, a moderator for each and a global admin."""

from __future__ import annotations

import pytest

from tests.factories import bearer, make_site, make_token
from widget.models import Role


@pytest.fixture
def site(app):
    return make_site("news")


@pytest.fixture
def other_site(app):
    return make_site("sports", origins=("https://sports.example",))


@pytest.fixture
def mod(site):
    """Headers of a moderator of ``site``."""
    return bearer(make_token(Role.MODERATOR, site, name="Mo"))


@pytest.fixture
def other_mod(other_site):
    """Headers of a moderator of ``other_site`` only."""
    return bearer(make_token(Role.MODERATOR, other_site, name="Otto"))


@pytest.fixture
def admin(app):
    """Headers of a global admin."""
    return bearer(make_token(Role.ADMIN, name="Ada"))
