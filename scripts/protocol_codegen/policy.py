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
"""

from __future__ import annotations

from dataclasses import dataclass

from protocol_spec.model import Api, Operation

__all__ = [
    "ERROR_POLICY",
    "RETRIED_NOTE",
    "RETRY_POLICY",
    "WEBHOOK_ERROR",
    "ErrorPolicy",
    "RetryPolicy",
    "StatusError",
    "WebhookEventType",
    "WebhookPolicy",
    "webhook_policy",
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
