"""Synthetic specs for the generation benchmark: the conversations spec
(tests/fixtures/specs/conversations.yaml, the one-resource API the project started from) with its
resource copied under other names, so that the spec has `copies` times its operations (5 per
resource). A fixed source keeps the figures comparable while spec/openapi.yaml grows (it is the
whole API now: five resources that refer to each other, which a rename cannot copy).

    python -m protocol_bench.synthetic 100 out.yaml      # 100 resources, 500 operations

Each copy is the conversations resource renamed (tag, paths, schemas, parameters, operationIds,
links and `$ref`s), so the copies are as rich as the original: filters, pagination, examples,
webhooks left as they are.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from protocol_bench.errors import BenchError
from protocol_spec import PROJECT_ROOT, load_spec
from protocol_spec.yaml_source import parse_yaml_text

__all__ = ["SOURCE", "main", "operations_per_copy", "synthetic_spec", "write_synthetic_spec"]

SOURCE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "conversations.yaml"

_WORDS = (
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
)


def _words(index: int) -> list[str]:
    """Distinct words for copy `index`: alpha alpha thing, alpha bravo thing, ..."""
    words = [_WORDS[index // len(_WORDS) % len(_WORDS)], _WORDS[index % len(_WORDS)]]
    if index >= len(_WORDS) ** 2:
        words.append(_WORDS[index // len(_WORDS) ** 2 % len(_WORDS)])
    return [*words, "thing"]


def synthetic_spec(copies: int, source: Path = SOURCE) -> dict[str, Any]:
    """The document of `source` with its single tag's resource repeated `copies` times."""
    document = load_spec(source).document
    text = json.dumps(document)
    tag = document["tags"][0]["name"]  # e.g. conversations
    singular = tag.rstrip("s")
    copies_text = []
    capitalised = singular[:1].upper() + singular[1:]
    for index in range(copies):
        words = _words(index)
        # `Conversation` in type and operation names, `conversation` in tags and paths.
        renamed = text.replace(capitalised, "".join(w.capitalize() for w in words))
        renamed = renamed.replace(singular, "_".join(words))
        copies_text.append(json.loads(renamed))
    result: dict[str, Any] = copies_text[0]
    for other in copies_text[1:]:
        result["tags"] += other["tags"]
        result["paths"].update(other["paths"])
        for section, entries in other["components"].items():
            result["components"].setdefault(section, {}).update(entries)
    result["webhooks"] = {}
    return result


def operations_per_copy(source: Path = SOURCE) -> int:
    """How many operations each copy adds: those of the copied tag."""
    document = load_spec(source).document
    tag = document["tags"][0]["name"]
    return sum(
        1
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and tag in operation.get("tags", ())
    )


def write_synthetic_spec(copies: int, path: Path) -> Path:
    """Write the synthetic spec as block YAML, the way specs are written by hand, and check that
    it reads back as the same document (PyYAML writes YAML 1.1; the loader reads 1.2)."""
    document = synthetic_spec(copies)
    text = yaml.dump(document, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100_000)
    if parse_yaml_text(text, str(path)).document != document:
        raise BenchError("the synthetic spec does not read back as written")
    path.write_text(text, encoding="utf-8")
    return path


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter when PyYAML has it; text of several lines as `|` blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_DUMPER = _Dumper


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m protocol_bench.synthetic")
    parser.add_argument("copies", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write_synthetic_spec(args.copies, args.out)


if __name__ == "__main__":
    main()
