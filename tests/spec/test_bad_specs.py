"""The bad-spec corpus: each case's errors, rendered, must equal its expected.txt exactly.

Each case is loaded from inside its own folder as `openapi.yaml` through `load_api`, the loader
every part of the project uses, so the expected text does not depend on where the repository
lives and covers the model's checks of the `x-protocol-` vocabulary too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_spec import SpecError, SpecErrors, load_api, load_api_unchecked, load_spec
from protocol_spec.loaded import LoadedSpec, Positions
from protocol_spec.validation import check_with_library
from protocol_spec.yaml_source import parse_yaml_file

BAD_SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_specs"
CASES = sorted(path.name for path in BAD_SPECS.iterdir() if path.is_dir())


def _errors_of(case: str, monkeypatch: pytest.MonkeyPatch) -> SpecErrors:
    monkeypatch.chdir(BAD_SPECS / case)
    with pytest.raises(SpecErrors) as caught:
        load_api(Path("openapi.yaml"))
    return caught.value


@pytest.mark.parametrize("case", CASES)
def test_bad_spec_reports_the_expected_errors(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = (BAD_SPECS / case / "expected.txt").read_text(encoding="utf-8")
    assert _errors_of(case, monkeypatch).render() + "\n" == expected


@pytest.mark.parametrize("case", CASES)
def test_building_before_checking_reports_the_same(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The generator builds the model first and checks meanwhile (load_api_unchecked): the same
    # errors, in the same order, whether the builder copes with the bad spec or not.
    monkeypatch.chdir(BAD_SPECS / case)
    with pytest.raises(SpecErrors) as caught:
        _, run_checks = load_api_unchecked(Path("openapi.yaml"))
        run_checks()
    expected = (BAD_SPECS / case / "expected.txt").read_text(encoding="utf-8")
    assert caught.value.render() + "\n" == expected


@pytest.mark.parametrize("case", CASES)
def test_every_error_names_file_line_and_fix(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _errors_of(case, monkeypatch).errors
    assert errors
    for error in errors:
        assert error.file == "openapi.yaml"
        assert error.line is not None and error.line >= 1
        assert error.pointer == "" or error.pointer.startswith("/")
        assert error.problem and error.fix


def test_the_corpus_covers_every_kind_of_check() -> None:
    required = {
        "yaml_syntax_error",
        "yaml_duplicate_key",
        "not_a_mapping",
        "openapi_30",
        "schema_violations",
        "unresolved_ref",
        "duplicate_operation_id",
        "example_mismatch",
        # The x-protocol- vocabulary: its form, then what it names.
        "extension_unknown",
        "extension_misplaced",
        "extension_bad_value",
        "extension_missing_key",
        "filter_unknown_attribute",
        "filter_type_mismatch",
        "pagination_unknown_parameter",
        "order_unknown_attribute",
        "assigned_not_read_only",
    }
    assert required <= set(CASES)


def test_errors_are_sorted_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [error.line for error in _errors_of("example_mismatch", monkeypatch).errors]
    assert lines == sorted(line for line in lines if line is not None)
    assert len(lines) > 1


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(SpecErrors) as caught:
        load_spec(missing)
    (error,) = caught.value.errors
    assert error == SpecError(
        file=str(missing),
        line=None,
        pointer="",
        problem="the spec file does not exist",
        fix="check the path (it is relative to the current directory) or create the file",
    )
    assert caught.value.render() == (
        f"{missing}: the spec file does not exist\n"
        "  fix: check the path (it is relative to the current directory) or create the file"
    )


def test_a_directory_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SpecErrors) as caught:
        load_spec(tmp_path)
    assert "cannot be read" in caught.value.render()


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_bytes(b"openapi: 3.1.0\ninfo:\n  title: caf\xe9\n")
    with pytest.raises(SpecErrors) as caught:
        load_spec(spec)
    (error,) = caught.value.errors
    assert (error.line, error.problem) == (3, "the file is not valid UTF-8 (byte 0xe9)")


def test_a_crash_inside_the_validator_library_becomes_a_spec_error() -> None:
    # openapi-spec-validator 0.9.0 recurses forever on a loop of plain $refs; load_spec
    # reports our own "$ref loop" error instead, and the crash is kept as a SpecError.
    path = BAD_SPECS / "ref_loop" / "openapi.yaml"
    parsed = parse_yaml_file(path)
    spec = LoadedSpec(parsed.document, Positions(str(path), parsed.positions))
    errors, crashes = check_with_library(spec)
    assert errors == []
    (crash,) = crashes
    assert "openapi-spec-validator failed" in crash.problem
    assert "RecursionError" in crash.problem
    assert crash.line == 11
