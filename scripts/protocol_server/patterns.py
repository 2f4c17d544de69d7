"""Every `pattern` of the spec, checked at start-up: ECMA-262 syntax, and servable safely.

JSON Schema patterns are ECMA-262 regular expressions. The server matches them with
jsonschema-rs's `regex`-crate engine (validation.py), which runs in time linear in the value and
cannot backtrack catastrophically. So a pattern is refused at start-up, with its file:line and
the fix, when
- it is not ECMA-262 (Python or PCRE syntax such as `(?P<name>`, `(?i)`, `\\A`, `\\Z`, `a++`,
  a set operation `&&` in a class): another engine would read it differently;
- the engine cannot serve it: lookaround and backreferences (which need backtracking), or a
  program over the engine's size limit (nested counted repetitions, a huge alternation).

Where the engine reads ECMA-262 syntax differently, the server gives it the pattern rewritten
(`for_the_engine`): ECMA-262's `.` matches no line terminator (\n, \r, U+2028, U+2029), the
engine's only excludes \n.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jsonschema_rs

from protocol_spec.pointers import join, split

__all__ = ["PATTERN_OPTIONS", "for_the_engine", "pattern_problems", "servable"]

# The regex crate (linear time); its default size limits bound what a pattern compiles to.
PATTERN_OPTIONS = jsonschema_rs.RegexOptions()

_Fail = Callable[[str, str, str], None]  # (pointer, problem, fix)

# Keys whose value is an example or a value, never a schema: not walked.
_VALUES = frozenset({"example", "examples", "const", "enum"})
# Keys whose value maps names to schemas: its keys are names, not keywords.
_NAMED = frozenset({"properties", "$defs", "definitions", "dependentSchemas", "schemas"})
# What may follow a backslash in ECMA-262 (with the `u` flag's property escapes).
_ESCAPES = frozenset("dDwWsSbBtnvfr0cxupPk123456789^$\\.*+?()[]{}|/-")
_NAMED_GROUP = re.compile(r"\?<[A-Za-z_$][A-Za-z0-9_$]*>")


def pattern_problems(document: Mapping[str, Any], fail: _Fail) -> None:
    """Report every pattern of the document the server cannot serve as ECMA-262 means it."""
    for pointer, pattern, _ in _patterns(document):
        problem = _ecma_problem(pattern)
        if problem is not None:
            fail(
                pointer,
                f"the pattern {_short(pattern)} is not an ECMA-262 regular expression: {problem}",
                "write it in ECMA-262 syntax, the dialect of JSON Schema patterns",
            )
        elif not servable(_engine_pattern(pattern)):
            if re.search(r"\(\?<?[=!]|\\[1-9]|\\k<", pattern):
                fail(
                    pointer,
                    f"the pattern {_short(pattern)} uses lookaround or a backreference, which "
                    "the server's regex engine has not: it never backtracks, so no value can "
                    "stall it",
                    "rewrite the pattern without (?=, (?!, (?<=, (?<! and \\1",
                )
            else:
                fail(
                    pointer,
                    f"the pattern {_short(pattern)} cannot be compiled by the server's regex "
                    "engine: it is over its size limit (nested counted repetitions, a huge "
                    "alternation) or uses syntax it does not read ([\\b], \\0, a `{` that "
                    "starts no quantifier)",
                    "bound the length once (`^[A-Za-z0-9]{1,1000}$`, or minLength/maxLength), "
                    "list many fixed values with `enum`, write \\x08, \\x00 and \\{",
                )


@functools.cache
def servable(pattern: str) -> bool:
    """Whether the engine compiles `pattern` within its size limits."""
    try:
        jsonschema_rs.validator_for({"pattern": pattern}, pattern_options=PATTERN_OPTIONS)
    except jsonschema_rs.ValidationError:
        return False
    return True


_ECMA_DOT = "[^\\n\\r\\u2028\\u2029]"


def for_the_engine(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the document whose patterns mean to the engine what ECMA-262 says."""
    copy: dict[str, Any] = _copied(document)
    # Deepest first: renaming a patternProperties key must not break the pointers below it.
    for pointer, pattern, is_key in reversed(list(_patterns(document))):
        node: Any = copy
        *parents, last = split(pointer)
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if is_key:
            node[_engine_pattern(pattern)] = node.pop(last)
        else:
            node[last] = _engine_pattern(pattern)
    return copy


def _copied(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {key: _copied(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_copied(item) for item in node]
    return node


def _engine_pattern(pattern: str) -> str:
    """`pattern` with each `.` outside a class spelled as the class ECMA-262 means by it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "." and not in_class:
            char = _ECMA_DOT
        out.append(char)
        i += 1
    return "".join(out)


def _patterns(document: Mapping[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """(pointer, pattern, is a patternProperties key) of every pattern in the document."""
    stack: list[tuple[str, Any, bool]] = [("", document, False)]
    while stack:
        pointer, node, names = stack.pop()
        if isinstance(node, list):
            stack += [(join(pointer, str(i)), item, False) for i, item in enumerate(node)]
            continue
        if not isinstance(node, Mapping):
            continue
        for key, value in node.items():
            here = join(pointer, str(key))
            if names:
                stack.append((here, value, False))
            elif key == "pattern" and isinstance(value, str):
                yield here, value, False
            elif key == "patternProperties" and isinstance(value, Mapping):
                for name, subschema in value.items():
                    yield join(here, str(name)), str(name), True
                    stack.append((join(here, str(name)), subschema, False))
            elif key in _VALUES or str(key).startswith("x-"):
                continue
            elif key == "default" and not pointer.endswith("/responses"):
                continue  # a schema's default value (a response named `default` is walked)
            else:
                stack.append((here, value, key in _NAMED))


def _ecma_problem(pattern: str) -> str | None:
    """Why `pattern` is not ECMA-262 (or reads differently there), else None."""
    i, in_class = 0, False
    after_quantifier = ""  # "quantifier" or "lazy" right after one
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                return "it ends with a lone backslash"
            escaped = pattern[i + 1]
            if escaped not in _ESCAPES:
                return (
                    f"\\{escaped} is not an ECMA-262 escape (Python and PCRE give it a "
                    f"meaning ECMA-262 has not); write {escaped!r} or a class instead"
                )
            i, after_quantifier = i + 2, ""
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                return "'[' inside a class is a nested class or POSIX class elsewhere; write \\["
            elif pattern.startswith(("&&", "--", "~~"), i):
                return f"{pattern[i : i + 2]!r} in a class is a set operation elsewhere; escape it"
            i += 1
            continue
        if char == "[":
            if pattern.startswith(("[]", "[^]"), i):
                return "an empty class '[]' or '[^]' (elsewhere ']' is read as its member)"
            in_class, after_quantifier = True, ""
            i += 1
            continue
        if char == "(" and pattern.startswith("(?", i):
            rest = pattern[i + 1 :]
            if not (rest.startswith(("?:", "?=", "?!", "?<=", "?<!")) or _NAMED_GROUP.match(rest)):
                return (
                    f"{pattern[i : i + 4]!r}… is not an ECMA-262 group (no inline flags, "
                    "comments, atomic or Python-named groups); use (?:…) or (?<name>…)"
                )
        if char in "*+?" or (char == "{" and re.match(r"\{\d+(,\d*)?\}", pattern[i:])):
            if after_quantifier == "quantifier" and char == "?":
                after_quantifier = "lazy"  # `a+?`: ECMA-262's lazy quantifier
                i += 1
                continue
            if after_quantifier:
                return f"a quantifier follows a quantifier at offset {i} (possessive or doubled)"
            after_quantifier = "quantifier"
            i = pattern.index("}", i) + 1 if char == "{" else i + 1
            continue
        after_quantifier = ""
        i += 1
    if in_class:
        return "a class '[' is never closed"
    return None


def _short(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 60 else pattern[:60] + "…")
