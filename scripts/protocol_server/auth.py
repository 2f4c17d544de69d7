"""Who is calling: the account of a bearer token, or of a Basic password when the spec declares
HTTP Basic among its security schemes."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable

from protocol_server.errors import ApiError

__all__ = ["Accounts", "account_of"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="protocol"'}


class Accounts:
    """Each configured token is one account, identified by the token's SHA-256.

    Storing the hash, not the token, keeps tokens out of the database; looking up the hash of
    what was sent also means no token is ever compared character by character.
    """

    def __init__(self, tokens: Iterable[str], schemes: Iterable[str] = ("bearer",)) -> None:
        self._accounts = frozenset(account_of(token) for token in tokens)
        self._basic = "basic" in schemes

    def authenticate(self, authorization: str | None) -> str:
        """The account id for this Authorization header, or ApiError(401)."""
        token = _token_from_header(authorization, basic=self._basic)
        account = account_of(token)
        if account not in self._accounts:
            raise _unauthorized("The API token is not valid. Check it, or ask for a new one.")
        return account


def account_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", errors="surrogateescape")).hexdigest()


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
