"""Streaming XML for exports of any size: one finished element at a time, then dropped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from lxml import etree

from widget.errors import InvalidImport


def iter_children(path: str, depth: int) -> Iterator[etree._Element]:
    """Yield each complete element ``depth`` levels below the root, then free it.

    Entities are not resolved and nothing is fetched, so a hostile file cannot expand or
    reach out; a malformed or truncated file raises ``InvalidImport`` with its line.
    """
    parser = etree.iterparse(
        path,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,  # long comments are text, not nesting: allow big text nodes
        remove_comments=True,
    )
    level = 0
    try:
        for event, element in parser:
            if event == "start":
                level += 1
                continue
            level -= 1
            if level == depth:
                yield element
                element.clear(keep_tail=False)
                # Siblings already yielded are empty shells; drop them too.
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise InvalidImport(f"{path} is not well-formed XML: {_describe(error)}.") from error
    except OSError as error:
        raise InvalidImport(f"Cannot read {path}: {error}.") from error


def _describe(error: etree.XMLSyntaxError) -> str:
    """libxml2's error type, readable (its message is often "Unregistered error message")."""
    last = error.error_log.last_error
    kind = last.type_name.removeprefix("ERR_").replace("_", " ").lower() if last else error.msg
    return f"{kind} at line {error.lineno} (is the file complete?)"


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def child_text(element: etree._Element, name: str) -> str | None:
    """Text of the first child called ``name`` in any namespace, or None."""
    for child in element:
        if isinstance(child.tag, str) and local_name(child) == name:
            return child.text
    return None


def child(element: etree._Element, name: str) -> etree._Element | None:
    for candidate in element:
        if isinstance(candidate.tag, str) and local_name(candidate) == name:
            return candidate
    return None


def parse_time(value: str | None, fmt: str | None = None) -> datetime | None:
    """An aware UTC time from ISO 8601 (or ``fmt``); None when missing or unreadable."""
    if not value or not value.strip():
        return None
    try:
        parsed = (
            datetime.strptime(value.strip(), fmt) if fmt else datetime.fromisoformat(value.strip())
        )
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "1"}
