"""Reading the spec's YAML into plain Python values, remembering the line of every node."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    CollectionEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from . import fast_yaml
from .errors import SpecError, SpecErrors
from .pointers import join

__all__ = [
    "INT_TAG",
    "MERGE_TAG",
    "STR_TAG",
    "Mark",
    "Node",
    "ParsedYaml",
    "decode_yaml_bytes",
    "parse_yaml_file",
    "parse_yaml_text",
]

STR_TAG, INT_TAG, MERGE_TAG = fast_yaml.STR_TAG, fast_yaml.INT_TAG, fast_yaml.MERGE_TAG

# Nodes come from libyaml (PyYAML) or ruamel.yaml: both have `id`, `tag`, `value`, `start_mark`.
Node = Any


# (line, column), both 1-based: where a node starts (for a mapping value, where its key starts).
Mark = tuple[int, int]


@dataclass(frozen=True)
class ParsedYaml:
    document: Any
    positions: dict[str, Mark]  # JSON pointer -> where the node is written


def parse_yaml_file(path: Path) -> ParsedYaml:
    """Parse one YAML file; every problem is raised as SpecErrors naming file and line."""
    return parse_yaml_text(_read_text(path), str(path))


def parse_yaml_text(text: str, file: str) -> ParsedYaml:
    """Parse YAML text; `file` is how errors name it (a path, or `path@ref` for a git ref).

    libyaml composes it (fast_yaml.py); a document it cannot read, or one with a tag beyond the
    core schema's, goes through ruamel.yaml, whose messages say what is wrong and where.
    """
    try:
        root = fast_yaml.compose(text)
    except pyyaml.YAMLError:
        return _parse_slowly(text, file)
    if root is None:
        return ParsedYaml(document=None, positions={"": (1, 1)})
    builder = _PlainBuilder(file=file, constructor=None)
    try:
        document = builder.convert(root, "", _mark(root))
    except fast_yaml.NotCore:
        return _parse_slowly(text, file)
    if builder.errors:
        raise SpecErrors(builder.errors)
    return ParsedYaml(document=document, positions=builder.positions)


def _parse_slowly(text: str, file: str) -> ParsedYaml:
    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        raise SpecErrors([_syntax_error(file, text, exc)]) from None
    except YAMLError as exc:
        raise SpecErrors([_reader_error(file, text, exc)]) from None
    if root is None:
        return ParsedYaml(document=None, positions={"": (1, 1)})
    builder = _PlainBuilder(file=file, constructor=yaml.constructor)
    document = builder.convert(root, "", _mark(root))
    if builder.errors:
        raise SpecErrors(builder.errors)
    return ParsedYaml(document=document, positions=builder.positions)


def _mark(node: Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _read_text(path: Path) -> str:
    file = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpecErrors(
            [
                SpecError(
                    file,
                    None,
                    "",
                    "the spec file does not exist",
                    "check the path (it is relative to the current directory) or create the file",
                )
            ]
        ) from None
    except OSError as exc:
        raise SpecErrors(
            [
                SpecError(
                    file,
                    None,
                    "",
                    f"the spec file cannot be read: {exc.strerror or exc}",
                    "pass the path of a readable YAML file",
                )
            ]
        ) from None
    return decode_yaml_bytes(data, file)


def decode_yaml_bytes(data: bytes, file: str) -> str:
    """The text of a spec file's bytes; not UTF-8 is a SpecError naming the line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecErrors(
            [
                SpecError(
                    file,
                    line,
                    "",
                    f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None


# Known YAML parser messages, and what usually causes them.
_SYNTAX_FIXES = (
    (
        "mapping values are not allowed",
        "check the indentation here and on the line above; quote a value that contains ': '",
    ),
    ("could not find expected ':'", "add the missing ':' after the key, or fix the indentation"),
    (
        "cannot start any token",
        (
            "indent with spaces, not tabs, and quote values that start "
            "with a special character such as '@' or '`'"
        ),
    ),
    ("expected ',' or ']'", "close the '[' list with ']' or separate its items with ','"),
    ("expected ',' or '}'", "close the '{' mapping with '}' or separate its entries with ','"),
    ("found unexpected end of stream", "close the quote or bracket opened earlier"),
    ("found undefined alias", "define the anchor (&name) before using the alias (*name)"),
    ("expected a single document", "keep the spec in one YAML document: remove the extra '---'"),
    (
        "expected <block end>",
        "check the indentation: this line does not line up with the keys or list items around it",
    ),
    (
        "did not find expected key",
        "check the indentation: every key of a mapping must start in the same column",
    ),
    (
        "did not find expected '-' indicator",
        "check the indentation: every item of a list must start with '-' in the same column",
    ),
)


def _syntax_error(file: str, text: str, exc: MarkedYAMLError) -> SpecError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = str(exc.problem or exc.context or "invalid YAML").strip()
    if exc.context and exc.problem:
        problem = f"{problem} ({str(exc.context).strip()}"
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            problem += f" at line {exc.context_mark.line + 1}"
        problem += ")"
    where = f" at column {column}" if column is not None else ""
    fix = next(
        (advice for needle, advice in _SYNTAX_FIXES if needle in problem),
        "fix the YAML syntax: check indentation, quotes and brackets",
    )
    return SpecError(
        file, line, _enclosing_pointer(text), f"YAML syntax error{where}: {problem}", fix
    )


def _reader_error(file: str, text: str, exc: YAMLError) -> SpecError:
    if isinstance(exc, ReaderError) and isinstance(exc.position, int):
        line = text[: exc.position].count("\n") + 1
        character = exc.character
        shown = f"#x{character:04x}" if isinstance(character, int) else repr(character)
        return SpecError(
            file,
            line,
            "",
            f"the file contains the character {shown}, which YAML does not allow",
            "remove that character (often a control character pasted by accident)",
        )
    return SpecError(file, None, "", f"the YAML cannot be read: {exc}", "fix the YAML syntax")


@dataclass
class _Frame:
    is_mapping: bool
    segment: str | int = -1  # the current key (mapping) or index (sequence)
    expecting_key: bool = True


def _enclosing_pointer(text: str) -> str:
    """The pointer of the collection the parser was inside when it failed.

    The node tree is not available after a syntax error, so the parse events are replayed
    up to the failure, keeping the chain of keys and indexes on a stack.
    """
    stack: list[_Frame] = []
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, NodeEvent):
                continue
            if stack:
                parent = stack[-1]
                if not parent.is_mapping:
                    assert isinstance(parent.segment, int)
                    parent.segment += 1
                elif parent.expecting_key:
                    parent.expecting_key = False
                    is_scalar = isinstance(event, ScalarEvent)
                    parent.segment = str(getattr(event, "value", "?")) if is_scalar else "?"
                    if not isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                        continue
                else:
                    parent.expecting_key = True
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                stack.append(_Frame(is_mapping=isinstance(event, MappingStartEvent)))
    except YAMLError:
        pass
    return join("", *(frame.segment for frame in stack[:-1]))


def _tag(node: Node) -> str:
    return str(getattr(node.tag, "value", node.tag))


@dataclass
class _PlainBuilder:
    """Turns a composed YAML node tree into dicts/lists/scalars, recording positions."""

    file: str
    constructor: Any
    positions: dict[str, Mark] = field(default_factory=dict)
    errors: list[SpecError] = field(default_factory=list)
    _active: set[int] = field(default_factory=set)

    def error(self, line: int, pointer: str, problem: str, fix: str) -> None:
        self.errors.append(SpecError(self.file, line, pointer, problem, fix))

    def convert(self, node: Node, pointer: str, mark: Mark) -> Any:
        self.positions.setdefault(pointer, mark)
        line = mark[0]
        if id(node) in self._active:
            self.error(line, pointer, "this alias contains itself", "break the alias loop")
            return None
        self._active.add(id(node))
        try:
            if node.id == "mapping":
                return self._mapping(node, pointer)
            if node.id == "sequence":
                return [
                    self.convert(item, join(pointer, index), _mark(item))
                    for index, item in enumerate(node.value)
                ]
            return self._scalar(node, pointer, line)
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: Node, pointer: str, line: int) -> Any:
        try:
            return fast_yaml.scalar_value(_tag(node), node.value)
        except fast_yaml.NotCore:
            if self.constructor is None:
                raise  # libyaml's nodes: the caller reads the document with ruamel.yaml instead
        try:
            return self.constructor.construct_object(node, deep=True)
        except YAMLError as exc:
            self.error(
                line, pointer, f"YAML value cannot be read: {exc}", "write a plain JSON value"
            )
            return None

    def _key(self, node: Node, pointer: str) -> str | None:
        line = node.start_mark.line + 1
        if node.id == "scalar" and _tag(node) == STR_TAG:
            return str(node.value)
        if node.id == "scalar" and _tag(node) == INT_TAG:
            # `200:` is an integer in YAML; OpenAPI means the string "200".
            return str(fast_yaml.scalar_value(INT_TAG, node.value))
        self.error(
            line,
            pointer,
            f"mapping key {node.value!r} is not a string",
            "quote the key, e.g. 'true': or '1.5':",
        )
        return None

    def _mapping(self, node: Node, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[tuple[Node, Node]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if _tag(key_node) == MERGE_TAG:
                merged.extend(self._merge_sources(value_node))
                continue
            key = self._key(key_node, pointer)
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            child = join(pointer, key)
            if key in first_line:
                self.error(
                    line,
                    child,
                    f"duplicate key '{key}' (first defined at line {first_line[key]})",
                    "keep one of the two: YAML mappings must not repeat a key",
                )
                continue
            first_line[key] = line
            result[key] = self.convert(value_node, child, _mark(key_node))
        # Keys written out win over keys brought in with `<<: *anchor`.
        for key_node, value_node in merged:
            key = self._key(key_node, pointer)
            if key is not None and key not in result:
                result[key] = self.convert(value_node, join(pointer, key), _mark(key_node))
        return result

    def _merge_sources(self, node: Node) -> list[tuple[Node, Node]]:
        sources = node.value if node.id == "sequence" else [node]
        pairs: list[tuple[Node, Node]] = []
        for source in sources:
            if source.id == "mapping":
                for key_node, value_node in source.value:
                    if _tag(key_node) == MERGE_TAG:
                        pairs.extend(self._merge_sources(value_node))
                    else:
                        pairs.append((key_node, value_node))
            else:
                self.error(
                    source.start_mark.line + 1,
                    "",
                    "'<<' must merge a mapping (or a list of mappings)",
                    "point '<<' at an anchored mapping: <<: *name",
                )
        return pairs
