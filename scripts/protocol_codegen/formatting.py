"""Format generated Python with the pinned ruff: once, over all files, in a scratch folder.

ruff has no Python API, so it runs as `python -m ruff` (the venv's pinned copy, never one from
PATH): one process sorts imports, one formats. Settings are given on the command line
(`--isolated`) so that no configuration file on the machine can change the output.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from protocol_codegen.errors import GeneratorError

__all__ = ["PINNED_TOOLS", "check_pinned_tools", "format_python"]

# Every tool that shapes the output, at the version the committed generated/ was made with.
# Keep in step with pyproject.toml (a test checks); a different version would change bytes.
PINNED_TOOLS = {
    "datamodel-code-generator": "0.89.0",
    "jinja2": "3.1.6",
    "pydantic": "2.14.3",
    "ruff": "0.17.5",
}

_SETTINGS = ["--isolated", "--line-length", "100", "--target-version", "py311", "--quiet"]


def check_pinned_tools() -> None:
    wrong = []
    for name, wanted in PINNED_TOOLS.items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = "not installed"
        if found != wanted:
            wrong.append(f"{name} {found} (want {wanted})")
    if wrong:
        raise GeneratorError(
            "the tools that shape generated code are not at their pinned versions: "
            + ", ".join(wrong)
            + ". Recreate the virtualenv (`make venv`) so that output matches the committed tree."
        )


def format_python(files: dict[str, str]) -> dict[str, str]:
    """`files` with every `.py` text import-sorted and formatted; other files untouched."""
    python = {path: text for path, text in files.items() if path.endswith(".py")}
    if not python:
        return dict(files)
    with tempfile.TemporaryDirectory(prefix="protocol-codegen-format-") as scratch:
        root = Path(scratch)
        for path, text in python.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        _ruff("check", "--select", "I", "--fix", "--exit-zero", str(root))
        _ruff("format", str(root))
        formatted = {path: (root / path).read_text(encoding="utf-8") for path in python}
    return {path: formatted.get(path, text) for path, text in files.items()}


def _ruff(*args: str) -> None:
    command = [sys.executable, "-m", "ruff", args[0], *_SETTINGS, *args[1:]]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GeneratorError(
            f"ruff {args[0]} failed on the generated code (a template produced invalid "
            f"Python?):\n{result.stdout}{result.stderr}".rstrip()
        )
