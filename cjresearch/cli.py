"""The ``cjresearch`` command line.

``cjresearch report CONFIG.yaml [--out DIR]`` builds a client report (see
:mod:`cjresearch.report`).  Errors are printed as one plain sentence on
stderr (no traceback) and give exit status 2 (bad configuration or input) or
1 (the report could not be built).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import CJResearchError, DataValidationError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cjresearch`` command.

    Examples
    --------
    >>> args = build_parser().parse_args(["report", "cfg.yaml", "--out", "out"])
    >>> args.command, args.config, args.out
    ('report', 'cfg.yaml', 'out')
    """
    parser = argparse.ArgumentParser(
        prog="cjresearch", description="Customer-journey research toolkit.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rep = sub.add_parser("report", help="build a self-contained HTML report from a YAML config",
                         description="Execute the report's notebooks and write one offline "
                                     "HTML file (default: reports/<id>/report.html).")
    rep.add_argument("config", help="report configuration (YAML)")
    rep.add_argument("--out", metavar="DIR", default=None,
                     help="output folder (default: reports/<id>/)")
    rep.add_argument("--timeout", metavar="SECONDS", type=int, default=1800,
                     help="most seconds one notebook cell may run (default: 1800)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples
    --------
    >>> main(["report", "no/such/config.yaml"])
    2
    """
    args = build_parser().parse_args(argv)
    if args.command == "report":
        from .report import build_report

        try:
            path = build_report(args.config, out=args.out, timeout=args.timeout)
        except DataValidationError as exc:
            print(f"cjresearch: error: {exc}", file=sys.stderr)
            return 2
        except CJResearchError as exc:
            print(f"cjresearch: error: {exc}", file=sys.stderr)
            return 1
        print(f"Report written to {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
