"""Composing YAML with libyaml (PyYAML's C parser) and reading its scalars as YAML 1.2 does.

The spec's YAML is composed into nodes that keep their line and column. ruamel.yaml's pure-Python
composer does that at about 20 000 lines a second; libyaml, through PyYAML, is some ten times
faster and keeps the same marks. Two differences are taken care of here:
- libyaml's resolver reads YAML 1.1 (`yes` and `no` are booleans, `010` is octal): `Resolver12`
  has the YAML 1.2 core rules instead, the very expressions ruamel.yaml uses for 1.2;
- scalars are converted by `scalar_value`, which follows ruamel.yaml's safe constructor for the
  core tags (both composers go through it, so they give the same values).
Anything else (a syntax error, an explicit tag) is left to the ruamel.yaml path, whose messages
the bad-spec corpus fixes. tests/spec/test_fast_yaml.py checks that both paths give the same
document and positions for every YAML file in the repository.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from .errors import ProtocolSpecError

__all__ = [
    "BOOL_TAG",
    "FLOAT_TAG",
    "INT_TAG",
    "MERGE_TAG",
    "NULL_TAG",
    "STR_TAG",
    "TIMESTAMP_TAG",
    "VALUE_TAG",
    "NotCore",
    "Resolver12",
    "Unavailable",
    "compose",
    "scalar_value",
]

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# ruamel.yaml resolves a plain `=` to YAML 1.1's "value" key type; JSON, and YAML 1.2, mean text.
VALUE_TAG = "tag:yaml.org,2002:value"


class Resolver12(BaseResolver):
    """The YAML 1.2 core schema's implicit tags, as ruamel.yaml resolves them."""


for _tag, _expression, _first in (
    (BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        FLOAT_TAG,
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        INT_TAG,
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    (MERGE_TAG, r"^(?:<<)$", "<"),
    (NULL_TAG, r"^(?: ~ |null|Null|NULL | )$", ["~", "n", "N", ""]),
    (
        TIMESTAMP_TAG,
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
):
    Resolver12.add_implicit_resolver(_tag, re.compile(_expression, re.VERBOSE), list(_first))


# PyYAML's wheels carry libyaml; a build without it makes every document take the other path.
_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:
    _CParser = None


class Unavailable(ProtocolSpecError, yaml.YAMLError):
    """This PyYAML was built without libyaml."""


def compose(text: str) -> Any:
    """The root node of one YAML document (None for an empty one); raises yaml.YAMLError."""
    if _CParser is None:
        raise Unavailable("PyYAML has no libyaml")

    class Composer(_CParser, Resolver12):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            Resolver12.__init__(self)

    composer = Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


class NotCore(ProtocolSpecError):
    """A scalar whose tag is not one of the core schema's: the ruamel.yaml path reads it."""


_INF = float("inf")


def scalar_value(tag: str, text: str) -> Any:
    """The value of a scalar of a core tag, as ruamel.yaml's safe constructor gives it for
    YAML 1.2 (a timestamp stays text: JSON has no date type)."""
    if tag in (STR_TAG, TIMESTAMP_TAG, VALUE_TAG):
        return text
    if tag == NULL_TAG:
        return None
    if tag == BOOL_TAG:
        return text.lower() == "true"
    if tag == INT_TAG:
        digits = text.replace("_", "")
        sign = -1 if digits[0] == "-" else 1
        digits = digits.lstrip("+-")
        for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)
    if tag == FLOAT_TAG:
        digits = text.replace("_", "").lower()
        sign = -1 if digits[0] == "-" else 1
        digits = digits.lstrip("+-")
        if digits == ".inf":
            return sign * _INF
        if digits == ".nan":
            return math.nan
        return sign * float(digits)
    raise NotCore(tag)
