"""The public surface of a generated SDK, as data: what a user of the package can name.

Each SDK language computes its `SdkView` once from the model (`Language.sdk_view`): resources ->
methods -> parameters, and models -> fields, every name already escaped as the generated code
writes it. The targets build their templates' context from it, and the review
(`protocol_review.sdk_surface`) diffs two of them directly, without rendering or formatting files.

`type` is the type as the language shows it; `natural` is the name the spec gives in the
language's style before escapes (where it differs from `name`, the generator renamed a reserved
word or an invalid identifier; '' when nothing ties it to a spec name).
"""

from __future__ import annotations

from dataclasses import dataclass

from protocol_spec.model import WEBHOOKS_ATTRIBUTE, Api, Operation

__all__ = [
    "SdkField",
    "SdkLocalMethod",
    "SdkMethod",
    "SdkModel",
    "SdkParameter",
    "SdkResource",
    "SdkView",
    "SdkWebhooks",
    "schema_pointers",
    "webhooks_view",
]


@dataclass(frozen=True)
class SdkParameter:
    name: str  # in its method's scope: `limit`, or `params.limit` for a key of an options object
    display: str  # how a user writes it: `limit`, `'limit'`, `$id`
    wire_name: str  # the path or query parameter or body attribute it carries ('' for none)
    type: str
    required: bool
    default: str | None  # the default the signature declares, as code; None when it has none
    pointer: str  # the spec node it comes from ('' for none)
    natural: str


@dataclass(frozen=True)
class SdkMethod:
    name: str
    display: str  # `client.conversations.list()`
    returns: str  # the type the method returns
    natural: str
    operation: Operation
    parameters: tuple[SdkParameter, ...]  # request options, the same for every method, left out


@dataclass(frozen=True)
class SdkResource:
    name: str  # the attribute on the client
    display: str  # `client.conversations`
    class_name: str
    natural: str
    methods: tuple[SdkMethod, ...]


@dataclass(frozen=True)
class SdkField:
    name: str
    display: str  # `Conversation.id`, `$conversation->id`
    wire_name: str  # the attribute on the wire; for an enum member, its value as a literal
    type: str
    required: bool
    pointer: str
    natural: str
    description: str = ""


@dataclass(frozen=True)
class SdkModel:
    name: str
    kind: str  # as the language declares it: `model`, `enum`, `interface`, `type`, `class`
    pointer: str  # the spec node it comes from
    natural: str
    fields: tuple[SdkField, ...]
    description: str = ""
    # A type that only describes a method's input (its fields are that method's parameters):
    # what it is for (`params`, `body`) and of which operation.
    role: str = ""
    operation: Operation | None = None
    is_input: bool = False  # its fields are listed as parameters of the methods taking it


@dataclass(frozen=True)
class SdkLocalMethod:
    """A method of the client that sends no request: `client.webhooks.unwrap()`."""

    name: str
    display: str
    returns: str
    role: str  # what it does in the policy's words: `unwrap`, `verify_signature`
    parameters: tuple[SdkParameter, ...]


@dataclass(frozen=True)
class SdkWebhooks:
    """`client.webhooks`: verifies and parses deliveries (`protocol_codegen.policy`)."""

    name: str  # the attribute on the client
    display: str
    class_name: str
    pointer: str  # the signing scheme's declaration, else /webhooks ('' for neither)
    methods: tuple[SdkLocalMethod, ...]  # unwrap, then verify_signature


@dataclass(frozen=True)
class SdkView:
    language: str  # the target's name: `python`, `typescript`, `php`
    resources: tuple[SdkResource, ...]
    models: tuple[SdkModel, ...]
    webhooks: SdkWebhooks | None = None


def webhooks_view(
    api: Api,
    owner: str,
    separator: str,
    names: tuple[str, str],
    parameters: tuple[SdkParameter, ...],
    event: str,
    nothing: str,
) -> SdkWebhooks:
    """`owner` + `separator` + `webhooks`, with `names` (unwrap, verify) taking `parameters` (the
    body, the headers, the secret); unwrap returns `event`, the union of the declared events,
    and verify `nothing` (the language's no-value type)."""
    display = f"{owner}{separator}{WEBHOOKS_ATTRIBUTE}"
    methods = tuple(
        SdkLocalMethod(name, f"{display}{separator}{name}()", returns, role, parameters)
        for name, role, returns in (
            (names[0], "unwrap", event),
            (names[1], "verify_signature", nothing),
        )
    )
    # Where a reader sees what the methods do: the signing scheme, else the webhooks.
    pointer = api.webhook_signing.pointer if api.webhook_signing else ""
    pointer = pointer or ("/webhooks" if api.webhooks else "")
    return SdkWebhooks(WEBHOOKS_ATTRIBUTE, display, "Webhooks", pointer, methods)


def schema_pointers(api: Api) -> dict[str, str]:
    """Model and enum name -> the schema that defines it (inline enums: their property)."""
    found = {m.name: m.pointer for m in api.models}
    for model in api.models:
        for f in model.fields:
            for type_ref in (f.type, f.type.items, f.type.additional):
                if type_ref is not None and type_ref.kind == "enum" and type_ref.name:
                    found.setdefault(type_ref.name, f.pointer)
    for enum in api.enums:
        found.setdefault(enum.name, f"/components/schemas/{enum.name}")
    return found
