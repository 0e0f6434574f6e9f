"""Everyone can use the Discussion: keyboard alone, other languages and scripts, axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_discussion import comment, open_thread, post
from tests.factories import make_comment
from widget.config import STATIC_DIR
from widget.pages.assets import load_assets

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ["en", "de", "fr", "es", "ru", "uk", "ja", "ar"]


def tab_to(page: Page, target, limit: int = 40) -> None:
    """Press Tab until ``target`` has focus, and check that focus is visible there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el.matches(':focus')"):
            outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
            assert outline != "none", "focus is not visible"
            return
    raise AssertionError(f"Tab never reached {target}")


def activate(page: Page, button) -> None:
    """Tab to ``button`` and press Enter."""
    tab_to(page, button)
    page.keyboard.press("Enter")


def type_and_send(page: Page, text: str, button) -> None:
    """Type into the focused field, then activate ``button``."""
    page.keyboard.type(text)
    activate(page, button)


def test_the_whole_flow_by_keyboard_alone(page, servers, site):
    make_comment(site, page="article-1", body="Someone else's view")
    widget = open_thread(page, servers.page())
    page.locator("body").focus()

    tab_to(page, widget.get_by_label("Your comment"))
    type_and_send(page, "Typed without a mouse", widget.get_by_role("button", name="Post comment"))
    mine = comment(widget, "Typed without a mouse")
    expect(mine).to_be_focused()

    reply_button = mine.get_by_role("button", name="Reply")
    activate(page, reply_button)
    expect(widget.get_by_label("Your reply to Anonymous")).to_be_focused()
    page.keyboard.press("Escape")  # closes the reply form and returns to its button
    expect(widget.get_by_label("Your reply to Anonymous")).to_have_count(0)
    expect(reply_button).to_be_focused()
    page.keyboard.press("Enter")
    type_and_send(page, "Replying by keyboard", widget.get_by_role("button", name="Post reply"))
    reply = comment(widget, "Replying by keyboard")
    expect(reply).to_be_focused()

    activate(page, reply.get_by_role("button", name="Edit"))
    expect(widget.get_by_label("Edit your comment")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    type_and_send(page, "Edited by keyboard", widget.get_by_role("button", name="Save changes"))
    edited = comment(widget, "Edited by keyboard")
    expect(edited).to_be_focused()

    activate(page, edited.get_by_role("button", name="Delete"))
    expect(widget.get_by_role("button", name="Yes, delete")).to_be_focused()
    page.keyboard.press("Enter")
    expect(comment(widget, "Edited by keyboard")).to_have_count(0)
    expect(widget.get_by_role("status")).to_have_text("Your comment was deleted.")

    other = comment(widget, "Someone else's view")
    upvote = other.get_by_role("button", name="Upvote")
    page.keyboard.press("Shift+Tab")
    tab_to(page, upvote)
    page.keyboard.press("Space")
    expect(upvote).to_have_attribute("aria-pressed", "true")


def test_tab_never_reaches_the_honeypot(page, servers):
    widget = open_thread(page, servers.page())
    honeypot = widget.locator("input[name=homepage]")
    widget.get_by_label("Your comment").focus()
    post_button = widget.get_by_role("button", name="Post comment")
    while not post_button.evaluate("el => el.matches(':focus')"):
        page.keyboard.press("Tab")
        assert not honeypot.evaluate("el => el.matches(':focus')")
    for _ in range(3):  # and past it, to the end of the form
        page.keyboard.press("Tab")
        assert not honeypot.evaluate("el => el.matches(':focus')")


def test_arabic_is_laid_out_right_to_left(page, servers):
    widget = open_thread(page, servers.page(lang="ar"))
    section = widget.locator("section")
    expect(section).to_have_attribute("dir", "rtl")
    expect(section).to_have_attribute("lang", "ar")
    assert section.evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(widget.get_by_role("heading")).to_have_text("النقاش · 0")
    # Right to left: the body field's label starts at the right edge of the form.
    label = widget.locator("label").first.bounding_box()
    field = widget.get_by_role("textbox").first.bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 40
    widget.get_by_label("تعليقك").fill("مرحبا")
    widget.get_by_role("button", name="انشر التعليق").click()
    expect(widget.get_by_role("status")).to_have_text("تم نشر تعليقك.")
    # What readers write keeps its own direction: English stays left to right.
    widget.get_by_label("تعليقك").fill("Hello from an English reader.")
    widget.get_by_role("button", name="انشر التعليق").click()
    english = widget.locator("article .body").filter(has_text="Hello from")
    assert english.evaluate("el => getComputedStyle(el.firstElementChild).direction") == "ltr"


def test_the_page_language_is_followed_without_data_lang(page, servers):
    widget = open_thread(page, servers.page(html_lang="de-AT"))
    expect(widget.get_by_role("heading")).to_have_text("Diskussion · 0")


@pytest.mark.parametrize("book", ["", "panel/"])
def test_every_catalogue_has_every_message(page, servers, book):
    open_thread(page, servers.page())
    version = load_assets(STATIC_DIR).version
    report = page.evaluate(
        """async ([base, languages]) => {
            const load = async (lang) => (await import(`${base}${lang}.js`)).default;
            const english = await load("en");
            const report = {};
            for (const lang of languages) {
                const messages = await load(lang);
                // A plural message needs every form the language's plural rules can pick.
                const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
                report[lang] = Object.keys(english).filter((key) =>
                    typeof messages[key] !== typeof english[key]
                    || (typeof english[key] === "object"
                        && forms.some((form) => !(form in messages[key]))));
                report[lang].push(...Object.keys(messages).filter((key) => !(key in english)));
            }
            return report;
        }""",
        [f"{servers.service}/embed/{version}/i18n/{book}", LANGUAGES],
    )
    assert report == {lang: [] for lang in LANGUAGES}


@pytest.mark.parametrize("context_options", [{"color_scheme": "light"}, {"color_scheme": "dark"}])
def test_axe_finds_no_violations(page, servers, site):
    parent = make_comment(
        site, page="article-1", body="A *first* comment with a [link](https://example.com)"
    )
    make_comment(site, page="article-1", body="A reply", parent=parent)
    widget = open_thread(page, servers.page())
    post(widget, "My own comment")
    expect(comment(widget, "My own comment")).to_be_visible()
    post(widget, "", **{"Email (optional)": "not-an-email"})
    expect(widget.get_by_label("Your comment")).to_have_attribute("aria-invalid", "true")
    comment(widget, "My own comment").get_by_role("button", name="Reply").click()

    results = Axe().run(
        page,
        context={"include": [["#comments"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}},
    )
    assert results.violations_count == 0, results.generate_report()
