"""The moderation page is served under the strict policy, unframeable, with cacheable modules."""

from __future__ import annotations

import re

import pytest

from widget.security import PAGE_POLICY


def test_admin_is_served_with_the_strict_policy_and_unframeable(client):
    response = client.get("/admin")
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = response.headers["Content-Security-Policy"]
    assert policy == PAGE_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'")
    assert "'unsafe-inline'" not in policy
    html = response.get_data(as_text=True)
    # Nothing inline for the policy to refuse: scripts by src, styles from the stylesheet.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html


@pytest.mark.parametrize("name", ["main.js", "queue.js", "admin.css"])
def test_the_page_files_are_revalidated_by_etag(client, name):
    first = client.get(f"/static/admin/{name}")
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(f"/static/admin/{name}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
