"""The authentication policy and the parameter styles, declared once (protocol_codegen.policy):
what every runtime and the curl samples are rendered from."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_codegen.policy import auth_policy, query_pairs, takes_token
from protocol_spec import load_api

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "tests" / "fixtures" / "specs" / "features"


def test_each_scheme_is_one_credential_named_per_api() -> None:
    api = load_api(FEATURES / "security_two_api_keys.yaml")
    policy = auth_policy(api)
    assert [(c.scheme, c.location, c.name, c.arguments, c.env) for c in policy.credentials] == [
        ("partnerKey", "header", "X-Partner-Key", ("api_key",), ("KEYS_API_KEY",)),
        ("adminKey", "query", "admin_key", ("admin_key_api_key",), ("KEYS_ADMIN_KEY_API_KEY",)),
    ]
    assert policy.unsupported == ("oidc",)
    listing, health = api.operations
    # Both keys together; the OpenID Connect alternative is one no client can apply.
    assert policy.requirements(listing) == (("partnerKey", "adminKey"),)
    assert policy.requirements(health) == ()
    assert not policy.always_required(api) and not takes_token(api)


def test_the_protocol_api_takes_a_token_or_basic_credentials() -> None:
    api = load_api(ROOT / "spec" / "openapi.yaml")
    policy = auth_policy(api)
    assert policy.arguments == (
        ("token", "PROTOCOL_API_TOKEN"),
        ("username", "PROTOCOL_USERNAME"),
        ("password", "PROTOCOL_PASSWORD"),
    )
    assert policy.always_required(api) and takes_token(api)


def test_oauth2_client_credentials_keep_their_token_url_and_scopes() -> None:
    api = load_api(FEATURES / "security_oauth2_client_credentials.yaml")
    (credential,) = auth_policy(api).credentials
    assert (credential.kind, credential.token_url, credential.scopes, credential.prefix) == (
        "oauth2",
        "/oauth/token",
        ("things:read",),
        "Bearer ",
    )
    assert credential.env == ("CLIENT_CREDENTIALS_CLIENT_ID", "CLIENT_CREDENTIALS_CLIENT_SECRET")


@pytest.mark.parametrize(
    ("value", "style", "explode", "pairs"),
    [
        (["a", "b"], "form", True, [("p", "a"), ("p", "b")]),
        (["a", "b"], "form", False, [("p", "a,b")]),
        (["a", "b"], "spaceDelimited", False, [("p", "a b")]),
        (["a", "b"], "pipeDelimited", False, [("p", "a|b")]),
        ({"x": 1, "y": True}, "deepObject", True, [("p[x]", "1"), ("p[y]", "true")]),
        ({"x": 1, "y": True}, "form", True, [("x", "1"), ("y", "true")]),
        ({"x": 1}, "form", False, [("p", "x,1")]),
        (False, "form", True, [("p", "false")]),
    ],
)
def test_query_styles(
    value: object, style: str, explode: bool, pairs: list[tuple[str, str]]
) -> None:
    assert query_pairs("p", value, style, explode) == pairs
