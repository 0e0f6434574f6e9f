"""The moderation page: signing in, the queue by keyboard, bans, the audit and consent logs, axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_access import WCAG_22_AA, tab_to
from tests.factories import make_comment, make_reader, make_token
from widget.models import ModerationMode, Role
from widget.services import admin_tokens, consent, readers
from widget.services.comments import Author

pytestmark = pytest.mark.browser

ANN = Author(name="Ann", email="ann@example.com")


@pytest.fixture
def moderation() -> ModerationMode:
    return ModerationMode.PRE


@pytest.fixture
def token(site) -> str:
    return make_token(Role.MODERATOR, site, name="Mo")


def sign_in(page: Page, servers, token: str) -> None:
    page.goto(f"{servers.service}/admin")
    page.get_by_label("Admin token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
    # Announced once the bans and the audit log have loaded too: nothing is still in flight.
    expect(page.get_by_role("status")).to_have_text("Signed in.")


def queue_item(page: Page, author: str):
    return page.locator("#queue > li").filter(
        has=page.get_by_role("heading", name=f"{author} on ", exact=False)
    )


def test_approve_by_keyboard_ban_the_author_and_see_the_audit_entry(page, servers, site, token):
    make_comment(site, body="Held for a moderator", author=ANN)
    make_comment(site, body="Another one", author=Author(name="Bo"))
    page.goto(f"{servers.service}/admin")
    page.locator("body").focus()

    tab_to(page, page.get_by_label("Admin token"))
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Signed in.")
    expect(page.get_by_role("heading", name="Queue")).to_be_focused()
    # Newest first: j moves to Bo's comment, then to Ann's.
    page.keyboard.press("j")
    expect(queue_item(page, "Bo")).to_be_focused()
    page.keyboard.press("j")
    ann = queue_item(page, "Ann")
    expect(ann).to_be_focused()
    expect(ann).to_contain_text("ann@example.com")
    expect(ann).to_contain_text("Held for a moderator")
    page.keyboard.press("a")

    expect(page.get_by_role("status")).to_have_text("Approved: the comment by Ann.")
    expect(ann).to_have_count(0)
    # The comment left the queue; focus went to its neighbour, not to the page's top.
    expect(queue_item(page, "Bo")).to_be_focused()
    thread = page.request.get(f"{servers.service}/api/v1/comments?site=news&page=article-1").json()
    assert [c["body_html"] for c in thread["comments"]] == ["<p>Held for a moderator</p>"]

    bo = queue_item(page, "Bo")
    tab_to(page, bo.get_by_role("button", name="Ban author"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Reason")).to_be_focused()
    page.keyboard.type("Trolling")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Banned")
    bans = page.locator("#bans")
    expect(bans).to_contain_text("Trolling")

    audit = page.locator("#audit")
    expect(audit.locator("tr").filter(has_text="ban").first).to_contain_text("Mo")
    expect(audit.locator("tr").filter(has_text="approve")).to_contain_text(
        "status: pending → approved"
    )


def test_a_wrong_token_is_refused(page, servers, token):
    page.goto(f"{servers.service}/admin")
    page.get_by_label("Admin token").fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("This token was refused")
    expect(page.get_by_label("Admin token")).to_be_focused()
    expect(page.locator("#workspace")).to_be_hidden()
    assert page.evaluate("() => sessionStorage.length") == 0


def test_the_token_lasts_for_the_session_until_sign_out(page, servers, token):
    sign_in(page, servers, token)
    page.reload()
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Admin token")).to_be_focused()
    expect(page.locator("#queue > li")).to_have_count(0)
    assert page.evaluate("() => sessionStorage.length") == 0


def test_a_token_revoked_meanwhile_signs_the_page_out(page, servers, token):
    sign_in(page, servers, token)
    (listed,) = admin_tokens.list_tokens()
    admin_tokens.revoke_token(listed.id)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Your token is no longer accepted. Sign in again."
    )
    expect(page.get_by_label("Admin token")).to_be_focused()
    assert page.evaluate("() => sessionStorage.length") == 0


def test_shortcuts_leave_typing_alone_and_bulk_acts_on_the_selection(page, servers, site, token):
    for name in ("Cy", "Di", "Ed"):
        make_comment(site, author=Author(name=name))
    sign_in(page, servers, token)
    search = page.get_by_label("Text contains")
    search.fill("")
    search.press("a")  # typed into the field, not an approval
    expect(search).to_have_value("a")
    search.fill("")
    expect(page.locator("#queue > li")).to_have_count(3)

    page.get_by_role("heading", name="Queue").focus()
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("#bulk-count")).to_have_text("2 selected")
    page.get_by_role("button", name="Spam selected").click()
    expect(page.get_by_role("status")).to_have_text("Marked as spam: 2 comments.")
    # The bulk buttons are disabled with the selection gone: focus returns to the queue.
    expect(page.locator("#queue > li").first).to_be_focused()
    # Pending and spam are both shown by default: the two stay, marked as spam.
    statuses = page.locator("#queue > li dd").filter(has_text=re.compile("^(pending|spam)$"))
    expect(statuses).to_have_text(["spam", "spam", "pending"])
    expect(page.locator("#bulk-count")).to_have_text("0 selected")

    page.get_by_label("Status").select_option("pending")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#queue > li")).to_have_count(1)
    expect(queue_item(page, "Cy")).to_be_visible()


def test_a_deleted_comment_is_restored(page, servers, site, token):
    make_comment(site, author=ANN)
    sign_in(page, servers, token)
    page.get_by_label("Status").select_option(label="Any status")
    page.get_by_role("button", name="Apply filters").click()
    item = queue_item(page, "Ann")
    item.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("status")).to_have_text("Deleted: the comment by Ann.")
    item.get_by_role("button", name="Restore").click()
    expect(page.get_by_role("status")).to_have_text("Restored: the comment by Ann.")
    expect(item.locator("dd").filter(has_text=re.compile("^pending$"))).to_have_count(1)
    expect(item.get_by_role("button", name="Approve")).to_be_visible()


def test_lock_the_thread_and_lift_a_ban(page, servers, site, token):
    make_comment(site, author=ANN)
    sign_in(page, servers, token)
    item = queue_item(page, "Ann")
    item.get_by_role("button", name="Lock thread").click()
    expect(page.get_by_role("status")).to_have_text("Thread on article-1 locked.")
    expect(item.get_by_role("button", name="Unlock thread")).to_be_visible()
    thread = page.request.get(f"{servers.service}/api/v1/comments?site=news&page=article-1").json()
    assert thread["locked"] is True

    item.get_by_role("button", name="Ban author").click()
    page.get_by_role("button", name="Ban", exact=True).click()
    lift = page.get_by_role("button", name="Lift the ban on email ann@example.com")
    lift.click()
    expect(page.get_by_role("status")).to_have_text("Lifted the ban on email ann@example.com.")
    expect(page.get_by_text("No active bans.")).to_be_visible()
    expect(page.locator("#audit tr").filter(has_text="unban")).to_have_count(1)


def test_the_consent_log_downloads_as_csv(page, servers, site, token):
    reader = readers.authenticate_reader(site, make_reader(site), required=True)
    record = consent.record_consent(reader, "1", {}, gpc=True)
    sign_in(page, servers, token)
    form = page.locator("#consent-form")
    form.get_by_label("Site").fill("nope")
    form.get_by_role("button", name="Download consent log (CSV)").click()
    expect(form.get_by_role("alert")).to_have_text("No site is called 'nope'.")

    form.get_by_label("Site").fill("news")
    with page.expect_download() as started:
        form.get_by_role("button", name="Download consent log (CSV)").click()
    download = started.value
    assert download.suggested_filename == "consent-news.csv"
    assert Path(download.path()).read_text().splitlines() == [
        "id,created_at,reader,policy_version,action,granted,refused,gpc",
        f"{record.id},{record.created_at.isoformat()},{reader.id},1,accept_all,necessary,,true",
    ]
    expect(page.get_by_role("status")).to_have_text("Downloaded the consent log of news.")
    expect(page.locator("#consent-error")).to_be_empty()


def test_axe_finds_no_violations_when_signed_in(page, servers, site, token):
    make_comment(site, body="A *comment* with a [link](https://example.com)", author=ANN)
    make_comment(site, body="An anonymous comment")
    sign_in(page, servers, token)
    queue_item(page, "Ann").get_by_role("button", name="Ban author").click()
    page.get_by_role("button", name="Ban", exact=True).click()
    expect(page.locator("#bans tr")).to_have_count(1)
    expect(page.locator("#audit tr")).to_have_count(1)
    page.get_by_text("Keyboard shortcuts").click()

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()
    checked = {rule["id"] for rule in results.response["passes"]}
    assert {"target-size", "color-contrast"} <= checked
