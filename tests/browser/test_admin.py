"""The moderation page: signing in, the queue by keyboard, bans, the audit and consent logs, axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_access import WCAG_22_AA, tab_to
from tests.factories import make_comment, make_reader, make_site, make_token
from widget.extensions import db
from widget.models import Comment, ModerationMode, Role
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
    # The token's only site is chosen already.
    expect(form.get_by_label("Site")).to_have_value("news")
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


def test_the_site_pickers_offer_the_token_s_sites(page, servers, site):
    arts = make_site("arts", ("https://arts.example",), ModerationMode.PRE)
    make_comment(site, author=ANN)
    make_comment(arts, author=Author(name="Bo"))
    sign_in(page, servers, make_token(Role.MODERATOR, site, arts, name="Mo"))
    expect(page.locator("#queue > li")).to_have_count(2)
    # The demo site exists too, but this token does not cover it.
    picker = page.locator("#filters").get_by_label("Site")
    expect(picker.locator("option")).to_have_text(["All your sites", "Arts (arts)", "News (news)"])

    page.locator("body").focus()
    tab_to(page, picker)
    page.keyboard.press("ArrowDown")  # a closed select steps to its next option
    expect(picker).to_have_value("arts")
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 comment shown.")
    expect(queue_item(page, "Bo")).to_be_visible()
    expect(queue_item(page, "Ann")).to_have_count(0)

    # With two sites, a ban or a download needs one chosen.
    consent_site = page.locator("#consent-form").get_by_label("Site")
    expect(consent_site).to_have_value("")
    page.get_by_role("button", name="Download consent log (CSV)").click()
    expect(page.locator("#consent-error")).to_have_text(
        "Choose the site whose consent log to download."
    )
    expect(consent_site).to_be_focused()
    page.get_by_label("Reason").fill("Spam")
    page.get_by_label("Email, reader ID or IP hash").fill("bo@example.com")
    page.get_by_role("button", name="Ban", exact=True).click()
    expect(page.locator("#ban-error")).to_have_text("Choose the site the ban applies to.")
    page.locator("#ban-form").get_by_label("Site").select_option("arts")
    page.get_by_role("button", name="Ban", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Banned email bo@example.com from arts.")

    # The audit log narrows to one site and one action.
    audit = page.locator("#audit-filters")
    audit.get_by_label("Site").select_option("news")
    audit.get_by_role("button", name="Filter the audit log").click()
    expect(page.get_by_role("status")).to_have_text("0 entries shown.")
    audit.get_by_label("Site").select_option("")
    audit.get_by_label("Action").select_option("ban")
    audit.get_by_role("button", name="Filter the audit log").click()
    expect(page.get_by_role("status")).to_have_text("1 entry shown.")
    expect(page.locator("#audit tr")).to_contain_text(["ban"])


def test_a_token_without_sites_still_signs_in(page, servers, site):
    gone = make_site("gone", origins=("https://gone.example",))
    token = make_token(Role.ADMIN, gone, name="Ada")
    db.session.delete(gone)
    db.session.commit()
    sign_in(page, servers, token)
    expect(page.get_by_text("This token covers no site yet")).to_be_visible()
    expect(page.locator("#queue-empty")).to_be_visible()
    consent_site = page.locator("#consent-form").get_by_label("Site")
    expect(consent_site.locator("option")).to_have_text(["No site: this token covers none"])
    page.get_by_role("button", name="Download consent log (CSV)").click()
    expect(page.locator("#consent-error")).to_have_text(
        "Choose the site whose consent log to download."
    )


def test_filter_by_author_and_by_day(page, servers, site, token):
    make_comment(site, author=ANN)
    make_comment(site, author=Author(name="Bo", email="bo@example.com"))
    sign_in(page, servers, token)
    page.get_by_label("Author name or email").fill("ANN@")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("1 comment shown.")
    expect(queue_item(page, "Ann")).to_be_visible()

    page.get_by_label("Author name or email").fill("")
    page.get_by_label("Posted until").fill("2000-01-01")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("0 comments shown.")
    expect(page.get_by_text("No comments match these filters.")).to_be_visible()
    # Today, in the browser's own time zone, takes in both.
    today = page.evaluate("() => new Date().toLocaleDateString('sv')")
    page.get_by_label("Posted from").fill(today)
    page.get_by_label("Posted until").fill(today)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("2 comments shown.")


class TestApprovedComments:
    @pytest.fixture
    def moderation(self) -> ModerationMode:
        return ModerationMode.NONE

    def test_pin_and_unpin_a_comment_by_keyboard(self, page, servers, site, token):
        make_comment(site, author=ANN)
        make_comment(site, author=Author(name="Bo"))
        sign_in(page, servers, token)
        page.get_by_label("Status").select_option("approved")
        page.get_by_role("button", name="Apply filters").click()
        expect(page.locator("#queue > li")).to_have_count(2)

        pin = queue_item(page, "Ann").get_by_role("button", name="Pin comment")
        tab_to(page, pin)
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_have_text("Pinned the comment by Ann on article-1.")
        unpin = queue_item(page, "Ann").get_by_role("button", name="Unpin comment")
        expect(unpin).to_be_focused()
        # One pin per thread: Bo's comment is offered to take its place.
        expect(queue_item(page, "Bo").get_by_role("button", name="Pin comment")).to_be_visible()
        thread = page.request.get(
            f"{servers.service}/api/v1/comments?site=news&page=article-1"
        ).json()
        assert thread["comments"][0]["author_name"] == "Ann"

        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_have_text("Unpinned the comment by Ann on article-1.")
        expect(page.locator("#audit tr").filter(has_text="update_thread")).to_have_count(2)

    def test_edit_a_comment_and_see_the_audit_entry(self, page, servers, site, token):
        make_comment(site, body="Teh original", author=ANN)
        sign_in(page, servers, token)
        page.get_by_label("Status").select_option("approved")
        page.get_by_role("button", name="Apply filters").click()
        item = queue_item(page, "Ann")
        tab_to(page, item.get_by_role("button", name="Edit"))
        page.keyboard.press("Enter")
        field = page.get_by_label("Text (Markdown) of the comment by Ann")
        expect(field).to_be_focused()
        expect(field).to_have_value("Teh original")
        expect(page.get_by_role("status")).to_have_text("Editing the comment by Ann.")

        # Escape leaves the comment as it was.
        page.keyboard.press("Escape")
        expect(page.get_by_role("status")).to_have_text("Edit cancelled.")
        expect(item.get_by_role("button", name="Edit")).to_be_focused()

        page.keyboard.press("Enter")
        field.fill("The **corrected** text")
        page.get_by_role("button", name="Save the edit").click()
        expect(page.get_by_role("status")).to_have_text("Saved the edit to the comment by Ann.")
        expect(item.get_by_role("button", name="Edit")).to_be_focused()
        expect(item.locator(".body strong")).to_have_text("corrected")
        expect(page.locator("#audit tr").filter(has_text="edit")).to_contain_text(
            "body: Teh original → The **corrected** text"
        )

    def test_an_edit_the_service_refuses_is_reported_on_the_form(self, page, servers, site, token):
        make_comment(site, author=ANN)
        sign_in(page, servers, token)
        page.get_by_label("Status").select_option("approved")
        page.get_by_role("button", name="Apply filters").click()
        queue_item(page, "Ann").get_by_role("button", name="Edit").click()
        field = page.get_by_label("Text (Markdown) of the comment by Ann")
        field.fill("   ")
        page.get_by_role("button", name="Save the edit").click()
        expect(queue_item(page, "Ann").get_by_role("alert")).not_to_be_empty()
        expect(field).to_be_focused()
        expect(field).to_have_attribute("aria-invalid", "true")


def test_purge_asks_first_in_a_dialog(page, servers, site, token):
    make_comment(site, author=ANN)
    bo = make_comment(site, author=Author(name="Bo"))
    sign_in(page, servers, token)
    purge = queue_item(page, "Ann").get_by_role("button", name="Purge")
    tab_to(page, purge)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Purge for good?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Purge the comment by Ann?")
    # Cancel is the safe default; the modal dialog makes the queue inert to j; Escape cancels.
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("j")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("Nothing was purged.")
    expect(purge).to_be_focused()
    expect(queue_item(page, "Ann")).to_have_count(1)

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Purge for good")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Purged: the comment by Ann.")
    expect(queue_item(page, "Ann")).to_have_count(0)
    expect(queue_item(page, "Bo")).to_be_focused()
    assert db.session.scalars(db.select(Comment.id)).all() == [bo.id]
    expect(page.locator("#audit tr").filter(has_text="purge")).to_have_count(1)


def test_bulk_restore_and_bulk_purge(page, servers, site, token):
    for name in ("Cy", "Di", "Ed"):
        make_comment(site, author=Author(name=name))
    sign_in(page, servers, token)
    page.get_by_role("heading", name="Queue").focus()
    for _ in range(3):
        page.keyboard.press("j")
        page.keyboard.press("x")
    page.get_by_role("button", name="Delete selected").click()
    expect(page.get_by_role("status")).to_have_text("Deleted: 3 comments.")
    page.get_by_label("Status").select_option("deleted")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#queue > li")).to_have_count(3)
    for name in ("Cy", "Di"):
        queue_item(page, name).get_by_text("Select").click()
    page.get_by_role("button", name="Restore selected").click()
    expect(page.get_by_role("status")).to_have_text("Restored: 2 comments.")
    expect(page.locator("#queue > li")).to_have_count(1)
    expect(queue_item(page, "Ed")).to_be_focused()

    page.keyboard.press("x")
    page.get_by_role("button", name="Purge selected").click()
    dialog = page.get_by_role("dialog", name="Purge for good?")
    expect(dialog).to_contain_text("Purge the comment by Ed?")
    dialog.get_by_role("button", name="Purge for good").click()
    expect(page.get_by_role("status")).to_have_text("Purged: the comment by Ed.")
    expect(page.get_by_text("No comments match these filters.")).to_be_visible()
    names = db.session.scalars(db.select(Comment.author_name).order_by(Comment.id)).all()
    assert names == ["Cy", "Di"]


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


def test_axe_finds_no_violations_in_the_editor_and_the_purge_dialog(page, servers, site, token):
    make_comment(site, author=ANN)
    sign_in(page, servers, token)
    item = queue_item(page, "Ann")
    item.get_by_role("button", name="Edit").click()
    item.get_by_role("button", name="Save the edit").focus()
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()

    item.get_by_role("button", name="Cancel the edit").click()
    item.get_by_role("button", name="Purge").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    assert "target-size" in {rule["id"] for rule in results.response["passes"]}
