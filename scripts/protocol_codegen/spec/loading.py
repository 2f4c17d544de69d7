"""load_spec: parse the YAML, then run every check and report all problems at once."""

from __future__ import annotations

from pathlib import Path

from .checks import check_operation_ids, check_refs, check_version
from .errors import SpecErrors
from .examples import check_examples
from .loaded import LoadedSpec
from .validation import check_with_library
from .yaml_source import parse_yaml_file

__all__ = ["load_spec"]


def load_spec(path: Path) -> LoadedSpec:
    """Load `path` and check it; raises SpecErrors listing every problem found, by line."""
    parsed = parse_yaml_file(path)
    spec = LoadedSpec(path=path, document=parsed.document, lines=parsed.lines)
    # Without a 3.1 mapping nothing else can be checked meaningfully.
    version_errors = check_version(spec)
    if version_errors:
        raise SpecErrors(version_errors)
    errors = check_refs(spec) + check_operation_ids(spec)
    library_errors, library_crashes = check_with_library(spec)
    example_errors, unchecked_examples = check_examples(spec)
    errors += library_errors + example_errors
    # A crash or an uncheckable example is most likely a consequence of an error already
    # found; report them only when they are the only clue.
    if not errors:
        errors = library_crashes + unchecked_examples
    if errors:
        raise SpecErrors(errors)
    return spec
