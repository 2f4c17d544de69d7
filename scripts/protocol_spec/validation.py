"""Running openapi-spec-validator 0.9.0 and locating every error it reports.

The library reports two kinds of errors: violations of the OpenAPI 3.1 meta-schema (with a
full path) and errors from its own keyword checks (schemas, defaults, parameters), which
carry no path at all. We subclass its keyword checkers to prepend the location they were
checking, so every error can be turned into a pointer and a line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

import jsonschema_rs
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31
from openapi_spec_validator.schemas.backend.jsonschema import create_validator
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError

from .errors import ProtocolSpecError, SpecError
from .loaded import LoadedSpec
from .messages import translate
from .pointers import from_parts, physical_pointer

__all__ = ["LibraryCrash", "check_with_library"]

_LOCATED = "_protocol_codegen_located"


class LibraryCrash(ProtocolSpecError):
    """openapi-spec-validator raised instead of reporting; `parts` is where it was looking."""

    def __init__(self, parts: tuple[str | int, ...], cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.parts = parts
        self.cause = cause


def _locating(cls: type[keywords.KeywordValidator]) -> type[keywords.KeywordValidator]:
    """A subclass of a keyword checker whose errors start with the path it was checking."""
    original = cast(Callable[..., Iterator[ValidationError]], cls.__call__)
    # Default values are checked by a value checker called with the schema holding them.
    suffix: tuple[str, ...] = ("default",) if issubclass(cls, keywords.ValueValidator) else ()

    @functools.wraps(original)
    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
        where = next((arg for arg in args if isinstance(arg, SchemaPath)), None)
        parts: tuple[str | int, ...] = tuple(where.parts) + suffix if where is not None else ()
        try:
            for error in original(self, *args, **kwargs):
                if where is not None and not getattr(error, _LOCATED, False):
                    error.path.extendleft(reversed(parts))
                    setattr(error, _LOCATED, True)
                yield error
        except LibraryCrash:
            raise
        except Exception as exc:  # the library's own bug: keep where it happened
            raise LibraryCrash(parts, exc) from exc

    return type(f"Locating{cls.__name__}", (cls,), {"__call__": __call__})


def _quick_schema_check(cls: type[keywords.KeywordValidator]) -> type[keywords.KeywordValidator]:
    """The schema checker, with a fast first pass: a schema that jsonschema-rs finds valid
    against its meta-schema, and whose patterns compile, needs no pure-Python check."""
    original = cls._validate_schema_meta  # type: ignore[attr-defined]

    def _validate_schema_meta(self: Any, schema: SchemaPath, schema_value: Any) -> Any:
        if _meta_valid(schema_value):
            return None
        return original(self, schema, schema_value)

    return type(cls.__name__, (cls,), {"_validate_schema_meta": _validate_schema_meta})


def _meta_valid(schema: Any) -> bool:
    """Valid JSON Schema 2020-12 (the OpenAPI 3.1 dialect's base), by jsonschema-rs."""
    if not isinstance(schema, dict) or "$schema" in schema:
        return False  # another dialect: the pure check knows which
    return bool(jsonschema_rs.meta.is_valid(schema)) and _patterns_compile(schema)


def _patterns_compile(node: Any) -> bool:
    """jsonschema-rs does not check that `pattern`s are regular expressions; Python's `re` does
    (the pure check's format checker uses it too)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                try:
                    re.compile(value)
                except re.error:
                    return False
            elif key in _DATA_KEYWORDS:
                continue
            elif key == "patternProperties" and isinstance(value, dict):
                try:
                    for expression in value:
                        re.compile(expression)
                except re.error:
                    return False
            if not _patterns_compile(value):
                return False
    elif isinstance(node, list):
        return all(_patterns_compile(item) for item in node)
    return True


# Keywords whose values are data, where a "pattern" key is not a keyword.
_DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


class _LocatingValidator(OpenAPIV31SpecValidator):
    # The pure-Python jsonschema backend, whatever the environment says: its errors carry
    # the failing keyword and sub-errors, which the messages are built from, and the output
    # must not depend on whether jsonschema-rs happens to be installed. jsonschema-rs only
    # answers "valid or not" first, so that a valid spec is not walked twice.
    schema_validator = create_validator(schema_v31)
    keyword_validators = {  # noqa: RUF012 - same shape as the base class attribute
        name: _locating(_quick_schema_check(cls) if name == "schema" else cls)
        for name, cls in OpenAPIV31SpecValidator.keyword_validators.items()
    }


class _LocatingValidator30(OpenAPIV30SpecValidator):
    # An OpenAPI 3.0 document is checked as written, against the 3.0 meta-schema, before it is
    # read as 3.1 (`openapi30`): its errors are the ones its author can fix.
    schema_validator = create_validator(schema_v30)
    keyword_validators = {  # noqa: RUF012 - same shape as the base class attribute
        name: _locating(cls) for name, cls in OpenAPIV30SpecValidator.keyword_validators.items()
    }


# The OpenAPI 3.1 and 3.0 meta-schemas, compiled by jsonschema-rs: yes/no in milliseconds.
_DOCUMENT_CHECK = jsonschema_rs.validator_for(dict(schema_v31))
_DOCUMENT_CHECK_30 = jsonschema_rs.validator_for(dict(schema_v30))


def check_with_library(spec: LoadedSpec) -> tuple[list[SpecError], list[SpecError]]:
    """(errors, crash reports). Crash reports only matter when nothing else was found.
    A spec read from OpenAPI 3.0 is checked as its author wrote it, by the 3.0 rules."""
    errors: list[SpecError] = []
    crashes: list[SpecError] = []
    document = spec.document if spec.original is None else spec.original
    validator: OpenAPIV31SpecValidator | OpenAPIV30SpecValidator
    if spec.original is None:
        validator, quick = _LocatingValidator(document), _DOCUMENT_CHECK
    else:
        validator, quick = _LocatingValidator30(document), _DOCUMENT_CHECK_30
    if quick.is_valid(document):
        # Valid against the meta-schema: only the library's keyword checks remain.
        found = iter(validator.root_validator(validator.schema_path))
    else:
        found = iter(validator.iter_errors())
    while True:
        try:
            error = next(found)
        except StopIteration:
            break
        except LibraryCrash as crash:
            crashes.append(_crash_report(spec, crash.parts, crash.cause))
            break
        except Exception as exc:  # noqa: BLE001 - a library bug must not become a traceback
            crashes.append(_crash_report(spec, (), exc))
            break
        if isinstance(error, DuplicateOperationIDError):
            continue  # checks.check_operation_ids reports it with both lines
        for parts, problem, fix in translate(error, spec.document):
            errors.append(spec.error(physical_pointer(spec.document, parts), problem, fix))
    return errors, crashes


def _crash_report(spec: LoadedSpec, parts: tuple[str | int, ...], exc: BaseException) -> SpecError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    pointer = physical_pointer(spec.document, parts)
    if isinstance(exc, re.error) and parts and parts[-1] == "default":
        # The library checks a default value before checking the schema's own `pattern`.
        return spec.error(
            physical_pointer(spec.document, (*parts[:-1], "pattern")),
            f"'pattern' is not a valid regular expression ({detail})",
            "fix the regular expression (ECMA-262 syntax, as JSON Schema requires)",
        )
    return spec.error(
        pointer,
        f"openapi-spec-validator failed while checking {from_parts(parts) or 'the spec'}"
        f" ({type(exc).__name__}: {detail})",
        "check this node against the OpenAPI 3.1 specification (an invalid 'type', "
        "'pattern' or 'default' is the usual cause)",
    )
