"""The XSS corpus (``fixtures/xss_vectors.txt``): loading it, posting it, and judging markup.

Shared by the API test, which checks every stored comment, and the browser test, which renders
the same comments with the real embed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from marshmallow import ValidationError

from widget.extensions import db
from widget.limits import AUTHOR_NAME_MAX_LENGTH, THREAD_PAGE_DEFAULT
from widget.models import Comment, Site, Thread
from widget.schemas.comments import CommentCreateSchema
from widget.schemas.common import clean_text
from widget.services.sanitize import render_markdown
from widget.services.threads import get_or_create_thread, touch_thread

CORPUS = Path(__file__).parent / "fixtures" / "xss_vectors.txt"
_CODE_POINT = re.compile(r"\{\{U\+([0-9A-F]{4,6})\}\}")

# What a comment body may contain, written out here rather than imported from the sanitiser,
# so that a change to its allowlist has to change this test too.
BODY_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
BODY_ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
LINK_SCHEMES = {"http", "https", "mailto"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
# What a URL parser ignores inside a scheme (C0 controls, space) and what people hide in one.
_IGNORED_IN_SCHEMES = re.compile(
    "[\x00-\x20\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
# Vectors per thread: each gives at most two comments (a body, a website), and all of them fit
# on one page of the embed, so that the browser sees them at once.
PER_PAGE = THREAD_PAGE_DEFAULT // 2


def load_vectors() -> list[str]:
    """Every vector of the corpus, with ``{{U+XXXX}}`` turned into its character."""
    return [
        _CODE_POINT.sub(lambda match: chr(int(match[1], 16)), line)
        for line in CORPUS.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def name_for(vector: str) -> str:
    """A vector as an author name: cut to the longest name, a hostile unclosed tag in itself."""
    return vector[:AUTHOR_NAME_MAX_LENGTH]


def page_for(index: int) -> str:
    return f"xss-{index // PER_PAGE}"


def disguises_unsafe_scheme(vector: str) -> bool:
    """Whether a browser could read ``vector`` as a javascript:, data: or vbscript: URL."""
    text = vector
    for _ in range(3):  # entities and percent-escapes, nested a few levels deep
        text = unescape(unquote(text))
    text = _IGNORED_IN_SCHEMES.sub("", unicodedata.normalize("NFKC", text)).lower()
    return text.startswith(UNSAFE_SCHEMES)


def safe_link(url: str) -> bool:
    """A URL a browser would follow to the web or a mail client, and nowhere else."""
    scheme = urlsplit(_IGNORED_IN_SCHEMES.sub("", url)).scheme.lower()
    return scheme in LINK_SCHEMES


class _MarkupAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in BODY_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in BODY_ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and not safe_link(value or ""):
                self.problems.append(f"href {value!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")


def markup_problems(html: str) -> list[str]:
    """What in a stored ``body_html`` is outside the allowlist; empty when it is all allowed."""
    audit = _MarkupAudit()
    audit.feed(html)
    audit.close()
    if "<script" in html.lower():
        audit.problems.append("<script")
    return audit.problems


@dataclass
class Posted:
    vector: str
    page: str
    comment: dict | None  # the created comment, None when the body was refused
    website_status: int
    website: str | None  # the website stored when the vector was accepted as one


def post_corpus(client, site: str, vectors: list[str]) -> list[Posted]:
    """Post each vector as a body with itself as the name, and apart as a website."""
    posted = []
    for index, vector in enumerate(vectors):
        page = page_for(index)
        comment = client.post(
            "/api/v1/comments",
            json={"site": site, "page": page, "body": vector, "author_name": name_for(vector)},
        )
        website = client.post(
            "/api/v1/comments",
            json={
                "site": site,
                "page": page,
                "body": f"Website {index}",
                "author_website": vector,
            },
        )
        assert comment.status_code in (201, 422), comment.json
        assert website.status_code in (201, 422), website.json
        posted.append(
            Posted(
                vector=vector,
                page=page,
                comment=comment.json if comment.status_code == 201 else None,
                website_status=website.status_code,
                website=website.json["author_website"] if website.status_code == 201 else None,
            )
        )
    return posted


def store_corpus(site: Site, vectors: list[str]) -> list[Posted]:
    """What ``post_corpus`` stores, in one transaction: the API's schema, then its renderer.

    Posting hundreds of comments one request at a time is too slow for a browser test; the API
    test checks that the API stores exactly this (``render_markdown`` of the loaded body).
    """
    loader = CommentCreateSchema()
    threads: dict[str, Thread] = {}
    counts: Counter[str] = Counter()
    posted = []
    for index, vector in enumerate(vectors):
        page = page_for(index)
        thread = threads.get(page) or threads.setdefault(page, get_or_create_thread(site, page))
        base = {"site": site.slug, "page": page}
        fields = loader.load({**base, "body": vector, "author_name": name_for(vector)})
        comment = Comment(
            thread=thread,
            body_markdown=fields["body"],
            body_html=render_markdown(fields["body"]),
            author_name=fields["author_name"],
        )
        db.session.add(comment)
        counts[page] += 1
        try:
            website = loader.load({**base, "body": "x", "author_website": vector})
        except ValidationError:
            website = None
        else:
            body = f"Website {index}"
            db.session.add(
                Comment(
                    thread=thread,
                    body_markdown=body,
                    body_html=render_markdown(body),
                    author_website=website["author_website"],
                )
            )
            counts[page] += 1
        db.session.flush()  # in posting order, which is the thread's oldest-first order
        posted.append(
            Posted(
                vector=vector,
                page=page,
                comment={"author_name": comment.author_name, "body_html": comment.body_html},
                website_status=422 if website is None else 201,
                website=website and website["author_website"],
            )
        )
    for page, thread in threads.items():
        touch_thread(thread.id, counts[page])
    db.session.commit()
    return posted


def expected_name(vector: str) -> str | None:
    return clean_text(name_for(vector), multiline=False) or None
