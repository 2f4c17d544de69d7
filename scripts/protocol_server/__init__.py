"""The Protocol API reference server: an engine that serves any spec the model understands.

Run it with `python -m protocol_server` (see `config.py` for the environment). Modules: `plan`
reads what to serve from the model (`protocol_spec`) and refuses, with file and line, what it
cannot serve; `storage` and `migrations` keep one SQLite table per resource in line with the
spec; `store` reads and writes objects; `requests` turns queries and bodies into checked values;
`auth` maps tokens to accounts; `engine` plays the five roles (list, create, get, update,
delete) for any resource; `app` routes requests to it; `harness` starts a real server process
for tests, conformance runs and benchmarks.
"""

__all__: list[str] = []
