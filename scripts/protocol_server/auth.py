"""Who is calling: the account of a bearer token, or of a Basic password when the spec declares
HTTP Basic among its security schemes."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable

from protocol_server.errors import ApiError
from protocol_server.token_key import account_hash, legacy_account

__all__ = ["OPEN_ACCOUNT", "Accounts", "account_of"]

# The one account of a spec that declares no security (every request is in it).
OPEN_ACCOUNT = "(no security declared)"

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="protocol"'}


class Accounts:
    """Each configured token is one account, identified by a keyed hash of the token
    (token_key.py): the database holds no token and nothing to guess one from without the key.
    Looking up the hash of what was sent means no token is compared character by character.
    """

    def __init__(
        self,
        tokens: Iterable[str],
        key: bytes,
        schemes: Iterable[str] = ("bearer",),
        *,
        open: bool = False,
    ) -> None:
        self._key = key
        self._accounts = frozenset(account_of(key, token) for token in tokens)
        self._basic = "basic" in schemes
        self.open = open  # no security declared: one account, credentials not read
        self._open_account = account_of(key, OPEN_ACCOUNT)

    def authenticate(self, authorization: str | None) -> str:
        """The account id for this Authorization header, or ApiError(401)."""
        if self.open:
            return self._open_account
        token = _token_from_header(authorization, basic=self._basic)
        account = account_of(self._key, token)
        if account not in self._accounts:
            raise _unauthorized("The API token is not valid. Check it, or ask for a new one.")
        return account


def account_of(key: bytes, token: str) -> str:
    """The account a token stands for, as stored in every row it owns."""
    return account_hash(key, legacy_account(token))


def _token_from_header(authorization: str | None, *, basic: bool) -> str:
    if authorization is None or not authorization.strip():
        raise _unauthorized("Send your API token as 'Authorization: Bearer {token}'.")
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer" and credentials:
        return credentials
    if scheme.lower() == "basic" and credentials and basic:
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise _unauthorized(
                "The Basic credentials are not base64 of 'user:token'; prefer "
                "'Authorization: Bearer {token}'."
            ) from None
        _, colon, password = decoded.partition(":")
        if colon and password:
            return password
        raise _unauthorized(
            "Basic authentication needs the API token as the password ('user:token'); prefer "
            "'Authorization: Bearer {token}'."
        )
    raise _unauthorized(
        "The Authorization header is malformed; send 'Authorization: Bearer {token}'."
    )


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers=_CHALLENGE)
