"""The checks of how resources relate (areas/relations.py) on the whole API's reference server:
each runs, and passes, with the accounts empty and with the spec's example objects in them.
(Their teeth, one broken variant each, are in test_teeth.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocol_conformance import areas
from protocol_conformance.areas import relations
from protocol_conformance.http import Upload

from .conftest import WHOLE_API, spec_api
from .faults import Fault, RefusalIgnored
from .test_teeth import semantic_checks
from .variants import Variant, cli, explain, run_all

RELATION_CHECKS = sorted(
    {c.name for c in areas.checks() if c.function and c.function.__module__ == relations.__name__}
    & semantic_checks(spec_api(WHOLE_API))
)
# What the whole API declares that no request can reach: the sender of a message is set by the
# server alone, so no case can name a contact there; and a resource whose update has one
# attribute cannot send a valid one beside that attribute out of bounds.
EXPECTED_NOT_RUN = ("no request sets 'contact' of messages", "no attribute of")


def test_the_whole_api_runs_every_relation_check_but_refuse() -> None:
    assert RELATION_CHECKS == [
        "created_alongside",
        "delete_cascades",
        "delete_clears",
        "derived_in_step",
        "expanded_objects",
        "reference_exists",
        "rejected_changes_nothing",
        "upload_round_trip",
    ]  # the whole API has no `onDelete: refuse`


@pytest.mark.parametrize("examples", ["0", "1"], ids=["empty accounts", "example objects"])
def test_the_reference_server_passes_the_relation_checks(examples: str) -> None:
    result = cli(
        "--only", "semantic", "--spec", str(WHOLE_API), "--max-objects", "5000",
        env={"PROTOCOL_EXAMPLE_OBJECTS": examples},
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stdout + result.stderr
    table = result.stdout[: result.stdout.index("semantic checks, per operation")]
    for name in RELATION_CHECKS:
        found = re.search(rf"^  {name} +(\d+) +(\d+)", table, re.MULTILINE)
        assert found is not None, f"{name} did not run:\n{result.stdout}"
        passed, failed = int(found.group(1)), int(found.group(2))
        assert passed > 0 and failed == 0, (
            f"{name}: {passed} passed, {failed} failed\n{result.stdout}"
        )
    for name in RELATION_CHECKS:  # (other areas' errors on this API are theirs to fix)
        assert f"could not judge {name} " not in result.stdout, result.stdout
    coverage = result.stdout[result.stdout.index("semantic coverage") :]
    for line in coverage.splitlines():
        name = line.strip().split(" ", 1)[0]
        if name in RELATION_CHECKS and "not run" in line:
            assert any(reason in line for reason in EXPECTED_NOT_RUN), line


def test_delete_refused_where_a_reference_says_refuse(tmp_path: Path) -> None:
    """The whole API refuses no delete; with a pinned message that cannot be deleted
    (`onDelete: refuse`), the reference server passes delete_refused and a server that says 204
    and deletes nothing is caught."""
    text = WHOLE_API.read_text(encoding="utf-8")
    clear = "resource: messages\n            onDelete: clear"
    assert text.count(clear) == 1  # conversations' pinned_message_id
    spec = tmp_path / "whole_api_refuse.yaml"
    spec.write_text(text.replace(clear, "resource: messages\n            onDelete: refuse"))
    assert "delete_refused" in semantic_checks(spec_api(spec))
    clean = Variant("refuse: the reference server", Fault, spec=spec, max_objects=5000)
    broken = Variant("refuse: 409 answered 204", RefusalIgnored, spec=spec, max_objects=5000)
    results = run_all([clean, broken])
    passed = results[clean.name]
    assert "delete_refused" in passed.ran("semantic"), explain(passed)
    assert "delete_refused" not in passed.failed_checks(), explain(passed)
    failed = results[broken.name]
    messages = [f.message for f in failed.failures if f.check == "delete_refused"]
    assert any("409 for deleting the message" in m for m in messages), explain(failed)


def test_an_upload_is_one_multipart_file_part_and_a_curl_form_line() -> None:
    upload = Upload("file", "conformance-1.png", "image/png", bytes(range(256)))
    content_type, body = upload.encoded()
    boundary = content_type.split("boundary=", 1)[1]
    assert content_type.startswith("multipart/form-data; boundary=conformance-")
    assert upload.encoded() == (content_type, body)  # the same bytes every time
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert b'name="file"; filename="conformance-1.png"\r\nContent-Type: image/png\r\n\r\n' in body
    assert body.endswith(bytes(range(256)) + f"\r\n--{boundary}--\r\n".encode())
    assert upload.curl_option() == "-F 'file=@conformance-1.png;type=image/png'"
