"""The docs target: `generated/docs/`, the API's reference page.

`index.html` plus its stylesheet and script, all local: no CDN, no web font, no module script,
no `fetch`, so the page works from `file://` and when served. For every resource (tag) of the
spec, the page has what the reference's page has: the model with each property's name, type
and description; then for each operation its summary as title, method and path, description,
required and optional attributes, a request panel with a tab per language (the samples come
from `protocol_codegen.languages`, the same as `generated/openapi.json`'s), and the
example response.

This module turns the model into a page view (anchors, type labels, HTML of descriptions,
coloured code) so that the templates only loop and substitute.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_codegen.samples import example_path, example_value
from protocol_codegen.targets._highlight import highlight
from protocol_codegen.targets._jinja import environment, header
from protocol_codegen.targets._markdown import inline, markdown
from protocol_codegen.targets._text import heading
from protocol_spec import naming
from protocol_spec.model import Api, Body, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "ROOT",
    "Attribute",
    "AttributeGroup",
    "OperationView",
    "ResourceView",
    "ResponseView",
    "Sample",
    "render",
]

ROOT = "docs"

_PRIMITIVES = ("string", "integer", "number", "boolean")
# The sentinel key that marks an abbreviated item of a list response's example.
_MORE = "\u2063more"


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str  # e.g. `string`, `nullable integer`, `array of strings`
    description: Markup


@dataclass(frozen=True)
class AttributeGroup:
    title: str  # `Required attributes` or `Optional attributes`
    note: str  # e.g. `Exactly one of these.`; empty when there is nothing to add
    attributes: tuple[Attribute, ...]


@dataclass(frozen=True)
class Sample:
    key: str  # `curl`, `javascript`, ...
    label: str  # the tab's label
    highlight: str  # the code block's language
    code: Markup  # coloured HTML of the sample
    tab_id: str
    panel_id: str


@dataclass(frozen=True)
class ResponseView:
    status: int
    code: Markup


@dataclass(frozen=True)
class OperationView:
    anchor: str
    title: str
    method: str  # GET, POST, ...
    label: str  # the path, `:id` style: /v1/things/:id
    description: Markup
    groups: tuple[AttributeGroup, ...]
    request_label: str  # the path the samples call: /v1/things/xgQQXg3hrtjh7AvZ
    samples: tuple[Sample, ...]
    response: ResponseView | None


@dataclass(frozen=True)
class ResourceView:
    anchor: str
    title: str  # `Conversations`
    lead: Markup
    model_anchor: str
    model_title: str  # `The conversation model`
    model_description: Markup
    properties: tuple[Attribute, ...]
    operations: tuple[OperationView, ...]


def render(api: Api) -> dict[str, str]:
    env = environment(ROOT, autoescape=True)
    anchors = _Anchors()
    resources = [_resource_view(api, resource, anchors) for resource in api.resources]

    def template(name: str, comment: tuple[str, str], **context: object) -> str:
        source = f"templates/{ROOT}/{name}.jinja"
        opening, closing = comment
        line = f"{opening}{header(api.source, source, '').strip()}{closing}"
        return env.get_template(f"{name}.jinja").render(header=Markup(line), **context)

    files = {
        f"{ROOT}/style.css": template("style.css", ("/* ", " */")),
        f"{ROOT}/page.js": template("page.js", ("// ", "")),
        f"{ROOT}/index.html": template(
            "index.html",
            ("<!-- ", " -->"),
            title=api.title,
            version=api.version,
            base_url=api.default_base_url,
            resources=resources,
        ),
    }
    return dict(sorted(files.items()))


# -- resources ---------------------------------------------------------------------------------


def _resource_view(api: Api, resource: Resource, anchors: _Anchors) -> ResourceView:
    title = heading(resource.name)
    singular = " ".join(naming.words(resource.singular or resource.name))
    model = api.model(resource.model) if resource.model else None
    model_title = f"The {singular} model"
    return ResourceView(
        anchor=anchors.take(resource.name),
        title=title,
        lead=markdown(resource.description),
        model_anchor=anchors.take(model_title),
        model_title=model_title,
        model_description=markdown(model.description) if model else Markup(""),
        properties=tuple(_field_attribute(api, f) for f in model.fields) if model else (),
        operations=tuple(_operation_view(api, op, anchors) for op in resource.operations),
    )


def _operation_view(api: Api, op: Operation, anchors: _Anchors) -> OperationView:
    title = op.summary or op.operation_id
    anchor = anchors.take(title)
    samples = samples_for(api, op)
    return OperationView(
        anchor=anchor,
        title=title,
        method=op.http_method,
        label=re.sub(r"\{([^}]+)\}", r":\1", op.path),
        description=markdown(op.description),
        groups=_attribute_groups(api, op),
        request_label=example_path(op, samples.values),
        samples=tuple(
            Sample(
                key=language.key,
                label=language.label,
                highlight=language.highlight,
                code=highlight(samples.text(language.key).rstrip("\n"), language.highlight),
                tab_id=f"{anchor}-tab-{language.key}",
                panel_id=f"{anchor}-sample-{language.key}",
            )
            for language in LANGUAGES
        ),
        response=_response_view(api, op),
    )


def _attribute_groups(api: Api, op: Operation) -> tuple[AttributeGroup, ...]:
    """Query parameters and body attributes, required first, as the reference lists them.
    A body that must hold some of its optional attributes (`minProperties`) lists them as
    required, saying how many."""
    required = [_param_attribute(api, p) for p in op.query_params if p.required]
    optional = [_param_attribute(api, p) for p in op.query_params if not p.required]
    note = ""
    body = op.body
    if body is not None:
        required += [_field_attribute(api, f) for f in body.fields if f.required]
        loose = [_field_attribute(api, f) for f in body.fields if not f.required]
        note = _choice_note(body)
        (required if note else optional).extend(loose)
    groups = []
    if required:
        groups.append(AttributeGroup("Required attributes", note, tuple(required)))
    if optional:
        groups.append(AttributeGroup("Optional attributes", "", tuple(optional)))
    return tuple(groups)


def _choice_note(body: Body) -> str:
    """What `minProperties`/`maxProperties` ask of a body without required attributes."""
    least, most = body.min_properties or 0, body.max_properties
    if least < 1 or any(f.required for f in body.fields):
        return ""
    if most == least:
        return "Exactly one of these." if least == 1 else f"Exactly {least} of these."
    if most is not None:
        return f"From {least} to {most} of these."
    return "At least one of these." if least == 1 else f"At least {least} of these."


def _param_attribute(api: Api, p: Parameter) -> Attribute:
    extra = [f"Default: `{json.dumps(p.default)}`."] if p.has_default else []
    return Attribute(p.name, _type_label(api, p.type), _description(p.description, p.type, extra))


def _field_attribute(api: Api, f: Field) -> Attribute:
    """A property or body attribute; an uploaded file's content is a `file`."""
    label = _type_label(api, f.type)
    if f.file == "content":
        label = "nullable file" if f.type.nullable else "file"
    return Attribute(f.name, label, _description(f.description, f.type, []))


def _description(text: str, type_ref: TypeRef, extra: list[str]) -> Markup:
    if type_ref.kind == "enum" and type_ref.values:
        extra = [f"One of {', '.join(f'`{value}`' for value in type_ref.values)}.", *extra]
    if not extra:
        return markdown(text)
    if not text:
        return markdown(" ".join(extra))
    return Markup(markdown(text) + Markup("\n<p>") + inline(" ".join(extra)) + Markup("</p>"))


def _type_label(api: Api, type_ref: TypeRef) -> str:
    """`string`, `nullable integer`, `array of strings`; an object of a resource's model is
    named after the resource (`contact object`), as the reference names its objects."""
    text: str
    if type_ref.kind in _PRIMITIVES:
        text = type_ref.kind
    elif type_ref.kind == "enum":
        text = "string"
    elif type_ref.kind == "array" and type_ref.items is not None:
        text = f"array of {_plural(_type_label(api, type_ref.items))}"
    elif type_ref.kind == "model" and type_ref.name in _resource_models(api):
        text = f"{_resource_models(api)[type_ref.name]} object"
    elif type_ref.kind in ("model", "object"):
        text = "object"
    else:
        text = "any"
    return f"nullable {text}" if type_ref.nullable else text


def _resource_models(api: Api) -> dict[str, str]:
    """Model name -> the words of the resource it is the model of (`Contact` -> `contact`)."""
    return {r.model: " ".join(naming.words(r.singular or r.name)) for r in api.resources if r.model}


def _plural(label: str) -> str:
    return label if label.startswith("array") else label + "s"


# -- responses ---------------------------------------------------------------------------------


def _response_view(api: Api, op: Operation) -> ResponseView | None:
    """The success response's first example; made from the schema when the spec has none."""
    success = op.success
    if op.result is None or success is None:
        return None
    value = success.examples[0].value if success.examples else example_value(api, op.result, "")
    if op.pagination is not None and isinstance(value, Mapping):
        value = _abbreviated_page(value, op.pagination.items_field, op.pagination.cursor_field)
    text = json.dumps(value, indent=2, ensure_ascii=False)
    text = re.sub(rf',\n(\s*)"{_MORE}": true', r"\n\1// ...", text)
    return ResponseView(op.success_status, highlight(text, "json"))


def _abbreviated_page(page: Mapping[str, object], items: str, cursor: str) -> dict[str, object]:
    """The page with every object after the first cut down to its cursor, as the reference
    shows a list (`{"id": "hSIhXBhNe8X1d8Et" // ...}`)."""
    objects = page.get(items)
    if not isinstance(objects, list) or len(objects) < 2:
        return dict(page)
    rest = [
        {cursor: item[cursor], _MORE: True}
        if isinstance(item, Mapping) and cursor in item
        else item
        for item in objects[1:]
    ]
    return {**page, items: [objects[0], *rest]}


# -- text --------------------------------------------------------------------------------------


class _Anchors:
    """Unique, readable fragment ids: `list-all-conversations`, then `-2`, `-3` on a clash."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, title: str) -> str:
        base = "-".join(re.findall(r"[a-z0-9]+", title.lower())) or "section"
        anchor, number = base, 1
        while anchor in self.taken:
            number += 1
            anchor = f"{base}-{number}"
        self.taken.add(anchor)
        return anchor
