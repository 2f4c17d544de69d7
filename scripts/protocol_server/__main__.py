"""`python -m protocol_server`: serve the Protocol API on HOST:PORT (see config.py for the env)."""

from __future__ import annotations

import argparse
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette

from protocol_server.app import create_app, error_body
from protocol_server.auth import account_of
from protocol_server.config import DEV_TOKEN, LIMIT_VARIABLES, ConfigError, Limits, Settings
from protocol_server.connection import protocol_class
from protocol_server.deliveries import start_webhooks
from protocol_server.examples import example_objects, give_examples
from protocol_server.migrations import MigrationError
from protocol_server.plan import UNPAGED_LIMIT, Plan, Unserved, survey
from protocol_server.store import Store
from protocol_server.token_key import TokenKeyError
from protocol_server.uploads import FileStore
from protocol_server.webhook_config import WebhookConfigError
from protocol_spec import SpecErrors, load_api

__all__ = ["main"]

_DESCRIPTION = """\
Serve the Protocol API (spec/openapi.yaml) for real: SQLite storage, one account per token.
It is configured by the environment only:
  HOST, PORT            where to listen (default 127.0.0.1:8000)
  PROTOCOL_DB           SQLite file (default var/protocol.sqlite3), or :memory:
  PROTOCOL_FILES        directory of uploaded files (default: files/ beside the database)
  PROTOCOL_PUBLIC_URL   start of uploaded files' URLs (default http://HOST:PORT)
  PROTOCOL_EXAMPLE_OBJECTS  0: accounts start empty (default 1: with the spec's examples)
  PROTOCOL_API_TOKENS   comma-separated bearer tokens, one account each
                        (unset: the development token 'protocol-dev-token')
  PROTOCOL_SPEC         the spec to validate requests against (default spec/openapi.yaml)
  PROTOCOL_ACCESS_LOG   1 logs every request
  PROTOCOL_TOKEN_KEY    key of the tokens' hashes in the database (at least 32
                        characters; unset: the file <PROTOCOL_DB>.key, mode 0600)
  PROTOCOL_WEBHOOKS     comma-separated webhook receivers: <url> (every account)
                        or <token>=<url> (that token's account); unset: none
  PROTOCOL_WEBHOOK_SECRET   the secret deliveries are signed with
  PROTOCOL_WEBHOOK_RETRY    seconds before each retry (default 1,5,30,120,600,3600,21600)
  PROTOCOL_WEBHOOK_TIMEOUT  seconds per delivery attempt (default 5)
Limits (a request over one is answered with the error object, then closed):
""" + "\n".join(
    f"  {variable:<30}{meaning} (default {getattr(Limits(), name):g})"
    for variable, (name, meaning) in LIMIT_VARIABLES.items()
)


def main(argv: list[str] | None = None) -> int:
    # No options: parsing only gives --help and rejects stray arguments instead of ignoring them.
    parser = argparse.ArgumentParser(
        prog="python -m protocol_server",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        found = survey(load_api(settings.spec_path))
    except ConfigError as error:
        print(f"protocol_server: {error}", file=sys.stderr)
        return 2
    except SpecErrors as errors:
        print(errors.render(), file=sys.stderr)
        print(
            f"protocol_server: cannot serve {settings.spec_path}: {len(errors.errors)} "
            "problem(s) above, each with what to change.",
            file=sys.stderr,
        )
        return 2
    if found.plan is None:
        # Nothing can be served: every reason, the whole spec's first, then per resource.
        if found.problems:
            print("the whole spec:", file=sys.stderr)
            print(SpecErrors(list(found.problems)).render(), file=sys.stderr)
        for left in found.unserved:
            print(f"{_left_out(left)}:", file=sys.stderr)
            print(SpecErrors(list(left.reasons)).render(), file=sys.stderr)
        print(
            f"protocol_server: cannot serve {settings.spec_path}: {len(found.reasons)} "
            "problem(s) above, each with what to change.",
            file=sys.stderr,
        )
        return 2
    served = found.plan
    try:
        store = Store(settings.db_path, served.layouts, settings.token_key)
    except TokenKeyError as error:
        print(f"protocol_server: {error}", file=sys.stderr)
        return 2
    except MigrationError as error:
        print(
            f"protocol_server: the database {settings.db_path!r} cannot follow the spec: {error}",
            file=sys.stderr,
        )
        return 2
    except (sqlite3.Error, OSError, RuntimeError) as error:
        print(
            f"protocol_server: cannot open the database {settings.db_path!r}: {error}. "
            "Set PROTOCOL_DB to a writable file path (or :memory:).",
            file=sys.stderr,
        )
        return 2

    files = FileStore(settings.files_dir)
    examples_given = 0
    if settings.example_objects:
        objects = example_objects(served)
        accounts = [account_of(store.account_key, token) for token in settings.tokens]
        try:
            examples_given = store.transaction(
                lambda db: give_examples(db, accounts, objects, files)
            )
        except OSError as error:
            print(
                f"protocol_server: cannot write the example objects' files under "
                f"{settings.files_dir}: {error.strerror or error}. Set PROTOCOL_FILES to a "
                "writable directory, or PROTOCOL_EXAMPLE_OBJECTS=0.",
                file=sys.stderr,
            )
            store.close()
            return 2
    try:
        deliverer = start_webhooks(served, store, settings.webhooks, settings.tokens)
    except WebhookConfigError as error:
        print(f"protocol_server: {error}", file=sys.stderr)
        store.close()
        return 2

    @asynccontextmanager
    async def close_store(app: Starlette) -> AsyncIterator[None]:
        yield
        deliverer.stop()  # pending deliveries stay in the database for the next start
        store.close()  # after uvicorn has finished the in-flight requests

    app = create_app(
        served,
        store,
        settings.tokens,
        lifespan=close_store,
        docs_dir=settings.docs_dir,
        files=files,
        public_url=settings.public_url,
    )
    try:
        listener = _listen(settings.host, settings.port)
    except OSError as error:
        print(
            f"protocol_server: cannot listen on {settings.host}:{settings.port}: "
            f"{error.strerror or error}. Set HOST and PORT to a free address.",
            file=sys.stderr,
        )
        deliverer.stop()
        store.close()
        return 2
    _print_banner(settings, served, store.migrations, examples_given)
    config = uvicorn.Config(
        app,
        # Access logs are off unless asked for; they are logged at INFO.
        log_level="info" if settings.access_log else "warning",
        access_log=settings.access_log,
        server_header=False,
        # Our limits around uvicorn's httptools parser (connection.py); no WebSocket upgrades.
        http=protocol_class(settings.limits, error_body(served)),
        ws="none",
        timeout_keep_alive=settings.limits.keep_alive_timeout,  # type: ignore[arg-type]
    )
    # uvicorn handles SIGTERM and SIGINT gracefully: stop accepting, finish in-flight requests,
    # run the lifespan shutdown (which closes the store), then re-raise the signal so the exit
    # status tells how the process ended. For SIGINT that surfaces as KeyboardInterrupt.
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        print("Protocol API reference server stopped.")
        return 130
    return 0


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP,
    # and without it every response waits ~40 ms for a delayed ACK (Nagle).
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    listener.set_inheritable(True)
    return listener


def _left_out(left: Unserved) -> str:
    operations = ", ".join(op.label for op in left.resource.operations)
    return f"resource '{left.resource.name}' ({operations})"


def _print_banner(
    settings: Settings, served: Plan, migrations: list[str], examples_given: int
) -> None:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"Protocol API reference server listening on http://{host}:{settings.port}")
    print(f"  database: {settings.db_path}")
    for change in migrations:
        print(f"    migrated: {change}")
    if any(f.reference for s in served.served for f in s.model.fields):
        print(
            "  references: an id naming no object (as an older database may hold) reads as "
            "null, or is left out of its array; nothing is deleted for it"
        )
    if any(f.file for s in served.served for f in s.model.fields):
        print(f"  files:    {settings.files_dir} (URLs start {settings.public_url})")
    if examples_given:
        print(
            f"  examples: {examples_given} account(s) got the spec's example objects "
            "(PROTOCOL_EXAMPLE_OBJECTS=0 starts accounts empty)"
        )
    print(f"  spec:     {settings.spec_path}")
    print(f"  serves:   {', '.join(served.paths)}")
    for unpaged in (s for s in served.served if s.unpaged):
        listing = unpaged.resource.operation("list")
        assert listing is not None
        ignored = ", ".join(unpaged.not_applied)
        print(
            f"  unpaged:  {listing.label} answers the first {UNPAGED_LIMIT} objects by "
            f"{unpaged.id_attribute}"
            + (f"; its parameters {ignored} are accepted, not applied" if ignored else "")
        )
    for left in served.unserved:  # a resource of the spec left out, and why
        print(f"  not served: {_left_out(left)}:")
        for reason in left.reasons:
            print("\n".join("    " + line for line in reason.render().splitlines()))
    for receiver in settings.webhooks.receivers:
        bound = "every account" if receiver.token is None else "one account"
        print(f"  webhooks: {receiver.url} ({bound})")
    if served.open:
        print(
            "  accounts: the spec declares no security: every request is served, in one "
            "account, and no token is read"
        )
    elif settings.tokens_from_env:
        print(f"  accounts: {len(settings.tokens)} token(s) from PROTOCOL_API_TOKENS")
    else:
        print(
            "  WARNING: PROTOCOL_API_TOKENS is not set; the only account is the development "
            f"token {DEV_TOKEN!r}:\n"
            f"    curl -H 'Authorization: Bearer {DEV_TOKEN}' "
            f"http://{host}:{settings.port}{served.paths[0]}\n"
            "  Set PROTOCOL_API_TOKENS (comma-separated, one account each) for anything else."
        )
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
