"""GET /api/v1/admin/audit: every moderator action, who, what, when, before and after."""

from __future__ import annotations

import pytest

from tests.factories import make_comment

API = "/api/v1/admin/audit"


def entries(client, headers, **params):
    response = client.get(API, query_string=params, headers=headers)
    assert response.status_code == 200, response.json
    return response.json["entries"]


def test_every_action_leaves_an_entry(client, site, mod, admin):
    comment = make_comment(site)
    reply = make_comment(site, parent=comment)
    base = f"/api/v1/admin/comments/{comment.id}"
    client.post(f"{base}/spam", headers=mod)
    client.post(f"{base}/restore", headers=mod)
    client.post(f"{base}/reject", headers=mod)
    client.post(f"{base}/restore", headers=mod)
    client.patch(base, json={"body": "edited"}, headers=mod)
    bulk = client.post(
        "/api/v1/admin/comments/bulk", json={"ids": [reply.id], "action": "spam"}, headers=mod
    )
    assert bulk.status_code == 200, bulk.json
    client.patch(f"/api/v1/admin/threads/{comment.thread_id}", json={"locked": True}, headers=mod)
    ban_id = client.post(
        "/api/v1/admin/bans", json={"site": "news", "email": "a@b.example"}, headers=mod
    ).json["id"]
    client.delete(f"/api/v1/admin/bans/{ban_id}", headers=mod)
    client.patch("/api/v1/admin/sites/news", json={"max_depth": 2}, headers=admin)
    client.delete(f"/api/v1/admin/comments/{reply.id}", headers=mod)

    listed = entries(client, admin)
    assert [e["action"] for e in reversed(listed)] == [
        "spam", "restore", "reject", "restore", "edit", "spam",
        "update_thread", "ban", "unban", "update_site", "purge",
    ]  # fmt: skip
    assert {e["actor"] for e in listed} == {"Mo", "Ada"}
    assert all(e["site"] == "news" and e["created_at"].endswith("+00:00") for e in listed)


def test_filters_and_pagination(client, site, mod):
    first, second = make_comment(site), make_comment(site)
    client.post(f"/api/v1/admin/comments/{first.id}/spam", headers=mod)
    client.post(f"/api/v1/admin/comments/{second.id}/reject", headers=mod)
    assert [e["target_id"] for e in entries(client, mod, action="spam")] == [first.id]
    by_target = entries(client, mod, target_type="comment", target_id=second.id)
    assert [e["action"] for e in by_target] == ["reject"]
    page = client.get(f"{API}?limit=1", headers=mod).json
    assert page["entries"][0]["action"] == "reject"
    rest = entries(client, mod, cursor=page["next_cursor"])
    assert [e["action"] for e in rest] == ["spam"]
    token_id = page["entries"][0]["token_id"]
    assert len(entries(client, mod, token_id=token_id, site="news")) == 2
    assert entries(client, mod, since="2999-01-01T00:00:00Z") == []
    assert len(entries(client, mod, until="2999-01-01T00:00:00Z")) == 2


def test_a_moderator_sees_only_their_sites_entries(client, site, other_site, mod, other_mod):
    client.post(f"/api/v1/admin/comments/{make_comment(site).id}/spam", headers=mod)
    assert entries(client, other_mod) == []
    assert client.get(f"{API}?site=news", headers=other_mod).status_code == 403


@pytest.mark.parametrize(
    "query", ["target_type=reader", "target_id=x", "since=later", "limit=0", "cursor=x", "who=me"]
)
def test_bad_audit_queries_are_a_422(client, site, mod, query):
    assert client.get(f"{API}?{query}", headers=mod).status_code == 422


def test_audit_errors(client, site, mod):
    assert client.get(API).status_code == 401
    assert client.get(f"{API}?site=nope", headers=mod).status_code == 404
