"""The semantic scenario's areas: each module holds the checks of one area and the steps that
run them, registered as they are written (see registry.py). Importing this package imports
every area, so that the registry is complete; a new area module is imported here. The order
of these imports is the order of the checks in the README's table: the scenario's."""

from __future__ import annotations

from protocol_conformance.areas import objects

# isort: split
from protocol_conformance.areas import filters

# isort: split
from protocol_conformance.areas import paging

# isort: split
from protocol_conformance.areas import access

# isort: split
from protocol_conformance.areas import relations

# isort: split
from protocol_conformance.areas import webhooks

# isort: split
from protocol_conformance.registry import Check, checks, checks_by_role, markdown_table, steps

__all__ = [
    "Check",
    "access",
    "checks",
    "checks_by_role",
    "filters",
    "markdown_table",
    "objects",
    "paging",
    "relations",
    "steps",
    "webhooks",
]
