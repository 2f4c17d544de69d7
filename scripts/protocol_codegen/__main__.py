"""`python -m protocol_codegen`: see `protocol_codegen.cli`.

`generate` without options (what `make generate` runs) first asks `protocol_codegen.cache`
whether the last run's key still holds, before importing the generator at all.
"""

import gc
import sys
import time

__all__: list[str] = []

# A short batch run whose objects nearly all live until it ends: the cyclic collector would only
# spend time (a tenth of a 500-operation generation, measured) to free almost nothing.
gc.disable()

_inputs = None  # the no-op key's inputs, read first when they matter (see cache)
if sys.argv[1:] == ["generate"]:
    from protocol_codegen import cache
    from protocol_codegen.report import up_to_date

    _started = time.perf_counter()
    _inputs = cache.Inputs()
    _count = cache.is_up_to_date(_inputs)
    if _count is not None:
        _elapsed = time.perf_counter() - _started
        print(up_to_date(cache.DEFAULT_OUT, _count, _elapsed))
        raise SystemExit(0)

# Imported only when the answer is not known already: the generator is the heavy part.
from protocol_codegen.cli import main

raise SystemExit(main(inputs=_inputs))
