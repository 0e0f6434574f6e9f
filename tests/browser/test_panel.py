"""The Accessibility options panel on a served article: what each option does to the page."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_access import WCAG_22_AA, tab_to
from widget.extensions import db

pytestmark = pytest.mark.browser

CATEGORIES = [
    {"key": "necessary", "label": "Necessary", "purpose": "Keeps the site working."},
    {"key": "analytics", "label": "Analytics", "purpose": "Counts visits."},
    {"key": "marketing", "label": "Marketing", "purpose": "Shows partners' offers."},
]
GPC_SCRIPT = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"
# Relative luminance and contrast ratio (WCAG 2) of an element's text against the first
# opaque background behind it.
# The distinct states of a family's faces that the page asked for, once loading has settled.
FACES_JS = """async family => {
  await document.fonts.ready;
  const asked = [...document.fonts].filter(
    f => f.family.replaceAll('"', '') === family && f.status !== 'unloaded');
  return [...new Set(asked.map(f => f.status))];
}"""
CONTRAST_JS = """el => {
    const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => {
        c /= 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let node = el, bg = [255, 255, 255];
    while (node) {
        const value = rgb(getComputedStyle(node).backgroundColor);
        if (value.length === 3 || value[3] === 1) { bg = value.slice(0, 3); break; }
        node = node.parentElement;
    }
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture
def site(site):
    site.consent_categories = CATEGORIES
    site.policy_version = "2026-11"
    db.session.commit()
    return site


def open_panel(page: Page, url: str):
    """Open the article at ``url`` and its Accessibility options; returns the dialog."""
    page.goto(url)
    page.get_by_role("button", name="Accessibility options").click()
    dialog = page.get_by_role("dialog", name="Accessibility options")
    expect(dialog).to_be_visible()
    return dialog


def article_url(servers, page_id: str = "article-1", **params) -> str:
    return servers.page(page_id, plain="1", options="1", **params)


def style(page: Page, selector: str, prop: str) -> str:
    return page.locator(selector).evaluate(f"el => getComputedStyle(el)[{prop!r}]")


def px(value: str) -> float:
    return float(value.removesuffix("px"))


def larger(dialog, times: int) -> None:
    for _ in range(times):
        dialog.get_by_role("button", name="Larger text").click()


def test_font_size_150_percent_grows_the_article_and_the_discussion_by_half(page, servers):
    dialog = open_panel(page, article_url(servers))
    text = px(style(page, "#host-text", "fontSize"))
    discussion = page.locator("#comments .widget-discussion")
    comments = discussion.evaluate("h => getComputedStyle(h.shadowRoot.firstChild).fontSize")
    larger(dialog, 5)
    expect(dialog.locator("output")).to_have_text("150%")
    assert px(style(page, "#host-text", "fontSize")) == pytest.approx(text * 1.5)
    scaled = discussion.evaluate("h => getComputedStyle(h.shadowRoot.firstChild).fontSize")
    assert px(scaled) == pytest.approx(px(comments) * 1.5)
    dialog.get_by_role("button", name="Reset").click()
    expect(dialog.locator("output")).to_have_text("100%")
    assert px(style(page, "#host-text", "fontSize")) == pytest.approx(text)


SIZED = [
    "#host-text",
    "#px-text",
    "#em-text",
    "#rem-text",
    "#clamp-text",
    "#media-text",
    "#var-text",
]


def text_sizes(page: Page) -> dict[str, float]:
    return {selector: px(style(page, selector, "fontSize")) for selector in [*SIZED, "#outside"]}


def test_font_size_scales_text_set_in_px_rem_em_and_tokens_alike(page, servers):
    dialog = open_panel(page, article_url(servers, sizes="1"))
    before = text_sizes(page)
    larger(dialog, 5)
    scaled = {selector: pytest.approx(before[selector] * 1.5) for selector in SIZED}
    assert text_sizes(page) == {**scaled, "#outside": before["#outside"]}

    page.reload()
    page.get_by_role("button", name="Accessibility options").wait_for()
    assert text_sizes(page) == {**scaled, "#outside": before["#outside"]}

    page.get_by_role("button", name="Accessibility options").click()
    dialog.get_by_role("button", name="Reset").click()
    assert text_sizes(page) == before


def test_high_contrast_keeps_a_dark_page_dark(page, servers):
    dialog = open_panel(page, article_url(servers, dark="1"))
    dialog.get_by_role("switch", name="High-contrast text and background").check()
    assert style(page, "#host-text", "backgroundColor") == "rgb(0, 0, 0)"
    assert page.locator("#host-text").evaluate(CONTRAST_JS) >= 7

    page.goto(article_url(servers, "article-2", dark="1"))
    page.get_by_role("button", name="Accessibility options").wait_for()
    assert style(page, "#host-text", "backgroundColor") == "rgb(0, 0, 0)"
    assert style(page, "#host-text", "color") == "rgb(255, 255, 255)"


@pytest.mark.parametrize("context_options", [{"color_scheme": "light"}, {"color_scheme": "dark"}])
def test_high_contrast_gives_seven_to_one_and_keeps_links_distinct(page, servers):
    dialog = open_panel(page, article_url(servers))
    dialog.get_by_role("switch", name="High-contrast text and background").check()
    assert page.locator("#host-text").evaluate(CONTRAST_JS) >= 7
    link = page.locator("#host-text a")
    assert link.evaluate(CONTRAST_JS) >= 7
    assert style(page, "#host-text a", "color") != style(page, "#host-text", "color")
    assert style(page, "#host-text a", "textDecorationLine") == "underline"
    assert page.evaluate("getComputedStyle(document.body).filter") == "none"


def test_forced_colors_are_left_to_the_system(page, servers):
    page.emulate_media(forced_colors="active")
    dialog = open_panel(page, article_url(servers))
    plain = style(page, "#host-text", "color")
    dialog.get_by_role("switch", name="High-contrast text and background").check()
    assert style(page, "#host-text", "color") == plain


def test_each_reading_preference_changes_the_style_it_promises(page, servers):
    spoken: list = []
    page.expose_function("spoke", lambda text: spoken.append(text))
    page.add_init_script(
        "speechSynthesis.speak = (u) => window.spoke(u.text); speechSynthesis.cancel = () => {};"
    )
    dialog = open_panel(page, article_url(servers))
    size = px(style(page, "#host-text", "fontSize"))

    dialog.get_by_label("Readable font").select_option(label="Atkinson Hyperlegible")
    assert style(page, "#host-text", "fontFamily").startswith('"Atkinson Hyperlegible"')
    page.wait_for_function("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    # Each face the text asked for was served and loaded (none failed, none still pending).
    assert page.evaluate(FACES_JS, "Atkinson Hyperlegible") == ["loaded"]
    dialog.get_by_label("Readable font").select_option(label="OpenDyslexic")
    assert style(page, "#host-text", "fontFamily").startswith("OpenDyslexic")

    dialog.get_by_role("switch", name="Text spacing").check()
    assert px(style(page, "#host-text", "lineHeight")) == pytest.approx(size * 1.5)
    assert px(style(page, "#host-text", "letterSpacing")) == pytest.approx(size * 0.12, abs=0.1)
    assert px(style(page, "#host-text", "wordSpacing")) == pytest.approx(size * 0.16, abs=0.1)
    assert px(style(page, "#host-text", "marginBottom")) == pytest.approx(size * 2)
    discussion = "h => getComputedStyle(h.shadowRoot.firstChild).letterSpacing"
    assert page.locator("#comments .widget-discussion").evaluate(discussion) != "normal"

    dialog.get_by_label("Line length").select_option(label="66 characters")
    assert style(page, "#host-text", "maxWidth") != "none"

    dialog.get_by_role("switch", name="Reduce motion").check()
    assert style(page, "#host-text", "transitionDuration") == "0s"
    assert style(page, "#host-text", "animationDuration") == "0s"
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"

    dialog.get_by_role("switch", name="Underline and highlight links").check()
    assert style(page, "#host-text a", "textDecorationLine") == "underline"
    assert style(page, "#host-text a", "backgroundColor") != style(page, "#host-text", "color")

    dialog.get_by_role("switch", name="Reading guide").check()
    dialog.get_by_role("button", name="Close").click()
    page.mouse.move(200, 300)
    guide = page.locator(".widget-reading-guide .guide")
    box = guide.bounding_box()
    assert box["y"] < 300 < box["y"] + box["height"]

    page.get_by_role("button", name="Accessibility options").click()
    dialog.get_by_role("button", name="Play").click()
    expect(dialog.get_by_text("Reading the article aloud.")).to_be_visible()
    assert spoken and "The publisher's own text" in spoken[0]
    assert "Discussion" not in spoken[0]


def test_preferences_apply_before_the_modules_on_reload_and_another_article(page, servers):
    dialog = open_panel(page, article_url(servers))
    size = px(style(page, "#host-text", "fontSize"))
    with page.expect_response(lambda r: r.request.method == "PUT") as saved:
        larger(dialog, 5)
        dialog.get_by_role("switch", name="High-contrast text and background").check()
    assert saved.value.json()["font_scale"] == 1.5

    # The loader alone applies them: the modules are not even reachable.
    page.route("**/embed/*/**", lambda route: route.abort())
    for url in (article_url(servers), article_url(servers, "article-2")):
        page.goto(url)
        assert px(style(page, "#host-text", "fontSize")) == pytest.approx(size * 1.5)
        assert page.locator("#host-text").evaluate(CONTRAST_JS) >= 7


def test_with_the_tag_in_head_the_text_is_never_shown_unadjusted(page, servers):
    # The probed text is sized in px by a linked sheet: only the copied rules scale it.
    dialog = open_panel(page, article_url(servers, sizes="1"))
    size = px(style(page, "#host-text", "fontSize"))
    larger(dialog, 5)
    page.goto(article_url(servers, sync="1", probe="1", sizes="1"))
    assert px(page.evaluate("window.probe")) == pytest.approx(size * 1.5)


def test_a_reader_who_saves_nothing_sends_no_write(page, servers):
    writes = []
    page.on("request", lambda r: r.method != "GET" and writes.append(r.url))
    dialog = open_panel(page, article_url(servers))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.reload()
    page.get_by_role("button", name="Accessibility options").wait_for()
    assert writes == []
    assert page.evaluate("document.documentElement.className") == ""


def test_with_gpc_analytics_stays_off_and_a_gated_script_runs_once_granted(page, servers):
    page.add_init_script(GPC_SCRIPT)
    page.add_init_script(
        "window.events = [];"
        "document.addEventListener('widget:consent', (e) => window.events.push(e.detail));"
    )
    dialog = open_panel(page, article_url(servers, gated="1"))
    expect(dialog.get_by_text("Your browser sends Global Privacy Control")).to_be_visible()
    page.wait_for_function("window.events.length > 0")
    assert page.evaluate("window.widget.consent.get('analytics')") is False
    assert page.evaluate("window.widget.consent.get('necessary')") is True
    assert page.evaluate("window.gatedRuns") is None
    expect(dialog.get_by_label("Analytics")).not_to_be_checked()
    expect(dialog.get_by_label("Necessary (always on)")).to_be_disabled()

    dialog.get_by_label("Analytics").check()
    with page.expect_request(lambda r: r.url.endswith("/readers/me/consent")) as sent:
        dialog.get_by_role("button", name="Save choices").click()
    body = json.loads(sent.value.post_data)
    assert body == {
        "policy_version": "2026-11",
        "choices": {"analytics": True, "marketing": False},
        "gpc": True,
    }
    expect(dialog.get_by_role("status").last).to_have_text("Your choices were saved.")
    assert page.evaluate("window.gatedRuns") == 1
    assert page.evaluate("window.events.at(-1).categories.analytics") is True

    dialog.get_by_role("button", name="Accept all").click()
    expect(dialog.get_by_label("Marketing")).to_be_checked()
    assert page.evaluate("window.gatedRuns") == 1


def test_reject_all_is_as_prominent_as_accept_all(page, servers):
    dialog = open_panel(page, article_url(servers))
    reject, accept = (dialog.get_by_role("button", name=n) for n in ("Reject all", "Accept all"))
    look = "el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.fontWeight, s.fontSize, s.borderColor, el.offsetHeight]; }"  # noqa: E501
    assert reject.evaluate(look) == accept.evaluate(look)
    dialog.get_by_role("button", name="Reject all").click()
    expect(dialog.get_by_label("Analytics")).not_to_be_checked()


def test_a_new_policy_version_asks_again(page, servers, site):
    dialog = open_panel(page, article_url(servers, gated="1"))
    dialog.get_by_role("button", name="Accept all").click()
    expect(dialog.get_by_role("status").last).to_have_text("Your choices were saved.")
    site.policy_version = "2027-01"
    db.session.commit()
    page.reload()
    page.wait_for_function("window.widget && window.widget.consent")
    launcher = page.get_by_role("button", name="Accessibility options")
    expect(launcher).to_have_text("Accessibility options · privacy policy updated")
    launcher.click()
    expect(dialog.get_by_text("Our privacy policy has changed")).to_be_visible()
    assert page.evaluate("window.widget.consent.get('analytics')") is False
    expect(dialog.get_by_label("Analytics")).not_to_be_checked()
    dialog.get_by_role("button", name="Reject all").click()
    expect(launcher).to_have_text("Accessibility options")


def test_download_returns_the_readers_data(page, servers):
    dialog = open_panel(page, article_url(servers))
    with page.expect_response(lambda r: r.request.method == "PUT"):
        larger(dialog, 5)
    with page.expect_download() as download:
        dialog.get_by_role("button", name="Download my data").click()
    data = json.loads(open(download.value.path()).read())
    assert data["preferences"]["font_scale"] == 1.5
    expect(dialog.get_by_role("status").last).to_have_text("Your data was downloaded.")


def test_delete_erases_the_reader_and_the_old_token_gets_401(page, servers):
    dialog = open_panel(page, article_url(servers))
    with page.expect_response(lambda r: r.request.method == "PUT"):
        larger(dialog, 2)
    token = page.evaluate("JSON.parse(localStorage.getItem('widget:news')).token")
    dialog.get_by_role("button", name="Delete my data").click()
    expect(dialog.get_by_label("Delete my comments")).to_be_focused()
    with page.expect_response(lambda r: r.request.method == "DELETE") as erased:
        dialog.get_by_role("button", name="Yes, delete my data").click()
    assert erased.value.status == 204
    expect(dialog.get_by_role("status").last).to_have_text("Your data was deleted.")
    expect(dialog.locator("output")).to_have_text("100%")
    assert page.evaluate("localStorage.getItem('widget:news')").find(token) == -1
    answer = page.request.get(
        f"{servers.service}/api/v1/readers/me", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status == 401


def test_the_panel_by_keyboard_alone_traps_and_returns_focus(page, servers):
    page.goto(article_url(servers))
    launcher = page.get_by_role("button", name="Accessibility options")
    tab_to(page, launcher)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Accessibility options")
    expect(dialog).to_be_visible()
    inside = "() => document.activeElement.shadowRoot?.activeElement?.closest('dialog') != null"
    assert page.evaluate(inside)
    for _ in range(60):  # more stops than the dialog has: focus must wrap, never leave
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(inside)
    tab_to(page, dialog.get_by_role("switch", name="Text spacing"))
    page.keyboard.press("Space")
    expect(dialog.get_by_role("switch", name="Text spacing")).to_be_checked()
    tab_to(page, dialog.get_by_role("button", name="Larger text"))
    page.keyboard.press("Enter")
    expect(dialog.locator("output")).to_have_text("110%")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()


def test_a_corner_button_when_the_page_has_no_placeholder(page, servers):
    page.goto(servers.page(plain="1", corner="bottom-left"))
    launcher = page.get_by_role("button", name="Accessibility options")
    box = launcher.bounding_box()
    viewport = page.viewport_size
    assert box["x"] < viewport["width"] / 2 and box["y"] > viewport["height"] / 2
    assert box["y"] + box["height"] <= viewport["height"]


def test_the_target_setting_limits_the_preferences(page, servers):
    dialog = open_panel(page, article_url(servers, target="article"))
    outside = px(style(page, "#comments", "fontSize"))
    larger(dialog, 5)
    assert px(style(page, "#comments", "fontSize")) == pytest.approx(outside)


@pytest.mark.parametrize("context_options", [{"color_scheme": "light"}, {"color_scheme": "dark"}])
def test_axe_finds_no_violations_with_every_preference_on(page, servers):
    dialog = open_panel(page, article_url(servers))
    larger(dialog, 5)
    for name in ("High-contrast text and background", "Text spacing", "Reduce motion"):
        dialog.get_by_role("switch", name=name).check()
    for name in ("Underline and highlight links", "Reading guide"):
        dialog.get_by_role("switch", name=name).check()
    dialog.get_by_label("Readable font").select_option(label="Atkinson Hyperlegible")
    dialog.get_by_label("Line length").select_option(label="66 characters")
    dialog.get_by_role("button", name="Delete my data").click()
    results = Axe().run(
        page,
        context={"include": [["#reading-options"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}},
    )
    assert results.violations_count == 0, results.generate_report()
    dialog.get_by_role("button", name="Close").click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()
