"""Unit tests of the loaded spec: pointers, lines, `$ref` resolution, YAML conversion."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from protocol_spec import LoadedSpec, Positions, SpecError, SpecErrors, load_spec
from protocol_spec.pointers import (
    escape,
    join,
    lookup,
    physical_pointer,
    split,
    unescape,
)
from protocol_spec.yaml_source import parse_yaml_file

SPEC = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"

TRICKY = """\
openapi: 3.1.0
info:
  title: Tricky keys
  version: '1'
paths:
  /a/{id}:
    get:
      responses:
        200:
          $ref: '#/components/responses/Ok'
components:
  responses:
    Ok:
      description: ok
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Alias'
  schemas:
    Alias:
      $ref: '#/components/schemas/Real'
    Real:
      type: object
      properties:
        a~b:
          type: string
        created: 2024-01-01
"""


@pytest.fixture
def tricky(tmp_path: Path) -> LoadedSpec:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    parsed = parse_yaml_file(path)
    return LoadedSpec(parsed.document, Positions(str(path), parsed.positions))


@pytest.mark.parametrize(
    ("key", "segment"),
    [("/v1/conversations", "~1v1~1conversations"), ("a~b", "a~0b"), ("~1", "~01"), ("x", "x")],
)
def test_escape_round_trips(key: str, segment: str) -> None:
    assert escape(key) == segment
    assert unescape(segment) == key


def test_join_and_split_are_inverse() -> None:
    pointer = join("", "paths", "/a/{id}", "get", "parameters", 0)
    assert pointer == "/paths/~1a~1{id}/get/parameters/0"
    assert split(pointer) == ["paths", "/a/{id}", "get", "parameters", "0"]
    assert split("") == []


def test_split_rejects_a_pointer_without_leading_slash() -> None:
    with pytest.raises(ValueError, match="starts with '/'"):
        split("paths")


def test_line_of_points_at_the_key_of_each_node(tricky: LoadedSpec) -> None:
    assert tricky.line_of("") == 1
    assert tricky.line_of("/paths/~1a~1{id}") == 6
    assert tricky.line_of("/paths/~1a~1{id}/get/responses/200") == 9
    assert tricky.line_of("/components/schemas/Real/properties/a~0b") == 25
    assert tricky.line_of("/components/schemas/Real/properties/a~0b/type") == 26


def test_line_of_falls_back_to_the_nearest_existing_ancestor(tricky: LoadedSpec) -> None:
    assert tricky.line_of("/components/schemas/Real/properties/nope/type") == 24
    assert tricky.line_of("/nothing/at/all") == 1


def test_line_of_list_items() -> None:
    spec = load_spec(SPEC)
    # `- name: muted` is the second parameter of the list operation.
    line = spec.line_of("/paths/~1v1~1conversations/get/parameters/1")
    assert line is not None
    assert SPEC.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "- name: muted"


def test_integer_keys_become_strings_and_dates_stay_text(tricky: LoadedSpec) -> None:
    responses = tricky.document["paths"]["/a/{id}"]["get"]["responses"]
    assert list(responses) == ["200"]
    assert tricky.document["components"]["schemas"]["Real"]["properties"]["created"] == (
        "2024-01-01"
    )


def test_resolve_follows_refs_repeatedly(tricky: LoadedSpec) -> None:
    real = tricky.document["components"]["schemas"]["Real"]
    assert tricky.resolve({"$ref": "#/components/schemas/Alias"}) is real
    assert tricky.resolve("#/components/schemas/Alias") is real
    assert tricky.resolve(real) is real
    assert tricky.resolve(3) == 3


def test_resolve_with_pointer_says_where_it_landed(tricky: LoadedSpec) -> None:
    node, pointer = tricky.resolve_with_pointer({"$ref": "#/components/schemas/Alias"}, "/x")
    assert pointer == "/components/schemas/Real"
    assert node["type"] == "object"


def test_resolve_decodes_escaped_and_percent_encoded_refs(tricky: LoadedSpec) -> None:
    response = tricky.resolve("#/paths/~1a~1%7Bid%7D/get/responses/200")
    assert response["description"] == "ok"  # through the response's own $ref
    assert tricky.resolve("#/components/schemas/Real/properties/a~0b") == {"type": "string"}


def test_resolve_raises_key_error_for_a_missing_target(tricky: LoadedSpec) -> None:
    with pytest.raises(KeyError, match="leads nowhere"):
        tricky.resolve("#/components/schemas/Nope")


def test_physical_pointer_continues_through_refs(tricky: LoadedSpec) -> None:
    logical = ["paths", "/a/{id}", "get", "responses", "200", "content", "application/json"]
    assert physical_pointer(tricky.document, logical) == (
        "/components/responses/Ok/content/application~1json"
    )
    through_schema = [*logical, "schema", "properties", "a~b"]
    assert physical_pointer(tricky.document, through_schema) == (
        "/components/schemas/Real/properties/a~0b"
    )


def test_lookup_reads_lists_and_mappings(tricky: LoadedSpec) -> None:
    assert lookup({"a": [10, 20]}, "/a/1") == 20
    assert repr(lookup({"a": [10, 20]}, "/a/2")) == "MISSING"


def test_error_fills_in_file_and_line(tricky: LoadedSpec) -> None:
    error = tricky.error("/components/schemas/Real/type", "bad", "fix it")
    assert error == SpecError(tricky.file, 23, "/components/schemas/Real/type", "bad", "fix it")
    assert error.render() == f"{tricky.file}:23: /components/schemas/Real/type: bad\n  fix: fix it"


def test_positions_give_line_and_column_of_keys_and_items(tricky: LoadedSpec) -> None:
    # A mapping value sits where its key is written; a list item where its '-' content starts.
    position = tricky.position("/components/schemas/Real/type")
    assert position is not None
    assert (position.line, position.column) == (23, 7)
    assert str(position) == f"{tricky.file}:23:7"
    # A pointer to something not written (a default) lands on its nearest written ancestor.
    assert tricky.position("/components/schemas/Real/type/nothing/here") == position


def test_spec_errors_sorts_by_line_and_drops_duplicates() -> None:
    late = SpecError("f.yaml", 9, "/b", "late", "x")
    early = SpecError("f.yaml", 2, "/a", "early", "y")
    unknown = SpecError("f.yaml", None, "", "somewhere", "z")
    errors = SpecErrors([late, unknown, early, late])
    assert errors.errors == (early, late, unknown)
    assert errors.render().splitlines()[0] == "f.yaml:2: /a: early"
    assert str(errors) == errors.render()


def test_yaml_anchors_and_merge_keys_are_supported(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            base: &base {a: 1, b: 2}
            merged:
              <<: *base
              b: 3
            """
        ),
        encoding="utf-8",
    )
    parsed = parse_yaml_file(path)
    assert parsed.document["merged"] == {"b": 3, "a": 1}


def test_non_string_keys_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text("a:\n  true: 1\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as caught:
        parse_yaml_file(path)
    (error,) = caught.value.errors
    assert (error.line, error.pointer) == (2, "/a")
    assert "not a string" in error.problem


def test_the_real_spec_loads_as_plain_data() -> None:
    spec = load_spec(SPEC)
    assert spec.file == str(SPEC)
    assert spec.document["openapi"].startswith("3.1.")
    assert type(spec.document) is dict
    assert spec.document["paths"]["/v1/conversations"]["get"]["operationId"] == (
        "listConversations"
    )


def _git(repo: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def test_a_spec_loads_at_a_git_ref_with_positions_in_that_version(tmp_path: Path) -> None:
    from protocol_spec import load_spec_at_ref

    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    spec = repo / "spec" / "openapi.yaml"
    spec.write_text(SPEC.read_text())
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    # The working tree moves on: two lines more at the top, a title changed.
    spec.write_text("# a comment\n# another\n" + SPEC.read_text().replace("Protocol API", "X"))
    old = load_spec_at_ref(spec, "HEAD")
    new = load_spec(spec)
    assert old.document["info"]["title"] == "Protocol API"
    assert new.document["info"]["title"] == "X"
    assert old.file == f"{spec}@HEAD"
    old_line, new_line = old.line_of("/paths"), new.line_of("/paths")
    assert old_line is not None and new_line == old_line + 2


def test_an_unknown_ref_or_a_missing_file_is_a_spec_error(tmp_path: Path) -> None:
    from protocol_spec import load_spec_at_ref

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README").write_text("x")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    spec = repo / "openapi.yaml"
    with pytest.raises(SpecErrors) as caught:
        load_spec_at_ref(spec, "nope")
    (error,) = caught.value.errors
    assert error.file == f"{spec}@nope"
    assert error.problem == f"git cannot read {spec}: no commit, branch or tag named 'nope'"
    assert "git log --oneline" in error.fix
    with pytest.raises(SpecErrors) as caught:
        load_spec_at_ref(spec, "HEAD")
    assert caught.value.errors[0].problem == "openapi.yaml does not exist at HEAD"
