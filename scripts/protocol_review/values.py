"""Compare what two schemas allow, value by value, attribute by attribute.

The result is a list of `Change`s in neutral words ("range-narrowed at `data[].limit`");
`wire.py` turns them into findings of the flow at hand (a value clients send, one they receive,
one a webhook receiver gets), which decides whether each breaks anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .findings import Side
from .rules import Flow
from .schema_view import LENGTHS, LOWER_BOUNDS, UPPER_BOUNDS, Part, View, view

__all__ = ["Change", "compare", "equivalent", "show"]


@dataclass(frozen=True)
class Change:
    suffix: str  # the rule id without its flow prefix: "range-narrowed"
    path: str  # the value inside the compared one: "" (itself), "data[].id"
    detail: str  # what changed, in words: "maximum 100 -> 50"
    side: Side  # which spec `pointer` is in
    pointer: str
    example: Any = None  # a value that is now refused (senders) or new (receivers)
    has_example: bool = False


def show(value: Any) -> str:
    """A value as a reader writes it in a request: `60`, `true`, `archived`, `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Comparison:
    def __init__(self, old_doc: Any, new_doc: Any, flow: Flow) -> None:
        self.old_doc = old_doc
        self.new_doc = new_doc
        self.flow = flow
        self.changes: list[Change] = []

    def add(self, suffix: str, path: str, detail: str, side: Side, pointer: str, **kw: Any) -> None:
        self.changes.append(Change(suffix, path, detail, side, pointer, **kw))

    def values(
        self, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> None:
        key = (old.refs, new.refs)
        if (old.refs or new.refs) and key in seen:
            return  # a recursive schema: this pair is already being compared further up
        seen = seen | {key}
        self._types(old, new, path)
        self._enum(old, new, path)
        self._bounds(old, new, path)
        self._lengths(old, new, path)
        self._patterns(old, new, path)
        if old.properties or new.properties or old.closed != new.closed:
            self._object(old, new, path, seen)
        if old.items and new.items:
            item_path = f"{path}[]"
            self.values(
                view(self.old_doc, old.items), view(self.new_doc, new.items), item_path, seen
            )

    # -- scalars ----------------------------------------------------------------------------

    def _types(self, old: View, new: View, path: str) -> None:
        before, after = old.value_types, new.value_types
        if before != after:
            words = f"type {_types_text(before)} -> {_types_text(after)}"
            if _contains(after, before):
                self.add("type-widened", path, words, "new", new.where("type"))
            elif _contains(before, after):
                self.add("type-narrowed", path, words, "new", new.where("type"))
            else:
                self.add("type-changed", path, words, "new", new.where("type"))
        elif old.alternatives != new.alternatives:
            self.add("type-changed", path, "the union of types changed", "new", new.pointer)
        if old.nullable != new.nullable and new.types is not None and old.types is not None:
            suffix = "nullable-added" if new.nullable else "nullable-removed"
            detail = "may now be null" if new.nullable else "may no longer be null"
            self.add(suffix, path, detail, "new", new.where("type"), example=None, has_example=True)

    def _enum(self, old: View, new: View, path: str) -> None:
        before = None if old.enum is None else [v for v in old.enum if v is not None]
        after = None if new.enum is None else [v for v in new.enum if v is not None]
        if before == after:
            return
        if after is None:
            self.add("enum-widened", path, "no longer restricted to an enum", "new", new.pointer)
            return
        if before is None:
            detail = f"now restricted to {_values_text(after)}"
            self.add("enum-narrowed", path, detail, "new", new.where("enum"))
            return
        added = [v for v in after if v not in before]
        removed = [v for v in before if v not in after]
        if added:
            detail = f"new value{'s' if len(added) > 1 else ''} {_values_text(added)}"
            self.add(
                "enum-widened",
                path,
                detail,
                "new",
                new.where("enum"),
                example=added[0],
                has_example=True,
            )
        if removed:
            detail = f"value{'s' if len(removed) > 1 else ''} {_values_text(removed)} removed"
            self.add(
                "enum-narrowed",
                path,
                detail,
                "new",
                new.where("enum"),
                example=removed[0],
                has_example=True,
            )

    def _bounds(self, old: View, new: View, path: str) -> None:
        for keys, lower in ((LOWER_BOUNDS, True), (UPPER_BOUNDS, False)):
            before = _bound(old, keys, lower)
            after = _bound(new, keys, lower)
            if before == after:
                continue
            name = "minimum" if lower else "maximum"
            where = new.where(after[1]) if after is not None else new.pointer
            detail = f"{name} {_bound_text(before)} -> {_bound_text(after)}"
            if after is None:
                self.add("range-widened", path, detail, "new", where)
            elif before is None or _tighter(after, before, lower):
                example = _outside(before, after, lower, new)
                self.add(
                    "range-narrowed",
                    path,
                    detail,
                    "new",
                    where,
                    example=example,
                    has_example=example is not None,
                )
            else:
                example = _outside(after, before, lower, new)
                self.add(
                    "range-widened",
                    path,
                    detail,
                    "new",
                    where,
                    example=example,
                    has_example=example is not None,
                )

    def _lengths(self, old: View, new: View, path: str) -> None:
        for key, kind in LENGTHS.items():
            before, after = old.lengths.get(key), new.lengths.get(key)
            if before == after:
                continue
            detail = f"{key} {_bound_text_plain(before)} -> {_bound_text_plain(after)}"
            where = new.where(key) if after is not None else new.pointer
            if after is None:
                narrowed = False
            elif before is None:
                narrowed = True
            else:
                narrowed = after > before if kind == "min" else after < before
            suffix = "length-narrowed" if narrowed else "length-widened"
            self.add(suffix, path, detail, "new", where)

    def _patterns(self, old: View, new: View, path: str) -> None:
        if old.patterns == new.patterns:
            return
        before, after = " and ".join(sorted(old.patterns)), " and ".join(sorted(new.patterns))
        if not old.patterns:
            self.add("pattern-added", path, f"must match {after}", "new", new.where("pattern"))
        elif not new.patterns:
            self.add("pattern-removed", path, f"pattern {before} removed", "new", new.pointer)
        else:
            detail = f"pattern {before} -> {after}"
            self.add("pattern-changed", path, detail, "new", new.where("pattern"))

    # -- objects ----------------------------------------------------------------------------

    def _object(
        self, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> None:
        if self.flow.sent and old.closed != new.closed:
            suffix = "closed" if new.closed else "opened"
            where = new.where("additionalProperties") if new.closed else new.pointer
            self.add(
                suffix, path, "additionalProperties: false" if new.closed else "", "new", where
            )
        before = self._visible(old, self.old_doc)
        after = self._visible(new, self.new_doc)
        removed = [name for name in before if name not in after]
        added = [name for name in after if name not in before]
        renamed = self._renames(old, new, removed, added, before, after)
        for old_name, new_name in renamed.items():
            detail = f"`{_join(path, old_name)}` is now `{_join(path, new_name)}`"
            self.add(
                "property-renamed",
                _join(path, old_name),
                detail,
                "new",
                new.property_pointer(new_name),
            )
        for name in removed:
            if name not in renamed:
                self.add(
                    "property-removed",
                    _join(path, name),
                    "removed",
                    "old",
                    old.property_pointer(name),
                )
        for name in added:
            if name in renamed.values():
                continue
            required = name in new.required
            suffix = "property-added-required" if required and self.flow.sent else "property-added"
            self.add(suffix, _join(path, name), "added", "new", new.property_pointer(name))
        for name in before:
            if name not in after:
                continue
            was, now = name in old.required, name in new.required
            if was != now:
                suffix = "property-became-required" if now else "property-became-optional"
                where = new.where("required") if now else new.property_pointer(name)
                detail = "now required" if now else "no longer required"
                self.add(suffix, _join(path, name), detail, "new", where)
            self.values(before[name], after[name], _join(path, name), seen)

    def _visible(self, of: View, document: Any) -> dict[str, View]:
        """The attributes that travel this way: clients never send readOnly ones, nor
        receive writeOnly ones."""
        result = {}
        for name, parts in of.properties.items():
            prop = view(document, parts)
            if (prop.read_only and self.flow.sent) or (prop.write_only and not self.flow.sent):
                continue
            result[name] = prop
        return result

    def _renames(
        self,
        old: View,
        new: View,
        removed: list[str],
        added: list[str],
        before: dict[str, View],
        after: dict[str, View],
    ) -> dict[str, str]:
        """A removed and an added attribute with the same schema and requiredness, when
        neither has another candidate, are one attribute renamed."""
        pairs: dict[str, list[str]] = {}
        for old_name in removed:
            pairs[old_name] = [
                new_name
                for new_name in added
                if (old_name in old.required) == (new_name in new.required)
                and equivalent(self.old_doc, self.new_doc, before[old_name], after[new_name])
            ]
        renamed = {}
        for old_name, candidates in pairs.items():
            if len(candidates) == 1:
                rivals = [o for o, c in pairs.items() if candidates[0] in c]
                if rivals == [old_name]:
                    renamed[old_name] = candidates[0]
        return renamed


def equivalent(old_doc: Any, new_doc: Any, old: View, new: View) -> bool:
    """Whether two schemas allow the same values (as far as the review compares them)."""
    probe = _Comparison(old_doc, new_doc, Flow("probe", True, ""))
    probe.values(old, new, "", frozenset())
    return not probe.changes


def compare(
    old_doc: Any, new_doc: Any, old: list[Part], new: list[Part], flow: Flow
) -> list[Change]:
    """Every change between the values the `old` and `new` schema parts allow."""
    comparison = _Comparison(old_doc, new_doc, flow)
    comparison.values(view(old_doc, old), view(new_doc, new), "", frozenset())
    return comparison.changes


# -- helpers --------------------------------------------------------------------------------


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _contains(outer: frozenset[str] | None, inner: frozenset[str] | None) -> bool:
    if outer is None:
        return True
    if inner is None:
        return False
    widened = set(outer) | ({"integer"} if "number" in outer else set())
    return inner <= widened


def _types_text(types: frozenset[str] | None) -> str:
    if types is None:
        return "any"
    return " or ".join(sorted(types)) or "nothing"


def _values_text(values: list[Any]) -> str:
    return ", ".join(f"`{show(v)}`" for v in values)


def _bound(of: View, keys: tuple[str, ...], lower: bool) -> tuple[float, str] | None:
    """The effective bound and the keyword that sets it (exclusive wins at equal values)."""
    found = [(of.bounds[key], key) for key in keys if key in of.bounds]
    if not found:
        return None
    if lower:
        return max(found, key=lambda b: (b[0], b[1].startswith("exclusive")))
    return min(found, key=lambda b: (b[0], not b[1].startswith("exclusive")))


def _tighter(after: tuple[float, str], before: tuple[float, str], lower: bool) -> bool:
    if after[0] != before[0]:
        return after[0] > before[0] if lower else after[0] < before[0]
    return after[1].startswith("exclusive") and not before[1].startswith("exclusive")


def _bound_text(bound: tuple[float, str] | None) -> str:
    if bound is None:
        return "none"
    exclusive = " (exclusive)" if bound[1].startswith("exclusive") else ""
    return f"{show(bound[0])}{exclusive}"


def _bound_text_plain(value: int | None) -> str:
    return "none" if value is None else str(value)


def _outside(
    allowed: tuple[float, str] | None, refused: tuple[float, str], lower: bool, of: View
) -> float | None:
    """A value inside `allowed` and outside `refused`: what a client sent that now fails."""
    step = 1 if of.value_types is None or "integer" in of.value_types else 0.5
    if lower:
        candidate = refused[0] if refused[1].startswith("exclusive") else refused[0] - step
        if allowed is not None and candidate < allowed[0]:
            return None
        return candidate
    candidate = refused[0] if refused[1].startswith("exclusive") else refused[0] + step
    if allowed is not None and candidate > allowed[0]:
        return None
    return candidate
