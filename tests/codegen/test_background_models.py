"""The Python models rendered in a child process (`ModelsInBackground`) are the inline ones,
byte for byte; a cancelled child is gone. Run in a fresh interpreter: the background render
forks only in a process without other threads, which a test session cannot promise."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from protocol_spec import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"

SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from protocol_codegen.python_models import ModelsInBackground, render_models
    from protocol_spec import load_api

    api = load_api(Path(sys.argv[1]))
    background = ModelsInBackground(api, "# header")
    forked = background._child is not None
    same = background.result() == render_models(api, "# header")
    cancelled = ModelsInBackground(api, "# header")
    pid = cancelled._child[0] if cancelled._child else None
    cancelled.cancel()
    try:
        os.kill(pid, 0)
        gone = False
    except ProcessLookupError:
        gone = True
    print(json.dumps({"forked": forked, "same": same, "gone": gone}))
    """
)


def test_background_models_are_the_inline_ones() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(FIXTURE)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {"forked": True, "same": True, "gone": True}
