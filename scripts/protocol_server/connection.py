"""HTTP/1.1 connections that no client can hold forever or grow without bound.

uvicorn's httptools protocol parses requests well but trusts the client: it buffers a request's
head without limit, arms no timer before a first response, keeps a slow body waiting forever,
and answers what its parser rejects in `text/plain`. Rather than a proxy or a second parser, a
small subclass (`protocol_class`) adds what is missing around the same parser:

- the head (request line and headers) is counted as it arrives, both as raw bytes (a header
  that never ends never reaches a callback) and through the parser's callbacks (a whole head
  can arrive in one read): over `max_header_bytes` or `max_headers` it is 431 (414 when the
  request line alone is too long);
- one timer per phase: from a request's first byte (or the connection's opening) to its last
  header, `header_timeout`; from there to the body's last byte, `body_timeout`; between
  requests uvicorn's own keep-alive timer;
- a connection beyond `max_connections` is answered 503 at its first bytes and closed;
- every refusal, and everything the parser rejects (a bad chunk size, two Content-Lengths, an
  unknown method), is the API's error object.

HTTP answers requests in order and once each: a refused head behind responses still being
written is answered after them; a body still trickling after the application answered gets no
second answer, the connection is simply closed. Idle connections are closed without a word.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from protocol_server.config import Limits
from protocol_server.errors import ProtocolServerError

__all__ = ["ErrorBody", "protocol_class"]

# (status, message) -> the error object's JSON bytes, as the spec says it for that status.
ErrorBody = Callable[[int, str], bytes]


class _Refused(ProtocolServerError):
    """Raised in a parser callback to stop parsing and answer `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def protocol_class(limits: Limits, error_body: ErrorBody) -> type[HttpToolsProtocol]:
    """The protocol class to give uvicorn (`Config(http=...)`), bound to these limits."""
    return type(
        "LimitedHttpToolsProtocol",
        (_LimitedProtocol,),
        {"limits": limits, "error_body": staticmethod(error_body)},
    )


class _LimitedProtocol(HttpToolsProtocol):
    limits: Limits
    error_body: ErrorBody

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # waiting for a request's head, or for the rest of it
        self._head_started = False  # some of that head has arrived
        self._head_bytes = 0  # raw bytes received since that head began
        self._head_size = 0  # its URL and headers, as the parser delivered them
        self._header_count = 0
        self._timer: asyncio.TimerHandle | None = None
        self._over_limit = False
        # A refused head behind responses still being written: answered after them.
        self._deferred: tuple[int, str] | None = None

    # -- the connection ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._over_limit = len(self.connections) > self.limits.max_connections
        self._arm(self.limits.header_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        if self._deferred is not None:
            return  # the request is refused already; the parser stopped at its error
        if self._over_limit:
            self._refuse(
                503,
                f"The server has {self.limits.max_connections} connections open, its limit; "
                "retry in a moment.",
            )
            return
        if self._in_head:
            self._head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as error:
            refused = error.__context__
            if isinstance(refused, _Refused):
                self._refuse(refused.status, refused.message)
            else:  # a failure of ours while parsing: logged, and answered as any other
                self.logger.error("Exception while parsing a request", exc_info=refused)
                self._refuse(500, "The server failed to handle this request; retry later.")
            return
        except httptools.HttpParserUpgrade:
            return  # no upgrade is served (uvicorn runs with ws="none"): the request goes on
        except httptools.HttpParserError as error:
            self._refuse(400, _parser_message(error))
            return
        if self._in_head and self._head_bytes > self.limits.max_header_bytes:
            self._refuse(*self._head_too_large())

    # -- parser callbacks -------------------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_started = True, True
        self._head_size, self._header_count = 0, 0
        if self._timer is None:  # the next request of a kept-alive connection
            self._arm(self.limits.header_timeout, self._head_timed_out)

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > self.limits.max_header_bytes:
            raise _Refused(*self._head_too_large())

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._head_size += len(name) + len(value) + 4  # "name: value\r\n", roughly
        if self._header_count > self.limits.max_headers:
            raise _Refused(
                431,
                f"The request has more than {self.limits.max_headers} header fields, the "
                "server's limit; send fewer.",
            )
        if len(self.url) + self._head_size > self.limits.max_header_bytes:
            raise _Refused(*self._head_too_large())
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._disarm()
        super().on_headers_complete()
        self._arm(self.limits.body_timeout, self._body_timed_out)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()
        self._in_head, self._head_started, self._head_bytes = True, False, 0

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._deferred is not None and self.cycle.response_complete:
            self._refuse(*self._deferred)

    # -- timers -------------------------------------------------------------------------------

    def _arm(self, seconds: float, callback: Callable[[], None]) -> None:
        self._disarm()
        self._timer = self.loop.call_later(seconds, callback)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _head_timed_out(self) -> None:
        self._timer = None
        if (
            not self._head_started and self._head_bytes == 0
        ):  # nothing asked: an idle connection, closed without a word
            self.transport.close()
            return
        self._refuse(
            408,
            f"The request's headers did not arrive within {self.limits.header_timeout:g} s; "
            "send the whole head at once.",
        )

    def _body_timed_out(self) -> None:
        self._timer = None
        self._refuse(
            408,
            f"The request body did not arrive within {self.limits.body_timeout:g} s; send "
            "as many bytes as Content-Length promises, or end the chunked body.",
        )

    # -- answers ------------------------------------------------------------------------------

    def _head_too_large(self) -> tuple[int, str]:
        limit = self.limits.max_header_bytes
        if self._header_count == 0 and len(self.url) >= limit:
            return 414, f"The URL is longer than {limit} bytes, the server's limit."
        return 431, f"The request's headers are larger than {limit} bytes, the server's limit."

    def send_400_response(self, msg: str) -> None:  # uvicorn's own, for what it rejects
        self._refuse(400, msg)

    def _refuse(self, status: int, message: str) -> None:
        """Answer the error object and close, where HTTP leaves room for an answer; else close.

        A refused head belongs to a request the application has not seen: it is answered once
        every earlier response is complete (deferred until then). A refused body belongs to the
        request the application has: it may be answered until the application starts its own
        response.
        """
        self._disarm()
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if self._in_head and cycle is not None and not cycle.response_complete:
            # HTTP answers in order: this one once the earlier responses are written.
            self._deferred = (status, message)
            self.flow.pause_reading()
            return
        may_answer = self._in_head or (cycle is not None and not cycle.response_started)
        if cycle is not None and not cycle.response_complete:
            # To the application the client is gone: it must not answer any more (it may be
            # waiting for the rest of the body).
            cycle.disconnected = True
            cycle.message_event.set()
        if may_answer:
            body = self.error_body(status, message)
            head = [
                STATUS_LINE[status],
                b"content-type: application/json\r\n",
                b"content-length: %d\r\n" % len(body),
                b"connection: close\r\n\r\n",
            ]
            self.transport.write(b"".join(head) + body)
        self.transport.close()


def _parser_message(error: Exception) -> str:
    """What llhttp found wrong, as one sentence a client can act on."""
    detail = str(error).strip().rstrip(".") or "malformed request"
    return f"The request is not valid HTTP/1.1 ({detail}); see RFC 9112."
