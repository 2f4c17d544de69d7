"""`python -m protocol_conformance`; see `protocol_conformance.cli`."""

from __future__ import annotations

import sys

from protocol_conformance.cli import main

__all__: list[str] = []

# Guarded: WORKERS' processes are spawned, and each imports the main module again.
if __name__ == "__main__":
    sys.exit(main())
