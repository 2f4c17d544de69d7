"""Package names and environment variables come from the spec: its title, else x-protocol-sdk."""

from __future__ import annotations

from pathlib import Path

from protocol_spec import load_api
from protocol_spec.sdk_settings import client_settings

ROOT = Path(__file__).resolve().parents[2]


def test_names_derive_from_the_title() -> None:
    settings = client_settings({"info": {"title": "Swagger Petstore"}})
    assert (settings.python_package, settings.npm_package, settings.php_package) == (
        "swagger_petstore",
        "swagger-petstore",
        "swagger-petstore/sdk",
    )
    assert settings.php_namespace == "SwaggerPetstore"
    assert (settings.base_url_env, settings.token_env, settings.client_class) == (
        "SWAGGER_PETSTORE_BASE_URL",
        "SWAGGER_PETSTORE_API_TOKEN",
        "ApiClient",
    )


def test_a_title_starting_with_a_digit_still_gives_valid_names() -> None:
    settings = client_settings({"info": {"title": "3.1 specific"}})
    assert settings.python_package.isidentifier()
    assert settings.base_url_env == "API_3_1_SPECIFIC_BASE_URL"
    assert settings.php_namespace == "Api31Specific"


def test_the_extension_wins() -> None:
    chosen = {
        "client-class": "PetClient",
        "env-prefix": "PETS",
        "python-package": "pets",
        "php-namespace": "Acme\\Pets",
    }
    settings = client_settings({"info": {"title": "Swagger Petstore"}, "x-protocol-sdk": chosen})
    assert settings.php_namespace == "Acme\\Pets"
    assert (settings.client_class, settings.token_env, settings.python_package) == (
        "PetClient",
        "PETS_API_TOKEN",
        "pets",
    )
    assert settings.npm_package == "swagger-petstore"  # what it does not say stays derived


def test_the_protocol_api_keeps_its_names() -> None:
    settings = load_api(ROOT / "spec" / "openapi.yaml").settings
    assert (settings.python_package, settings.npm_package, settings.php_package) == (
        "protocol_api",
        "@example/protocol-api",
        "protocol/sdk",
    )
    assert settings.php_namespace == "Protocol"
    assert (settings.base_url_env, settings.token_env) == (
        "PROTOCOL_BASE_URL",
        "PROTOCOL_API_TOKEN",
    )
