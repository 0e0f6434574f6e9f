"""The embed's files: the loader, and its ES modules under a version taken from their content.

Everything is read and minified once when the app starts and served from memory. The version
is a hash of every module, so a module URL never changes meaning and browsers may keep it for
a year; a new release gets new URLs. The loader names that version, so it is served fresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rjsmin

MODULES_DIR_NAME = "widget"
LOADER_NAME = "embed.js"
# The loader's source names its module version with this mark; loading fills it in.
VERSION_MARK = "__WIDGET_VERSION__"


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


def load_assets(static_dir: Path) -> EmbedAssets:
    """Minify the modules, hash them into a version and fill it into the loader."""
    modules_dir = static_dir / MODULES_DIR_NAME
    modules = {
        path.relative_to(modules_dir).as_posix(): Script.from_source(path.read_text("utf-8"))
        for path in sorted(modules_dir.rglob("*.js"))
    }
    digest = hashlib.sha256()
    for name, script in modules.items():
        digest.update(f"{name}\0{script.etag}\0".encode())
    version = digest.hexdigest()[:16]
    loader_source = (static_dir / LOADER_NAME).read_text("utf-8")
    return EmbedAssets(
        version=version,
        loader=Script.from_source(loader_source.replace(VERSION_MARK, version)),
        modules=modules,
    )
