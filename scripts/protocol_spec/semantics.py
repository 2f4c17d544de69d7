"""What the API means: resources and the roles of their operations, pagination, order, filters,
server-assigned attributes. Read from standard keywords and the `x-protocol-` vocabulary.

Two kinds of finding:
- a misused extension (it names a parameter or attribute that does not exist, or of the wrong
  type) is a spec error, reported with file, line, pointer and fix;
- something left unsaid (a list without pagination, an attribute a new object has no value
  for) is a `Gap` on its resource: the spec still loads and clients are still generated, and
  the server and the conformance suite say what they cannot do without it.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, get_args

from . import naming
from .errors import SpecError
from .loaded import LoadedSpec
from .messages import kind_words
from .model import (
    WEBHOOKS_ATTRIBUTE,
    WEBHOOKS_RESOURCE,
    WINDOW_MATCHES,
    ErrorShape,
    Field,
    Filter,
    FilterMatch,
    Gap,
    IdFormat,
    Model,
    Operation,
    Pagination,
    Parameter,
    Resource,
    Role,
    SortKey,
    TypeRef,
)
from .pointers import MAX_REF_HOPS, join, local_ref_pointer, lookup

__all__ = [
    "ASSIGNED",
    "FILTER",
    "IMPLIED_ID_FORMAT",
    "ORDER",
    "PAGINATION",
    "Semantics",
    "error_classes",
    "flatten",
    "id_format",
    "total_order",
    "unpaged",
]

PAGINATION = "x-protocol-pagination"
ORDER = "x-protocol-order"
FILTER = "x-protocol-filter"
ASSIGNED = "x-protocol-assigned"

_ROLES: dict[tuple[str, str], Role] = {
    ("GET", "collection"): "list",
    ("POST", "collection"): "create",
    ("GET", "item"): "get",
    ("PUT", "item"): "update",
    ("PATCH", "item"): "update",
    ("DELETE", "item"): "delete",
}
_ROLE_FIX = (
    "a resource is served as GET/POST <collection> (list, create) and GET/PUT or "
    "PATCH/DELETE <collection>/{id} (get, update, delete); another operation needs an "
    "implementation of its own, outside what the spec can describe"
)
_ID_PATTERN = re.compile(r"\^\[((?:[^\]\\]|\\.)+)\]\{([1-9][0-9]*)\}\$")


def flatten(spec: LoadedSpec, schema: Any) -> dict[str, Any]:
    """A schema with the `$ref`s at its top followed; keywords written beside a `$ref` win
    over the target's (`description`, `readOnly` and our extensions sit there)."""
    merged: dict[str, Any] = {}
    node = schema
    for _ in range(MAX_REF_HOPS):
        if not isinstance(node, dict):
            break
        merged = {**node, **merged}
        target = local_ref_pointer(node.get("$ref"))
        if target is None:
            break
        node = lookup(spec.document, target)
    merged.pop("$ref", None)
    return merged


def id_format(pattern: str | None) -> IdFormat | None:
    """The alphabet and length of a pattern `^[<characters>]{<length>}$`, else None."""
    match = _ID_PATTERN.fullmatch(pattern or "")
    if match is None:
        return None
    body = match.group(1)
    tokens: list[tuple[str, bool]] = []  # (character, escaped)
    index = 0
    while index < len(body):
        if body[index] == "\\" and index + 1 < len(body):
            if body[index + 1].isalnum():
                return None  # a class escape such as \d or \w: too loose to draw from
            tokens.append((body[index + 1], True))
            index += 2
        else:
            tokens.append((body[index], False))
            index += 1
    if not tokens or tokens[0] == ("^", False):
        return None  # a negated class says what ids are not
    alphabet: list[str] = []
    index = 0
    while index < len(tokens):
        if index + 2 < len(tokens) and tokens[index + 1] == ("-", False):
            low, high = ord(tokens[index][0]), ord(tokens[index + 2][0])
            if low > high:
                return None
            alphabet += [chr(code) for code in range(low, high + 1)]
            index += 3
        else:
            alphabet.append(tokens[index][0])
            index += 1
    return IdFormat("".join(dict.fromkeys(alphabet)), int(match.group(2)))


class Semantics:
    """Adds meaning to the operations of each tag and assembles the resources."""

    def __init__(self, spec: LoadedSpec, models: dict[str, Model], errors: list[SpecError]) -> None:
        self.spec = spec
        self.models = models  # updated in place: assigned ids get their format
        self.errors = errors

    def fail(self, at: str, problem: str, fix: str) -> None:
        self.errors.append(self.spec.error(at, problem, fix))

    def resources(
        self, by_tag: Mapping[str, Sequence[Operation]], descriptions: Mapping[str, str]
    ) -> tuple[Resource, ...]:
        self._check_assigned()
        self._check_webhooks_tag(by_tag)
        return tuple(
            self._resource(tag, descriptions.get(tag, ""), [self._annotated(op) for op in ops])
            for tag, ops in by_tag.items()
            if ops
        )

    def _check_webhooks_tag(self, by_tag: Mapping[str, Sequence[Operation]]) -> None:
        """A tag named `webhooks` becomes `client.webhook_endpoints` (`client.webhooks`
        verifies deliveries), unless another tag is named so already."""
        named = {naming.snake(tag): tag for tag, ops in by_tag.items() if ops}
        if WEBHOOKS_ATTRIBUTE in named and WEBHOOKS_RESOURCE in named:
            ops = by_tag[named[WEBHOOKS_ATTRIBUTE]]
            self.fail(
                join(ops[0].pointer, "tags", "0"),
                f"tag '{named[WEBHOOKS_ATTRIBUTE]}' would be the resource "
                f"`client.{WEBHOOKS_RESOURCE}` (`client.{WEBHOOKS_ATTRIBUTE}` verifies and parses "
                f"webhook deliveries), like tag '{named[WEBHOOKS_RESOURCE]}'",
                "rename one of the two tags: the first tag of an operation becomes "
                "`client.<resource>`",
            )

    # -- one operation --------------------------------------------------------------------

    def _annotated(self, op: Operation) -> Operation:
        node: dict[str, Any] = lookup(self.spec.document, op.pointer)
        pagination = self._pagination(op, node.get(PAGINATION))
        if pagination is None and PAGINATION in node:
            return op  # its errors are reported; order and filters depend on it
        item = self.models.get(pagination.item.name or "") if pagination else None
        order = self._order(op, node.get(ORDER), item)
        for param in op.header_params + op.cookie_params + op.path_params:
            if FILTER in lookup(self.spec.document, param.pointer):
                self.fail(
                    join(param.pointer, FILTER),
                    f"'{FILTER}' sits on the {param.location} parameter '{param.name}'",
                    "filters are query parameters: move it to one declared `in: query`",
                )
        query = tuple(self._filtered(op, param, item) for param in op.query_params)
        if pagination is not None:
            pagination = replace(
                pagination, total_order=total_order(order, pagination.cursor_field)
            )
        return replace(op, pagination=pagination, order=order, query_params=query)

    def _pagination(self, op: Operation, raw: Any) -> Pagination | None:
        if not isinstance(raw, dict) or not {"items", "hasMore", "after"} <= set(raw):
            return None  # absent, or malformed (the vocabulary check reports that)
        at = join(op.pointer, PAGINATION)
        envelope = self.models.get(op.result.name or "") if op.result else None
        if envelope is None or op.result is None or op.result.kind != "model":
            self.fail(
                at,
                f"'{PAGINATION}' is on '{op.operation_id}', whose success response is not an "
                "object schema from components/schemas",
                "paginate a list whose response is an envelope object such as "
                "{has_more, data: [...]}, or remove the extension",
            )
            return None
        if not any(
            f.type.kind == "array" and f.type.items and f.type.items.kind == "model"
            for f in envelope.fields
        ):
            self.fail(
                at,
                f"'{PAGINATION}' is on '{op.operation_id}', whose response {envelope.name} "
                "holds no list of objects",
                "paginate a list operation (its response an envelope with an array of "
                "objects), or remove the extension",
            )
            return None
        ok = True
        items = envelope.field(str(raw["items"]))
        item_type = items.type.items if items is not None else None
        if (
            items is None
            or items.type.kind != "array"
            or item_type is None
            or item_type.kind != "model"
        ):
            arrays = [f.name for f in envelope.fields if f.type.kind == "array"]
            self._no_such(
                join(at, "items"),
                str(raw["items"]),
                f"'{PAGINATION}' names '{raw['items']}' as the property holding the page's "
                f"objects, but {envelope.name} has no array of objects by that name",
                arrays,
            )
            ok = False
        has_more = envelope.field(str(raw["hasMore"]))
        if has_more is None or has_more.type.kind != "boolean":
            self._no_such(
                join(at, "hasMore"),
                str(raw["hasMore"]),
                f"'{PAGINATION}' names '{raw['hasMore']}' as the boolean that says more objects "
                f"follow, but {envelope.name} has no boolean property by that name",
                [f.name for f in envelope.fields if f.type.kind == "boolean"],
            )
            ok = False
        for key in ("after", "before", "limit"):
            if key in raw and not self._query_param(op, at, key, str(raw[key])):
                ok = False
        if "after" in raw and raw.get("after") == raw.get("before"):
            self.fail(
                join(at, "before"),
                f"'{PAGINATION}' uses '{raw['after']}' for both directions",
                "give the backward cursor a parameter of its own, or leave 'before' out",
            )
            ok = False
        if not ok or item_type is None or item_type.name is None:
            return None
        item = self.models[item_type.name]
        cursor = str(raw.get("cursor", "id"))
        if item.field(cursor) is None:
            self._no_such(
                join(at, "cursor") if "cursor" in raw else at,
                cursor,
                f"'{PAGINATION}' takes the listed objects' '{cursor}' as the cursor, but "
                f"{item.name} has no attribute '{cursor}'",
                [f.name for f in item.fields],
            )
            return None
        return Pagination(
            item=item_type,
            items_field=str(raw["items"]),
            has_more_field=str(raw["hasMore"]),
            after_param=str(raw["after"]),
            before_param=str(raw["before"]) if "before" in raw else None,
            limit_param=str(raw["limit"]) if "limit" in raw else None,
            cursor_field=cursor,
        )

    def _query_param(self, op: Operation, at: str, key: str, name: str) -> bool:
        param = next((p for p in op.query_params if p.name == name), None)
        if param is None:
            self._no_such(
                join(at, key),
                name,
                f"'{PAGINATION}' names '{name}' as its '{key}' parameter, but "
                f"'{op.operation_id}' has no query parameter '{name}'",
                [p.name for p in op.query_params],
                fix_start="declare it under the operation's parameters (in: query)",
            )
            return False
        wanted = "integer" if key == "limit" else None
        if wanted and param.type.kind != wanted:
            self.fail(
                join(at, key),
                f"the '{key}' parameter '{name}' of '{op.operation_id}' is "
                f"{kind_words(param.type)}, not an integer",
                "give the page-size parameter `type: integer` (with minimum, maximum, default)",
            )
            return False
        return True

    def _order(self, op: Operation, raw: Any, item: Model | None) -> tuple[SortKey, ...]:
        if not isinstance(raw, list) or not raw:
            return ()
        at = join(op.pointer, ORDER)
        if item is None:
            self.fail(
                at,
                f"'{ORDER}' is on '{op.operation_id}', which has no '{PAGINATION}'",
                f"add '{PAGINATION}' beside it: it says which objects the order sorts",
            )
            return ()
        keys = []
        for index, key in enumerate(raw):
            if not isinstance(key, dict) or "attribute" not in key:
                return ()
            name = str(key["attribute"])
            if item.field(name) is None:
                self._no_such(
                    join(at, index, "attribute"),
                    name,
                    f"'{ORDER}' sorts by '{name}', but {item.name} has no attribute '{name}'",
                    [f.name for f in item.fields],
                )
                return ()
            keys.append(SortKey(name, key.get("direction") == "descending"))
        return tuple(keys)

    def _filtered(self, op: Operation, param: Parameter, item: Model | None) -> Parameter:
        raw = lookup(self.spec.document, param.pointer).get(FILTER)
        if not isinstance(raw, dict) or "attribute" not in raw:
            return param
        at = join(param.pointer, FILTER)
        if item is None:
            self.fail(
                at,
                f"'{FILTER}' on '{param.name}' of '{op.operation_id}': the operation has no "
                f"'{PAGINATION}', so what it lists is unknown",
                f"add '{PAGINATION}' to '{op.operation_id}'",
            )
            return param
        name = str(raw["attribute"])
        kind = raw.get("match", "equals")
        match: FilterMatch = kind if kind in _MATCHES else "equals"
        if isinstance(raw.get("through"), str):  # the named object's attribute: relations.py
            if match != "equals":
                self.fail(
                    join(at, "match"),
                    f"'{FILTER}' of '{param.name}' says `match: {match}` with `through`: a "
                    f"filter through a reference compares with `equals` only",
                    "filter an attribute of the listed objects themselves (drop `through`), or "
                    "use `match: equals`",
                )
                return param
            return replace(param, filter=Filter(name, "equals", str(raw["through"])))
        attribute = item.field(name)
        if attribute is None:
            self._no_such(
                join(at, "attribute"),
                name,
                f"'{FILTER}' of '{param.name}' names the attribute '{name}', but {item.name} "
                f"(what '{op.operation_id}' lists) has no such attribute",
                [f.name for f in item.fields],
            )
            return param
        if match == "contains":
            return self._contains(at, param, name, attribute)
        if match in WINDOW_MATCHES:
            return self._window(at, param, name, attribute, match)
        if match == "is-set" and param.type.kind != "boolean":
            self.fail(
                join(at, "match"),
                f"'{FILTER}' of '{param.name}' says `match: is-set`, but '{param.name}' is "
                f"{kind_words(param.type)}, not a boolean",
                "give the parameter `type: boolean` (true: set, false: not set)",
            )
            return param
        if match == "is-set" and not attribute.nullable:
            self.fail(
                join(at, "match"),
                f"'{FILTER}' of '{param.name}' says `match: is-set`, but the attribute '{name}' "
                f"is {kind_words(attribute.type)}: it is always set",
                "filter a nullable attribute (type: [..., 'null']), or use `match: equals`",
            )
            return param
        if match == "equals" and not _comparable(param.type, attribute.type):
            self.fail(
                join(at, "attribute"),
                f"'{FILTER}' compares '{param.name}' ({kind_words(param.type)}) with the "
                f"attribute '{name}' ({kind_words(attribute.type)})",
                "filter an attribute of the parameter's type, or use `match: is-set` for a "
                "boolean parameter on a nullable attribute",
            )
            return param
        return replace(param, filter=Filter(name, match))

    def _contains(self, at: str, param: Parameter, name: str, attribute: Field) -> Parameter:
        """`match: contains`: an array attribute of scalars (or of reference ids), and a
        parameter of its items' type."""
        items = attribute.type.items if attribute.type.kind == "array" else None
        if items is None:
            self.fail(
                join(at, "match"),
                f"'{FILTER}' of '{param.name}' says `match: contains`, but the attribute "
                f"'{name}' is {kind_words(attribute.type)}, not an array",
                "filter an array attribute (type: array, with `items`), or use `match: equals`",
            )
            return param
        if not _comparable(param.type, items):
            self.fail(
                join(at, "attribute"),
                f"'{FILTER}' of '{param.name}' says `match: contains`: '{param.name}' is "
                f"{kind_words(param.type)}, but each item of '{name}' is {kind_words(items)}",
                f"give '{param.name}' the type of the items of '{name}' ({kind_words(items)}); "
                "`contains` compares strings, integers, numbers and booleans",
            )
            return param
        return replace(param, filter=Filter(name, "contains"))

    def _window(
        self, at: str, param: Parameter, name: str, attribute: Field, match: FilterMatch
    ) -> Parameter:
        """`match: since` / `before`: an ordered attribute (a number, or a string of format
        date-time), and a parameter of the same kind (and format)."""
        ordered = _ordered(attribute.type)
        if ordered is None:
            self.fail(
                join(at, "match"),
                f"'{FILTER}' of '{param.name}' says `match: {match}`, but the attribute '{name}' "
                f"is {kind_words(attribute.type)}"
                + (f" of format {attribute.type.format}" if attribute.type.format else "")
                + ": its values have no order to compare with",
                "filter an integer or number attribute, or a string of `format: date-time`, "
                "or use `match: equals`",
            )
            return param
        if _ordered(param.type) != ordered:
            wanted = (
                "an integer or a number"
                if ordered == "number"
                else f"a string of `format: {ordered}`"
            )
            self.fail(
                join(at, "attribute"),
                f"'{FILTER}' of '{param.name}' says `match: {match}` on '{name}' "
                f"({kind_words(attribute.type)}"
                + (f" of format {attribute.type.format}" if attribute.type.format else "")
                + f"), but '{param.name}' is {kind_words(param.type)}"
                + (f" of format {param.type.format}" if param.type.format else ""),
                f"give '{param.name}' the attribute's kind: {wanted}",
            )
            return param
        return replace(param, filter=Filter(name, match))

    def _no_such(
        self,
        at: str,
        name: str,
        problem: str,
        candidates: Sequence[str],
        *,
        fix_start: str = "name",
    ) -> None:
        """An extension names something that is not there: say so, and what is there."""
        close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        if candidates and fix_start == "name":
            fix = f"{hint}name one of: {', '.join(candidates)}"
        elif candidates:
            fix = f"{hint}{fix_start}, or name one of: {', '.join(candidates)}"
        else:
            fix = f"{fix_start or 'add it first'}"
        self.fail(at, problem, fix)

    # -- server-assigned attributes -------------------------------------------------------

    def _check_assigned(self) -> None:
        for model_name, model in list(self.models.items()):
            fields = []
            for f in model.fields:
                if f.assigned is not None:
                    f = self._assigned(f)
                fields.append(f)
            self.models[model_name] = replace(model, fields=tuple(fields))

    def _assigned(self, f: Field) -> Field:
        at = join(f.pointer, ASSIGNED)
        if not f.read_only:
            self.fail(
                at,
                f"the server assigns '{f.name}' ({f.assigned}), but it is not readOnly",
                "add `readOnly: true` beside it: clients never send a value the server assigns",
            )
        if f.assigned == "update-time":
            if f.type.kind != "integer" or not f.type.nullable:
                self.fail(
                    at,
                    f"'{f.name}' is an `update-time`, but its type is {kind_words(f.type)}",
                    "give it `type: [integer, 'null']` (null until the first update)",
                )
            return f
        if f.assigned == "unique-id":
            found = id_format(f.constraints.pattern) if f.type.kind == "string" else None
            if found is None:
                self.fail(
                    at,
                    f"'{f.name}' is a `unique-id`, but its "
                    + (
                        f"pattern {f.constraints.pattern!r} does not say which characters and how many"
                        if f.type.kind == "string"
                        else f"type is {kind_words(f.type)}, not a string"
                    ),
                    "give it `type: string` and a pattern such as '^[A-Za-z0-9]{16}$' "
                    "(the server draws ids from its characters)",
                )
            return replace(f, id_format=found)
        if f.type.kind != "integer" or f.type.nullable:
            self.fail(
                at,
                f"'{f.name}' is a `creation-time`, but its type is {kind_words(f.type)}",
                "give it `type: integer` (whole seconds since the Unix epoch)",
            )
        return f

    # -- one resource ---------------------------------------------------------------------

    def _resource(self, tag: str, description: str, ops: list[Operation]) -> Resource:
        gaps: list[Gap] = []
        collection: str | None = None
        item_path: str | None = None
        roled: list[Operation] = []
        for op in ops:
            role, base, shape = _role(op)
            if role is None:
                gaps.append(
                    Gap(
                        op.pointer,
                        f"{op.label} is not a list, create, get, update or delete ({shape})",
                        _ROLE_FIX,
                    )
                )
            elif any(other.role == role for other in roled):
                gaps.append(
                    Gap(
                        op.pointer,
                        f"{op.label} is a second '{role}' of '{tag}'",
                        "keep one operation per role in a tag, or move this one to a tag of its own",
                    )
                )
                role = None
            else:
                if (collection or base) != base:
                    gaps.append(
                        Gap(
                            op.pointer,
                            f"{op.label} is not under {collection}",
                            "serve one resource's collection and objects under one path",
                        )
                    )
                    role = None
                else:
                    collection = base
                    if shape == "item":
                        item_path = op.path
            roled.append(replace(op, role=role))
        by_role: dict[Role, Operation] = {op.role: op for op in roled if op.role is not None}
        model_name = self._resource_model(tag, by_role, gaps)
        model = self.models.get(model_name or "")
        id_attribute = None
        if model is not None and item_path is not None:
            parameter = item_path.rsplit("{", 1)[1].rstrip("}")
            if model.field(parameter) is not None:
                id_attribute = parameter
            elif model.field("id") is not None:  # `{petId}` names the model's `id`
                id_attribute = "id"
            else:
                gaps.append(
                    Gap(
                        by_role.get("get", roled[0]).pointer,
                        f"the path parameter '{parameter}' of {item_path} is no attribute of {model.name}",
                        f"name the parameter after the attribute that identifies a {naming.singular(tag)} (e.g. 'id')",
                    )
                )
        if model is not None and id_attribute is not None:
            model = _implied_id(model, id_attribute, by_role.get("create"))
            self.models[model.name] = model
        identifier = naming.snake(tag)
        if identifier == WEBHOOKS_ATTRIBUTE:
            identifier = WEBHOOKS_RESOURCE  # `client.webhooks` verifies deliveries
        if model is not None:
            gaps += _creation_gaps(model, by_role.get("create"), naming.singular(tag))
            gaps += _update_gaps(model, by_role.get("update"))
            gaps += _list_gaps(model, by_role.get("list"))
        return Resource(
            name=tag,
            identifier=identifier,
            class_name=naming.pascal(tag if identifier == naming.snake(tag) else identifier),
            description=description,
            operations=tuple(roled),
            singular=" ".join(naming.words(naming.singular(tag))),
            model=model_name,
            id_attribute=id_attribute,
            collection_path=collection,
            item_path=item_path,
            gaps=tuple(gaps),
        )

    def _resource_model(
        self, tag: str, by_role: Mapping[Role, Operation], gaps: list[Gap]
    ) -> str | None:
        """The schema of one object: what get, create and update return and list pages hold."""
        found: list[tuple[Operation, str]] = []
        roles: tuple[Role, ...] = ("get", "create", "update")
        for role in roles:
            op = by_role.get(role)
            if (
                op is not None
                and op.result is not None
                and op.result.kind == "model"
                and op.result.name
            ):
                found.append((op, op.result.name))
        listing = by_role.get("list")
        if listing is not None and listing.pagination is not None and listing.pagination.item.name:
            found.append((listing, listing.pagination.item.name))
        if not found:
            anchor = next(iter(by_role.values()), None)
            if anchor is not None:
                gaps.append(
                    Gap(
                        anchor.pointer,
                        f"no operation of '{tag}' returns one object of a schema in components/schemas",
                        "let get, create or update return the resource's schema with $ref",
                    )
                )
            return None
        name = found[0][1]
        for op, other in found[1:]:
            if other != name:
                gaps.append(
                    Gap(
                        op.pointer,
                        f"{op.label} returns {other}, but the other operations of '{tag}' return {name}",
                        f"return {name} here too: one resource, one schema",
                    )
                )
        return name


def total_order(declared: Sequence[SortKey], cursor: str) -> tuple[SortKey, ...]:
    """The declared keys, then the cursor attribute as the final tie break (in the last key's
    direction, ascending when none is declared) unless it is a key already: one place for
    every object, which is what makes a cursor name a position in the list."""
    keys = tuple(declared)
    if any(key.attribute == cursor for key in keys):
        return keys
    return (*keys, SortKey(cursor, keys[-1].descending if keys else False))


def error_classes(operations: Sequence[Operation]) -> dict[str, ErrorShape]:
    """The error schema and `type` of each status class ("4", "5"), for statuses an operation
    does not declare: each as the first response of that class that says it."""
    models: dict[str, str] = {}
    types: dict[str, str] = {}
    for op in operations:
        for response in op.responses:
            if response.error_model is not None:
                models.setdefault(response.status[0], response.error_model)
            if response.error_type is not None:
                types.setdefault(response.status[0], response.error_type)
    return {
        status_class: ErrorShape(models.get(status_class), types.get(status_class))
        for status_class in sorted(models.keys() | types.keys())
    }


def _role(op: Operation) -> tuple[Role | None, str, str]:
    """(role, collection path, shape) from the method and the path's shape."""
    segments = op.path.rstrip("/").split("/")
    params = op.path.count("{")
    last_is_param = segments[-1].startswith("{") and segments[-1].endswith("}")
    if params == 0:
        shape, base = "collection", op.path
    elif params == 1 and last_is_param:
        shape, base = "item", "/".join(segments[:-1])
    else:
        return None, "", "a path with parameters before its last segment"
    role = _ROLES.get((op.http_method, shape))
    return role, base, shape if role else f"{op.http_method} on a {shape} path"


# The characters and length of an implied string id the spec gives no pattern for.
IMPLIED_ID_FORMAT = IdFormat(string.ascii_letters + string.digits, 16)


def _implied_id(model: Model, id_attribute: str, create: Operation | None) -> Model:
    """`model` with its id attribute read as assigned by the server (`unique-id`) when the spec
    says nothing else (docs/server.md, "A spec without annotations"): no `x-protocol-assigned`,
    no `default`, not nullable, an integer or a string (with no pattern, or one that says its
    characters and length), and the resource has a create that cannot set it (readOnly, or
    absent from the create body). Integers are then numbered by the server, strings drawn like any
    `unique-id` (IMPLIED_ID_FORMAT without a pattern)."""
    f = model.field(id_attribute)
    if create is None or f is None or f.assigned is not None or f.has_default or f.nullable:
        return model  # without a create, nothing is assigned
    body = {b.name for b in create.body.fields} if create.body else set()
    if f.name in body and not f.read_only:
        return model
    if f.type.kind == "integer":
        found = None
    elif f.type.kind == "string":
        pattern = f.constraints.pattern
        found = id_format(pattern) if pattern is not None else IMPLIED_ID_FORMAT
        if found is None:
            return model
    else:
        return model
    implied = replace(f, assigned="unique-id", id_format=found)
    fields = tuple(implied if other.name == f.name else other for other in model.fields)
    return replace(model, fields=fields)


def _creation_gaps(model: Model, create: Operation | None, singular: str) -> list[Gap]:
    if create is None:
        return []
    gaps = []
    body = create.body
    given = {f.name: f for f in body.fields} if body else {}
    for name, f in given.items():
        if model.field(name) is None and f.file != "content":  # an upload's bytes
            gaps.append(
                Gap(
                    f.pointer,
                    f"'{name}' of the create body is no attribute of {model.name}",
                    "name each body property after the attribute it sets",
                )
            )
    for attribute in model.fields:
        if attribute.server_set or attribute.has_default or attribute.nullable:
            continue
        sent = given.get(attribute.name)
        if sent is not None and (sent.required or not attribute.required):
            continue  # given on create, or optional in the object too: left out when not given
        gaps.append(
            Gap(
                attribute.pointer,
                f"a new {singular}'s '{attribute.name}' has no value: it has no default, is not "
                "nullable, and create " + ("may leave it out" if sent else "does not set it"),
                f"give it a `default`, make create require it, or mark it `{ASSIGNED}`",
            )
        )
    return gaps


def _update_gaps(model: Model, update: Operation | None) -> list[Gap]:
    if update is None or update.body is None:
        return []
    gaps = []
    for f in update.body.fields:
        attribute = model.field(f.name)
        if attribute is None:
            gaps.append(
                Gap(
                    f.pointer,
                    f"'{f.name}' of the update body is no attribute of {model.name}",
                    "name each body property after the attribute it changes",
                )
            )
        elif attribute.read_only:
            gaps.append(
                Gap(
                    f.pointer,
                    f"update changes '{f.name}', which {model.name} says is readOnly",
                    "remove it from the update body, or drop `readOnly`",
                )
            )
        elif f.nullable and not attribute.nullable:
            gaps.append(
                Gap(
                    f.pointer,
                    f"update may set '{f.name}' to null, which {model.name} does not allow",
                    "make both nullable, or neither",
                )
            )
    return gaps


def unpaged(listing: Operation, model: Model) -> bool:
    """A list the spec does not page (no `x-protocol-pagination`) whose answer is a top-level
    array of the resource's objects: the server answers with the whole list (bounded)."""
    result = listing.result
    return (
        listing.pagination is None
        and result is not None
        and result.kind == "array"
        and result.items is not None
        and result.items.name == model.name
    )


def _list_gaps(model: Model, listing: Operation | None) -> list[Gap]:
    if listing is None:
        return []
    if listing.pagination is None and unpaged(listing, model):
        return []  # the whole list, as one top-level array (docs/server.md)
    if listing.pagination is None:
        return [
            Gap(
                listing.pointer,
                f"{listing.label} has no `{PAGINATION}`: which property holds the objects and "
                "which parameters page them is unsaid",
                f"add `{PAGINATION}: {{items: ..., hasMore: ..., after: ..., before: ..., limit: ...}}`",
            )
        ]
    gaps = []
    if listing.pagination.item.name != model.name:
        gaps.append(
            Gap(
                join(listing.pointer, PAGINATION, "items"),
                f"{listing.label} lists {listing.pagination.item.name}, not {model.name}",
                f"list {model.name} objects",
            )
        )
    if not listing.order:
        gaps.append(
            Gap(
                listing.pointer,
                f"{listing.label} has no `{ORDER}`: the order of its results is unsaid",
                f"add `{ORDER}: [{{attribute: ..., direction: descending}}]`",
            )
        )
    return gaps


_MATCHES: tuple[FilterMatch, ...] = get_args(FilterMatch)
# The string formats whose (RFC 3339) values a window compares as instants.
_ORDERED_FORMATS = ("date-time",)


def _ordered(type_ref: TypeRef) -> str | None:
    """What a window compares a value of this type as: "number" or "date-time"; None
    when its values have no order the filter can use."""
    if type_ref.kind in ("integer", "number"):
        return "number"
    if type_ref.kind == "string" and type_ref.format in _ORDERED_FORMATS:
        return type_ref.format
    return None


def _comparable(parameter: TypeRef, attribute: TypeRef) -> bool:
    def kind(type_ref: TypeRef) -> str:
        return "string" if type_ref.kind == "enum" else type_ref.kind

    return kind(parameter) == kind(attribute) and kind(parameter) in (
        "string",
        "integer",
        "number",
        "boolean",
    )
