"""`python -m protocol_codegen generate|check|docs`: the generator's command line.

`docs` is `generate` for the reference page alone (`generated/docs/`); it prints the page's
absolute path on standard output (and what it did on standard error), for `make docs`.

Errors are printed as sentences (file, line, JSON pointer, fix) with exit status 1; a
traceback means a bug in the generator, never bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from protocol_codegen import cache
from protocol_codegen.check import find_drift
from protocol_codegen.errors import GeneratorError
from protocol_codegen.pipeline import render_targets
from protocol_codegen.report import shown, up_to_date
from protocol_codegen.simplified import simplified
from protocol_codegen.targets import TARGETS
from protocol_codegen.write import write_generated
from protocol_spec import DEFAULT_SPEC, SpecError, SpecErrors, load_api_unchecked

__all__ = ["DEFAULT_OUT", "DOCS_PAGE", "DOCS_TARGET", "main"]


DEFAULT_OUT = cache.DEFAULT_OUT
DOCS_TARGET = "docs"
DOCS_PAGE = "index.html"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m protocol_codegen",
        description="Generate client code from the OpenAPI spec, or check that it is up to date.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "write generated/ from the spec and templates (only what changed)"),
        ("check", "exit 1, naming each file, when generated/ is not what generate would write"),
        ("docs", f"write only the reference page, {DOCS_TARGET}/, and print its path"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI file")
        command.add_argument("--out", type=Path, default=DEFAULT_OUT, help="generated tree")
        command.add_argument(
            "--lenient",
            action="store_true",
            help="report an example or default that does not match its schema as a warning "
            "(JSON Schema says SHOULD), not an error",
        )
        if name != "docs":
            command.add_argument(
                "--target",
                action="append",
                choices=sorted(TARGETS),
                help="only this target (repeatable); default: all",
            )
    return parser


def main(argv: Sequence[str] | None = None, inputs: cache.Inputs | None = None) -> int:
    """The command line; `inputs`, when the caller took them already, are `cache.Inputs()` of
    this very run (`__main__` reads them first to answer a no-op `make generate`)."""
    args = _parser().parse_args(argv)
    if args.command == "docs":
        targets = [DOCS_TARGET]
    else:
        targets = args.target or list(TARGETS)
    started = time.perf_counter()
    # `make generate`'s own run leaves the no-op key (see cache); its inputs are read first.
    keyed = (
        args.command == "generate"
        and not args.target
        and (args.spec, args.out)
        == (
            cache.DEFAULT_SPEC,
            cache.DEFAULT_OUT,
        )
    )
    if not keyed or args.lenient:
        inputs = None  # the key stands for a strict run of the project's spec alone
    elif inputs is None:
        inputs = cache.Inputs()
    warnings: list[SpecError] = []
    try:
        api, run_checks = load_api_unchecked(args.spec, lenient=args.lenient)
        files = render_targets(api, targets, lambda: warnings.extend(run_checks()))
        for warning in warnings:
            print(f"warning: {warning.render()}", file=sys.stderr)
        loose = simplified(api)
        for construct in loose:
            print(f"warning: {construct.render()}", file=sys.stderr)
        if loose:
            print(
                f"{len(loose)} schema construct(s) typed loosely in the SDKs "
                "(README.md, 'Simplified constructs')",
                file=sys.stderr,
            )
        if args.command == "check":
            return _report_drift(files, args.out, targets)
        result = write_generated(files, args.out, targets)
    except SpecErrors as errors:
        print(errors.render(), file=sys.stderr)
        print(
            f"{len(errors.errors)} problem(s) in the spec; nothing was generated.", file=sys.stderr
        )
        return 1
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}; nothing under {args.out} was changed.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    if args.command == "docs":
        done = "wrote" if result.written else "up to date:"
        print(f"{done} {shown(args.out / DOCS_TARGET)}/ ({elapsed:.2f}s)", file=sys.stderr)
        print((args.out / DOCS_TARGET / DOCS_PAGE).resolve())
        return 0
    if inputs is not None:
        cache.remember(inputs)
    for name in result.written:
        folder = "/" if (args.out / name).is_dir() else ""
        print(f"wrote {shown(args.out / name)}{folder}")
    if not result.written:
        print(up_to_date(args.out, result.file_count, elapsed))
    return 0


def _report_drift(files: dict[str, str], out: Path, targets: list[str]) -> int:
    drift = find_drift(files, out, targets)
    if not drift:
        print(f"{shown(out)} is up to date with the spec and templates ({len(files)} files)")
        return 0
    print(f"{shown(out)} is not what the spec and templates produce:", file=sys.stderr)
    for item in drift:
        print(f"  {item.kind}: {shown(out / item.path)}", file=sys.stderr)
    print("Run `make generate` and commit the result.", file=sys.stderr)
    return 1
