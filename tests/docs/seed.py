"""The reference page we were given (tests/fixtures/seed/), read into plain data.

The file is the page's React Server Components payload: rows `<id>:<JSON>` and text rows
`<id>:T<hex length>,<text>`. Row 4 is the page's element tree, `["$", type, key, props]` nodes
(`$Lb` is the page's Heading component, `$Ld` a CodeGroup, `$Le` a Code block). Walking it in
document order gives the headings, the attribute lists and the code of every panel. The
layout's `allSections` prop holds the sections of every page of the reference site, the other
resources' included (`seed_sections`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "conversations_page.rsc"

# The page's components, by their reference in the payload.
HEADING, CODE_GROUP, CODE = "$Lb", "$Ld", "$Le"
# How the page's template names a code block that has no title of its own (the Protocol
# template's `languageNames`); the cURL block has its title, "cURL".
LANGUAGE_NAMES = {"js": "JavaScript", "python": "Python", "php": "PHP"}


@dataclass
class SeedAttribute:
    name: str
    type: str
    description: str


@dataclass
class SeedOperation:
    anchor: str
    title: str
    method: str  # the heading's tag: GET, POST, ...
    label: str  # the heading's path: /v1/conversations/:id
    description: str = ""
    groups: dict[str, list[SeedAttribute]] = field(default_factory=dict)
    request_label: str = ""  # the request panel's path: /v1/conversations/xgQQXg3hrtjh7AvZ
    samples: dict[str, str] = field(default_factory=dict)  # tab label -> code, in tab order
    response: str | None = None


@dataclass(frozen=True)
class SeedSection:
    """A section of a page as the site's navigation lists it."""

    id: str  # the anchor: `list-all-contacts`
    title: str  # `List all contacts`
    tag: str = ""  # the operation's method, `GET`; empty for a model section
    label: str = ""  # the operation's path, `/v1/contacts/:id`


@dataclass
class SeedPage:
    title: str = ""
    lead: str = ""
    model_anchor: str = ""
    model_title: str = ""
    model_description: str = ""
    properties: list[SeedAttribute] = field(default_factory=list)
    operations: list[SeedOperation] = field(default_factory=list)


@cache
def seed_page() -> SeedPage:
    tree = json.loads(_rows(SEED.read_bytes())["4"])
    page = SeedPage()
    group: list[SeedAttribute] | None = None
    last_heading = ""
    for kind, props in _elements(tree):
        text = _text(props.get("children"))
        operation = page.operations[-1] if page.operations else None
        if kind == "h1":
            page.title = text
        elif kind == "p" and props.get("className") == "lead":
            page.lead = text
        elif kind == HEADING and "tag" in props:
            page.operations.append(SeedOperation(props["id"], text, props["tag"], props["label"]))
            group, last_heading = None, "operation"
        elif kind == HEADING:
            page.model_anchor, page.model_title, last_heading = props["id"], text, "model"
        elif kind == "p" and last_heading == "model" and not page.model_description:
            page.model_description = text
        elif kind == "p" and operation is not None and not operation.description:
            operation.description = text
        elif kind == "h3":
            group = page.properties if text == "Properties" else []
            if operation is not None and text != "Properties":
                operation.groups[text] = group
        elif kind == "dl" and group is not None:
            name, type_, description = (_text(dd[1].get("children")) for dd in _dds(props))
            group.append(SeedAttribute(name, type_, description))
        elif kind == CODE_GROUP and operation is not None:
            operation.request_label = props["label"]
        elif kind == CODE and operation is not None:
            code = _unescape(props["code"])
            if props.get("title") == "Response":
                operation.response = code
            else:
                label = props.get("title") or LANGUAGE_NAMES[props["language"]]
                operation.samples[label] = code
    return page


@cache
def seed_sections() -> dict[str, list[SeedSection]]:
    """Page path (`/contacts`) -> its sections in order, for every page of the reference site."""
    tree = json.loads(_rows(SEED.read_bytes())["4"])
    for _, props in _elements(tree):
        if "allSections" in props:
            return {
                page: [
                    SeedSection(s["id"], s["title"], s.get("tag", ""), s.get("label", ""))
                    for s in sections
                ]
                for page, sections in props["allSections"].items()
            }
    raise AssertionError(f"{SEED} has no `allSections`: not the page we were given")


def _rows(payload: bytes) -> dict[str, str]:
    rows: dict[str, str] = {}
    position = 0
    row_id = re.compile(rb"\n*([0-9a-f]+):")
    while (match := row_id.match(payload, position)) is not None:
        position = match.end()
        if payload[position : position + 1] == b"T":
            comma = payload.index(b",", position)
            length = int(payload[position + 1 : comma], 16)
            rows[match.group(1).decode()] = payload[comma + 1 : comma + 1 + length].decode()
            position = comma + 1 + length
        else:
            end = payload.find(b"\n", position)
            end = len(payload) if end < 0 else end
            rows[match.group(1).decode()] = payload[position:end].decode()
            position = end
    return rows


def _elements(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every element in document order, with its props; router wrappers are walked through."""
    if isinstance(node, list) and len(node) == 4 and node[0] == "$" and isinstance(node[1], str):
        props = node[3] or {}
        yield node[1], props
        child = props.get("childProp", {}).get("current") if "childProp" in props else None
        yield from _elements(child)
        yield from _elements(props.get("children"))
    elif isinstance(node, list):
        for item in node:
            yield from _elements(item)


def _dds(props: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The `dd` elements of a `dl` (some sit in fragments)."""
    return [(kind, dd) for kind, dd in _elements(props.get("children")) if kind == "dd"]


def _text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list) and len(node) == 4 and node[0] == "$":
        return _text((node[3] or {}).get("children"))
    if isinstance(node, list):
        return "".join(_text(item) for item in node)
    return ""


def _unescape(text: str) -> str:
    """The payload writes a string that starts with `$` as `$$`."""
    return text[1:] if text.startswith("$$") else text
