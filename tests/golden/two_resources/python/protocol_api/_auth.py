# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_auth.py.jinja. Do not edit.
"""Credentials and how parameters travel: the generator's one declaration of both, rendered.

Each security scheme of the spec is one entry of `SCHEMES`; an operation names the alternatives
it accepts (`Call.security`) and the first one whose credentials the client has is applied.
OAuth2 client-credentials tokens are fetched by the client (`token_request`), kept, and fetched
again `REFRESH_MARGIN` seconds before they expire.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import httpx
from pydantic_core import to_jsonable_python

from ._exceptions import APIError, APIResponseValidationError
from ._types import Omit

__all__ = [
    "ALWAYS_REQUIRED",
    "REFRESH_MARGIN",
    "SCHEMES",
    "Credentials",
    "Scheme",
    "Security",
    "Sent",
    "cookie_header",
    "path_param",
    "query_pairs",
    "simple_value",
]

Security = Sequence[Sequence[str]]  # alternatives, each the schemes applied together

REFRESH_MARGIN = 30.0  # seconds before an OAuth2 token expires that a new one is fetched
_SEPARATORS = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


@dataclass(frozen=True)
class Scheme:
    """One security scheme of the spec, as the client applies it."""

    kind: str  # bearer, basic, api-key or oauth2
    location: str  # header, query or cookie
    name: str  # the header, query parameter or cookie
    arguments: tuple[str, ...]  # the client's arguments that carry it
    env: tuple[str, ...]  # the environment variables read when they are not given
    token_url: str = ""  # oauth2
    scopes: tuple[str, ...] = ()  # oauth2


SCHEMES: dict[str, Scheme] = {
    "bearerAuth": Scheme(
        "bearer",
        "header",
        "Authorization",
        ("token",),
        ("PROTOCOL_API_TOKEN",),
    ),
}
# Every operation needs a credential: a client made without any is refused at once.
ALWAYS_REQUIRED = True


@dataclass
class Sent:
    """What the credentials add to one request."""

    headers: dict[str, str] = field(default_factory=dict)
    query: list[tuple[str, str]] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)


class Credentials:
    """The client's credentials: each argument given, else its environment variable."""

    def __init__(self, given: Mapping[str, str | None]) -> None:
        self.values: dict[str, str] = {}
        for scheme in SCHEMES.values():
            for argument, env in zip(scheme.arguments, scheme.env, strict=True):
                value = given.get(argument) or os.environ.get(env)
                if value:
                    self.values[argument] = value
        self._tokens: dict[str, tuple[str, float]] = {}  # oauth2: scheme -> token, expiry
        if ALWAYS_REQUIRED and SCHEMES and not any(self.has(name) for name in SCHEMES):
            raise APIError(f"No credentials: {self.wanted(list(SCHEMES))}.")

    def has(self, scheme: str) -> bool:
        return all(argument in self.values for argument in SCHEMES[scheme].arguments)

    @staticmethod
    def wanted(schemes: Sequence[str]) -> str:
        """What to pass for any of `schemes`, in words."""
        ways = []
        for name in schemes:
            scheme = SCHEMES[name]
            arguments = " and ".join(f"`{argument}`" for argument in scheme.arguments)
            env = " and ".join(scheme.env)
            ways.append(f"pass {arguments} to the client or set {env}")
        return "; or ".join(ways)

    def choose(self, security: Security, label: str) -> tuple[str, ...]:
        """The first alternative the client has every credential of; () for none needed."""
        for alternative in security:
            if all(self.has(name) for name in alternative):
                return tuple(alternative)
        if not security:
            return ()
        every = list(dict.fromkeys(name for alternative in security for name in alternative))
        raise APIError(f"No credentials for {label}: {self.wanted(every)}.")

    def token_request(self, scheme_name: str, base_url: str) -> httpx.Request | None:
        """The request that fetches an OAuth2 token, or None when the scheme is no OAuth2 one or
        the kept token is still fresh."""
        scheme = SCHEMES[scheme_name]
        kept = self._tokens.get(scheme_name)
        if scheme.kind != "oauth2" or (kept is not None and time.time() < kept[1] - REFRESH_MARGIN):
            return None
        client_id, secret = (self.values[argument] for argument in scheme.arguments)
        form = {"grant_type": "client_credentials"}
        if scheme.scopes:
            form["scope"] = " ".join(scheme.scopes)
        pair = base64.b64encode(f"{quote(client_id)}:{quote(secret)}".encode()).decode()
        return httpx.Request(
            "POST",
            urljoin(base_url + "/", scheme.token_url.lstrip("/"))
            if "://" not in scheme.token_url
            else scheme.token_url,
            data=form,
            headers={"Authorization": f"Basic {pair}", "Accept": "application/json"},
        )

    def keep_token(self, scheme_name: str, response: httpx.Response) -> None:
        """Keeps the token of a successful token response until it expires."""
        try:
            answer = response.json()
            token = str(answer["access_token"])
        except (ValueError, KeyError, TypeError) as error:
            raise APIResponseValidationError(
                response, "the token response has no `access_token`"
            ) from error
        expires_in = answer.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float) else float("inf")
        self._tokens[scheme_name] = (token, time.time() + lifetime)

    def apply(self, schemes: Sequence[str]) -> Sent:
        """What the chosen alternative's schemes add to a request."""
        sent = Sent()
        for name in schemes:
            scheme = SCHEMES[name]
            if scheme.kind == "oauth2":
                value = f"Bearer {self._tokens[name][0]}"
            elif scheme.kind == "bearer":
                value = f"Bearer {self.values[scheme.arguments[0]]}"
            elif scheme.kind == "basic":
                username, password = (self.values[argument] for argument in scheme.arguments)
                value = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
            else:
                value = self.values[scheme.arguments[0]]
            if scheme.location == "query":
                sent.query.append((scheme.name, value))
            elif scheme.location == "cookie":
                sent.cookies[scheme.name] = value
            else:
                sent.headers[scheme.name] = value
        return sent


# -- how parameters travel -------------------------------------------------------------------


def _text(value: object) -> str:
    """A scalar as a parameter holds it: booleans `true`/`false`, like the API's JSON."""
    value = to_jsonable_python(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _flat(value: object, explode_pairs: bool) -> list[str]:
    """An array's items, or an object's keys and values (`key=value` when exploded)."""
    value = to_jsonable_python(value)
    if isinstance(value, Mapping):
        if explode_pairs:
            return [f"{key}={_text(item)}" for key, item in value.items()]
        return [text for key, item in value.items() for text in (str(key), _text(item))]
    if isinstance(value, list | tuple):
        return [_text(item) for item in value]
    return [_text(value)]


def simple_value(value: object, explode: bool = False) -> str:
    """A path or header parameter in the `simple` style: items joined by `,`."""
    return ",".join(_flat(value, explode))


def path_param(value: object, explode: bool = False, style: str = "simple", name: str = "") -> str:
    """A path parameter in its `style`, escaped so that `/` or `?` in an id cannot change the
    URL: `simple` (`a,b`), `label` (`.a,b`; exploded `.a.b`), `matrix` (`;name=a,b`; exploded
    `;name=a;name=b`, an object's `;key=value;...`)."""
    value = to_jsonable_python(value)
    if isinstance(value, Mapping) and explode:
        pieces = [f"{quote(str(k), safe='')}={quote(_text(v), safe='')}" for k, v in value.items()]
    else:
        pieces = [quote(text, safe="") for text in _flat(value, False)]
    if style == "label":
        return "." + ("." if explode else ",").join(pieces)
    if style == "matrix":
        if explode and isinstance(value, Mapping):
            return "".join(f";{piece}" for piece in pieces)
        if explode and isinstance(value, list | tuple):
            return "".join(f";{name}={piece}" for piece in pieces)
        return f";{name}=" + ",".join(pieces)
    return ",".join(pieces)


def query_pairs(
    query: Mapping[str, object], styles: Mapping[str, tuple[str, bool]]
) -> list[tuple[str, str]]:
    """The query's name=value pairs, each parameter in its `style` (default: `form`, exploded);
    omitted parameters are left out."""
    pairs: list[tuple[str, str]] = []
    for name, raw in query.items():
        if isinstance(raw, Omit):
            continue
        style, explode = styles.get(name, ("form", True))
        value = to_jsonable_python(raw)
        if style == "deepObject" and isinstance(value, Mapping):
            pairs += [(f"{name}[{key}]", _text(item)) for key, item in value.items()]
        elif isinstance(value, Mapping) and explode:
            pairs += [(str(key), _text(item)) for key, item in value.items()]
        elif isinstance(value, list) and explode:
            pairs += [(name, _text(item)) for item in value]
        elif isinstance(value, list | Mapping):
            pairs.append((name, _SEPARATORS.get(style, ",").join(_flat(value, False))))
        else:
            pairs.append((name, _text(value)))
    return pairs


def cookie_header(cookies: Mapping[str, object]) -> str:
    """The `Cookie` header: `name=value` pairs, arrays and objects joined by `,`."""
    sent = {k: v for k, v in cookies.items() if not isinstance(v, Omit)}
    return "; ".join(f"{name}={simple_value(value)}" for name, value in sent.items())
