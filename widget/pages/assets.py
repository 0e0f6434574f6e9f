"""The embed's files: the loader, and its ES modules under a version taken from their content.

The version is a hash of every module, computed once when the app starts, so a module URL
never changes meaning and browsers may keep it for a year; a new release gets new URLs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MODULES_DIR_NAME = "widget"
LOADER_NAME = "embed.js"
# The loader's source names its module version with this mark; serving fills it in.
VERSION_MARK = "__WIDGET_VERSION__"


@dataclass(frozen=True)
class EmbedAssets:
    version: str
    loader: bytes
    loader_etag: str
    modules_dir: Path


def load_assets(static_dir: Path) -> EmbedAssets:
    """Hash the modules and fill their version into the loader."""
    modules_dir = static_dir / MODULES_DIR_NAME
    digest = hashlib.sha256()
    for path in sorted(p for p in modules_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(modules_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    version = digest.hexdigest()[:16]
    loader = (static_dir / LOADER_NAME).read_bytes()
    loader = loader.replace(VERSION_MARK.encode(), version.encode())
    return EmbedAssets(
        version=version,
        loader=loader,
        loader_etag=hashlib.sha256(loader).hexdigest()[:32],
        modules_dir=modules_dir,
    )
