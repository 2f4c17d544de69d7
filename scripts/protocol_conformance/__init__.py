"""Conformance suite for the Protocol API: schemathesis plus semantic checks, against any server."""

from __future__ import annotations

from protocol_conformance.cli import main

__all__ = ["main"]
