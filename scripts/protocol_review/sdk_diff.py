"""SDK impact: the difference between two surfaces (`sdk_surface`), per language.

Symbols are matched by name in their scope; an unmatched pair with the same wire anchor (or,
failing that, the only pair with the same type and children) is one symbol renamed. A rename
breaks users even when the wire is unchanged.
"""

from __future__ import annotations

from .findings import Finding, Side
from .places import Places
from .sdk_surface import LANGUAGES, Surface, Symbol
from .usage import received_schemas, sent_only

__all__ = ["sdk_findings"]


def sdk_findings(
    places: Places,
    old: dict[str, Surface],
    new: dict[str, Surface],
    reasons: dict[str, tuple[str, str]] | None = None,
) -> list[Finding]:
    """The SDK impact in each language both surfaces exist for; for the others (`reasons`:
    language -> (the side, why its SDK cannot be generated)), one finding saying so."""
    findings: list[Finding] = []
    received = received_schemas(places.old.api) | received_schemas(places.new.api)
    for language in LANGUAGES:
        if language in old and language in new:
            diff = _Diff(places, language, findings, received)
            diff.level(old[language], new[language], None, "", "")
            continue
        side, why = (reasons or {}).get(language, ("new", "its SDK view is not available"))
        findings.append(
            places.finding(
                "sdk-impact-not-computed",
                f"{LANGUAGES[language]}: the SDK impact is not computed, because the SDK cannot "
                f"be generated from the {side} spec: {why}",
                "new",
                "",
                language,
            )
        )
    return findings


_TOP_TYPES = frozenset({"Any", "unknown", "mixed"})


def _union(signature: str) -> frozenset[str]:
    """The members of a type union in any of the three languages: `Literal['a', 'b'] | None`,
    `'a' | 'b' | null`, `?int`, `'a'|'b'`."""
    members: set[str] = set()
    text = signature.replace(" | ", "|")
    if text.startswith("?"):
        members.add("null")
        text = text[1:]
    depth, current = 0, ""
    for char in text + "|":
        if char == "|" and depth == 0:
            if current.startswith("Literal[") and current.endswith("]"):
                members |= {v.strip() for v in current[8:-1].split(",")}
            else:
                members.add("null" if current == "None" else current)
            current = ""
            continue
        depth += char in "[<({"
        depth -= char in "]>)}"
        current += char
    return frozenset(members)


def _widens(old: str, new: str) -> bool:
    """Whether every value of type `old` is also one of `new` (as far as the text tells)."""
    before, after = _union(old), _union(new)
    numbers = {"int"} if after & {"float", "number"} else set()  # a float accepts an int
    return bool(after & _TOP_TYPES) or (before != after and before <= after | numbers)


def _shape(symbol: Symbol) -> tuple[object, ...]:
    children = frozenset((c.key, c.signature, c.required) for c in symbol.children)
    return (symbol.kind, symbol.signature, symbol.required, children)


class _Diff:
    def __init__(
        self, places: Places, language: str, findings: list[Finding], received: frozenset[str]
    ) -> None:
        self.received = received
        self.places = places
        self.language = language
        self.name = LANGUAGES[language]
        self.findings = findings

    def add(self, rule_id: str, message: str, side: Side, pointer: str) -> None:
        self.findings.append(
            self.places.finding(rule_id, f"{self.name}: {message}", side, pointer, self.language)
        )

    def level(
        self,
        old: tuple[Symbol, ...],
        new: tuple[Symbol, ...],
        owner: Symbol | None,
        old_pointer: str,
        new_pointer: str,
    ) -> None:
        after = {(s.kind, s.key): s for s in new}
        before = {(s.kind, s.key): s for s in old}
        removed = [s for s in old if (s.kind, s.key) not in after]
        added = [s for s in new if (s.kind, s.key) not in before]
        pairs = [(s, after[(s.kind, s.key)]) for s in old if (s.kind, s.key) in after]
        for was, now in self._renames(removed, added):
            removed.remove(was)
            added.remove(now)
            self.add(
                f"sdk-{was.kind}-renamed",
                f"{self._label(was, owner)} is now {self._label(now, owner, bare=True)}.",
                "new",
                now.pointer or new_pointer,
            )
            pairs.append((was, now))
        for symbol in removed:
            self.add(
                f"sdk-{symbol.kind}-removed",
                f"{self._label(symbol, owner)} was removed; code that uses it no longer works.",
                "old",
                symbol.pointer or old_pointer,
            )
        for symbol in added:
            if symbol.kind == "parameter" and symbol.required:
                self.add(
                    "sdk-parameter-added-required",
                    f"{self._label(owner, None)} requires the new parameter `{symbol.display}`; "
                    "calls without it no longer work.",
                    "new",
                    symbol.pointer or new_pointer,
                )
            else:
                self.add(
                    f"sdk-{symbol.kind}-added",
                    f"{self._label(symbol, owner)} is new.",
                    "new",
                    symbol.pointer or new_pointer,
                )
        for was, now in pairs:
            self._changed(was, now, owner, new_pointer)
            self.level(
                was.children,
                now.children,
                now,
                was.pointer or old_pointer,
                now.pointer or new_pointer,
            )

    def _renames(self, removed: list[Symbol], added: list[Symbol]) -> list[tuple[Symbol, Symbol]]:
        pairs = []
        for matches in (
            lambda a, b: bool(a.anchor) and a.anchor == b.anchor,
            lambda a, b: _shape(a) == _shape(b),
        ):
            for was in list(removed):
                candidates = [now for now in added if now.kind == was.kind and matches(was, now)]
                rivals = [
                    other
                    for other in removed
                    if candidates and other.kind == was.kind and matches(other, candidates[0])
                ]
                if len(candidates) == 1 and rivals == [was]:
                    pairs.append((was, candidates[0]))
                    removed = [s for s in removed if s is not was]
                    added = [s for s in added if s is not candidates[0]]
        return pairs

    def _changed(self, was: Symbol, now: Symbol, owner: Symbol | None, fallback: str) -> None:
        pointer = now.pointer or fallback
        label = self._label(now, owner)
        if (
            now.kind == "field"
            and owner is not None
            and owner.kind == "model"
            and owner.signature not in ("enum", "type")
            and sent_only(owner.pointer, self.received)
        ):
            self._input_field(was, now, label, pointer)
            return
        if was.signature != now.signature:
            if now.kind == "method":
                self.add(
                    "sdk-method-returns-changed",
                    f"{label} now returns `{now.signature}` (was `{was.signature}`).",
                    "new",
                    pointer,
                )
            elif now.kind == "parameter" and _widens(was.signature, now.signature):
                self.add(
                    "sdk-parameter-type-widened",
                    f"{label} now accepts `{now.signature}` (was `{was.signature}`); existing "
                    "calls still work.",
                    "new",
                    pointer,
                )
            elif now.kind in ("parameter", "field"):
                self.add(
                    f"sdk-{now.kind}-type-changed",
                    f"{label} is now `{now.signature}` (was `{was.signature}`).",
                    "new",
                    pointer,
                )
        if was.required != now.required and now.kind in ("parameter", "field"):
            if now.kind == "parameter":
                suffix = "became-required" if now.required else "became-optional"
                words = "is now required" if now.required else "is now optional"
            else:
                suffix = "became-required" if now.required else "became-optional"
                words = "is now always present" if now.required else "may now be absent"
            self.add(f"sdk-{now.kind}-{suffix}", f"{label} {words}.", "new", pointer)

    def _input_field(self, was: Symbol, now: Symbol, label: str, pointer: str) -> None:
        """A field of a model clients only send: wider is compatible, optional too."""
        if was.signature != now.signature:
            if _widens(was.signature, now.signature):
                self.add(
                    "sdk-input-field-type-widened",
                    f"{label} now accepts `{now.signature}` (was `{was.signature}`); code that "
                    "builds it still works.",
                    "new",
                    pointer,
                )
            else:
                self.add(
                    "sdk-field-type-changed",
                    f"{label} is now `{now.signature}` (was `{was.signature}`).",
                    "new",
                    pointer,
                )
        if was.required != now.required:
            if now.required:
                self.add(
                    "sdk-input-field-became-required",
                    f"{label} must now be given; code that builds it without it no longer works.",
                    "new",
                    pointer,
                )
            else:
                self.add(
                    "sdk-input-field-became-optional",
                    f"{label} may now be left out; code that builds it still works.",
                    "new",
                    pointer,
                )

    def _label(self, symbol: Symbol | None, owner: Symbol | None, bare: bool = False) -> str:
        if symbol is None:
            return "the client"
        if symbol.kind == "field" and owner is not None and owner.signature in ("enum", "type"):
            return f"value `{symbol.signature}` of `{owner.display}`"
        if symbol.kind == "parameter" and owner is not None and not bare:
            return f"parameter `{symbol.display}` of `{owner.display}`"
        if symbol.kind == "method" or symbol.kind == "resource":
            return f"`{symbol.display}`"
        if symbol.kind == "model":
            return f"`{symbol.display}`" if bare else f"{symbol.signature} `{symbol.display}`"
        return f"`{symbol.display}`"
