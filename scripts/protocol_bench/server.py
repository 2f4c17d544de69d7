"""The reference server against Prism's mock of the same spec, under wrk.

Ours runs as `make serve` runs it: one process, the on-disk database (SQLite, WAL,
synchronous=FULL), each account with the spec's example objects, seeded through the API first. Prism runs `prism mock` in its static mode
(the spec's examples, no state). Both get the same requests, built from the model: the first
resource with get, list and create operations, the spec's example body for create, a page
size of 10 for list. Each scenario runs on ours, then on Prism, so both see the same machine.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from protocol_bench.environment import BenchTools
from protocol_bench.errors import BenchError
from protocol_codegen.samples import example_values
from protocol_server.harness import free_port, running_server
from protocol_spec import DEFAULT_SPEC, Api, load_api
from protocol_spec.model import Operation, Resource, Role

__all__ = [
    "OURS",
    "PAGE_SIZE",
    "PRISM",
    "SEEDED",
    "TOKEN",
    "WARM_UP",
    "Scenario",
    "ServerRow",
    "measure_servers",
]

OURS = "reference server"
PRISM = "Prism mock"
TOKEN = "bench-token"
SEEDED = 1000
PAGE_SIZE = 10
WARM_UP = 2  # seconds of the same load before each measured run, not counted


@dataclass(frozen=True)
class ServerRow:
    scenario: str
    server: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # socket errors and answers outside 2xx


@dataclass(frozen=True)
class Scenario:
    name: str  # "get by id", "list", "create"
    lua: str


def measure_servers(
    tools: BenchTools, seconds: int, connections: int, say: Callable[[str], None]
) -> list[ServerRow]:
    api = load_api(DEFAULT_SPEC)
    resource = _benchmarked_resource(api)
    rows: list[ServerRow] = []
    # As `make serve` runs it: each account starts with the spec's example objects, which the
    # example create body refers to (the whole API checks references).
    with (
        running_server(tokens=(TOKEN,), env={"PROTOCOL_EXAMPLE_OBJECTS": "1"}) as ours,
        _prism(tools, DEFAULT_SPEC) as prism_url,
    ):
        say(f"bench: seeding {SEEDED} {resource.name} on the reference server")
        ids = _seed(api, resource, ours.base_url)
        for scenario in _scenarios(api, resource, ids):
            for name, base_url in ((OURS, ours.base_url), (PRISM, prism_url)):
                say(
                    f"bench: {scenario.name} on the {name}, {seconds} s after {WARM_UP} s of warm-up"
                )
                _wrk(tools, name, scenario, base_url, WARM_UP, connections)  # JIT, caches
                rows.append(_wrk(tools, name, scenario, base_url, seconds, connections))
    return rows


def _benchmarked_resource(api: Api) -> Resource:
    for resource in api.resources:
        if all(resource.operation(role) for role in ("get", "list", "create")):
            return resource
    raise BenchError("the spec has no resource with get, list and create operations to measure")


def _operation(resource: Resource, role: Role) -> Operation:
    operation = resource.operation(role)
    assert operation is not None  # _benchmarked_resource chose a resource that has it
    return operation


def _create_body(api: Api, resource: Resource) -> dict[str, object]:
    body = example_values(api, _operation(resource, "create")).body
    return dict(body or ())


def _seed(api: Api, resource: Resource, base_url: str) -> list[str]:
    create = _operation(resource, "create")
    body = _create_body(api, resource)
    id_attribute = resource.id_attribute or "id"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers) as client:
        ids = []
        for _ in range(SEEDED):
            response = client.request(create.http_method, create.path, json=body)
            if not response.is_success:
                raise BenchError(
                    f"seeding: {create.http_method.upper()} {create.path} with the spec's "
                    f"example body {json.dumps(body)} answered {response.status_code}: "
                    f"{response.text[:500]}"
                )
            ids.append(str(response.json()[id_attribute]))
    return ids


def _scenarios(api: Api, resource: Resource, ids: list[str]) -> Iterator[Scenario]:
    get, listing, create = (_operation(resource, role) for role in ("get", "list", "create"))
    parameter = get.path_params[0].name
    prefix, _, suffix = get.path.partition("{" + parameter + "}")
    quoted_ids = ", ".join(json.dumps(value) for value in ids)
    yield Scenario(
        "get by id",
        f"""
ids = {{{quoted_ids}}}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("{get.http_method}", "{prefix}" .. ids[(counter % #ids) + 1] .. "{suffix}")
end
""",
    )
    limit = listing.pagination.limit_param if listing.pagination else None
    query = f"?{limit}={PAGE_SIZE}" if limit else ""
    yield Scenario(
        f"list ({PAGE_SIZE} per page)" if limit else "list",
        f"""
request = function()
  return wrk.format("{listing.http_method}", "{listing.path}{query}")
end
""",
    )
    body = json.dumps(_create_body(api, resource))
    yield Scenario(
        "create",
        f"""
wrk.method = "{create.http_method}"
wrk.path = "{create.path}"
wrk.body = [==[{body}]==]
wrk.headers["Content-Type"] = "application/json"
""",
    )


# Appended to every scenario: authenticate, and print the summary as one JSON line.
_LUA_COMMON = """
wrk.headers["Authorization"] = "Bearer %(token)s"
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"socket_errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status))
end
"""


def _wrk(
    tools: BenchTools,
    server: str,
    scenario: Scenario,
    base_url: str,
    seconds: int,
    connections: int,
) -> ServerRow:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(scenario.lua + _LUA_COMMON % {"token": TOKEN})
        lua.flush()
        command = [str(tools.wrk), "-t2", f"-c{connections}", f"-d{seconds}s"]
        done = subprocess.run(
            [*command, "--timeout", "10s", "-s", lua.name, base_url],
            capture_output=True,
            text=True,
            check=False,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH ")]
    if done.returncode != 0 or not lines:
        raise BenchError(f"wrk failed on the {server}, {scenario.name}:\n{done.stderr}")
    stats = json.loads(lines[-1].removeprefix("BENCH "))
    return ServerRow(
        scenario=scenario.name,
        server=server,
        requests_per_second=stats["requests"] / (stats["duration_us"] / 1e6),
        p50_ms=stats["p50_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        requests=stats["requests"],
        failures=stats["socket_errors"] + stats["non_2xx"],
    )


@contextmanager
def _prism(tools: BenchTools, spec: Path) -> Iterator[str]:
    """`prism mock` (static: answers with the spec's examples) on a free loopback port."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [str(tools.prism), "mock", str(spec), "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_answering(base_url, process, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_answering(base_url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            httpx.get(base_url + "/", timeout=1)  # any HTTP answer means it is listening
            return
        except httpx.TransportError:
            time.sleep(0.2)
    log.seek(0)
    raise BenchError("Prism did not start:\n" + log.read().decode("utf-8", "replace")[-2000:])
