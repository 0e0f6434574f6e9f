"""Every vector of the XSS corpus, through the API: what is stored and served is inert.

The browser test (``tests/browser/test_xss_corpus.py``) renders the same comments in Chromium.
"""

from __future__ import annotations

import pytest

from tests.factories import make_site
from tests.xss import (
    disguises_unsafe_scheme,
    expected_name,
    load_vectors,
    markup_problems,
    post_corpus,
    safe_link,
)
from widget.extensions import db
from widget.models import Comment
from widget.services.sanitize import render_markdown

VECTORS = load_vectors()


@pytest.fixture
def app_config() -> dict:
    # Vectors that differ only in control characters clean to one body; none is a duplicate.
    return {"WIDGET_SPAM_DUPLICATE_WINDOW": 0}


def test_the_corpus_is_several_hundred_distinct_vectors():
    assert len(VECTORS) >= 500
    assert len(set(VECTORS)) == len(VECTORS)


def test_every_vector_is_stored_inert(client, app):
    """Posted once (it takes a while), then judged three ways: body, name and website."""
    make_site("news", max_links=None)
    posted = post_corpus(client, "news", VECTORS)

    # Bodies: every one is accepted and stored with nothing outside the allowlist.
    assert [p.vector for p in posted if p.comment is None] == []
    served = {repr(p.vector): markup_problems(p.comment["body_html"]) for p in posted}
    assert {vector: problems for vector, problems in served.items() if problems} == {}
    stored = db.session.execute(db.select(Comment.body_markdown, Comment.body_html)).all()
    assert [problems for _, html in stored if (problems := markup_problems(html))] == []
    # What the browser test stores without the API (tests.xss.store_corpus) is this exactly.
    assert [source for source, html in stored if html != render_markdown(source)] == []

    # Names: the text that was sent (normalised), never markup.
    names = [(p.vector, p.comment["author_name"]) for p in posted]
    assert [(v, name) for v, name in names if name != expected_name(v)] == []

    # Websites: a disguised unsafe scheme is refused; whatever is kept is a web link.
    disguised = [p for p in posted if disguises_unsafe_scheme(p.vector)]
    assert len(disguised) >= 50
    assert [p.vector for p in disguised if p.website_status != 422] == []
    accepted = [p.website for p in posted if p.website is not None]
    assert [url for url in accepted if not safe_link(url)] == []


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if disguises_unsafe_scheme(v)][:5] + ["javascript:alert(1)"]
)
def test_an_unsafe_website_is_a_422_naming_the_field(client, app, vector):
    make_site("news")
    response = client.post(
        "/api/v1/comments",
        json={"site": "news", "page": "p", "body": "x", "author_website": vector},
    )
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["author_website"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 0
