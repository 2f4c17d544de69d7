"""Compare what two schemas allow, value by value, attribute by attribute.

The result is a list of `Change`s in neutral words ("range-narrowed at `data[].limit`");
`wire.py` turns them into findings of the flow at hand (a value clients send, one they receive,
one a webhook receiver gets), which decides whether each breaks anyone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from protocol_spec.pointers import join, lookup

from .findings import Side
from .policy import sunset_date, sunset_passed
from .rules import Flow
from .schema_view import CONSTRAINTS, LENGTHS, LOWER_BOUNDS, UPPER_BOUNDS, Part, View, view

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
    def __init__(self, old_doc: Any, new_doc: Any, flow: Flow, text: str = "") -> None:
        self.old_doc = old_doc
        self.new_doc = new_doc
        self.flow = flow
        self.text = text
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
        self._constraints(old, new, path, seen)
        self._extensible(old, new, path)
        self._discriminator(old, new, path)
        if path:  # a parameter's or body's own default is compared where it is read
            self._default(old, new, path)
        self._members(old, new, path, seen)
        self._additional(old, new, path, seen)
        if old.properties or new.properties or old.closed != new.closed:
            self._object(old, new, path, seen)
        if self.text == "parameter" and not old.items and new.items and old.types is not None:
            # A scalar parameter that became a form-style array: its values are the items.
            self.values(old, view(self.new_doc, new.items), f"{path}[]", seen)
        if old.items and new.items:
            item_path = f"{path}[]"
            self.values(
                view(self.old_doc, old.items), view(self.new_doc, new.items), item_path, seen
            )

    # -- scalars ----------------------------------------------------------------------------

    def _types(self, old: View, new: View, path: str) -> None:
        before, after = old.value_types, new.value_types
        if self.text == "xml":
            return  # XML carries text: JSON Schema's types are not what travels
        if before != after:
            words = f"type {_types_text(before)} -> {_types_text(after)}"
            if not _contains(after, before) and self._as_text(before, after, new):
                self.add("type-widened", path, f"{words} (as {self.text} text)", "new",
                         new.where("type"))  # fmt: skip
            elif _contains(after, before):
                self.add("type-widened", path, words, "new", new.where("type"))
            elif _contains(before, after):
                self.add("type-narrowed", path, words, "new", new.where("type"))
            else:
                self.add("type-changed", path, words, "new", new.where("type"))
        if old.nullable != new.nullable and new.types is not None and old.types is not None:
            suffix = "nullable-added" if new.nullable else "nullable-removed"
            detail = "may now be null" if new.nullable else "may no longer be null"
            self.add(suffix, path, detail, "new", new.where("type"), example=None, has_example=True)

    def _as_text(
        self, before: frozenset[str] | None, after: frozenset[str] | None, new: View
    ) -> bool:
        """Whether, as a parameter's value travels, the new type accepts every old value."""
        if self.text != "parameter" or before is None or after is None:
            return False
        scalars = {"string", "integer", "number", "boolean"}
        if not before <= scalars:
            return False
        if "string" in after:
            return True
        if "array" in after and new.items:
            items = view(self.new_doc, new.items).value_types
            return items is not None and _contains(items, before) or items == frozenset({"string"})
        return False

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
            elif before is None:
                example = _outside(None, after, lower, new)
                self.add(
                    "range-set", path, detail, "new", where,
                    example=example, has_example=example is not None,
                )  # fmt: skip
            elif _tighter(after, before, lower):
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
                suffix = "length-widened"
            elif before is None:
                suffix = "length-set"
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

    # -- other keywords -------------------------------------------------------------------

    def _constraints(
        self, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> None:
        for key in CONSTRAINTS:
            had, has = key in old.constraints, key in new.constraints
            before, after = old.constraints.get(key), new.constraints.get(key)
            if (not had and not has) or (had and has and before == after):
                continue
            where = new.where(key) if has else new.pointer
            if not had:
                suffix, detail = "keyword-narrowed", f"`{key}: {_compact(after)}` added"
                if key == "uniqueItems" and after is not True:
                    continue
            elif not has:
                suffix, detail = "keyword-widened", f"`{key}: {_compact(before)}` removed"
                if key == "uniqueItems" and before is not True:
                    continue
            elif self._subschemas(key, old, new, path, seen):
                continue  # compared inside, value by value
            else:
                detail = f"`{key}` {_compact(before)} -> {_compact(after)}"
                suffix = _keyword_direction(key, before, after)
            self.add(suffix, path, detail, "new", where)

    def _subschemas(
        self, key: str, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> bool:
        """Keywords whose value is a schema (or a map or list of them) that constrains the
        value the same way round (not `if`, not `not`): compared like any value, inside.
        False when the keyword is not such a one, or is written differently on each side."""
        before, after = old.constraints[key], new.constraints[key]
        old_at, new_at = old.where(key), new.where(key)
        sub = f"{path}({key})"
        if key in _SUBSCHEMA and isinstance(before, dict) and isinstance(after, dict):
            self.values(
                view(self.old_doc, [(before, old_at)]), view(self.new_doc, [(after, new_at)]),
                sub, seen,
            )  # fmt: skip
            return True
        if key in _SCHEMA_MAPS and isinstance(before, dict) and isinstance(after, dict):
            for name in sorted(set(before) | set(after)):
                here = f"{path}({key} {name})"
                if name in before and name in after:
                    self.values(
                        view(self.old_doc, [(before[name], join(old_at, name))]),
                        view(self.new_doc, [(after[name], join(new_at, name))]),
                        here, seen,
                    )  # fmt: skip
                elif name in after:
                    self.add("keyword-narrowed", path, f"`{key}` gained `{name}`", "new",
                             join(new_at, name))  # fmt: skip
                else:
                    self.add("keyword-widened", path, f"`{key}` lost `{name}`", "new", new_at)
            return True
        if key == "prefixItems" and isinstance(before, list) and isinstance(after, list):
            for index in range(max(len(before), len(after))):
                if index < len(before) and index < len(after):
                    self.values(
                        view(self.old_doc, [(before[index], join(old_at, index))]),
                        view(self.new_doc, [(after[index], join(new_at, index))]),
                        f"{path}[{index}]", seen,
                    )  # fmt: skip
                elif index < len(after):
                    self.add("keyword-narrowed", path, f"`prefixItems` gained item {index}",
                             "new", join(new_at, index))  # fmt: skip
                else:
                    self.add("keyword-widened", path, f"`prefixItems` lost item {index}",
                             "new", new_at)  # fmt: skip
            return True
        return False

    def _extensible(self, old: View, new: View, path: str) -> None:
        if old.extensible is None or new.extensible is None:
            return
        where = new.where("x-extensible-enum")
        added = [v for v in new.extensible if v not in old.extensible]
        removed = [v for v in old.extensible if v not in new.extensible]
        if removed:
            detail = f"x-extensible-enum lost {_values_text(removed)}"
            self.add(
                "extensible-enum-narrowed", path, detail, "new", where,
                example=removed[0], has_example=True,
            )  # fmt: skip
        if added:
            detail = f"x-extensible-enum gained {_values_text(added)}"
            self.add("extensible-enum-widened", path, detail, "new", where)

    def _discriminator(self, old: View, new: View, path: str) -> None:
        before, after = old.discriminator, new.discriminator
        if before == after:
            return
        if before is None:
            self.add("discriminator-added", path, "a discriminator was added", "new",
                     new.where("discriminator"))  # fmt: skip
            return
        if after is None:
            self.add("discriminator-changed", path, "the discriminator was removed", "new",
                     new.pointer)  # fmt: skip
            return
        where = new.where("discriminator")
        if before.get("propertyName") != after.get("propertyName"):
            detail = (
                f"discriminator property `{before.get('propertyName')}` -> "
                f"`{after.get('propertyName')}`"
            )
            self.add("discriminator-changed", path, detail, "new", where)
        old_map = _mapping(before)
        new_map = _mapping(after)
        changed = sorted(k for k in old_map if new_map.get(k) != old_map[k])
        added = sorted(k for k in new_map if k not in old_map)
        if changed:
            detail = f"discriminator mapping of {_values_text(changed)} removed or changed"
            self.add("discriminator-changed", path, detail, "new", where)
        if added:
            detail = f"discriminator mapping gained {_values_text(added)}"
            self.add("discriminator-added", path, detail, "new", where)

    def _default(self, old: View, new: View, path: str) -> None:
        if (old.has_default, old.default) == (new.has_default, new.default):
            return
        before = _compact(old.default) if old.has_default else "none"
        after = _compact(new.default) if new.has_default else "none"
        where = new.where("default") if new.has_default else new.pointer
        self.add("default-changed", path, f"default {before} -> {after}", "new", where)

    def _members(
        self, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> None:
        """anyOf/oneOf compared member by member: a `$ref` matches the same `$ref`, an inline
        member an equivalent one, else the next inline one in order."""
        for combinator in sorted(set(old.members) & set(new.members)):
            before, after = list(old.members[combinator]), list(new.members[combinator])
            pairs: list[tuple[Part, Part]] = []

            def same(a: Part, b: Part) -> bool:
                return equivalent(
                    self.old_doc, self.new_doc, view(self.old_doc, [a]), view(self.new_doc, [b])
                )

            matchers: tuple[Callable[[Part, Part], bool], ...] = (
                lambda a, b: _ref(a) is not None and _ref(a) == _ref(b),
                same,
                lambda a, b: _ref(a) is None and _ref(b) is None,
            )
            for match in matchers:
                for a in list(before):
                    b = next((b for b in after if match(a, b)), None)
                    if b is not None:
                        pairs.append((a, b))
                        before.remove(a)
                        after.remove(b)
            for a, b in pairs:
                self.values(view(self.old_doc, [a]), view(self.new_doc, [b]), path, seen)
            for b in after:
                detail = f"{combinator} gained {_member_text(b)}"
                self.add("member-added", path, detail, "new", b[1])
            for a in before:
                detail = f"{combinator} lost {_member_text(a)}"
                self.add("member-removed", path, detail, "old", a[1])

    def _additional(
        self, old: View, new: View, path: str, seen: frozenset[tuple[frozenset[str], ...]]
    ) -> None:
        """`additionalProperties` schemas: the values of a map, compared like any value."""
        if old.additional and new.additional:
            self.values(
                view(self.old_doc, old.additional),
                view(self.new_doc, new.additional),
                f"{path}{{}}",
                seen,
            )
        elif new.additional and not old.closed:
            detail = "the values of unlisted attributes are now constrained"
            self.add("keyword-narrowed", path, detail, "new", new.additional[0][1])
        elif old.additional and not new.closed:
            detail = "the values of unlisted attributes are no longer constrained"
            self.add("keyword-widened", path, detail, "new", new.pointer)

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
                    self._removal(old, new, name, before[name]),
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
                # Point at the entry of `required` that was added, or that was removed (in
                # the old spec: it has no place in the new one).
                suffix = "property-became-required" if now else "property-became-optional"
                detail = "now required" if now else "no longer required"
                if now:
                    self.add(suffix, _join(path, name), detail, "new",
                             _required_entry(self.new_doc, new, name))  # fmt: skip
                else:
                    self.add(suffix, _join(path, name), detail, "old",
                             _required_entry(self.old_doc, old, name))  # fmt: skip
            sunset = after[name].sunset
            if sunset is not None and sunset != before[name].sunset and not sunset_date(sunset):
                self.add("sunset-invalid", _join(path, name), f"x-sunset `{sunset}` is not a date",
                         "new", new.property_pointer(name))  # fmt: skip
            self.values(before[name], after[name], _join(path, name), seen)

    def _removal(self, old: View, new: View, name: str, was: View) -> str:
        """Which removal rule: a deprecated attribute past its sunset goes quietly; one clients
        send breaks them only if the object now refuses unknown attributes; one they read
        breaks them if it was always present."""
        if was.deprecated and sunset_passed(was.sunset):
            return "property-removed-after-deprecation"
        if self.flow.sent:
            return "property-removed" if new.closed else "property-unlisted"
        return "property-removed" if name in old.required else "optional-property-removed"

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
    old_doc: Any, new_doc: Any, old: list[Part], new: list[Part], flow: Flow, text: str = ""
) -> list[Change]:
    """Every change between the values the `old` and `new` schema parts allow. `text`: how
    the value travels when it is not JSON: `parameter` (a query, path or header value: a
    string accepts any scalar's text, a form-style array a single value) or `xml` (element
    text: a string accepts anything)."""
    comparison = _Comparison(old_doc, new_doc, flow, text)
    comparison.values(view(old_doc, old), view(new_doc, new), "", frozenset())
    return comparison.changes


# -- helpers --------------------------------------------------------------------------------


# Keywords whose schema constrains the value the same way round, compared inside.
_SUBSCHEMA = frozenset(
    {"then", "else", "contains", "propertyNames", "contentSchema", "unevaluatedItems",
     "unevaluatedProperties"}
)  # fmt: skip
_SCHEMA_MAPS = frozenset({"patternProperties", "dependentSchemas"})


def _required_entry(document: Any, of: View, name: str) -> str:
    """The pointer of `name` in the `required` list that names it, else of the list."""
    listed = of.where("required")
    found = lookup(document, listed)
    if isinstance(found, list) and name in found:
        return join(listed, found.index(name))
    return listed


def _mapping(discriminator: dict[str, Any]) -> dict[str, Any]:
    mapping = discriminator.get("mapping")
    return mapping if isinstance(mapping, dict) else {}


def _compact(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _ref(part: Part) -> str | None:
    node = part[0]
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref if isinstance(ref, str) else None


def _member_text(part: Part) -> str:
    ref = _ref(part)
    return f"`{ref.rsplit('/', 1)[-1]}`" if ref else f"a member ({_compact(part[0])})"


def _keyword_direction(key: str, before: Any, after: Any) -> str:
    """A keyword present on both sides with another value: narrowed, widened or changed."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (before, after))
    if numbers and key in ("minContains", "maxContains"):
        narrowed = after > before if key == "minContains" else after < before
        return "keyword-narrowed" if narrowed else "keyword-widened"
    if numbers and key == "multipleOf" and before and after:
        if (after / before).is_integer():
            return "keyword-narrowed"
        if (before / after).is_integer():
            return "keyword-widened"
    if key == "dependentRequired" and isinstance(before, dict) and isinstance(after, dict):
        was = {(k, str(v)) for k, names in before.items() for v in names or ()}
        now = {(k, str(v)) for k, names in after.items() for v in names or ()}
        if was < now:
            return "keyword-narrowed"
        if now < was:
            return "keyword-widened"
    return "keyword-changed"


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
