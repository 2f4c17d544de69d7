"""`python -m protocol_review`: what a spec change breaks, on the wire and in each SDK.

Exit status: 0 nothing breaks (or every breaking change is acknowledged), 1 something breaks,
2 the review cannot be made (unknown ref, a spec that does not load, a bad option or ignore
file); never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from protocol_codegen.errors import GeneratorError
from protocol_spec import DEFAULT_SPEC, SpecErrors

from .formats import FORMATS
from .release import RELEASE_FILE_NAME, ensure_commit, read_release
from .review import EXIT_UNUSABLE, FAIL_ON, review_sides, run_review
from .rules import RULES
from .sides import ReviewError, load_side, load_side_file

__all__ = ["DEFAULT_BASE", "DEFAULT_FORMAT", "IGNORE_FILE_NAME", "main", "rules_table"]

DEFAULT_BASE = "HEAD"
DEFAULT_FORMAT = "text"
IGNORE_FILE_NAME = "review-ignore.yaml"


def _env(name: str) -> str | None:
    # `make review BASE=` passes an empty value: that means "not given".
    value = os.environ.get(name, "").strip()
    return value or None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m protocol_review",
        description=(
            "Review a change of the OpenAPI spec: breaking and compatible changes of the wire "
            "contract, what changes in the generated Python, TypeScript and PHP SDKs, and lint "
            "of the new spec. Compares the working tree's spec with the spec at a git ref."
        ),
        epilog=(
            "Exit status: 0 nothing breaks (or every breaking change is acknowledged by a major "
            "bump of info.version or the review-ignore file), 1 something breaks, 2 the review "
            "cannot be made. Environment: SPEC, BASE, FORMAT and FAIL_ON stand for --spec, "
            "--base, --format and --fail-on; a BASE that names a spec file stands for "
            "--base-file."
        ),
    )
    parser.add_argument(
        "--base",
        help=f"git ref to compare against, or a spec file (env BASE, default {DEFAULT_BASE})",
    )
    parser.add_argument(
        "--head", help="review the spec at this git ref instead of the working tree's file"
    )
    parser.add_argument(
        "--base-file", type=Path, help="compare against this file instead of a git ref"
    )
    parser.add_argument(
        "--release",
        action="store_true",
        help=f"compare against the last release: the commit named by {RELEASE_FILE_NAME} "
        "beside the spec (what CI does)",
    )
    parser.add_argument(
        "--format",
        help=f"{' | '.join(FORMATS)} (env FORMAT, default {DEFAULT_FORMAT})",
    )
    parser.add_argument(
        "--fail-on",
        help=f"{' | '.join(FAIL_ON)}: what makes the exit status 1 (env FAIL_ON, default "
        "breaking; potentially-breaking also fails on changes that may break some clients)",
    )
    parser.add_argument(
        "--spec", type=Path, help=f"the spec file (env SPEC, default {DEFAULT_SPEC.name} in spec/)"
    )
    parser.add_argument(
        "--ignore-file",
        type=Path,
        help=f"accepted changes (default: {IGNORE_FILE_NAME} beside the spec, when it exists)",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="print the rule table (Markdown) and exit"
    )
    return parser


def rules_table() -> str:
    lines = ["| rule | section | severity | what it reports |", "| --- | --- | --- | --- |"]
    for rule in sorted(
        RULES.values(), key=lambda r: (("wire", "sdk", "lint", "review").index(r.section), r.id)
    ):
        lines.append(f"| `{rule.id}` | {rule.section} | {rule.severity} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list_rules:
        sys.stdout.write(rules_table())
        return 0
    output_format = args.format or _env("FORMAT") or DEFAULT_FORMAT
    if output_format not in FORMATS:
        print(
            f"protocol_review: unknown format {output_format!r}; use one of: {', '.join(FORMATS)}",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    fail_on = args.fail_on or _env("FAIL_ON") or FAIL_ON[0]
    if fail_on not in FAIL_ON:
        print(
            f"protocol_review: unknown FAIL_ON {fail_on!r}; use one of: {', '.join(FAIL_ON)}",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    spec: Path = args.spec or Path(_env("SPEC") or DEFAULT_SPEC)
    ignore = args.ignore_file
    if ignore is None and (spec.parent / IGNORE_FILE_NAME).exists():
        ignore = spec.parent / IGNORE_FILE_NAME
    try:
        base = args.base or _env("BASE") or DEFAULT_BASE
        base_file: Path | None = args.base_file
        if base_file is None and not args.release and Path(base).is_file():
            # `make review SPEC=new.yaml BASE=old.yaml`: two files, as --base-file compares.
            base_file = Path(base)
        if args.release:
            record = spec.parent / RELEASE_FILE_NAME
            base = read_release(record)
            ensure_commit(spec.parent, base, str(record))
        if base_file is not None:
            review = review_sides(
                load_side_file(base_file, "base"),
                load_side_file(spec, "new")
                if args.head is None
                else load_side(spec, args.head, "new"),
                ignore,
                fail_on,
            )
        else:
            review = run_review(spec, base, args.head, ignore, fail_on)
    except ReviewError as error:
        print(f"protocol_review: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except SpecErrors as error:
        print(f"protocol_review: the review cannot be made:\n{error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except GeneratorError as error:
        print(
            "protocol_review: the SDKs cannot be generated from one of the specs, so their "
            f"impact cannot be computed (`make generate` fails the same way):\n{error}",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 - a crash must never read as a verdict (exit 1)
        print(
            f"protocol_review: the review crashed ({type(exc).__name__}: {exc}); this is a bug "
            "of the review, not a verdict on the spec: please report it with both specs",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    sys.stdout.write(FORMATS[output_format](review))
    return review.exit_status
