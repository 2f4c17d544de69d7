"""curl: the request samples' shell command (no client package)."""

from __future__ import annotations

import json
import re
from typing import ClassVar
from urllib.parse import quote

from protocol_codegen.languages.base import Language, Tokens
from protocol_codegen.policy import auth_policy, query_pairs, request_media
from protocol_codegen.samples import CURL_TOKEN, FORM, JSON, CallValues, FilePath, example_path
from protocol_spec.model import Api, Operation

__all__ = ["LANGUAGE", "Curl"]

_SHELL_SAFE = re.compile(r"^[A-Za-z0-9_.,:/@%+=-]+$")
_FORM_SAFE = re.compile(r"^[A-Za-z0-9_.~-]*$")  # needs no percent-encoding in a form


class Curl(Language):
    key = "curl"
    label = "cURL"
    lang = "curl"
    highlight = "bash"
    tokens: ClassVar[Tokens] = Tokens(
        leading=(("function", r"^curl\b"), ("option", r"(?<=\s)--?[A-Za-z-]+\b")),
        numbers_and_calls=False,
    )

    def sample(self, api: Api, operation: Operation, values: CallValues) -> str:
        """`curl [-G | -X METHOD] <url> -H "Authorization: Bearer {token}" -d ...`, one option
        a line. Bodies are form-encoded when the operation accepts forms and every value is a
        scalar, JSON otherwise; multipart bodies are `-F` parts (`-F file=@path` for a file),
        a file's bytes `--data-binary @path`."""
        url = api.default_base_url + example_path(operation, values)
        method = operation.http_method
        options: list[str] = []
        options += _auth(api, operation)
        options += [f'-H "{p.name}: {_text(value)}"' for p, value in values.headers]
        cookies = "; ".join(f"{p.name}={_text(value)}" for p, value in values.cookies)
        options += [f'-b "{cookies}"'] if cookies else []
        body = _body(operation, values)
        pairs = [
            pair
            for p, value in values.query
            for pair in query_pairs(p.name, value, p.style, p.explode)
        ]
        query = [_pair(name, value, quote_key=False) for name, value in pairs]
        if method == "GET" and query:
            flag = " -G"
            options += query
        else:
            if query:
                url += "?" + "&".join(
                    f"{quote(name)}={quote(value, safe='')}" for name, value in pairs
                )
            implied = "POST" if body else "GET"
            flag = "" if method == implied else f" -X {method}"
            options += body
        return " \\\n  ".join([f"curl{flag} {_shell_word(url)}", *options]) + "\n"


LANGUAGE = Curl()


def _text(value: object) -> str:
    """A header or cookie value in the `simple` style: arrays joined by `,`."""
    if isinstance(value, list):
        return ",".join(_text(item) for item in value)
    return value if isinstance(value, str) else json.dumps(value)


def _auth(api: Api, operation: Operation) -> list[str]:
    """The credentials of the operation's first security alternative (`protocol_codegen.policy`):
    a bearer token (OAuth2's too), HTTP basic, or an API key in a header or a cookie."""
    policy = auth_policy(api)
    for alternative in policy.requirements(operation)[:1]:
        options = []
        for name in alternative:
            credential = policy.credential(name)
            assert credential is not None, "requirements name applied schemes only"
            if credential.kind in ("bearer", "oauth2"):
                options.append(f'-H "Authorization: Bearer {CURL_TOKEN}"')
            elif credential.kind == "basic":
                options.append(f"-u {{username}}:{CURL_TOKEN}")
            elif credential.location == "header":
                options.append(f'-H "{credential.name}: {{{credential.arguments[0]}}}"')
            elif credential.location == "cookie":
                options.append(f'-b "{credential.name}={{{credential.arguments[0]}}}"')
            else:
                options.append(f'--url-query "{credential.name}={{{credential.arguments[0]}}}"')
        return options
    return []


def _body(operation: Operation, values: CallValues) -> list[str]:
    media = request_media(operation)
    if values.body is None or operation.body is None or media is None:
        return []
    if media.kind == "multipart":
        return [_part(name, value) for name, value in values.body]
    if values.whole:
        value = values.whole_value
        content_type = f'-H "Content-Type: {media.content_type}"'
        if isinstance(value, FilePath):
            return [content_type, f"--data-binary {_shell_word('@' + value)}"]
        text = value if media.kind == "text" and isinstance(value, str) else None
        document = json.dumps(value, ensure_ascii=False) if text is None else text
        return [content_type, f"--data-binary {_single_quoted(document)}"]
    scalars = all(not isinstance(value, list | dict) for _, value in values.body)
    if FORM in operation.body.content_types and scalars and values.body:
        return [_pair(name, value, quote_key=True) for name, value in values.body]
    if not values.body and not operation.body.required:
        return []
    document = json.dumps(dict(values.body), ensure_ascii=False)
    return [f'-H "Content-Type: {JSON}"', f"-d {_single_quoted(document)}"]


def _part(name: str, value: object) -> str:
    """`-F file=@path` for a file, `--form-string 'name=value'` for text (which curl would
    otherwise read from a file when it starts with `@` or `<`)."""
    if isinstance(value, FilePath):
        return f"-F {_shell_word(f'{name}=@{value}')}"
    return f"--form-string {_single_quoted(f'{name}={_form_text(value)}')}"


def _pair(name: str, value: object, *, quote_key: bool) -> str:
    """`-d limit=10`, `-d 'is_muted'=true`, `-d 'contact_id'="WAz8eIbvDR60rouK"`; values that
    need percent-encoding go through `--data-urlencode`."""
    text = _form_text(value)
    option = "-d" if _FORM_SAFE.match(text) and _FORM_SAFE.match(name) else "--data-urlencode"
    key = _single_quoted(name) if quote_key else _shell_word(name)
    if quote_key:
        shown = _double_quoted(text) if isinstance(value, str) else _shell_word(text)
    else:
        shown = _shell_word(text)
    return f"{option} {key}={shown}"


def _form_text(value: object) -> str:
    """A value as a form writes it: booleans `true`/`false`, `null` as the word."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _shell_word(text: str) -> str:
    return text if _SHELL_SAFE.match(text) else _double_quoted(text)


def _double_quoted(text: str) -> str:
    return '"' + re.sub(r'(["\\$`])', r"\\\1", text) + '"'


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
