"""Errors of the stages after the spec loader (those raise `spec.SpecErrors`)."""

from __future__ import annotations

__all__ = ["GeneratorError"]


class GeneratorError(Exception):
    """Generation cannot go on; the message says what happened and what to do."""
