"""`python -m protocol_codegen`: see `protocol_codegen.cli`."""

from protocol_codegen.cli import main

raise SystemExit(main())
