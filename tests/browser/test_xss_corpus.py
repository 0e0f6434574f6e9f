"""The XSS corpus rendered by the real embed on the hostile publisher's page: nothing executes.

Every vector is stored as a body, an author name and a website exactly as the API stores it
(``tests/xss.py``; ``tests/api/test_xss_corpus.py`` posts each one through the API). Each
thread is then opened in Chromium twice: on a page without a Content-Security-Policy, where a
script that got through would run and trip the sentinel, and on a page with a strict one,
where it would be blocked and reported.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.xss import BODY_TAGS, expected_name, load_vectors, store_corpus

pytestmark = pytest.mark.browser

# Anything a payload could call, and every way a policy reports what it blocked, leaves a mark
# in window.__xss; so does a payload that assigns window.__xss itself.
SENTINEL = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => window.__xss.push(`${name}(${args.join(",")})`);
}
document.addEventListener(
  "securitypolicyviolation",
  (event) => window.__xss.push(`csp ${event.violatedDirective} ${event.blockedURI}`),
  true,
);
"""

# Everything in the rendered shadow DOM that could run script or lead to a script URL.
AUDIT = """
(host, bodyTags) => {
  const problems = [];
  const risky = new Set(["script", "iframe", "frame", "object", "embed", "base", "meta",
                         "link", "svg", "math", "img", "video", "audio", "style", "template"]);
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data",
                         "srcdoc", "background", "poster"];
  const unsafe = (value) => {
    if (/^(javascript|data|vbscript):/.test(value.replace(/[\0-\x20]/g, "").toLowerCase()))
      return true;
    try {
      return !["http:", "https:", "mailto:"].includes(new URL(value, document.baseURI).protocol);
    } catch {
      return false; // a URL no browser can parse leads nowhere
    }
  };
  const root = host.querySelector(".widget-discussion").shadowRoot;
  for (const element of root.querySelectorAll("*")) {
    const tag = element.localName;
    if (risky.has(tag)) problems.push(`<${tag}>`);
    if (element.namespaceURI !== "http://www.w3.org/1999/xhtml") problems.push(`ns ${tag}`);
    if (element.closest(".body") && !element.classList.contains("body") && !bodyTags.includes(tag))
      problems.push(`<${tag}> in a body`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith("on")) problems.push(`${name} on <${tag}>`);
      if (urlAttributes.includes(name) && unsafe(value))
        problems.push(`${name}=${JSON.stringify(value)}`);
    }
  }
  return problems;
}
"""


@pytest.fixture
def posted(site):
    return store_corpus(site, load_vectors())


def test_no_vector_executes_in_the_embed(page, servers, posted):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(SENTINEL)
    # Nothing leaves for a third party: no payload's image, script or style, nor the embed's.
    requested = set()
    page.on("request", lambda request: requested.add(urlsplit(request.url)[:2]))
    threads = [(page_id, list(group)) for page_id, group in groupby(posted, lambda p: p.page)]
    # The policy would also block the hostile page's own inline <style>: that page goes plain.
    for options in ({}, {"csp": "1", "plain": "1"}):
        for page_id, group in threads:
            page.goto(servers.page(page_id, **options))
            widget = page.locator("#comments")
            # Oldest first: each vector's comment, then its website's when that was accepted.
            authors = [
                name
                for p in group
                for name in ([expected_name(p.vector) or "Anonymous"] if p.comment else [])
                + (["Anonymous"] if p.website else [])
            ]
            expect(widget.locator("article.comment")).to_have_count(len(authors))

            where = f"{page_id} {options}"
            assert widget.evaluate(AUDIT, sorted(BODY_TAGS)) == [], where
            assert widget.locator("article.comment .author").all_text_contents() == authors, where
            assert page.evaluate("window.__xss") == [], where
    assert dialogs == []
    assert requested == {urlsplit(servers.service)[:2], urlsplit(servers.publisher)[:2]}
