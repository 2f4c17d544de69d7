"""A local server that keeps every request and answers an OAuth2 token to `/oauth/token` (the
n-th request's token is `tok<n>`, expiring in `expires_in` seconds, after `delay` seconds) and
204 to anything else: what the clients' OAuth2 tests record their requests with."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["TokenServer"]

TOKEN_PATH = "/oauth/token"


class TokenServer:
    def __init__(self, expires_in: int = 3600, delay: float = 0.0) -> None:
        # (method, path, headers in lower case with the body under "body"), in arrival order.
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        lock = threading.Lock()
        served = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length).decode()
                headers = {k.lower(): v for k, v in self.headers.items()}
                with lock:
                    served.requests.append((self.command, self.path, {**headers, "body": body}))
                    number = len(served.requests)
                if not self.path.startswith(TOKEN_PATH):
                    self.send_response(204)
                    self.end_headers()
                    return
                time.sleep(delay)
                answer = {
                    "access_token": f"tok{number}",
                    "token_type": "bearer",
                    "expires_in": expires_in,
                }
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token_requests(self) -> list[tuple[str, str, dict[str, str]]]:
        return [r for r in self.requests if r[1].startswith(TOKEN_PATH)]

    def other_requests(self) -> list[tuple[str, str, dict[str, str]]]:
        return [r for r in self.requests if not r[1].startswith(TOKEN_PATH)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
