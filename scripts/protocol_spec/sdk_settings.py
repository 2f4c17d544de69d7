"""What each client package is called, from the spec: `info.title`, and `x-protocol-sdk` for
what OpenAPI cannot say. A second API's SDK is told apart from ours by its own names.

    client_settings({"info": {"title": "Swagger Petstore"}})
    # python package `swagger_petstore`, npm `swagger-petstore`, Composer `swagger-petstore/sdk`
    # (PHP namespace `SwaggerPetstore`), SWAGGER_PETSTORE_BASE_URL, SWAGGER_PETSTORE_API_TOKEN and SWAGGER_PETSTORE_WEBHOOK_SECRET,
    # class ApiClient

The title's words without a last `api` make the environment prefix (`Protocol API` -> PROTOCOL)
and the PHP namespace (`Protocol`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import naming
from .model import ClientSettings

__all__ = ["SDK", "client_settings"]

SDK = "x-protocol-sdk"


def client_settings(document: Mapping[str, Any]) -> ClientSettings:
    info = document.get("info")
    title = str(info.get("title", "")) if isinstance(info, Mapping) else ""
    words = naming.words(title)
    named = words[:-1] if len(words) > 1 and words[-1] == "api" else words
    own = document.get(SDK)
    chosen: Mapping[str, Any] = own if isinstance(own, Mapping) else {}
    prefix = "_".join(named).upper() or "API"
    if prefix[0].isdigit():
        prefix = f"API_{prefix}"
    prefix = str(chosen.get("env-prefix", prefix))
    namespace = naming.pascal("_".join(named)) or "Api"
    if namespace[0].isdigit():
        namespace = f"Api{namespace}"
    return ClientSettings(
        client_class=str(chosen.get("client-class", ClientSettings.client_class)),
        env_prefix=prefix,
        base_url_env=f"{prefix}_BASE_URL",
        token_env=f"{prefix}_API_TOKEN",
        webhook_secret_env=f"{prefix}_WEBHOOK_SECRET",
        python_package=str(
            chosen.get("python-package", naming.python_identifier(title) if words else "api")
        ),
        npm_package=str(chosen.get("npm-package", "-".join(words) or "api")),
        php_package=str(chosen.get("php-package", f"{'-'.join(named) or 'api'}/sdk")),
        php_namespace=str(chosen.get("php-namespace", namespace)),
    )
