"""The retry-parity scenarios, as the Python client runs them (see test_retry_parity.py).

    python driver.py '<scenarios as JSON>' <base URL>

Prints {scenario: outcome} as JSON: "ok", "status <code> <error class>", "timeout" or
"connection error".
"""

from __future__ import annotations

import json
import sys
from typing import Any

from protocol_api import (
    ApiClient,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    Conversation,
)
from protocol_api._base_client import Call
from protocol_api._types import RequestOptions

CONVERSATION_ID = "xgQQXg3hrtjh7AvZ"


def run(client: ApiClient, scenario: dict[str, Any]) -> None:
    options: RequestOptions = {}
    if "max_retries" in scenario:
        options["max_retries"] = scenario["max_retries"]
    if "timeout" in scenario:
        options["timeout"] = scenario["timeout"]
    if scenario["call"] == "get":
        client.conversations.get(CONVERSATION_ID, **options)
    elif scenario["call"] == "create":
        client.conversations.create(contact_id="WAz8eIbvDR60rouK", **options)
    else:  # a request that is not safe to repeat
        client.request(Call("POST", "/v1/conversations", body={}, **options), Conversation)


def main() -> None:
    scenarios, base_url = json.loads(sys.argv[1]), sys.argv[2]
    outcomes: dict[str, str] = {}
    for scenario in scenarios:
        with ApiClient("t", base_url=f"{base_url}/{scenario['name']}") as client:
            try:
                run(client, scenario)
                outcomes[scenario["name"]] = "ok"
            except APIStatusError as error:
                outcomes[scenario["name"]] = f"status {error.status_code} {type(error).__name__}"
            except APITimeoutError:
                outcomes[scenario["name"]] = "timeout"
            except APIConnectionError:
                outcomes[scenario["name"]] = "connection error"
    print(json.dumps(outcomes))


main()
