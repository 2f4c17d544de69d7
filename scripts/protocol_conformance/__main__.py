"""`python -m protocol_conformance`; see `protocol_conformance.cli`."""

from __future__ import annotations

import sys

from protocol_conformance.cli import main

sys.exit(main())
