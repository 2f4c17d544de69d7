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

from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v31
from openapi_spec_validator.schemas.backend.jsonschema import create_validator
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError

from .errors import SpecError
from .loaded import LoadedSpec
from .messages import translate
from .pointers import from_parts, physical_pointer

__all__ = ["LibraryCrash", "check_with_library"]

_LOCATED = "_protocol_codegen_located"


class LibraryCrash(Exception):
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


class _LocatingValidator(OpenAPIV31SpecValidator):
    # The pure-Python jsonschema backend, whatever the environment says: its errors carry
    # the failing keyword and sub-errors, which the messages are built from, and the output
    # must not depend on whether jsonschema-rs happens to be installed.
    schema_validator = create_validator(schema_v31)
    keyword_validators = {  # noqa: RUF012 - same shape as the base class attribute
        name: _locating(cls) for name, cls in OpenAPIV31SpecValidator.keyword_validators.items()
    }


def check_with_library(spec: LoadedSpec) -> tuple[list[SpecError], list[SpecError]]:
    """(errors, crash reports). Crash reports only matter when nothing else was found."""
    errors: list[SpecError] = []
    crashes: list[SpecError] = []
    found = iter(_LocatingValidator(spec.document).iter_errors())
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
