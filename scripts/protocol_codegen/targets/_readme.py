"""What the clients' package READMEs show, computed once: every call comes from the client's
language (`protocol_codegen.languages`), every value from `protocol_codegen.samples`, every
number from the retry policy, every name from the model. Each target's `README.md.jinja` lays it out in its ecosystem's words.

The operations come one section per resource, as on the reference page. Each section runs as
printed, after the set-up, on a new account holding the spec's example objects, and so do the
later sections: errors, pagination, retries and timeouts, per-call options, and raw responses on
the first resource that lists its objects (tests/clients/test_readmes.py runs them against the
reference server).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from protocol_codegen.languages.base import SdkLanguage
from protocol_codegen.policy import (
    MEDIA_POLICY,
    RETRY_POLICY,
    Credential,
    MediaPolicy,
    RetryPolicy,
    WebhookPolicy,
    auth_policy,
    request_media,
    response_media,
    sdk_operations,
    webhook_policy,
)
from protocol_codegen.samples import CallValues, example_values
from protocol_codegen.targets._text import heading
from protocol_spec import naming
from protocol_spec.model import Api, Operation, Resource

__all__ = [
    "ReadmeCredential",
    "ReadmeOperation",
    "ReadmeResource",
    "ReadmeView",
    "readme_view",
    "reflow",
]


@dataclass(frozen=True)
class ReadmeCredential:
    """One security scheme, as the README tells how to pass it (`protocol_codegen.policy`)."""

    scheme: str
    kind: str
    sends: str  # how it travels, in Markdown: "`Authorization: Bearer <token>`"
    arguments: tuple[str, ...]  # snake_case (Python, PHP)
    camel: tuple[str, ...]  # camelCase (TypeScript)
    env: tuple[str, ...]

    @staticmethod
    def of(credential: Credential) -> ReadmeCredential:
        where = {"query": "query parameter", "cookie": "cookie"}.get(credential.location, "header")
        sends = {
            "bearer": "`Authorization: Bearer <token>`",
            "basic": "`Authorization: Basic <base64 of username:password>`",
            "oauth2": (
                f"a token fetched from `{credential.token_url}` with the client credentials "
                "grant (kept, and fetched again shortly before it expires), as "
                "`Authorization: Bearer <token>`"
            ),
        }.get(credential.kind, f"the `{credential.name}` {where}")
        return ReadmeCredential(
            credential.scheme,
            credential.kind,
            sends,
            credential.arguments,
            tuple(naming.camel(argument) for argument in credential.arguments),
            credential.env,
        )


@dataclass(frozen=True)
class ReadmeOperation:
    title: str  # the summary
    label: str  # `GET /v1/things`
    description: str  # the label, then the first paragraph of its description
    code: str


@dataclass(frozen=True)
class ReadmeResource:
    title: str  # `Conversations`, as the reference page's heading
    lead: str  # the first paragraph of the tag's description ('' without one)
    operations: tuple[ReadmeOperation, ...]


@dataclass(frozen=True)
class ReadmeView:
    title: str
    summary: str  # the API's description, first paragraph
    base_url: str
    base_url_env: str
    token_env: str
    setup: str
    resources: tuple[ReadmeResource, ...]  # each resource's operations, in the page's order
    policy: RetryPolicy
    retry_statuses: str  # "408, 409, 429"
    example: dict[str, str]  # the calls of the later sections, by name
    webhooks: WebhookPolicy
    # The event body's attribute holding the changed object, when a webhook reports a change
    # and the attribute is a plain identifier in every language ('' otherwise).
    event_payload: str
    # Some operation sends a file or answers one: the README says how files are passed.
    files: bool = False
    media: MediaPolicy = MEDIA_POLICY
    client_class: str = "ApiClient"
    credentials: tuple[ReadmeCredential, ...] = ()  # each security scheme the clients apply
    unsupported: tuple[str, ...] = ()  # the schemes they cannot apply (openIdConnect, ...)

    @property
    def operations(self) -> tuple[ReadmeOperation, ...]:
        """Every operation, resource after resource."""
        return tuple(op for resource in self.resources for op in resource.operations)


def readme_view(api: Api, language: SdkLanguage) -> ReadmeView:
    """The README's content for the client in `language`."""
    resources = tuple(
        ReadmeResource(
            title=heading(resource.name),
            lead=_paragraph(resource.description.split("\n\n")[0]),
            operations=tuple(
                ReadmeOperation(
                    title=op.summary or op.operation_id,
                    label=op.label,
                    description=_paragraph(f"`{op.label}`. " + op.description.split("\n\n")[0]),
                    code=language.statement(language.call(api, op, example_values(api, op))),
                )
                for op in resource.operations
            ),
        )
        for resource in api.resources
    )
    return ReadmeView(
        title=api.title,
        summary=_paragraph(api.description.split("\n\n")[0]),
        base_url=api.default_base_url,
        base_url_env=api.settings.base_url_env,
        token_env=api.settings.token_env,
        setup="\n\n".join(language.setup(api)),
        resources=resources,
        policy=RETRY_POLICY,
        retry_statuses=", ".join(str(status) for status in RETRY_POLICY.retry_statuses),
        example=_examples(api, language),
        webhooks=webhook_policy(api),
        event_payload=_event_payload(api),
        files=_files(api),
        client_class=api.settings.client_class,
        credentials=tuple(ReadmeCredential.of(c) for c in auth_policy(api).credentials),
        unsupported=auth_policy(api).unsupported,
    )


def _files(api: Api) -> bool:
    every = [op for resource in api.resources for op in sdk_operations(api, resource)]
    sent = [request_media(op) for op in every]
    uploads = any(m is not None and (m.files or m.kind == "binary") for m in sent)
    return uploads or any(response_media(op).kind == "binary" for op in every)


def _event_payload(api: Api) -> str:
    payload = api.webhook_events[0].payload if api.webhook_events else ""
    return payload if re.fullmatch(r"[a-z][a-z0-9_]*", payload) else ""


def reflow(markdown: str) -> str:
    """The README with each prose paragraph wrapped evenly (template substitutions leave ragged
    lines); code blocks, headings, lists, tables and HTML comments stay as they are."""
    blocks, in_code = [], False
    for block in markdown.split("\n\n"):
        fences = block.count("```")
        first = block.lstrip()
        prose = not in_code and fences == 0 and not first.startswith(("#", "-", "|", "<!--", "{"))
        blocks.append(_paragraph(block) if prose else block)
        if fences % 2:
            in_code = not in_code
    return "\n\n".join(blocks)


def _paragraph(text: str) -> str:
    """One Markdown paragraph, wrapped as the rest of the README is."""
    return textwrap.fill(" ".join(text.split()), width=96, break_on_hyphens=False)


def _listing(api: Api) -> tuple[Resource, Operation] | None:
    """The first resource that lists its objects with pagination: the later sections use it."""
    for resource in api.resources:
        listing = resource.operation("list")
        if listing is not None and listing.pagination is not None:
            return resource, listing
    return None


def _examples(api: Api, language: SdkLanguage) -> dict[str, str]:
    found = _listing(api)
    if found is None:
        return {}
    resource, listing = found
    page = listing.pagination
    assert page is not None

    def query(**code: object) -> CallValues:
        """Values of the list's query parameters, as literals or as code."""
        pairs = tuple(
            (param, value)
            for name, value in code.items()
            if (param := listing.parameter(_PARAMS[name](page))) is not None
        )
        return CallValues((), pairs, None)

    lists = language.list_examples(api, listing, query)
    if not page.before_param:
        lists["list_before"] = ""
    get = resource.operation("get")
    if get is not None and get.path_params:
        unknown = CallValues(((get.path_params[0], _unknown_id(api, resource)),), (), None)
        lists["get_unknown"] = language.call(api, get, unknown)
    item = resource.singular.replace(" ", "_") or "item"
    return {"item": item, "cursor": page.cursor_field, **lists}


def _unknown_id(api: Api, resource: Resource) -> str:
    """An id of the right form that no object has: the first character of its alphabet, repeated."""
    model = api.model(resource.model) if resource.model else None
    attribute = model.field(resource.id_attribute or "") if model else None
    shape = attribute.id_format if attribute else None
    if shape is None:
        return "unknown"
    return ("0" if "0" in shape.alphabet else shape.alphabet[0]) * shape.length


# Which of the list's parameters each name of `_examples.query` means.
_PARAMS = {
    "limit": lambda page: page.limit_param or "",
    "before": lambda page: page.before_param or "",
}
