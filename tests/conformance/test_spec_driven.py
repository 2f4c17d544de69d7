"""The suite reads the spec, and only the spec: another spec's resources are checked with no
code change, a filter added to the spec is checked the moment it is there, no name of the
conversations API is written in the suite's code, and the peer's own CLI agrees with us."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import yaml

from protocol_conformance.report import coverage_table
from protocol_conformance.results import SEMANTIC
from protocol_server.harness import running_server

from .conftest import PROJECT_SPEC, ROOT, SPEC, TWO_RESOURCES, Serve
from .faults import Fault
from .variants import cli, explain, scenario

SUITE = ROOT / "scripts" / "protocol_conformance"


def test_two_resources_are_both_checked(serve_fault: Serve) -> None:
    with serve_fault(Fault(), spec=TWO_RESOURCES) as base_url:
        results = scenario(base_url, TWO_RESOURCES)
    assert results.ok, explain(results)
    cells = {(operation, check) for suite, operation, check in results.by_cell if suite == SEMANTIC}
    for resource, filters in (("conversations", ["starred"]), ("widgets", ["color", "retired"])):
        listing = f"GET /v1/{resource}"
        for check in ["cursor_walk", "list_order", "more_flag_exact", "limit_maximum"] + [
            f"filter_{name}" for name in filters
        ]:
            assert (listing, check) in cells, (listing, check)
        assert (f"POST /v1/{resource}", "create_then_get") in cells
        assert (f"DELETE /v1/{resource}/{{id}}", "delete_removes") in cells
    assert ("PATCH /v1/conversations/{id}", "update_partial") in cells
    assert ("PUT /v1/widgets/{id}", "assigned_unchanged") in cells
    # What could not run says why: widgets page forward only, conversations have one filter.
    table = "\n".join(coverage_table(results))
    assert "the list has no `before` cursor" in table
    assert "filters_combined           not run: the list has fewer than two filters" in table


def evolved_spec(directory: Path) -> Path:
    """spec/openapi.yaml with one more attribute (`is_starred`, default false) that update
    may set, and a list filter on it (`starred`) — the spec changed, the suite did not."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    schemas["Conversation"]["properties"]["is_starred"] = {
        "description": "Whether you starred the conversation.",
        "type": "boolean",
        "default": False,
    }
    schemas["ConversationUpdate"]["properties"]["is_starred"] = {"type": "boolean"}
    listing = document["paths"]["/v1/conversations"]["get"]
    listing["parameters"].append(
        {
            "name": "starred",
            "in": "query",
            "description": "Only starred (`true`) or not starred (`false`) conversations.",
            "schema": {"type": "boolean"},
            "x-protocol-filter": {"attribute": "is_starred"},
        }
    )
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def test_a_filter_added_to_the_spec_alone_is_checked_both_ways(tmp_path: Path) -> None:
    spec = evolved_spec(tmp_path)
    result = cli("--only", "semantic", "--report-dir", str(tmp_path), env={"SPEC": str(spec)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(embedded reference server)" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "    filter_starred " in line)
    # Both ways (true and false), and all passed.
    assert line.split() == ["filter_starred", "ran", "2,", "all", "passed"], line
    updates = [line for line in result.stdout.splitlines() if "update_persisted" in line]
    assert updates and "FAILED" not in result.stdout


def _code_tokens(path: Path) -> list[str]:
    """The file's names and strings, without comments and docstrings."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.update(range(value.lineno, (value.end_lineno or value.lineno) + 1))
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.NAME, tokenize.STRING) and token.start[0] not in docstrings:
            found.append(token.string)
        elif (
            sys.version_info >= (3, 12) and token.type == tokenize.FSTRING_MIDDLE
        ):  # pragma: no cover
            found.append(token.string)
    return found


def test_no_name_of_the_conversations_api_in_the_suite() -> None:
    # `has_more_field` is the model's own name for the pagination field, not the API's.
    forbidden = re.compile(
        r"conversation|contact|group|muted|pinned|archived|starting_after|ending_before|has_more|/v1",
        re.IGNORECASE,
    )
    found = {
        f"{path.name}: {token}"
        for path in sorted(SUITE.glob("*.py"))
        for token in _code_tokens(path)
        if forbidden.search(token.replace("has_more_field", ""))
    }
    assert not found, sorted(found)


def test_the_peer_cli_agrees_with_us_on_the_reference_server(tmp_path: Path) -> None:
    """Plain `schemathesis run` from the project root (so it reads schemathesis.toml), every
    check, every phase, a few seeds: no failure. Without the project's file, it reports the
    list's documented 400 for an unknown cursor: the file is what makes the tools agree."""
    peer = Path(sys.executable).with_name("schemathesis")
    bare = tmp_path / "empty.toml"
    bare.write_text("", encoding="utf-8")
    # The server serves the spec the peer reads (PROTOCOL_SPEC may be another test's fixture).
    served = {"PROTOCOL_SPEC": str(PROJECT_SPEC)}
    with running_server(tokens=("peer-token",), env=served) as server:

        def run(seed: int, *config: str) -> tuple[int, str]:
            done = subprocess.run(
                [str(peer), *config, "run", "spec/openapi.yaml", "--url", server.base_url,
                 "-H", "Authorization: Bearer peer-token", "--max-examples", "5",
                 "--seed", str(seed), "--no-color", "--report-dir", str(tmp_path)],
                cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            return done.returncode, done.stdout + done.stderr

        agreed = [run(seed) for seed in (1, 2)]
        without = run(1, "--config-file", str(bare))
    for status, output in agreed:
        assert status == 0, output
    assert without[0] == 1 and "ST202" in without[1], without[1]
