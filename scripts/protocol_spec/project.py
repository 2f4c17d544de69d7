"""Where the project's files are, for every part that needs the default spec."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_SPEC", "PROJECT_ROOT", "source_label"]

# The editable install keeps this file at scripts/protocol_spec/project.py.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"


def source_label(spec_path: Path) -> str:
    """How generated headers name a spec: relative to the project root when inside it, so that
    the output does not depend on where the checkout lives."""
    resolved = spec_path.resolve()
    if resolved.is_relative_to(PROJECT_ROOT):
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    return spec_path.name
