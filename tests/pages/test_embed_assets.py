"""The loader, the versioned modules and the demo pages, as served."""

from __future__ import annotations

import json
import re

import pytest

from widget.config import STATIC_DIR
from widget.pages import MODULE_MAX_AGE, embed_assets
from widget.pages.assets import IMPORTS_MARK, VERSION_MARK, load_assets, static_imports


def loader_version(client) -> str:
    return re.search(r'"([0-9a-f]{16})"', client.get("/embed.js").text).group(1)


def test_the_loader_names_the_current_module_version(client, app):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert VERSION_MARK not in response.text
    assert loader_version(client) == embed_assets().version
    # The contract comment is for developers; readers download the minified loader.
    assert "Contract for features" not in response.text


def test_the_loader_revalidates_by_etag(client):
    etag = client.get("/embed.js").headers["ETag"]
    response = client.get("/embed.js", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""


def test_a_module_under_the_current_version_is_immutable_and_open_to_every_origin(client):
    response = client.get(f"/embed/{loader_version(client)}/discussion.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == f"public, max-age={MODULE_MAX_AGE}, immutable"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "export function mount" in response.text


def test_a_catalogue_is_served_from_its_folder(client):
    response = client.get(f"/embed/{loader_version(client)}/i18n/ar.js")
    assert response.status_code == 200
    assert "النقاش" in response.text


def test_a_module_under_an_old_version_is_served_but_not_kept(client):
    response = client.get("/embed/0000000000000000/discussion.js")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("name", ["missing.js", "../embed.js", "../demo.css", "i18n/xx.js"])
def test_only_modules_are_served(client, name):
    assert client.get(f"/embed/{loader_version(client)}/{name}").status_code == 404


def test_the_version_changes_with_any_module(tmp_path):
    (tmp_path / "widget").mkdir()
    (tmp_path / "embed.js").write_text(f'var version = "{VERSION_MARK}";')
    module = tmp_path / "widget" / "a.js"
    module.write_text("export const a = 1;")
    first = load_assets(tmp_path)
    module.write_text("export const a = 2;")
    second = load_assets(tmp_path)
    assert first.version != second.version
    assert second.version.encode() in second.loader.body
    assert load_assets(STATIC_DIR).version == load_assets(STATIC_DIR).version


@pytest.mark.parametrize("path", ["/demo", "/demo/library-hours"])
def test_the_demo_articles_carry_the_tag_and_placeholders(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert 'data-site="demo"' in response.text
    assert 'id="comments"' in response.text
    assert "data-comment-count=" in response.text


def test_an_unknown_demo_article_is_a_404(client):
    assert client.get("/demo/no-such-story").status_code == 404


def test_the_demo_stylesheet_exists(client):
    response = client.get("/static/demo.css")
    assert response.status_code == 200
    assert "--widget-accent" in response.text


def test_the_reading_fonts_may_be_used_by_publishers_pages(client):
    response = client.get("/static/fonts/opendyslexic-latin-400-normal.woff2")
    assert response.status_code == 200
    assert response.mimetype == "font/woff2"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/static/demo.css").headers


def test_the_loader_fetches_each_features_whole_import_tree_at_once(client):
    text = client.get("/embed.js").text
    assert IMPORTS_MARK not in text
    imports = json.loads(re.search(r"IMPORTS=(\{.*?\});", text).group(1))
    assert set(imports) == {"discussion.js", "counts.js", "preferences.js"}
    assert set(imports["discussion.js"]) == {
        *("api.js", "storage.js", "dom.js", "i18n.js", "form.js"),
        *("own.js", "styles.js", "thread.js", "time.js"),
    }
    # The dialog and the reading rules are fetched when needed, never with the button.
    assert {"panel.js", "reading.js"}.isdisjoint(imports["preferences.js"])


def test_static_imports_follow_every_level_but_not_imports_made_when_needed():
    sources = {
        "a.js": 'import { b } from "./b.js";\nconst c = await import("./c.js");',
        "b.js": 'import {\n  x,\n  y,\n} from "./sub/d.js";\nimport "./e.js";',
        "sub/d.js": 'import { f } from "../f.js";\nimport { b } from "../b.js";',
        "c.js": "",
        "e.js": "",
        "f.js": "// import { nothing } from './g.js' is a comment",
    }
    assert static_imports(sources) == {
        "a.js": ["b.js", "sub/d.js", "e.js", "f.js"],
        "b.js": ["sub/d.js", "e.js", "f.js"],
        "sub/d.js": ["f.js", "b.js", "e.js"],
    }


def test_the_raw_loader_is_not_served(client):
    assert client.get("/static/embed.js").status_code == 404


@pytest.mark.parametrize("path", ["admin/main.js", "widget/dom.js", "demo.css"])
def test_the_moderation_pages_files_are_still_static(client, path):
    assert client.get(f"/static/{path}").status_code == 200
