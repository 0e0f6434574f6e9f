"""Generated requests on every route outside the API: pages, embed files, feeds, avatars, probes.

None may fail with a 500, whatever the path segments, query and headers hold.
"""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_comment, make_site
from widget.pages import embed_assets

# Any text, including what a URL may not carry: quoted on the way out, as a browser would.
segments = st.text(max_size=80).map(lambda text: quote(text, safe=""))
ROUTES = [
    st.just("/"),
    st.just("/healthz"),
    st.just("/readyz"),
    st.just("/embed.js"),
    st.builds("/demo/{}".format, segments),
    st.builds("/embed/{}/{}".format, segments, segments),
    st.builds("/embed/VERSION/{}".format, segments),
    st.builds("/embed/VERSION/{}.js".format, segments),
    st.builds("/feeds/{}.atom".format, segments),
    st.builds("/feeds/{}/thread.atom?page={}".format, segments, segments),
    st.builds("/feeds/news/thread.atom?page={}".format, segments),
    st.builds("/avatars/{}.svg".format, segments),
    st.builds("/static/{}".format, segments),
]
headers = st.fixed_dictionaries(
    {},
    optional={
        name: st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=3000)
        for name in ("If-None-Match", "If-Modified-Since", "Origin", "X-Forwarded-For", "Range")
    },
)


def test_no_page_route_fails_with_a_500(client, app):
    site = make_site("news")
    make_comment(site, page="article-1")
    version = embed_assets().version

    @given(path=st.one_of(ROUTES), headers=headers)
    @settings(
        max_examples=400,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def never_fails(path, headers):
        response = client.get(
            path.replace("/embed/VERSION/", f"/embed/{version}/", 1), headers=headers
        )
        assert response.status_code < 500, (path, headers, response.status_code)

    never_fails()
