"""The Protocol API reference server: a real implementation of spec/openapi.yaml on SQLite.

Run it with `python -m protocol_server` (see `config.py` for the environment). Modules:
`spec` loads the contract and its JSON Schema validators, `validation` turns queries and bodies
into checked values, `auth` maps tokens to accounts, `store` keeps conversations in SQLite,
`app` wires them into a Starlette application, and `harness` starts a real server process for
tests, conformance runs and benchmarks.
"""
