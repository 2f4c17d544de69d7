"""Measure the reference server with wrk: requests/s and p50/p99 latency per operation.

    .venv/bin/python scripts/bench_server.py [--duration 5] [--connections 32]

Starts `python -m protocol_server` on a free loopback port with a fresh database, seeds it,
then runs wrk for get-by-id, list and create, one scenario after the other. Needs `wrk`
(Debian: `apt-get install -y wrk`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import httpx

from protocol_server.harness import running_server

TOKEN = "bench-token"
CONTACT = "WAz8eIbvDR60rouK"

# Shared by every scenario: authenticate, and report the summary as one JSON line.
LUA_COMMON = """
wrk.headers["Authorization"] = "Bearer %(token)s"
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"socket_errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, non2xx))
end
"""

LUA_GET = """
ids = {%(ids)s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/v1/conversations/" .. ids[(counter %% #ids) + 1])
end
"""

LUA_LIST = """
request = function()
  return wrk.format("GET", "/v1/conversations?limit=10")
end
"""

LUA_CREATE = """
wrk.method = "POST"
wrk.path = "/v1/conversations"
wrk.body = '{"contact_id": "%(contact)s"}'
wrk.headers["Content-Type"] = "application/json"
"""


@dataclass(frozen=True)
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per scenario (5)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--seed", type=int, default=1000, help="conversations to seed (1000)")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        print("bench_server: wrk is not installed; install it (apt-get install -y wrk).")
        return 2
    with running_server(tokens=(TOKEN,)) as server:
        ids = _seed(server.base_url, args.seed)
        scenarios = {
            "get-by-id": LUA_GET % {"ids": ", ".join(f'"{i}"' for i in ids)},
            "list (limit 10)": LUA_LIST,
            "create": LUA_CREATE % {"contact": CONTACT},
        }
        print(
            f"Protocol API reference server at {server.base_url}: {args.connections} "
            f"connections, {args.threads} wrk threads, {args.duration} s per scenario, "
            f"{len(ids)} seeded conversations, SQLite WAL + synchronous=FULL."
        )
        results = [
            _run_wrk(wrk, server.base_url, name, script, args) for name, script in scenarios.items()
        ]
    print(f"\n{'scenario':<18}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'failures':>10}")
    for result in results:
        print(
            f"{result.name:<18}{result.requests_per_second:>12.0f}{result.p50_ms:>10.2f}"
            f"{result.p99_ms:>10.2f}{result.failures:>10}"
        )
    return 1 if any(result.failures for result in results) else 0


def _seed(base_url: str, count: int) -> list[str]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers) as client:
        ids = []
        for _ in range(count):
            response = client.post("/v1/conversations", json={"contact_id": CONTACT})
            response.raise_for_status()
            ids.append(response.json()["id"])
    return ids


def _run_wrk(wrk: str, base_url: str, name: str, script: str, args: argparse.Namespace) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script + LUA_COMMON % {"token": TOKEN})
        lua.flush()
        completed = subprocess.run(
            [
                wrk,
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--timeout",
                "10s",
                "-s",
                lua.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("BENCH ")]
    if completed.returncode != 0 or not lines:
        raise SystemExit(
            f"bench_server: wrk failed for {name}:\n{completed.stdout}{completed.stderr}"
        )
    stats = json.loads(lines[-1].removeprefix("BENCH "))
    return Result(
        name=name,
        requests_per_second=stats["requests"] / (stats["duration_us"] / 1e6),
        p50_ms=stats["p50_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        requests=stats["requests"],
        failures=stats["socket_errors"] + stats["non_2xx"],
    )


if __name__ == "__main__":
    sys.exit(main())
