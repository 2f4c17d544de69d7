"""The wire contract's diff: what changes for someone who calls the API (curl, any client) or
receives its webhooks. Operations are matched by method and path (path parameter names do not
travel), parameters by place and name, responses by status, webhooks by name."""

from __future__ import annotations

import re
from typing import Any

from protocol_spec.model import (
    Api,
    Body,
    Field,
    Filter,
    Operation,
    Parameter,
    Response,
    WebhookSigning,
)
from protocol_spec.pointers import MISSING, join, lookup

from .findings import Finding, Side
from .places import Places

_REFERENCE, _ALONGSIDE, _INVERSE, _FILTER = (
    "x-protocol-reference",
    "x-protocol-alongside",
    "x-protocol-inverse",
    "x-protocol-filter",
)
from .policy import STABILITY_LEVELS, UNSTABLE, sunset_date, sunset_passed
from .rules import FLOWS, Flow, rule
from .schema_view import Part
from .schema_view import view as value_view
from .values import Change, compare, equivalent, show

__all__ = ["unstable_operations", "unstable_reason", "wire_findings"]

_TEMPLATE = re.compile(r"\{[^}]*\}")


def wire_findings(places: Places) -> list[Finding]:
    return _WireDiff(places).run()


def unstable_operations(places: Places) -> dict[str, str]:
    """The pointers (old and new side) of operations whose base declares they promise nothing
    (`x-stability-level: draft` or `alpha`), with that level: their breaking changes are
    acknowledged."""
    new = {_op_key(op): op for op in places.new.api.operations}
    found = {}
    for op in places.old.api.operations:
        node = lookup(places.old.api.document, op.pointer)
        level = node.get("x-stability-level") if isinstance(node, dict) else None
        if level in UNSTABLE:
            found[op.pointer] = str(level)
            if _op_key(op) in new:
                found[new[_op_key(op)].pointer] = str(level)
    return found


def unstable_reason(level: str) -> str:
    return f"the operation's x-stability-level is `{level}`: it promises no stability"


def _op_key(op: Operation) -> tuple[str, str]:
    return (op.http_method, _TEMPLATE.sub("{}", op.path))


_FILTER_WORDS = {
    "equals": "the objects whose `{}` equals it",
    "is-set": "the objects whose `{}` is set (true) or null (false)",
    "contains": "the objects whose `{}` holds it",
    "since": "the objects whose `{}` is at or after it",
    "before": "the objects whose `{}` is before it",
}


def _filter_words(f: Filter) -> str:
    attribute = f"{f.through}.{f.attribute}" if f.through else f.attribute
    return _FILTER_WORDS.get(f.match, "the objects whose `{}` matches it").format(attribute)


def _written_differently(old: Parameter, new: Parameter) -> bool:
    """Whether the two styles can put the same value on the wire differently: an array or
    object value in any style, or a path parameter in `label` or `matrix` on either side."""
    if (old.style, old.explode) == (new.style, new.explode):
        return False
    structured = {old.type.kind, new.type.kind} & {"array", "object", "model"}
    prefixed = new.location == "path" and {old.style, new.style} & {"label", "matrix"}
    return bool(structured or prefixed)


def _param_key(param: Parameter, op: Operation) -> tuple[str, str]:
    if param.location == "path":  # matched by position: the name never travels
        return ("path", str([p.name for p in op.path_params].index(param.name)))
    if param.location == "header":
        return ("header", param.name.lower())
    return (param.location, param.name)


def _every_parameter(op: Operation) -> tuple[Parameter, ...]:
    return (*op.path_params, *op.query_params, *op.header_params)


def _signing(signing: WebhookSigning) -> str:
    """What a receiver must check: the scheme and its signature header."""
    return f"{signing.scheme} in `{signing.signature_header}`"


# Value changes whose rule is the same whichever way the value travels.
_FLOWLESS = frozenset({"sunset-invalid"})

_ON_DELETE = {
    "cascade": "deletes the objects naming it",
    "clear": "clears the reference",
    "refuse": "is refused (409) while one names it",
}


def _on_delete_rule(before: str, after: str) -> str:
    """More deleted, or deletes refused: breaking; referrers kept where they were deleted,
    or deletes allowed that were refused: potentially breaking."""
    if after in ("cascade", "refuse"):
        return "relation-delete-changed"
    return "relation-delete-softened"


def _alongside(f: Field) -> str | None:
    if f.alongside is None or f.reference is None:
        return None
    return f"a `{f.reference.resource}` created alongside, naming it in `{f.alongside}`"


def _inverse(f: Field) -> str | None:
    if f.inverse is None:
        return None
    return f"the `{f.inverse.resource}` whose `{f.inverse.attribute}` names it"


def _text_of(media: str) -> str:
    """`xml` for an XML media type (values travel as element text), else ''."""
    essence = media.split(";", 1)[0].strip().lower()
    return "xml" if essence.endswith(("/xml", "+xml")) else ""


def _scopes(flow: dict[str, Any]) -> dict[str, Any]:
    scopes = flow.get("scopes")
    return scopes if isinstance(scopes, dict) else {}


def _json(value: Any) -> str:
    return "none" if value is None else f"`{show(value)}`"


class _WireDiff:
    def __init__(self, places: Places) -> None:
        self.places = places
        self.old: Api = places.old.api
        self.new: Api = places.new.api
        self.findings: list[Finding] = []
        # A change inside a shared schema shows in every place that uses it: one finding
        # per change, naming the first place and counting the others.
        self.shared: dict[tuple[str, Side, str, str, str], list[str]] = {}
        self.unstable = unstable_operations(places)
        self.context: str | None = None  # the old operation being compared

    def add(self, rule_id: str, message: str, side: Side, pointer: str) -> None:
        finding = self.places.finding(rule_id, message, side, pointer)
        level = self.unstable.get(self.context or "")
        if level is not None and finding.severity in ("breaking", "potentially-breaking"):
            finding = finding.acknowledge(unstable_reason(level))
        self.findings.append(finding)

    def run(self) -> list[Finding]:
        self._security_schemes()
        self._components()
        self._relations()
        self._operations()
        self._webhooks()
        for (rule_id, side, pointer, detail, consequence), subjects in self.shared.items():
            others = len(subjects) - 1
            more = (
                f" (and {others} more place{'s' if others > 1 else ''} using it)" if others else ""
            )
            message = f"{subjects[0]}{more}: {detail}; {consequence}"
            self.add(rule_id, message, side, pointer)
        return self.findings

    # -- security ---------------------------------------------------------------------------

    def _security_schemes(self) -> None:
        old = {s.name: s for s in self.old.security_schemes}
        new = {s.name: s for s in self.new.security_schemes}
        where = "/components/securitySchemes"
        used = {name for op in self.old.operations for name in op.security}
        for name, scheme in old.items():
            if name not in new and name not in used:
                self.add(
                    "security-scheme-unused-removed",
                    f"security scheme `{name}` was removed; no operation accepted it, so no "
                    "client is affected.",
                    "old",
                    join(where, name),
                )
            elif name not in new:
                self.add(
                    "security-scheme-removed",
                    f"security scheme `{name}` was removed; clients that authenticate with it "
                    "now get 401.",
                    "old",
                    join(where, name),
                )
            elif (scheme.type, scheme.scheme) == (new[name].type, new[name].scheme):
                self._flows(name)
            else:
                before = scheme.scheme or scheme.type
                after = new[name].scheme or new[name].type
                self.add(
                    "security-scheme-changed",
                    f"security scheme `{name}` changed from {before} to {after}; clients that "
                    f"authenticate with {before} now get 401.",
                    "new",
                    join(where, name),
                )
        for name in new:
            if name not in old:
                self.add(
                    "security-scheme-added",
                    f"security scheme `{name}` is new; existing clients are not affected.",
                    "new",
                    join(where, name),
                )

    def _flows(self, name: str) -> None:
        """OAuth flows of a scheme both sides declare: URLs and scopes."""
        where = join("/components/securitySchemes", name, "flows")
        old = lookup(self.old.document, where)
        new = lookup(self.new.document, where)
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        for flow, before in sorted(old.items()):
            after = new.get(flow)
            if not isinstance(before, dict) or not isinstance(after, dict):
                continue
            at = join(where, flow)
            for key in ("authorizationUrl", "tokenUrl", "refreshUrl"):
                if key in before and before.get(key) != after.get(key):
                    self.add(
                        "security-url-changed",
                        f"the {key} of the `{flow}` flow of `{name}` is now "
                        f"{_json(after.get(key))} (was {_json(before[key])}); clients that "
                        "obtain tokens from the old URL fail to authenticate.",
                        "new",
                        join(at, key) if key in after else at,
                    )
            old_scopes = _scopes(before)
            new_scopes = _scopes(after)
            for scope in sorted(set(old_scopes) - set(new_scopes)):
                self.add(
                    "security-scope-removed",
                    f"the `{flow}` flow of `{name}` no longer offers the scope `{scope}`; "
                    "clients that request it are refused a token.",
                    "old",
                    join(at, "scopes", scope),
                )
            for scope in sorted(set(new_scopes) - set(old_scopes)):
                self.add(
                    "security-scope-added",
                    f"the `{flow}` flow of `{name}` offers the new scope `{scope}`; existing "
                    "clients are not affected.",
                    "new",
                    join(at, "scopes", scope),
                )

    def _components(self) -> None:
        old = lookup(self.old.document, "/components/schemas")
        new = lookup(self.new.document, "/components/schemas")
        if not isinstance(old, dict):
            return
        for name in sorted(old):
            if not isinstance(new, dict) or name not in new:
                self.add(
                    "component-schema-removed",
                    f"schema `{name}` was removed from components; the wire changes only where "
                    "it was used (reported there), but documents that refer to it break.",
                    "old",
                    join("/components/schemas", name),
                )

    # -- relations (x-protocol-reference, -alongside, -inverse) -----------------------------

    def _relations(self) -> None:
        """What the server does for each attribute that relates resources, model by model:
        which resource it names, what deleting that resource does, what it keeps in step."""
        new_models = {m.name: m for m in self.new.models}
        for model in self.old.models:
            after = new_models.get(model.name)
            if after is None:
                continue
            fields = {f.name: f for f in after.fields}
            for old in model.fields:
                new = fields.get(old.name)
                if new is not None:
                    self._relation(f"`{model.name}.{old.name}`", old, new)

    def _relation(self, what: str, old: Field, new: Field) -> None:
        before, after = old.reference, new.reference
        at = join(new.pointer, _REFERENCE)
        if before is not None and after is not None:
            if before.resource != after.resource:
                self.add(
                    "relation-target-changed",
                    f"{what} now names an object of `{after.resource}` (was `{before.resource}`); "
                    "the ids clients kept no longer name what they did, and requests with them "
                    "are refused.",
                    "new",
                    join(at, "resource"),
                )
            elif before.on_delete != after.on_delete:
                rule_id = _on_delete_rule(before.on_delete, after.on_delete)
                self.add(
                    rule_id,
                    f"deleting the `{after.resource}` that {what} names now "
                    f"{_ON_DELETE[after.on_delete]} (was: {_ON_DELETE[before.on_delete]}); "
                    + (
                        "clients that delete it lose data or get 409 where they did not."
                        if rule_id == "relation-delete-changed"
                        else "clients may find objects that used to be deleted with it."
                    ),
                    "new",
                    join(at, "onDelete"),
                )
            if before.touch != after.touch:
                self._kept_in_step(
                    what,
                    f"the `{before.resource}`'s `{before.touch}` set when one is created"
                    if before.touch
                    else None,
                    f"the `{after.resource}`'s `{after.touch}` set when one is created"
                    if after.touch
                    else None,
                    join(at, "touch") if after.touch else at,
                    join(old.pointer, _REFERENCE),
                )
        self._kept_in_step(
            what,
            _alongside(old),
            _alongside(new),
            join(new.pointer, _ALONGSIDE),
            join(old.pointer, _ALONGSIDE),
        )
        self._kept_in_step(
            what,
            _inverse(old),
            _inverse(new),
            join(new.pointer, _INVERSE),
            join(old.pointer, _INVERSE),
        )

    def _kept_in_step(
        self, what: str, before: str | None, after: str | None, new_at: str, old_at: str
    ) -> None:
        if before == after:
            return
        if before is None and after is not None:
            self.add(
                "relation-kept-in-step-added",
                f"the server now keeps {what} in step: {after}; existing clients are not affected.",
                "new",
                new_at,
            )
        elif after is None and before is not None:
            self.add(
                "relation-kept-in-step-removed",
                f"the server no longer keeps {what} in step ({before}); clients that rely on it "
                "read stale values.",
                "old",
                old_at,
            )
        else:
            self.add(
                "relation-kept-in-step-changed",
                f"the server keeps {what} in step differently: {after} (was: {before}); clients "
                "that rely on the old behaviour read other values.",
                "new",
                new_at,
            )

    # -- deprecation and stability ----------------------------------------------------------

    def _removal(self, api: Api, pointer: str, plain: str, what: str) -> tuple[str, str]:
        """The rule and the words for removing what `pointer` is in `api`: quietly when it
        was deprecated and its sunset (if any) has passed; breaking before its sunset."""
        raw = self._raw(api, pointer)
        if raw.get("deprecated") is not True:
            return plain, ""
        sunset = raw.get("x-sunset")
        if sunset_passed(sunset):
            when = f" after its sunset date {sunset}" if sunset is not None else ""
            return f"{what}-removed-after-deprecation", f"it was deprecated{when}"
        return f"{what}-removed-before-sunset", f"it was deprecated with sunset date {sunset}"

    def _lifecycle(self, label: str, old_pointer: str, new_pointer: str) -> None:
        """x-sunset and x-stability-level of an operation or parameter on both sides."""
        before, after = self._raw(self.old, old_pointer), self._raw(self.new, new_pointer)
        old_sunset, new_sunset = before.get("x-sunset"), after.get("x-sunset")
        if new_sunset is not None and sunset_date(new_sunset) is None:
            if old_sunset != new_sunset:
                self.add(
                    "sunset-invalid",
                    f"the x-sunset of {label} is `{new_sunset}`, not a date; clients cannot "
                    "tell when it goes away.",
                    "new",
                    join(new_pointer, "x-sunset"),
                )
        elif old_sunset is not None and sunset_date(old_sunset) is None:
            if old_sunset != new_sunset:
                self.add(
                    "sunset-invalid",
                    f"the x-sunset of {label} was `{old_sunset}`, not a date, so whether its "
                    "removal date moved earlier cannot be told; check what clients were told.",
                    "new",
                    join(new_pointer, "x-sunset") if new_sunset is not None else new_pointer,
                )
        elif before.get("deprecated") is True and after.get("deprecated") is True:
            old_date, new_date = sunset_date(old_sunset), sunset_date(new_sunset)
            if old_sunset is not None and new_sunset is None:
                self.add(
                    "sunset-removed",
                    f"{label} is still deprecated but no longer says when it goes away (its "
                    f"x-sunset {old_sunset} was removed); it may now go at any time.",
                    "new",
                    new_pointer,
                )
            elif old_date is not None and new_date is not None and new_date < old_date:
                self.add(
                    "sunset-earlier",
                    f"{label} now goes away on {new_sunset} (was {old_sunset}); clients "
                    "that planned for the old date break earlier.",
                    "new",
                    join(new_pointer, "x-sunset"),
                )
        old_level, new_level = before.get("x-stability-level"), after.get("x-stability-level")
        if new_level is not None and new_level not in STABILITY_LEVELS:
            if old_level != new_level:
                self.add(
                    "stability-invalid",
                    f"the x-stability-level of {label} is `{new_level}`, not one of "
                    f"{', '.join(STABILITY_LEVELS)}; clients cannot tell what it promises.",
                    "new",
                    join(new_pointer, "x-stability-level"),
                )
        elif old_level is not None and old_level not in STABILITY_LEVELS:
            if old_level != new_level:
                self.add(
                    "stability-invalid",
                    f"the x-stability-level of {label} was `{old_level}`, not one of "
                    f"{', '.join(STABILITY_LEVELS)}, so whether it went down cannot be told.",
                    "new",
                    join(new_pointer, "x-stability-level")
                    if new_level is not None
                    else new_pointer,
                )
        elif (
            old_level in STABILITY_LEVELS
            and new_level in STABILITY_LEVELS
            and STABILITY_LEVELS.index(new_level) < STABILITY_LEVELS.index(old_level)
        ):
            self.add(
                "stability-decreased",
                f"{label} is now `{new_level}` (was `{old_level}`); it promises less than "
                "clients relied on.",
                "new",
                join(new_pointer, "x-stability-level"),
            )

    def _operation_security(self, old: Operation, new: Operation) -> None:
        surviving = {s.name for s in self.new.security_schemes}
        before, after = set(old.security), set(new.security)
        if not before and after:
            self.add(
                "operation-security-removed",
                f"{new.label} no longer accepts anonymous requests; clients without "
                "credentials now get 401.",
                "new",
                new.pointer,
            )
        for name in sorted(before - after):
            if name in surviving and after:
                self.add(
                    "operation-security-removed",
                    f"{new.label} no longer accepts `{name}`; clients that authenticate with it "
                    "now get 401.",
                    "new",
                    new.pointer,
                )
        for name in sorted(after - before):
            if before:
                self.add(
                    "operation-security-added",
                    f"{new.label} also accepts `{name}`; existing clients are not affected.",
                    "new",
                    new.pointer,
                )

    # -- operations -------------------------------------------------------------------------

    def _operations(self) -> None:
        old = {_op_key(op): op for op in self.old.operations}
        new = {_op_key(op): op for op in self.new.operations}
        gone = [op for key, op in old.items() if key not in new]
        fresh = {op.operation_id: op for key, op in new.items() if key not in old}
        for key, op in old.items():
            if key in new:
                self.context = op.pointer
                self._operation(op, new[key])
        for op in gone:
            self.context = op.pointer
            moved = fresh.pop(op.operation_id, None)
            if moved is None:
                rule_id, why = self._removal(self.old, op.pointer, "operation-removed", "operation")
                if rule_id == "operation-removed-after-deprecation":
                    message = f"{op.label} was removed; {why}, so clients had notice."
                elif why:
                    message = f"{op.label} was removed although {why}; clients that call it now get 404 or 405."
                else:
                    message = f"{op.label} was removed; clients that call it now get 404 or 405."
                self.add(rule_id, message, "old", op.pointer)
                continue
            if _TEMPLATE.sub("{}", moved.path) != _TEMPLATE.sub("{}", op.path):
                self.add(
                    "operation-path-changed",
                    f"`{op.operation_id}` moved from {op.label} to {moved.label}; clients that "
                    "call the old path now get 404.",
                    "new",
                    moved.pointer,
                )
            else:
                self.add(
                    "operation-method-changed",
                    f"`{op.operation_id}` on {op.path} changed from {op.http_method} to "
                    f"{moved.http_method}; clients that use {op.http_method} now get 405.",
                    "new",
                    moved.pointer,
                )
            self._operation(op, moved)
        self.context = None
        for op in fresh.values():
            self.add(
                "operation-added",
                f"{op.label} is new; existing clients are not affected.",
                "new",
                op.pointer,
            )

    def _operation(self, old: Operation, new: Operation) -> None:
        if self._raw(self.new, new.pointer).get("deprecated") is True and (
            self._raw(self.old, old.pointer).get("deprecated") is not True
        ):
            self.add(
                "operation-deprecated",
                f"{new.label} is now deprecated; it still works, and clients should move away.",
                "new",
                join(new.pointer, "deprecated"),
            )
        self._lifecycle(new.label, old.pointer, new.pointer)
        self._operation_security(old, new)
        self._parameters(old, new)
        self._body(old, new)
        self._responses(old, new)

    @staticmethod
    def _raw(api: Api, pointer: str) -> dict[str, Any]:
        node = lookup(api.document, pointer)
        return node if isinstance(node, dict) else {}

    def _refusal(self, op: Operation) -> str:
        statuses = {r.status for r in op.responses}
        if "400" in statuses:
            return "now get 400"
        return "now get a 4XX error" if "4XX" in statuses else "are now refused"

    # -- parameters -------------------------------------------------------------------------

    def _parameters(self, old_op: Operation, new_op: Operation) -> None:
        old = {_param_key(p, old_op): p for p in _every_parameter(old_op)}
        new = {_param_key(p, new_op): p for p in _every_parameter(new_op)}
        removed = [p for key, p in old.items() if key not in new]
        added = [p for key, p in new.items() if key not in old]
        label = new_op.label
        for key, param in old.items():
            if key in new:
                self._parameter(old_op, new_op, param, new[key])
        for param in removed:
            match = self._counterpart(param, added)
            if match is not None:
                added.remove(match)
                self._moved_parameter(new_op, param, match)
                continue
            rule_id, why = self._removal(self.old, param.pointer, "parameter-removed", "parameter")
            what = f"{param.location} parameter `{param.name}` of {label} was removed"
            if rule_id == "parameter-removed-after-deprecation":
                message = f"{what}; {why}, so clients had notice."
            elif why:
                message = (
                    f"{what} although {why}; clients that send it now get 400 or have it ignored."
                )
            else:
                message = f"{what}; clients that send it now get 400 or have it ignored."
            self.add(rule_id, message, "old", param.pointer)
        for param in added:
            if param.required:
                self.add(
                    "parameter-added-required",
                    f"{label} requires the new {param.location} parameter `{param.name}`; "
                    f"clients that leave it out {self._refusal(new_op)}.",
                    "new",
                    param.pointer,
                )
            else:
                self.add(
                    "parameter-added",
                    f"{label} accepts the new optional {param.location} parameter "
                    f"`{param.name}`; existing clients are not affected.",
                    "new",
                    param.pointer,
                )

    def _counterpart(self, param: Parameter, added: list[Parameter]) -> Parameter | None:
        """The added parameter that is `param` renamed or moved: same schema and requiredness,
        and the only such one."""
        old_view = value_view(self.old.document, [self._schema(self.old, param)])
        same = [
            p
            for p in added
            if p.required == param.required
            and (p.name == param.name or p.location == param.location)
            and equivalent(
                self.old.document,
                self.new.document,
                old_view,
                value_view(self.new.document, [self._schema(self.new, p)]),
            )
        ]
        return same[0] if len(same) == 1 else None

    def _moved_parameter(self, op: Operation, old: Parameter, new: Parameter) -> None:
        if old.location != new.location:
            self.add(
                "parameter-location-changed",
                f"parameter `{old.name}` of {op.label} moved from the {old.location} to the "
                f"{new.location}; clients that send it in the {old.location} {self._refusal(op)} "
                "or have it ignored.",
                "new",
                new.pointer,
            )
        else:
            self.add(
                "parameter-renamed",
                f"{old.location} parameter `{old.name}` of {op.label} is now `{new.name}`; "
                f"clients that send `{old.name}` {self._refusal(op)} or have it ignored.",
                "new",
                new.pointer,
            )

    @staticmethod
    def _schema(api: Api, param: Parameter) -> Part:
        node = lookup(api.document, param.schema_pointer)
        return ({} if node is MISSING else node, param.schema_pointer)

    def _parameter(self, old_op: Operation, op: Operation, old: Parameter, new: Parameter) -> None:
        what = f"{new.location} parameter `{new.name}` of {op.label}"
        if self._raw(self.new, new.pointer).get("deprecated") is True and (
            self._raw(self.old, old.pointer).get("deprecated") is not True
        ):
            self.add(
                "parameter-deprecated",
                f"{what} is now deprecated; it still works, and clients should stop sending it.",
                "new",
                join(new.pointer, "deprecated"),
            )
        self._lifecycle(what, old.pointer, new.pointer)
        if old.required != new.required:
            # Point at the `required:` that changed: the one written in the new spec, else
            # the one the old spec had (removed).
            written = "required" in self._raw(self.new, new.pointer)
            side: Side = "new" if written or new.required else "old"
            at = join(new.pointer if side == "new" else old.pointer, "required")
            if not written and new.required:
                at = new.pointer  # a path parameter: required without saying so
            if new.required:
                self.add(
                    "parameter-became-required",
                    f"{what} is now required; clients that leave it out {self._refusal(op)}.",
                    side,
                    at,
                )
            else:
                self.add(
                    "parameter-became-optional",
                    f"{what} is now optional; existing clients are not affected.",
                    side,
                    at,
                )
        if (old.has_default, old.default) != (new.has_default, new.default) and not new.required:
            self.add(
                "parameter-default-changed",
                f"leaving out {what} now means {_json(new.default)} instead of "
                f"{_json(old.default)}; clients that rely on the default get other results.",
                "new",
                join(new.schema_pointer, "default") if new.has_default else new.pointer,
            )
        if old.filter is not None and new.filter is not None and old.filter != new.filter:
            self.add(
                "filter-changed",
                f"{what} now keeps {_filter_words(new.filter)} (was: {_filter_words(old.filter)}); "
                "clients that send it get other objects.",
                "new",
                join(new.pointer, _FILTER),
            )
        if _written_differently(old, new):
            self.add(
                "parameter-style-changed",
                f"{what} is now written `{new.style}`{', exploded' if new.explode else ''} (was "
                f"`{old.style}`{', exploded' if old.explode else ''}); a server that reads the "
                "new form misreads what existing clients send.",
                "new",
                new.pointer,
            )
        changes = compare(
            self.old.document,
            self.new.document,
            [self._schema(self.old, old)],
            [self._schema(self.new, new)],
            FLOWS["request"],
            "parameter",
        )
        for change in changes:
            self._value_finding(FLOWS["request"], change, what, new.name, self._refusal(op))

    # -- request bodies ---------------------------------------------------------------------

    def _body(self, old_op: Operation, new_op: Operation) -> None:
        old, new, label = old_op.body, new_op.body, new_op.label
        if old is None and new is None:
            return
        if old is None and new is not None:
            pointer = join(new_op.pointer, "requestBody")
            if new.required:
                self.add(
                    "request-body-added-required",
                    f"{label} now requires a request body; clients that send none "
                    f"{self._refusal(new_op)}.",
                    "new",
                    pointer,
                )
            else:
                self.add(
                    "request-body-added",
                    f"{label} accepts an optional request body; existing clients are not affected.",
                    "new",
                    pointer,
                )
            return
        if new is None:
            self.add(
                "request-body-removed",
                f"{label} no longer takes a request body; what clients send is ignored or refused.",
                "old",
                join(old_op.pointer, "requestBody"),
            )
            return
        assert old is not None
        self._body_pair(old_op, new_op, old, new)

    def _body_pair(self, old_op: Operation, new_op: Operation, old: Body, new: Body) -> None:
        label = new_op.label
        pointer = join(new_op.pointer, "requestBody")
        if old.required != new.required:
            if new.required:
                self.add(
                    "request-body-became-required",
                    f"the request body of {label} is now required; clients that send none "
                    f"{self._refusal(new_op)}.",
                    "new",
                    pointer,
                )
            else:
                self.add(
                    "request-body-became-optional",
                    f"the request body of {label} is now optional; existing clients are not "
                    "affected.",
                    "new",
                    pointer,
                )
        for media in old.content_types:
            if media not in new.content_types:
                self.add(
                    "request-media-type-removed",
                    f"{label} no longer accepts `{media}` request bodies; clients that send "
                    "them now get 415.",
                    "old",
                    old.schema_pointers[media].removesuffix("/schema"),
                )
        for media in new.content_types:
            if media not in old.content_types:
                self.add(
                    "request-media-type-added",
                    f"{label} also accepts `{media}` request bodies; existing clients are not "
                    "affected.",
                    "new",
                    new.schema_pointers[media].removesuffix("/schema"),
                )
        for media in old.content_types:
            if media in new.content_types:
                changes = compare(
                    self.old.document,
                    self.new.document,
                    [self._part(self.old, old.schema_pointers[media])],
                    [self._part(self.new, new.schema_pointers[media])],
                    FLOWS["request"],
                    _text_of(media),
                )
                for change in changes:
                    what = (
                        f"attribute `{change.path}` of the {label} request body"
                        if change.path
                        else f"the {label} request body"
                    )
                    name = change.path.rsplit(".", 1)[-1]
                    self._value_finding(FLOWS["request"], change, what, name, self._refusal(new_op))

    @staticmethod
    def _part(api: Api, pointer: str) -> Part:
        node = lookup(api.document, pointer)
        return ({} if node is MISSING else node, pointer)

    # -- responses --------------------------------------------------------------------------

    def _responses(self, old_op: Operation, new_op: Operation) -> None:
        label = new_op.label
        old = {r.status: r for r in old_op.responses}
        new = {r.status: r for r in new_op.responses}
        pairs: list[tuple[Response, Response]] = []
        if old_op.success_status != new_op.success_status:
            before, after = old_op.success_status, new_op.success_status
            self.add(
                "success-status-changed",
                f"{label} now answers {after} instead of {before} on success; clients that "
                f"check for {before} take success for failure.",
                "new",
                join(new_op.pointer, "responses", str(after)),
            )
            old_success, new_success = old_op.success, new_op.success
            if old_success is not None and new_success is not None:
                pairs.append((old_success, new_success))
        skip = {str(old_op.success_status), str(new_op.success_status)} if pairs else set()
        for status, response in old.items():
            if status in skip:
                continue
            if status in new:
                pairs.append((response, new[status]))
            elif not status.startswith("2"):
                self.add(
                    "response-status-removed",
                    f"{label} no longer documents a {status} response; clients that handle "
                    "it keep working.",
                    "old",
                    join(old_op.pointer, "responses", status),
                )
        for status in new:
            if status not in old and status not in skip and not status.startswith("2"):
                self.add(
                    "response-status-added",
                    f"{label} may now answer {status}; clients handle it like any other error.",
                    "new",
                    join(new_op.pointer, "responses", status),
                )
        for old_response, new_response in pairs:
            self._response(new_op, old_response, new_response)

    def _response(self, op: Operation, old: Response, new: Response) -> None:
        what = f"the {new.status} response of {op.label}"
        for media in old.content_types:
            if media not in new.content_types:
                self.add(
                    "response-media-type-removed",
                    f"{what} no longer comes as `{media}`; clients that accept only that break.",
                    "old",
                    join(old.pointer, "content", media),
                )
        for media in new.content_types:
            if media not in old.content_types:
                self.add(
                    "response-media-type-added",
                    f"{what} may also come as `{media}`; clients that ask for the old type "
                    "still get it.",
                    "new",
                    join(new.pointer, "content", media),
                )
        self._headers(what, old, new)
        for media in old.content_types:
            if media not in new.content_types:
                continue
            old_at = join(old.pointer, "content", media, "schema")
            new_at = join(new.pointer, "content", media, "schema")
            if lookup(self.old.document, old_at) is MISSING:
                continue  # a media type without a schema: nothing to compare
            self._response_body(what, old_at, new_at, _text_of(media))

    def _response_body(self, what: str, old_at: str, new_at: str, text: str) -> None:
        changes = compare(
            self.old.document,
            self.new.document,
            [self._part(self.old, old_at)],
            [self._part(self.new, new_at)],
            FLOWS["response"],
            text,
        )
        for change in changes:
            subject = (
                f"attribute `{change.path}` of {what}" if change.path else f"the body of {what}"
            )
            self._value_finding(FLOWS["response"], change, subject, change.path, "")

    def _headers(self, what: str, old: Response, new: Response) -> None:
        before = {h.name.lower(): h for h in old.headers}
        after = {h.name.lower(): h for h in new.headers}
        for key, header in before.items():
            if key not in after:
                self.add(
                    "response-header-removed",
                    f"{what} no longer has the `{header.name}` header; clients that read it "
                    "find nothing.",
                    "old",
                    header.pointer,
                )
            elif header.required and not after[key].required:
                self.add(
                    "response-header-became-optional",
                    f"{what} may now lack the `{header.name}` header; clients that read it "
                    "unconditionally break.",
                    "new",
                    after[key].pointer,
                )
        for key, header in after.items():
            if key not in before:
                self.add(
                    "response-header-added",
                    f"{what} has a new `{header.name}` header; existing clients are not affected.",
                    "new",
                    header.pointer,
                )

    # -- webhooks ---------------------------------------------------------------------------

    def _webhooks(self) -> None:
        old = {(op.path, op.http_method): op for op in self.old.webhooks}
        new = {(op.path, op.http_method): op for op in self.new.webhooks}
        for key, op in old.items():
            if key not in new:
                self.add(
                    "webhook-removed",
                    f"webhook `{op.path}` is no longer sent; receivers that wait for it get "
                    "nothing.",
                    "old",
                    op.pointer,
                )
            else:
                self._webhook(op, new[key])
        for key, op in new.items():
            if key not in old:
                self.add(
                    "webhook-added",
                    f"webhook `{op.path}` is new; existing receivers are not affected.",
                    "new",
                    op.pointer,
                )
        self._webhook_signing()
        self._webhook_events()

    def _webhook_signing(self) -> None:
        old, new = self.old.webhook_signing, self.new.webhook_signing
        if old is None and new is not None:
            self.add(
                "webhook-signing-added",
                f"deliveries are now declared signed ({_signing(new)}); receivers that do not "
                "verify are not affected.",
                "new",
                new.pointer,
            )
        elif old is not None and new is None:
            self.add(
                "webhook-signing-removed",
                f"deliveries are no longer declared signed (were {_signing(old)}); receivers "
                "that verify them refuse every delivery.",
                "old",
                old.pointer,
            )
        elif old is not None and new is not None and _signing(old) != _signing(new):
            self.add(
                "webhook-signing-changed",
                f"deliveries are now signed with {_signing(new)} (were {_signing(old)}); "
                "receivers that verify the old way refuse every delivery.",
                "new",
                new.pointer,
            )

    def _webhook_events(self) -> None:
        """The change events: a type still reported is unchanged (whatever the resource is now
        called in the SDKs); otherwise the same change of the same resource under another type,
        or a webhook still sent that no longer carries the object (a webhook removed or added
        outright is reported above)."""
        old = {e.type: e for e in self.old.webhook_events}
        new = {e.type: e for e in self.new.webhook_events}
        old_names = {op.path for op in self.old.webhooks}
        new_names = {op.path for op in self.new.webhooks}
        for kind, event in old.items():
            if kind in new:
                continue
            same = (event.resource, event.action)
            renamed = next(
                (e for e in new.values() if (e.resource, e.action) == same and e.type not in old),
                None,
            )
            if renamed is not None:
                self.add(
                    "webhook-event-renamed",
                    f"the `{event.action}` event of `{event.resource}` is now `{renamed.type}` "
                    f"(was `{kind}`); receivers that dispatch on the type miss it.",
                    "new",
                    renamed.pointer,
                )
            elif kind in new_names:
                self.add(
                    "webhook-event-removed",
                    f"webhook `{kind}` no longer reports the `{event.action}` of "
                    f"`{event.resource}` (its payload is no longer the object); receivers that "
                    f"track `{event.resource}` miss those changes.",
                    "old",
                    event.pointer,
                )
        for kind, event in new.items():
            if kind not in old and kind in old_names:
                self.add(
                    "webhook-event-added",
                    f"webhook `{kind}` now reports the `{event.action}` of `{event.resource}`; "
                    "existing receivers are not affected.",
                    "new",
                    event.pointer,
                )

    def _webhook(self, old: Operation, new: Operation) -> None:
        what = f"webhook `{new.path}`"
        before = {p.name.lower(): p for p in old.header_params}
        after = {p.name.lower(): p for p in new.header_params}
        for key, param in before.items():
            if key not in after:
                self.add(
                    "webhook-header-removed",
                    f"{what} deliveries no longer carry the `{param.name}` header; receivers "
                    "that check it refuse every delivery.",
                    "old",
                    param.pointer,
                )
        for key, param in after.items():
            if key not in before:
                self.add(
                    "webhook-header-added",
                    f"{what} deliveries carry a new `{param.name}` header; existing receivers "
                    "are not affected.",
                    "new",
                    param.pointer,
                )
        if old.body is None or new.body is None:
            return
        for media in old.body.content_types:
            if media not in new.body.content_types:
                continue
            changes = compare(
                self.old.document,
                self.new.document,
                [self._part(self.old, old.body.schema_pointers[media])],
                [self._part(self.new, new.body.schema_pointers[media])],
                FLOWS["webhook"],
            )
            for change in changes:
                subject = (
                    f"attribute `{change.path}` of {what}'s payload"
                    if change.path
                    else f"the payload of {what}"
                )
                self._value_finding(FLOWS["webhook"], change, subject, change.path, "")

    # -- messages ---------------------------------------------------------------------------

    def _value_finding(
        self, flow: Flow, change: Change, what: str, name: str, refusal: str
    ) -> None:
        rule_id = change.suffix if change.suffix in _FLOWLESS else f"{flow.prefix}-{change.suffix}"
        consequence = _consequence(flow, rule_id, change, name, refusal)
        key = (rule_id, change.side, change.pointer, change.detail, consequence)
        subjects = self.shared.setdefault(key, [])
        if what not in subjects:
            subjects.append(what)


def _consequence(flow: Flow, rule_id: str, change: Change, name: str, refusal: str) -> str:
    severity = rule(rule_id).severity
    suffix = change.suffix
    if suffix == "sunset-invalid":
        return "clients cannot tell when it goes away."
    if severity == "compatible":
        if flow.sent:
            if suffix == "property-removed-after-deprecation":
                return "it was deprecated, so clients had notice."
            return "requests that were valid still are."
        who = "clients" if flow.prefix == "response" else "receivers"
        if suffix == "property-added":
            return f"{who} ignore attributes they do not know."
        if suffix == "property-removed-after-deprecation":
            return "it was deprecated, so clients had notice."
        return f"{who} get nothing they did not expect."
    if severity == "potentially-breaking":
        return _potential(flow, suffix, change, name, refusal)
    if flow.sent:
        if suffix in ("property-added-required", "property-became-required"):
            return f"clients that leave it out {refusal}."
        if suffix == "property-removed":
            return f"clients that send it {refusal}."
        if suffix == "property-renamed":
            return f"clients that send the old name {refusal} or have it ignored."
        if suffix == "closed":
            return f"clients that send attributes it does not list {refusal}."
        if change.has_example:
            return f"clients that send `{name}={show(change.example)}` {refusal}."
        return f"clients that send values the old spec allowed {refusal}."
    who = "clients" if flow.prefix == "response" else "receivers"
    if suffix in ("property-removed", "property-renamed"):
        return f"{who} that read it find it missing."
    if suffix == "property-became-optional":
        return f"{who} that expect it always present break when it is absent."
    if suffix == "nullable-added":
        return f"{who} that do not expect null break."
    if suffix in ("enum-widened", "member-added"):
        return f"{who} that handle only the old values get one they do not know."
    if suffix in ("type-changed", "type-widened"):
        return f"{who} that parse it as before break."
    return f"{who} that validate it (the Python SDK's models do) refuse the new values."


def _potential(flow: Flow, suffix: str, change: Change, name: str, refusal: str) -> str:
    """Who may break, for a potentially-breaking change."""
    if suffix == "property-unlisted":
        return "clients that send it may have it ignored (the object accepts unknown attributes)."
    if suffix == "optional-property-removed":
        who = "clients" if flow.prefix == "response" else "receivers"
        return f"{who} that use it when present no longer get it."
    if suffix == "default-changed":
        return "clients that leave it out may get another behaviour."
    if suffix == "discriminator-changed":
        return "clients that pick the variant by the discriminator may pick another one."
    if flow.sent and change.has_example:
        return f"clients that send `{name}={show(change.example)}` {refusal}."
    if flow.sent and suffix == "pattern-changed":
        return f"clients that send values the new pattern does not match {refusal}."
    if flow.sent:
        return f"clients that send values beyond the new bound {refusal}."
    return "clients that rely on the old form may break."
