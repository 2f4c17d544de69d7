"""How every generated client retries, times out and names its errors: declared once, rendered
into each runtime.

The three runtimes implement the same rules from these values (their templates read them
through `policy` and `errors` in the template context); tests/clients/test_retry_parity.py runs
the same scripted scenarios against each client and checks they send the same requests, wait
the same delays and end the same way.

The rules:
- Only a request that is safe to send twice is retried: an idempotent method (GET, HEAD,
  OPTIONS, PUT, DELETE), or one carrying an Idempotency-Key (a create: the clients send a fresh
  key with every call and reuse it on its retries, so the server makes one object however many
  times the request arrives). Anything else is sent once.
- It is retried after a connection error or timeout, and after these statuses:
  408 (the server gave up waiting for the request: sending it again is what it asks for),
  409 (the Idempotency-Key draft's answer while a request with the same key is still in
  progress: its outcome will be there shortly; openai-python retries 409 too, for lock
  timeouts), 429 (rate limited: wait and try again) and every 5xx (the server's fault, often a
  single instance's: a retry may well succeed). Other 4xx say the request itself is wrong:
  repeating it cannot help.
- At most `max_retries` retries (3 attempts in all by default).
- Before a retry, the client waits what the server asked for with `Retry-After` (seconds, or an
  HTTP date), exactly, when that is at most `max_retry_after` seconds. When the server asks for
  longer, the client does not retry: the error goes to the caller, who can see the header and
  schedule the call; waiting minutes inside one call would hold the caller hostage, and retrying
  sooner than asked only adds load to a server that is shedding it.
- Without `Retry-After`: exponential backoff, `initial_delay * 2**retry` capped at `max_delay`,
  shortened at random by up to `jitter` (a fraction), so that clients that failed together do
  not come back together.
- Timeouts: `connect_timeout` seconds to open the connection, then `timeout` seconds for each
  wait on the answer (no byte for that long is a timeout). Both can be set per client and per
  call.
- Errors: an unsuccessful status raises the class `ERROR_POLICY` gives it, a subclass of the
  runtime's status error, so callers can catch one case by type; a 4xx without a class of its
  own raises the status error itself. Each runtime adds its own suffix to the stem
  (`NotFound` -> `NotFoundError` in Python and TypeScript, `NotFoundException` in PHP).

Webhooks (`webhook_policy(api)`): every client has `webhooks.unwrap` and `verify_signature`
with the same rules, rendered from this one declaration:
- The scheme is the spec's `x-protocol-webhook-signature` (`Api.webhook_signing`); the three
  runtimes implement both schemes and the generated client selects the declared one.
  `hmac-sha256-hex`: the signature header is the lowercase hex HMAC-SHA256 of the raw body,
  keyed with the secret's UTF-8 bytes. `standard-webhooks`: `v1,<base64>` entries of
  HMAC-SHA256(`{id}.{timestamp}.{body}`) keyed with the base64-decoded part of `whsec_<base64>`,
  any entry may match (secret rotation), and the timestamp must lie within `tolerance` seconds of
  the receiver's clock, either side.
- Signatures are compared in constant time; a missing header, a bad signature, a timestamp out
  of tolerance, or (for `unwrap`) a body that is not one of the declared webhooks' events is a
  `WebhookVerificationError`, a subclass of the client's root error. Which webhook a body is
  comes from the spec: the body attribute whose enum lists the webhook's name.
- The secret is the call's argument, else the `secret_env` environment variable; neither is an
  error too (a receiver must never accept unverified deliveries because of a missing setting).

Media types (`request_media(op)`, `response_media(op)`, `MEDIA_POLICY`): what every client
sends and how it reads the answer, from the media types the operation declares:
- The request body goes out in the first of these the operation declares: JSON (unless a body
  attribute is a file, which JSON cannot carry), `multipart/form-data` (when an attribute is a
  file, or no form encoding is declared), `application/x-www-form-urlencoded`, any other
  `multipart/`, `text/*` (the body is a string), then anything else (the body is bytes:
  `application/octet-stream`, `image/png`, ...). `Content-Type` is that media type as declared.
- A file argument is what each ecosystem passes for a file: Python a path (`os.PathLike`),
  bytes, a binary file object, or a `(filename, content[, media type])` tuple; TypeScript a
  `Blob`, a `File` or a Node `Buffer`; PHP a stream resource, a path, or an `UploadFile`
  (name, bytes, media type). Its part carries its file name (the path's or the file's name,
  else `default_file_name`) and its media type (the caller's, else guessed from the file name's
  extension, else `default_file_media_type`).
- Every body is built whole, files read, before the first attempt, and the same bytes are sent
  again on each retry (`buffered`): a retried upload never arrives empty or truncated, whatever
  the caller's file object did meanwhile. The retry rules above decide whether it is retried.
- The answer is read as the success response declares it: JSON into the operation's type,
  `text/*` as a string, any other media type (a file download) as bytes, and no content as
  nothing. `Accept` lists the success response's declared media types that the client reads
  (its JSON types when it reads JSON; `*/*` for a download whose type only the file knows),
  never `application/json` for an operation that answers bytes; error answers are read as JSON
  when they are JSON, and kept as text otherwise.
- A resource whose schema has an `x-protocol-file: url` attribute gets a `download` method:
  the bytes the server serves back at `Api.download_path` (`<item path>/file`).

Authentication (`auth_policy(api)`): each security scheme the spec declares is one `Credential`
of every client, applied per operation from the operation's security requirements:
- `http` `bearer`: `Authorization: Bearer <token>`; `http` `basic`: `Authorization: Basic
  <base64(username:password)>`; `apiKey`: the key as the header, query parameter or cookie the
  scheme names; `oauth2` with a `clientCredentials` flow: a token fetched from its `tokenUrl`
  (relative to the base URL when it is a path) with `grant_type=client_credentials` and the
  flow's scopes, the client's id and secret sent as HTTP basic, then sent as a bearer token. The
  token is kept and used until `refresh_margin` seconds before its `expires_in` runs out, then
  fetched again (a response without `expires_in`: kept for the client's life).
- Each credential is a constructor argument (the first scheme of a kind takes the plain names:
  `token`, `username`/`password`, `api_key`, `client_id`/`client_secret`; a second one of the
  same kind is prefixed with the scheme's name), else the environment variable of the API's
  prefix (`<PREFIX>_API_TOKEN`, `<PREFIX>_USERNAME`, `<PREFIX>_API_KEY`, `<PREFIX>_CLIENT_ID`...).
- An operation lists alternatives (OpenAPI's security requirements): the first one whose
  credentials the client has is applied, every scheme of it. An operation with `security: []`
  (or an empty alternative, or none declared at all) is sent without credentials when the client
  has none of its alternatives. Otherwise the call fails before sending, naming what to pass.
  A client made without any credential while every operation needs one fails at construction.
- Schemes no runtime can apply (`openIdConnect`, `mutualTLS`, `oauth2` without a client
  credentials flow) are listed in `unsupported`: alternatives naming one are left out, and the
  README says to pass such credentials with `extra_headers`/`headers`.

Parameters (`PARAMETER_STYLES`): each path, query, header and cookie parameter is sent the way its
`style` and `explode` say (OpenAPI's defaults: `form` exploded in the query and cookies,
`simple` in the path and headers):
- a scalar is its text (booleans `true`/`false`);
- `form`, exploded: an array repeats the name (`id=1&id=2`), an object sends each of its
  properties as a parameter (`a=1&b=2`); not exploded: one value, its items (or keys and values)
  joined by `,` (`id=1,2`);
- `spaceDelimited` / `pipeDelimited` (arrays): joined by a space / `|`; exploded: as `form`;
- `deepObject` (objects): `name[key]=value` for each property;
- `simple` (path and headers): items joined by `,`; an object as `key,value,...` (exploded:
  `key=value,...`);
- `label` (path): `.` before the value (`.5`); an array's items joined by `,`, exploded by `.`
  (`.a.b`);
- `matrix` (path): `;name=` before the value (`;id=5`); an array exploded repeats it
  (`;id=a;id=b`), an object exploded sends each property (`;a=1;b=2`);
- a cookie goes in the `Cookie` header as `name=value`, arrays and objects as `form` unexploded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote

from protocol_spec import naming
from protocol_spec.model import (
    Api,
    Field,
    Operation,
    Parameter,
    Resource,
    Response,
    SecurityScheme,
    TypeRef,
)

__all__ = [
    "AUTH_REFRESH_MARGIN",
    "DOWNLOAD_METHOD",
    "ERROR_POLICY",
    "FORM",
    "JSON",
    "MEDIA_POLICY",
    "MULTIPART",
    "PARAMETER_STYLES",
    "RETRIED_NOTE",
    "RETRY_POLICY",
    "WEBHOOK_ERROR",
    "WHOLE_BODY",
    "AuthPolicy",
    "Credential",
    "CredentialKind",
    "ErrorPolicy",
    "MediaPolicy",
    "RequestKind",
    "RequestMedia",
    "ResponseKind",
    "ResponseMedia",
    "RetryPolicy",
    "StatusError",
    "WebhookEventType",
    "WebhookPolicy",
    "auth_policy",
    "download_operation",
    "is_file",
    "path_text",
    "plain_path_parameter",
    "query_pairs",
    "request_media",
    "response_media",
    "sdk_operations",
    "takes_token",
    "webhook_policy",
    "whole_body",
]


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int
    retry_statuses: tuple[int, ...]  # besides every 5xx
    initial_delay: float  # seconds
    max_delay: float  # seconds
    jitter: float  # a backoff delay is shortened at random by up to this fraction
    max_retry_after: float  # seconds; a longer Retry-After is not waited for
    connect_timeout: float  # seconds
    timeout: float  # seconds, for each wait on the answer

    def retries(self, status: int) -> bool:
        return status in self.retry_statuses or status >= 500


RETRY_POLICY = RetryPolicy(
    max_retries=2,
    retry_statuses=(408, 409, 429),
    initial_delay=0.5,
    max_delay=8.0,
    jitter=0.25,
    max_retry_after=60.0,
    connect_timeout=10.0,
    timeout=60.0,
)

RETRIED_NOTE = " Retried automatically when the request is safe to send twice."


@dataclass(frozen=True)
class StatusError:
    """One error class of every runtime: the statuses it stands for and why a caller sees it."""

    stem: str  # the class name without the runtime's suffix
    status: int | None  # None: every 5xx (the ones without a class of their own)
    why: str  # why a caller sees it; `doc` adds the statuses and whether it is retried

    @property
    def statuses(self) -> str:
        return "5xx" if self.status is None else str(self.status)

    @property
    def doc(self) -> str:
        """The class's doc comment in every runtime."""
        retried = RETRY_POLICY.retries(500 if self.status is None else self.status)
        return f"{self.statuses}: {self.why}" + (RETRIED_NOTE if retried else "")

    def class_name(self, suffix: str) -> str:
        return self.stem + suffix


@dataclass(frozen=True)
class ErrorPolicy:
    errors: tuple[StatusError, ...]  # in the order the runtimes declare them

    @property
    def by_status(self) -> tuple[StatusError, ...]:
        """The classes of one status each, in ascending status order."""
        exact = (error for error in self.errors if error.status is not None)
        return tuple(sorted(exact, key=lambda error: error.status or 0))

    @property
    def server_error(self) -> StatusError:
        """The class of every 5xx."""
        return next(error for error in self.errors if error.status is None)

    def class_names(self, suffix: str) -> tuple[str, ...]:
        return tuple(error.class_name(suffix) for error in self.errors)


ERROR_POLICY = ErrorPolicy(
    errors=(
        StatusError(
            "BadRequest", 400, "the request is malformed or asks for something impossible."
        ),
        StatusError("Authentication", 401, "the API token is missing or unknown."),
        StatusError("PermissionDenied", 403, "the token may not do this."),
        StatusError("NotFound", 404, "no such object among yours."),
        StatusError("Conflict", 409, "the request clashes with the current state."),
        StatusError("PayloadTooLarge", 413, "the body is larger than the server accepts."),
        StatusError("UnsupportedMediaType", 415, "the server does not accept the body's type."),
        StatusError("UnprocessableEntity", 422, "the request is well-formed but cannot be done."),
        StatusError("RateLimit", 429, "too many requests: slow down."),
        StatusError("InternalServer", None, "the server failed; trying again later may succeed."),
    )
)

WEBHOOK_ERROR = "WebhookVerificationError"  # the class's name in every runtime


@dataclass(frozen=True)
class WebhookEventType:
    type: str  # the webhook's name, which its deliveries carry
    model: str  # the model of the delivery's body
    attribute: str  # the body's attribute whose value is `type` (an enum listing it)


@dataclass(frozen=True)
class WebhookPolicy:
    scheme: str  # "hmac-sha256-hex" | "standard-webhooks" | "" when the spec declares none
    headers: tuple[str, ...]  # lower case; the signature header last
    tolerance: int  # seconds; 0 for a scheme that signs no timestamp
    secret_env: str
    events: tuple[WebhookEventType, ...]  # every declared webhook, in the spec's order

    @property
    def signature_header(self) -> str:
        return self.headers[-1] if self.headers else ""

    @property
    def models(self) -> tuple[str, ...]:
        """The body models of the events, each once, in order: the union `unwrap` returns."""
        return tuple(dict.fromkeys(event.model for event in self.events))


def _type_attribute(op: Operation) -> str:
    """The body attribute that tells which webhook a delivery is: an enum (or const) listing
    the webhook's name. A webhook without one cannot be told apart: `unwrap` refuses it."""
    fields = op.body.fields if op.body is not None else ()
    return next((f.name for f in fields if f.type.kind == "enum" and op.path in f.type.values), "")


def webhook_policy(api: Api) -> WebhookPolicy:
    signing = api.webhook_signing
    events = tuple(
        WebhookEventType(op.path, op.body.model, attribute)
        for op in api.webhooks
        if op.body is not None and op.body.model
        for attribute in [_type_attribute(op)]
        if attribute
    )
    return WebhookPolicy(
        scheme=signing.scheme if signing else "",
        headers=signing.headers if signing else (),
        tolerance=(signing.tolerance or 0) if signing else 0,
        secret_env=api.settings.webhook_secret_env,
        events=events,
    )


# -- media types -------------------------------------------------------------------------------

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
DOWNLOAD_METHOD = "download"  # the method that fetches an upload's bytes


@dataclass(frozen=True)
class MediaPolicy:
    default_file_name: str  # a file part's name when the caller's file has none (bytes)
    default_file_media_type: str  # when the caller gives none and the name's extension tells none
    download_accept: str  # `Accept` of a download, whose media type only the file knows
    buffered: bool  # each body is built whole before the first attempt and resent as it is
    # A file's media type from its name's extension (lower case, without the dot): one table
    # for the three runtimes, so that a file is sent with the same type whatever the machine's
    # own tables say (Python's `mimetypes` reads /etc/mime.types; Node and PHP have none).
    media_types: tuple[tuple[str, str], ...]


MEDIA_POLICY = MediaPolicy(
    default_file_name="upload",
    default_file_media_type="application/octet-stream",
    download_accept="*/*",
    buffered=True,
    media_types=(
        ("csv", "text/csv"),
        ("doc", "application/msword"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("gif", "image/gif"),
        ("gz", "application/gzip"),
        ("htm", "text/html"),
        ("html", "text/html"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("json", "application/json"),
        ("md", "text/markdown"),
        ("mov", "video/quicktime"),
        ("mp3", "audio/mpeg"),
        ("mp4", "video/mp4"),
        ("pdf", "application/pdf"),
        ("png", "image/png"),
        ("svg", "image/svg+xml"),
        ("txt", "text/plain"),
        ("wav", "audio/wav"),
        ("webp", "image/webp"),
        ("xls", "application/vnd.ms-excel"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", "application/xml"),
        ("zip", "application/zip"),
    ),
)

RequestKind = Literal["json", "multipart", "form", "text", "binary"]
ResponseKind = Literal["json", "text", "binary", "empty"]


@dataclass(frozen=True)
class RequestMedia:
    """How a client sends an operation's body."""

    kind: RequestKind
    content_type: str  # the `Content-Type`, as the spec declares it
    files: tuple[str, ...] = ()  # the wire names of the attributes that are files (multipart)
    whole: bool = False  # the body is one argument (not an object's attributes)


@dataclass(frozen=True)
class ResponseMedia:
    """How a client reads an operation's success answer."""

    kind: ResponseKind
    accept: str  # the `Accept` header


def _is_json(media_type: str) -> bool:
    base = media_type.partition(";")[0].strip().lower()
    return base == JSON or base.endswith("+json")


def is_file(f: Field) -> bool:
    """The attribute holds a file's bytes: an upload's content part (`x-protocol-file:
    content`), or a binary string (`format: binary`, or 3.1's `contentMediaType`)."""
    return f.file == "content" or (f.type.kind == "string" and f.type.format == "binary")


def request_media(op: Operation) -> RequestMedia | None:
    """How the body of `op` is sent (see the module's docstring); None when it takes none."""
    body = op.body
    if body is None:
        return None
    files = tuple(f.name for f in body.fields if is_file(f))
    declared = [t.partition(";")[0].strip().lower() for t in body.content_types]
    written = dict(zip(declared, body.content_types, strict=True))
    whole = body.type is not None

    def first(test: Callable[[str], bool]) -> str | None:
        return next((t for t in declared if test(t)), None)

    json_type = first(_is_json)
    if json_type is not None and not files:
        return RequestMedia("json", written[json_type], whole=whole)
    if MULTIPART in declared and (files or FORM not in declared):
        return RequestMedia("multipart", written[MULTIPART], files, whole)
    if FORM in declared:
        return RequestMedia("form", written[FORM], whole=whole)
    multipart = first(lambda t: t.startswith("multipart/"))
    if multipart is not None:
        return RequestMedia("multipart", written[multipart], files, whole)
    if json_type is not None:  # files in a JSON body: sent as the strings the caller gives
        return RequestMedia("json", written[json_type], whole=whole)
    text = first(lambda t: t.startswith("text/"))
    if text is not None:
        return RequestMedia("text", written[text], whole=True)
    return RequestMedia("binary", body.content_types[0], whole=True)


WHOLE_BODY = "body"  # the argument that carries a body which is not an object's attributes


def whole_body(op: Operation) -> Field | None:
    """The one argument of a body that is not an object schema, typed as it travels: a file's
    bytes for a binary body, a string for text, the schema's type for JSON."""
    media = request_media(op)
    if op.body is None or media is None or not media.whole:
        return None
    if media.kind == "binary":
        type_ref = TypeRef("string", format="binary")
    elif media.kind == "text":
        type_ref = TypeRef("string")
    else:
        type_ref = op.body.type or TypeRef("unknown")
    pointer = op.body.schema_pointers.get(op.body.content_types[0], "")
    return Field(WHOLE_BODY, type_ref, op.body.required, "The request body.", pointer=pointer)


def response_media(op: Operation) -> ResponseMedia:
    """How the success answer of `op` is read (see the module's docstring)."""
    success = op.success
    declared = success.content_types if success is not None else ()
    if not declared:
        return ResponseMedia("empty", JSON)
    # Accept asks for what the client reads: the JSON types when it reads JSON, else every type.
    json_types = [t for t in declared if _is_json(t)]
    if op.result is not None or json_types:
        return ResponseMedia("json", ", ".join(json_types) or JSON)
    accept = ", ".join(declared)
    if all(t.lower().startswith("text/") for t in declared):
        return ResponseMedia("text", accept)
    return ResponseMedia("binary", accept)


def download_operation(api: Api, resource: Resource) -> Operation | None:
    """The `download` method of a resource whose uploads the server serves back
    (`Api.download_path`), as an operation: GET, the get's path parameters, bytes of any media
    type. None when the resource has no such address, no get, or a method named `download`."""
    path = api.download_path(resource)
    get = resource.operation("get")
    taken = any(op.method_name == DOWNLOAD_METHOD for op in resource.operations)
    if path is None or get is None or taken:
        return None
    answer = Response(
        status="200",
        description="The file's bytes, with its media type.",
        content_types=(MEDIA_POLICY.download_accept,),
        schema_pointer=None,
        headers=(),
        examples=(),
    )
    errors = tuple(r for r in get.responses if not r.status.startswith("2"))
    singular = resource.singular or resource.name
    return replace(
        get,
        operation_id=f"download_{singular}",
        method_name=DOWNLOAD_METHOD,
        path=path,
        summary=f"Download the {singular}'s file",
        description=(
            f"Returns the bytes of the file uploaded with the {singular}, as the server serves "
            "them back to your account."
        ),
        query_params=(),
        body=None,
        success_status=200,
        result=None,
        pagination=None,
        role=None,
        responses=(answer, *errors),
    )


def sdk_operations(api: Api, resource: Resource) -> tuple[Operation, ...]:
    """The operations a client's resource has methods for: the spec's, then `download` where
    the server serves uploads back."""
    download = download_operation(api, resource)
    return resource.operations + ((download,) if download is not None else ())


# -- authentication ------------------------------------------------------------------------

CredentialKind = Literal["bearer", "basic", "api-key", "oauth2"]
# Seconds before an OAuth2 access token's expiry that the clients fetch a new one.
AUTH_REFRESH_MARGIN = 30.0
# The arguments each kind of credential takes, snake_case (each language converts), and the
# environment variables' suffixes, in the same order.
_ARGUMENTS: dict[CredentialKind, tuple[tuple[str, str], ...]] = {
    "bearer": (("token", "API_TOKEN"),),
    "basic": (("username", "USERNAME"), ("password", "PASSWORD")),
    "api-key": (("api_key", "API_KEY"),),
    "oauth2": (("client_id", "CLIENT_ID"), ("client_secret", "CLIENT_SECRET")),
}


@dataclass(frozen=True)
class Credential:
    """How one security scheme of the spec authenticates a request, in every runtime."""

    scheme: str  # the scheme's name under components/securitySchemes
    kind: CredentialKind
    location: str  # where it travels: header, query or cookie
    name: str  # that header's, query parameter's or cookie's name
    arguments: tuple[str, ...]  # the client's arguments, snake_case: ("username", "password")
    env: tuple[str, ...]  # the environment variables read for them, in the same order
    token_url: str = ""  # oauth2: where tokens are fetched
    scopes: tuple[str, ...] = ()  # oauth2: what a token is asked for
    description: str = ""

    @property
    def prefix(self) -> str:
        """What goes before the value: `Bearer ` (bearer and oauth2), `Basic ` or nothing."""
        return {"bearer": "Bearer ", "oauth2": "Bearer ", "basic": "Basic "}.get(self.kind, "")


@dataclass(frozen=True)
class AuthPolicy:
    credentials: tuple[Credential, ...]  # every scheme the clients can apply, in the spec's order
    unsupported: tuple[str, ...]  # the schemes they cannot (openIdConnect, mutualTLS, ...)
    refresh_margin: float  # seconds

    def credential(self, scheme: str) -> Credential | None:
        return next((c for c in self.credentials if c.scheme == scheme), None)

    def requirements(self, op: Operation) -> tuple[tuple[str, ...], ...]:
        """The operation's alternatives the clients can apply; `()` when it needs none."""
        supported = {c.scheme for c in self.credentials}
        alternatives = tuple(
            alternative
            for alternative in op.security_requirements
            if all(scheme in supported for scheme in alternative)
        )
        if not alternatives or any(not alternative for alternative in alternatives):
            return ()
        return alternatives

    def always_required(self, api: Api) -> bool:
        """Every operation needs a credential: a client made with none is refused at once."""
        return bool(api.operations) and all(self.requirements(op) for op in api.operations)

    @property
    def arguments(self) -> tuple[tuple[str, str], ...]:
        """Every (argument, environment variable) of the clients' constructors, in order."""
        return tuple(
            pair
            for credential in self.credentials
            for pair in zip(credential.arguments, credential.env, strict=True)
        )


def _kind(scheme: SecurityScheme) -> CredentialKind | None:
    if scheme.type == "http" and scheme.scheme in ("bearer", "basic"):
        return "bearer" if scheme.scheme == "bearer" else "basic"
    if scheme.type == "apiKey" and scheme.location in ("header", "query", "cookie"):
        return "api-key"
    if scheme.type == "oauth2" and scheme.token_url:
        return "oauth2"
    return None


def auth_policy(api: Api) -> AuthPolicy:
    credentials: list[Credential] = []
    unsupported: list[str] = []
    prefix = api.settings.env_prefix
    for scheme in api.security_schemes:
        kind = _kind(scheme)
        if kind is None:
            unsupported.append(scheme.name)
            continue
        first = not any(c.kind == kind for c in credentials)
        own = "" if first else naming.snake(scheme.name) + "_"
        arguments = tuple(own + argument for argument, _ in _ARGUMENTS[kind])
        env = tuple(f"{prefix}_{own.upper()}{suffix}" for _, suffix in _ARGUMENTS[kind])
        api_key = kind == "api-key"
        credentials.append(
            Credential(
                scheme=scheme.name,
                kind=kind,
                location=str(scheme.location) if api_key else "header",
                name=str(scheme.parameter) if api_key else "Authorization",
                arguments=arguments,
                env=env,
                token_url=scheme.token_url or "",
                scopes=scheme.scopes,
                description=scheme.description,
            )
        )
    return AuthPolicy(tuple(credentials), tuple(unsupported), AUTH_REFRESH_MARGIN)


def takes_token(api: Api) -> bool:
    """The client's constructor takes a token first (the API declares a bearer scheme); the
    samples pass it, else they make the client from the environment's credentials."""
    return any(argument == "token" for argument, _ in auth_policy(api).arguments)


# -- parameters ----------------------------------------------------------------------------

# What joins an array's items (and an object's keys and values) in one parameter, by style.
PARAMETER_STYLES = {
    "form": ",",
    "simple": ",",
    "spaceDelimited": " ",
    "pipeDelimited": "|",
}


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _flat(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (str(key), _text(item))]
    if isinstance(value, list):
        return [_text(item) for item in value]
    return [_text(value)]


def plain_path_parameter(param: Parameter) -> bool:
    """A path parameter sent as its escaped text (a scalar in the `simple` style); the others
    go through each runtime's `path_param`."""
    scalar = param.type.kind in ("string", "integer", "number", "boolean", "enum")
    return param.style == "simple" and scalar


def path_text(name: str, value: object, style: str, explode: bool) -> str:
    """What a path parameter puts in the path, escaped (the runtimes' rules, for samples)."""
    if isinstance(value, dict) and explode:
        pieces = [f"{quote(str(k), safe='')}={quote(_text(v), safe='')}" for k, v in value.items()]
    else:
        pieces = [quote(text, safe="") for text in _flat(value)]
    if style == "label":
        return "." + ("." if explode else ",").join(pieces)
    if style == "matrix":
        if explode and isinstance(value, dict):
            return "".join(f";{piece}" for piece in pieces)
        if explode and isinstance(value, list):
            return "".join(f";{name}={piece}" for piece in pieces)
        return f";{name}=" + ",".join(pieces)
    return ",".join(pieces)


def query_pairs(name: str, value: object, style: str, explode: bool) -> list[tuple[str, str]]:
    """The `name=value` pairs a query parameter is sent as (the runtimes' rules, for samples)."""
    if style == "deepObject" and isinstance(value, dict):
        return [(f"{name}[{key}]", _text(item)) for key, item in value.items()]
    if isinstance(value, dict) and explode:
        return [(str(key), _text(item)) for key, item in value.items()]
    if isinstance(value, list) and explode:
        return [(name, _text(item)) for item in value]
    if isinstance(value, list | dict):
        return [(name, PARAMETER_STYLES.get(style, ",").join(_flat(value)))]
    return [(name, _text(value))]
