"""The embed's files: the loader, and its ES modules under a version taken from their content.

Everything is read and minified once when the app starts and served from memory. The version
is a hash of every module, so a module URL never changes meaning and browsers may keep it for
a year; a new release gets new URLs. The loader names that version, so it is served fresh.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import rjsmin

MODULES_DIR_NAME = "widget"
LOADER_NAME = "embed.js"
# The loader's source names its module version with this mark; loading fills it in.
VERSION_MARK = "__WIDGET_VERSION__"
# ... and the modules each module statically imports, directly or not, with this one.
IMPORTS_MARK = "__WIDGET_IMPORTS__"
# `import ... from "./x.js"` or `import "./x.js"` at the start of a line; `import("./x.js")`,
# fetched only when needed, is not one.
STATIC_IMPORT = re.compile(r'^import\s(?:[^;"]*?\sfrom\s*)?"(\.\.?/[^"]+)"', re.MULTILINE)


@dataclass(frozen=True)
class Script:
    body: bytes
    etag: str

    @classmethod
    def from_source(cls, source: str) -> Script:
        """Minify: comments and spacing are for the people who read the source, not for readers."""
        body = rjsmin.jsmin(source).encode()
        return cls(body=body, etag=hashlib.sha256(body).hexdigest()[:32])


@dataclass(frozen=True)
class EmbedAssets:
    version: str
    loader: Script
    modules: dict[str, Script]


def static_imports(sources: dict[str, str]) -> dict[str, list[str]]:
    """Every module each module needs before it can run, in the order first found.

    The loader starts fetching them beside the module itself: the browser would otherwise
    discover them one level of imports at a time, a round trip per level.
    """
    direct = {
        name: [
            posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            for target in STATIC_IMPORT.findall(source)
        ]
        for name, source in sources.items()
    }

    def closure(name: str) -> list[str]:
        found = {name: None}  # a cycle may lead back to the module itself
        pending = list(direct[name])
        while pending:
            module = pending.pop(0)
            if module not in found:
                found[module] = None
                pending.extend(direct.get(module, []))
        return list(found)[1:]

    return {name: closure(name) for name in direct if direct[name]}


def load_assets(static_dir: Path) -> EmbedAssets:
    """Minify the modules, hash them into a version, and fill it and the imports into the loader."""
    modules_dir = static_dir / MODULES_DIR_NAME
    sources = {
        path.relative_to(modules_dir).as_posix(): path.read_text("utf-8")
        for path in sorted(modules_dir.rglob("*.js"))
    }
    modules = {name: Script.from_source(source) for name, source in sources.items()}
    digest = hashlib.sha256()
    for name, script in modules.items():
        digest.update(f"{name}\0{script.etag}\0".encode())
    version = digest.hexdigest()[:16]
    loader_source = (static_dir / LOADER_NAME).read_text("utf-8")
    # Only the features' modules, those the loader names, are imported by it.
    features = {
        name: needed
        for name, needed in static_imports(sources).items()
        if f'"{name}"' in loader_source
    }
    imports = json.dumps(features, separators=(",", ":"))
    loader_source = loader_source.replace(VERSION_MARK, version).replace(IMPORTS_MARK, imports)
    return EmbedAssets(
        version=version,
        loader=Script.from_source(loader_source),
        modules=modules,
    )
