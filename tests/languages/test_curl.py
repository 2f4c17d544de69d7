"""curl: the command line of the samples, quoted for a POSIX shell."""

from __future__ import annotations

import shlex

from protocol_codegen.languages.curl import LANGUAGE
from protocol_codegen.samples import example_values
from protocol_spec import DEFAULT_SPEC, load_api

API = load_api(DEFAULT_SPEC)


def test_a_list_spells_out_its_query_with_get() -> None:
    listing = next(op for op in API.operations if op.method_name == "list")
    sample = LANGUAGE.sample(API, listing, example_values(API, listing))
    words = shlex.split(sample.replace("\\\n", " "))
    assert words[:3] == ["curl", "-G", "https://api.protocol.chat/v1/conversations"]
    assert words[3:5] == ["-H", "Authorization: Bearer {token}"]


def test_a_delete_says_its_method() -> None:
    delete = next(op for op in API.operations if op.method_name == "delete")
    sample = LANGUAGE.sample(API, delete, example_values(API, delete))
    assert sample.startswith("curl -X DELETE ")


def test_it_is_a_samples_only_language_coloured_as_bash() -> None:
    assert LANGUAGE.highlight == "bash"
    assert not LANGUAGE.tokens.numbers_and_calls
