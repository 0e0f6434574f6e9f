"""The Discussion section on a publisher's page with hostile CSS, on another origin."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_comment
from widget.extensions import db
from widget.limits import THREAD_PAGE_DEFAULT
from widget.models import ModerationMode, Thread
from widget.pages.demo import DEMO_SITE
from widget.services.comments import Author
from widget.services.sites import get_site

pytestmark = pytest.mark.browser


def open_thread(page: Page, url: str):
    """Open ``url`` and wait for the thread to render; returns the Discussion's locator."""
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading")).to_be_visible()
    expect(widget.locator("section")).not_to_have_attribute("aria-busy", "true")
    return widget


def post(widget, body: str, **fields: str):
    widget.get_by_label("Your comment").fill(body)
    for label, value in fields.items():
        widget.get_by_label(label).fill(value)
    widget.get_by_role("button", name="Post comment").click()


def comment(widget, text: str):
    return widget.locator("article").filter(has_text=text)


def test_empty_state_resists_the_hostile_page(page, servers):
    widget = open_thread(page, servers.page())

    expect(widget.get_by_role("heading", name="Discussion · 0")).to_be_visible()
    expect(widget).to_contain_text("Join the conversation with 0 comments")
    expect(widget).to_contain_text(
        "No comments yet. Be the first to share your thoughts on this article."
    )
    textarea = widget.get_by_label("Your comment")
    button = widget.get_by_role("button", name="Post comment")
    style = textarea.evaluate(
        "el => { const s = getComputedStyle(el); return [s.fontSize, s.textTransform, s.color] }"
    )
    assert float(style[0].removesuffix("px")) >= 14
    assert style[1] == "none"
    assert style[2] != "rgb(255, 0, 255)"
    assert button.bounding_box()["height"] >= 24
    expect(button).to_be_visible()
    # The page keeps its own look: the embed adds no global styles.
    assert page.locator("#host-text").evaluate("el => getComputedStyle(el).color") == (
        "rgb(255, 0, 255)"
    )


def test_a_posted_comment_is_there_after_reload(page, servers):
    widget = open_thread(page, servers.page())
    post(widget, "Hello **world**", **{"Name (optional)": "Ada"})

    posted = comment(widget, "Hello world")
    expect(posted).to_be_focused()
    expect(posted.locator("strong")).to_have_text("world")
    expect(widget.get_by_role("status")).to_have_text("Your comment was published.")
    expect(widget.get_by_role("heading", name="Discussion · 1")).to_be_visible()
    expect(widget.get_by_label("Your comment")).to_have_value("")

    widget = open_thread(page, servers.page())
    posted = comment(widget, "Hello world")
    expect(posted).to_contain_text("Ada")
    expect(widget.get_by_role("heading", name="Discussion · 1")).to_be_visible()
    # A relative time, with the exact one shown on hover (and while focus is in the comment).
    time = posted.locator("time")
    expect(time).to_have_text("now")
    expect(time).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    exact = posted.locator(".exact")
    assert exact.bounding_box()["width"] <= 1
    time.hover()
    expect(exact).to_contain_text(str(datetime.now(UTC).year))
    assert exact.bounding_box()["width"] > 10


def test_relative_times_keep_up_on_a_page_left_open(page, servers):
    page.clock.install()
    widget = open_thread(page, servers.page())
    post(widget, "Still here")
    time = comment(widget, "Still here").locator("time")
    expect(time).to_have_text("now")
    page.clock.fast_forward("02:00")
    expect(time).to_have_text("2 minutes ago")
    page.clock.fast_forward("01:00:00")
    expect(time).to_have_text("1 hour ago")


def test_reply_edit_and_delete_own_comments(page, servers):
    widget = open_thread(page, servers.page())
    post(widget, "Parent comment")
    parent = comment(widget, "Parent comment")
    parent.get_by_role("button", name="Reply").click()
    reply_box = widget.get_by_label("Your reply to Anonymous")
    expect(reply_box).to_be_focused()
    reply_box.fill("A reply")
    widget.get_by_role("button", name="Post reply").click()
    reply = widget.locator(".replies article").filter(has_text="A reply")
    expect(reply).to_be_focused()

    reply.get_by_role("button", name="Edit").click()
    editor = widget.get_by_label("Edit your comment")
    expect(editor).to_have_value("A reply")
    editor.fill("An edited reply")
    widget.get_by_role("button", name="Save changes").click()
    edited = comment(widget, "An edited reply")
    expect(edited).to_contain_text("edited")
    expect(edited).to_be_focused()

    parent.get_by_role("button", name="Delete").click()
    widget.get_by_role("button", name="Yes, delete").click()
    # The parent stays as a placeholder, since a reply hangs below it.
    expect(widget.locator("article.deleted")).to_have_text("This comment was deleted.")
    expect(widget.locator("article.deleted")).to_be_focused()
    expect(widget.get_by_role("status")).to_have_text("Your comment was deleted.")
    expect(widget.get_by_role("heading", name="Discussion · 1")).to_be_visible()

    widget = open_thread(page, servers.page())
    expect(widget.locator("article.deleted")).to_have_count(1)
    expect(comment(widget, "An edited reply")).to_be_visible()


def test_vote_on_someone_elses_comment(page, servers, site):
    make_comment(site, page="article-1", body="Worth a vote")
    widget = open_thread(page, servers.page())
    target = comment(widget, "Worth a vote")
    upvote = target.get_by_role("button", name="Upvote")
    upvote.click()
    expect(upvote).to_have_attribute("aria-pressed", "true")
    expect(target).to_contain_text("1 point")

    target.get_by_role("button", name="Downvote").click()
    expect(target).to_contain_text("-1 point")

    widget = open_thread(page, servers.page())
    target = comment(widget, "Worth a vote")
    expect(target.get_by_role("button", name="Downvote")).to_have_attribute("aria-pressed", "true")
    expect(target.get_by_role("button", name="Edit")).to_have_count(0)


def test_own_comments_cannot_be_voted_on(page, servers):
    widget = open_thread(page, servers.page())
    post(widget, "My own")
    expect(comment(widget, "My own").get_by_role("button", name="Upvote")).to_have_count(0)


def test_a_second_page_has_its_own_thread(page, servers):
    widget = open_thread(page, servers.page("article-1"))
    post(widget, "On the first article")
    expect(comment(widget, "On the first article")).to_be_visible()

    widget = open_thread(page, servers.page("article-2"))
    expect(widget).to_contain_text("No comments yet.")
    expect(widget.locator("article")).to_have_count(0)


def test_without_an_id_the_canonical_url_or_the_location_keys_the_page(page, servers, site):
    canonical = "https://news.example/2026/story"
    widget = open_thread(page, servers.page(None, canonical=canonical, title="Canonical") + "#x")
    post(widget, "Keyed by the canonical URL")
    expect(comment(widget, "Keyed by the canonical URL")).to_be_visible()
    widget = open_thread(page, servers.page(None, plain="1") + "#comments")
    post(widget, "Keyed by the location")
    expect(comment(widget, "Keyed by the location")).to_be_visible()

    threads = db.session.execute(db.select(Thread).order_by(Thread.id)).scalars().all()
    assert [(t.page_key, t.title) for t in threads] == [
        (canonical, "Canonical"),
        (f"{servers.publisher}/article?plain=1", "A test article"),
    ]


def test_count_badges_fill_in_one_request(page, servers, site):
    for n in range(3):
        make_comment(site, page="article-1", body=f"Comment {n}")
    make_comment(site, page="article-2")
    counts = []
    page.on("request", lambda r: counts.append(r.url) if "/api/v1/counts" in r.url else None)
    page.goto(servers.page(badges="article-1,article-2,article-3"))
    badges = page.locator("[data-comment-count]")
    expect(badges).to_have_text(["3 comments", "1 comment", "0 comments"])
    assert len(counts) == 1


def test_the_demo_article_shows_its_thread_and_the_other_articles_count(page, servers):
    make_comment(get_site(DEMO_SITE), page="library-hours", body="About the library")
    widget = open_thread(page, f"{servers.service}/demo")
    expect(page.locator('[data-comment-count="library-hours"]')).to_have_text("1 comment")
    expect(widget).to_contain_text("No comments yet.")

    widget = open_thread(page, f"{servers.service}/demo/library-hours")
    expect(comment(widget, "About the library")).to_be_visible()


def test_an_api_error_is_shown_next_to_its_field(page, servers):
    widget = open_thread(page, servers.page())
    post(widget, "Keep this text", **{"Email (optional)": "not-an-email"})
    email = widget.get_by_label("Email (optional)")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_focused()
    error_id = email.get_attribute("aria-describedby").split()[-1]
    expect(widget.locator(f"#{error_id}")).to_have_text("Not a valid email address.")
    expect(widget.get_by_label("Your comment")).to_have_value("Keep this text")


def test_an_empty_comment_is_refused_before_sending(page, servers):
    widget = open_thread(page, servers.page())
    widget.get_by_role("button", name="Post comment").click()
    body = widget.get_by_label("Your comment")
    expect(body).to_have_attribute("aria-invalid", "true")
    expect(body).to_be_focused()
    expect(widget).to_contain_text("Please write something first.")


def test_a_failed_post_keeps_the_text_and_posts_once(page, servers):
    widget = open_thread(page, servers.page())
    posts = []
    page.route(
        "**/api/v1/comments",
        lambda route: (
            (posts.append(1), route.abort()) if route.request.method == "POST" else route.fallback()
        ),
    )
    widget.get_by_label("Your comment").fill("Do not lose me")
    button = widget.get_by_role("button", name="Post comment")
    button.click()
    expect(widget.get_by_role("alert")).to_contain_text("could not be reached")
    expect(widget.get_by_label("Your comment")).to_have_value("Do not lose me")

    page.unroute("**/api/v1/comments")
    button.dblclick()
    expect(comment(widget, "Do not lose me")).to_have_count(1)
    widget = open_thread(page, servers.page())
    expect(comment(widget, "Do not lose me")).to_have_count(1)
    assert posts == [1]


@pytest.mark.parametrize("moderation", [ModerationMode.PRE])
def test_a_held_comment_shows_as_awaiting_moderation_to_its_author(page, servers, moderation):
    widget = open_thread(page, servers.page())
    post(widget, "Please approve me")
    held = comment(widget, "Please approve me")
    expect(held).to_contain_text("Awaiting moderation")
    expect(widget.get_by_role("status")).to_have_text(
        "Your comment was received and is awaiting moderation."
    )
    expect(widget.get_by_role("heading", name="Discussion · 0")).to_be_visible()

    widget = open_thread(page, servers.page())
    expect(comment(widget, "Please approve me")).to_contain_text("Awaiting moderation")
    other_reader = page.context.browser.new_page()
    widget = open_thread(other_reader, servers.page())
    expect(widget).to_contain_text("No comments yet.")
    other_reader.close()


def test_a_locked_thread_says_so_and_has_no_form(page, servers, site):
    make_comment(site, page="article-1", body="Before the lock")
    thread = db.session.execute(db.select(Thread)).scalar_one()
    thread.locked = True
    db.session.commit()
    widget = open_thread(page, servers.page())
    expect(widget).to_contain_text("This discussion is closed to new comments.")
    expect(widget.locator("form")).to_have_count(0)
    expect(comment(widget, "Before the lock").get_by_role("button", name="Reply")).to_have_count(0)


def test_sort_and_load_more(page, servers, site):
    for n in range(THREAD_PAGE_DEFAULT + 2):
        make_comment(site, page="article-1", body=f"Comment number {n}")
    widget = open_thread(page, servers.page())
    expect(widget.locator("article")).to_have_count(THREAD_PAGE_DEFAULT)
    expect(widget.locator("article").first).to_contain_text("Comment number 0")

    widget.get_by_role("button", name="Load more comments").click()
    expect(widget.locator("article")).to_have_count(THREAD_PAGE_DEFAULT + 2)
    expect(comment(widget, f"Comment number {THREAD_PAGE_DEFAULT}")).to_be_focused()
    expect(widget.get_by_role("button", name="Load more comments")).to_be_hidden()

    widget.get_by_label("Sort by").select_option("newest")
    expect(widget.locator("article").first).to_contain_text(
        f"Comment number {THREAD_PAGE_DEFAULT + 1}"
    )
    expect(widget.locator("article")).to_have_count(THREAD_PAGE_DEFAULT)


def test_the_thread_is_fetched_only_near_the_viewport(page, servers):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/api/v1/" in r.url else None)
    page.goto(servers.page(tall="1", plain="1"))
    host = page.locator("#comments > div")
    expect(host).to_be_attached()
    # Space is reserved before anything is fetched.
    assert host.bounding_box()["height"] > 200
    page.wait_for_timeout(300)
    assert requests == []

    page.locator("#comments").scroll_into_view_if_needed()
    expect(page.locator("#comments").get_by_role("heading")).to_be_visible()
    assert len(requests) == 1 and "/api/v1/comments?" in requests[0]


def test_a_page_on_an_origin_the_site_does_not_allow_offers_a_retry(page, servers):
    page.goto(servers.page(site="demo"))  # the demo site allows only the service's own origin
    widget = page.locator("#comments")
    expect(widget).to_contain_text("The comments could not be loaded.")
    expect(widget.get_by_role("button", name="Try again")).to_be_visible()


def test_preview_shows_the_sanitised_rendering(page, servers):
    widget = open_thread(page, servers.page())
    widget.get_by_label("Your comment").fill("Some *emphasis* <script>alert(1)</script>")
    widget.get_by_role("button", name="Preview").click()
    preview = widget.locator(".preview")
    expect(preview.locator("em")).to_have_text("emphasis")
    expect(preview.locator("script")).to_have_count(0)


@pytest.mark.parametrize(
    ("context_options", "theme", "background"),
    [
        ({"color_scheme": "light"}, None, "rgb(255, 255, 255)"),
        ({"color_scheme": "dark"}, None, "rgb(27, 29, 33)"),
        ({"color_scheme": "light"}, "dark", "rgb(27, 29, 33)"),
        ({"color_scheme": "dark"}, "light", "rgb(255, 255, 255)"),
    ],
)
def test_the_theme_follows_the_reader_unless_the_publisher_chooses(
    page, servers, context_options, theme, background
):
    params = {"theme": theme} if theme else {}
    widget = open_thread(page, servers.page(**params))
    assert widget.locator("section").evaluate("el => getComputedStyle(el).backgroundColor") == (
        background
    )


def test_a_failed_load_offers_a_retry_that_works(page, servers):
    failures = []

    def fail_once(route):
        if failures:
            return route.fallback()
        failures.append(route.request.url)
        return route.abort()

    page.route("**/api/v1/comments?*", fail_once)
    page.goto(servers.page())
    widget = page.locator("#comments")
    expect(widget).to_contain_text("The comment service could not be reached.")
    expect(widget.get_by_label("Your comment")).to_have_count(0)

    widget.get_by_role("button", name="Try again").click()
    expect(widget).to_contain_text("No comments yet.")
    expect(widget.get_by_role("heading")).to_be_focused()
    expect(widget.get_by_label("Your comment")).to_be_visible()


def test_names_and_links_from_the_database_are_only_text(page, servers, site):
    make_comment(
        site,
        page="article-1",
        body="<img src=x onerror=alert(1)> **safe**",
        author=Author(name="<b>Mallory</b>", website="javascript:alert(1)"),
    )
    widget = open_thread(page, servers.page())
    posted = comment(widget, "safe")
    expect(posted.locator(".author")).to_have_text("<b>Mallory</b>")
    expect(posted.locator("a[href^=javascript], img, b")).to_have_count(0)
    expect(posted.locator("strong")).to_have_text("safe")


def test_a_post_whose_answer_was_lost_is_stored_once_when_retried(page, servers):
    widget = open_thread(page, servers.page())
    lost = []

    def lose_the_answer(route):
        if route.request.method != "POST" or lost:
            return route.fallback()
        lost.append(route.fetch().status)  # the service stores the post...
        return route.abort()  # ...but the reader never hears back

    page.route("**/api/v1/comments", lose_the_answer)
    post(widget, "Said once")
    expect(widget.get_by_role("alert")).to_contain_text("could not be reached")
    widget.get_by_role("button", name="Post comment").click()
    expect(comment(widget, "Said once")).to_have_count(1)

    widget = open_thread(page, servers.page())
    expect(comment(widget, "Said once")).to_have_count(1)
    assert lost == [201]


def test_data_comments_names_another_placeholder(page, servers):
    page.goto(servers.page(moved="1"))
    widget = page.locator(".talk")
    expect(widget.get_by_role("heading")).to_have_text("Discussion · 0")


def test_a_strict_content_security_policy_on_the_page_is_enough(page, servers, site):
    make_comment(site, page="article-1", body="Under a strict policy", author=Author(name="Zed"))
    page.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));"
    )
    widget = open_thread(page, servers.page(csp="1", plain="1"))
    avatar = comment(widget, "Under a strict policy").locator(".avatar")
    assert avatar.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    post(widget, "Posted under the policy")
    expect(comment(widget, "Posted under the policy")).to_be_visible()
    expect_loaded_image(comment(widget, "Posted under the policy").locator("img.avatar"))
    assert page.evaluate("violations") == []


def expect_loaded_image(image) -> None:
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("el => el.naturalWidth") > 0


def test_avatars_are_the_services_images_and_initials_without_an_identity(page, servers, site):
    make_comment(
        site, page="article-1", body="With an email", author=Author(name="Ann", email="a@x.org")
    )
    make_comment(site, page="article-1", body="Without an identity", author=Author(name="bo"))
    widget = open_thread(page, servers.page())

    image = comment(widget, "With an email").locator(".avatar")
    expect(image).to_have_attribute("src", re.compile(rf"^{servers.service}/avatars/\w+\.svg$"))
    expect(image).to_have_attribute("alt", "")
    expect(image).to_have_attribute("loading", "lazy")
    expect_loaded_image(image)
    box = image.bounding_box()
    assert 24 <= box["width"] == box["height"] <= 48
    initial = comment(widget, "Without an identity").locator(".avatar")
    expect(initial).to_have_text("B")
    expect(initial).to_have_attribute("aria-hidden", "true")


def test_a_post_carries_the_spam_fields_and_is_published_where_they_are_required(
    page, servers, site
):
    site.require_form_fields = True
    db.session.commit()
    widget = open_thread(page, servers.page())
    widget.get_by_label("Your comment").fill("Written at a human pace")
    page.wait_for_timeout(1000)
    with page.expect_request(lambda r: r.method == "POST" and "/comments" in r.url) as sent:
        widget.get_by_role("button", name="Post comment").click()
    fields = sent.value.post_data_json
    assert fields["honeypot"] == ""
    assert fields["elapsed_ms"] >= 1000
    expect(widget.get_by_role("status")).to_have_text("Your comment was published.")
    honeypot = widget.locator("input[name=homepage]")
    expect(honeypot).to_have_attribute("tabindex", "-1")
    expect(honeypot).to_have_attribute("autocomplete", "off")
    hidden = honeypot.locator("xpath=..")
    expect(hidden).to_have_attribute("aria-hidden", "true")
    # A one-pixel box that shows none of its content: nothing for a reader to see.
    box = hidden.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    assert hidden.evaluate("el => getComputedStyle(el).overflow") == "hidden"


# What a single-page site's router does on showing another article.
NAVIGATE_JS = """page => {
  history.pushState({}, "", "/article?page=" + page);
  document.querySelector("#comments").dataset.pageId = page;
  window.widget.reload();
}"""


def test_a_single_page_site_moves_the_discussion_to_the_next_article(page, servers):
    widget = open_thread(page, servers.page())
    post(widget, "On the first article")
    expect(comment(widget, "On the first article")).to_be_visible()

    page.evaluate(NAVIGATE_JS, "spa-second")
    expect(widget.get_by_role("heading", name="Discussion · 0")).to_be_visible()
    post(widget, "On the second article")
    expect(comment(widget, "On the second article")).to_be_visible()
    expect(widget.locator(".widget-discussion")).to_have_count(1)

    page.evaluate(NAVIGATE_JS, "article-1")
    expect(comment(widget, "On the first article")).to_be_visible()
    expect(comment(widget, "On the second article")).to_have_count(0)
    # Called again on the same article, it leaves the Discussion as it is.
    shown = "document.querySelector('#comments .widget-discussion')"
    page.evaluate(f"{shown}.kept = true; window.widget.reload()")
    assert page.evaluate(f"{shown}.kept") is True


def test_the_tag_pasted_twice_shows_one_discussion(page, servers):
    open_thread(page, servers.page())
    page.evaluate(
        """(src) => new Promise((resolve) => {
            const script = document.createElement("script");
            script.src = src;
            script.dataset.site = "news";
            script.onload = resolve;
            document.head.append(script);
        })""",
        f"{servers.service}/embed.js",
    )
    page.wait_for_load_state("networkidle")
    expect(page.locator("#comments > div")).to_have_count(1)
