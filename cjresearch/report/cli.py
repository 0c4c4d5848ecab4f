"""The ``cjresearch`` command line, and batches of reports.

``cjresearch report CONFIG.yaml [--out DIR]`` builds a client report (see
:mod:`cjresearch.report.runner`).  ``cjresearch batch FILE... [--out DIR]`` builds
many clients or waves in one go: each ``FILE`` is a report configuration or a
batch file::

    # batch.yaml: data paths are relative to this file
    base: sample/report.yaml       # optional; each entry overrides its keys
    reports:
      - config: client-a/report.yaml       # a whole report configuration
      - client: Client B                   # or overrides of the base
        id: client-b
        language: ro
        data: {events: client-b/events.parquet}

Every report is written to ``<out>/<id>/`` (default ``reports/<id>/``).  A
progress bar shows the reports as they are built; a report that fails stops
nobody else, and the run ends with a summary of what was built, what failed
and why (notebook, cell, cause).

Errors are printed as one plain sentence on stderr (no traceback) and give
exit status 2 (bad configuration or input) or 1 (a report could not be built).
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjresearch.core.errors import CJResearchError, DataValidationError

__all__ = ["BatchResult", "build_batch", "build_parser", "format_summary", "load_batch", "main"]


# -- batches ---------------------------------------------------------------------------
@dataclass
class BatchResult:
    """The outcome of one report of a batch.

    ``error`` is one plain sentence; for a failed notebook ``notebook``,
    ``cell`` (1-based, as written) and ``cause`` (``"Type: message"``) say where
    and why.
    """

    name: str
    source: str
    path: Path | None = None
    seconds: float = 0.0
    error: str = ""
    notebook: str = ""
    cell: int | None = None
    cause: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None and not self.error


def _absolute(raw: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """A copy of a raw configuration whose data and notebook paths are absolute."""
    out = copy.deepcopy(dict(raw))

    def resolve(value: Any) -> Any:
        if isinstance(value, Mapping) and "path" in value:
            return {**value, "path": str((folder / str(value["path"])).resolve())}
        return str((folder / str(value)).resolve()) if isinstance(value, str) else value

    def journey(value: Any) -> Any:  # a file relative to the folder, or a preset name
        is_file = isinstance(value, str) and (folder / value).exists()
        return str((folder / value).resolve()) if is_file else value

    if isinstance(out.get("data"), Mapping):
        out["data"] = {
            k: journey(v) if k == "journey" else resolve(v) for k, v in out["data"].items()
        }
    if "journey" in out:
        out["journey"] = journey(out["journey"])
    if isinstance(out.get("sections"), list):
        fixed: list[Any] = []
        for item in out["sections"]:
            if isinstance(item, str) and item.endswith(".ipynb"):
                item = str((folder / item).resolve())
            elif isinstance(item, dict) and str(item.get("notebook", "")).endswith(".ipynb"):
                item = {**item, "notebook": str((folder / item["notebook"]).resolve())}
            fixed.append(item)
        out["sections"] = fixed
    return out


def _read_yaml(path: Path) -> Any:
    import yaml

    if not path.is_file():
        raise DataValidationError(
            "file not found", source=str(path), fix="give report configurations or batch files"
        )
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataValidationError(
            f"not valid YAML ({getattr(exc, 'problem', exc)})", source=path.name
        ) from None


def load_batch(sources: Sequence[str | Path]) -> list[tuple[str, str, Any]]:
    """The reports of a batch as ``(name, source, ReportConfig or the error)``.

    A configuration that cannot be read becomes an entry carrying its error,
    so that the other reports of the batch are still built.

    Examples
    --------
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> [(name, type(cfg).__name__) for name, _, cfg in load_batch([SAMPLE_DIR / "report.yaml"])]
    [('sample', 'ReportConfig')]
    """
    from cjresearch.report.runner import load_config

    found: list[tuple[str, str, Any]] = []
    for source in sources:
        path = Path(source)
        try:
            raw = _read_yaml(path)
        except DataValidationError as exc:
            found.append((path.stem, str(path), exc))
            continue
        if not (isinstance(raw, dict) and "reports" in raw):
            try:
                cfg = load_config(path)
                found.append((cfg.id, str(path), cfg))
            except DataValidationError as exc:
                found.append((path.stem, str(path), exc))
            continue
        folder = path.resolve().parent
        extra = sorted(set(raw) - {"base", "reports"})
        entries = raw.get("reports")
        base: dict[str, Any] = {}
        try:
            if extra:
                raise DataValidationError(
                    f"unknown key{'s' if len(extra) > 1 else ''} "
                    f"{', '.join(map(repr, extra))} in the batch file",
                    source=path.name,
                    fix="use only base and reports",
                )
            if not isinstance(entries, list) or not entries:
                raise DataValidationError(
                    "'reports' must list at least one report", source=path.name
                )
            if raw.get("base"):
                base_path = folder / str(raw["base"])
                base = _absolute(_read_yaml(base_path) or {}, base_path.resolve().parent)
        except DataValidationError as exc:
            found.append((path.stem, str(path), exc))
            continue
        for i, entry in enumerate(entries, start=1):
            where = f"{path}, report {i}"
            name = f"{path.stem}-{i}"
            try:
                if isinstance(entry, str):
                    entry = {"config": entry}
                if not isinstance(entry, dict):
                    raise DataValidationError("a report entry must be a mapping", source=where)
                if "config" in entry:
                    if set(entry) != {"config"}:
                        raise DataValidationError(
                            "an entry with 'config' takes no other keys", source=where
                        )
                    cfg = load_config(folder / str(entry["config"]))
                else:
                    own = _absolute(entry, folder)
                    merged = {**base, **{k: v for k, v in own.items() if k != "data"}}
                    merged["data"] = {**base.get("data", {}), **own.get("data", {})}
                    if "id" not in entry and "client" in entry:
                        merged.pop("id", None)
                    name = str(merged.get("id") or merged.get("client") or name)
                    cfg = load_config(merged, base_dir=folder)
                found.append((cfg.id, where, cfg))
            except DataValidationError as exc:
                found.append((name, where, exc))
    return found


def build_batch(
    sources: Sequence[str | Path],
    *,
    out: str | Path | None = None,
    jobs: int = 2,
    timeout: int | None = 1800,
    progress: bool = True,
) -> list[BatchResult]:
    """Build every report of a batch; one failure stops nobody else.

    Parameters
    ----------
    sources : list of paths
        Report configurations and batch files (see the module docstring).
    out : path, optional
        Root folder; each report goes to ``<out>/<id>/`` (default ``reports/<id>/``).
    jobs : int
        Section notebooks of one report executed at the same time.
    timeout : int, optional
        Seconds a single cell may run.
    progress : bool
        Show a progress bar (tqdm) on stderr.

    Returns
    -------
    list of BatchResult
        In batch order; see :func:`format_summary`.
    """
    from tqdm import tqdm

    from cjresearch.core.paths import REPORTS_DIR
    from cjresearch.report.runner import NotebookError, build_report

    root = Path(out) if out is not None else REPORTS_DIR
    plans = load_batch(sources)
    results: list[BatchResult] = []
    used: dict[str, str] = {}
    with tqdm(
        total=len(plans),
        desc="reports",
        unit="report",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    ) as bar:
        for name, source, cfg in plans:
            bar.set_postfix_str(name)
            result = BatchResult(name=name, source=source)
            start = time.perf_counter()
            try:
                if isinstance(cfg, Exception):
                    raise cfg
                if cfg.id in used:
                    raise DataValidationError(
                        f"the report id '{cfg.id}' is also used by {used[cfg.id]}",
                        source=source,
                        fix="give each report of a batch its own 'id'",
                    )
                used[cfg.id] = source
                result.path = build_report(cfg, out=root / cfg.id, jobs=jobs, timeout=timeout)
            except NotebookError as exc:
                result.error = str(exc)
                result.notebook, result.cell, result.cause = exc.notebook, exc.cell, exc.cause
            except CJResearchError as exc:
                result.error, result.cause = str(exc), str(exc)
            except Exception as exc:  # noqa: BLE001 - one report must not stop the batch
                result.error = result.cause = f"{exc.__class__.__name__}: {exc}"
            result.seconds = time.perf_counter() - start
            if result.error:
                result.path = None
            results.append(result)
            bar.update(1)
    return results


def format_summary(results: Sequence[BatchResult]) -> str:
    """What was built, what failed and why, as plain text.

    Examples
    --------
    >>> ok = BatchResult("a", "a.yaml", Path("reports/a/report.html"), 12.0)
    >>> bad = BatchResult("b", "b.yaml", None, 3.0, "...", "overview.ipynb", 4,
    ...                   "DataValidationError: events.csv: column 'timestamp' is missing")
    >>> print(format_summary([ok, bad]))
    Built 1 of 2 reports (15 s).
      built   a: reports/a/report.html (12 s)
      FAILED  b: overview.ipynb, cell 4: DataValidationError: events.csv: column 'timestamp' is missing
    """
    built = [r for r in results if r.ok]
    total = sum(r.seconds for r in results)
    lines = [
        (
            f"Built {len(built)} of {len(results)} report{'s' if len(results) != 1 else ''} "
            f"({total:.0f} s)."
        )
    ]
    for r in results:
        if r.ok:
            lines.append(f"  built   {r.name}: {r.path} ({r.seconds:.0f} s)")
        else:
            where = r.notebook + (f", cell {r.cell}" if r.cell else "")
            why = r.cause or r.error
            lines.append(f"  FAILED  {r.name}: {where + ': ' if where else ''}{why}")
    return "\n".join(lines)


# -- the command line ------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cjresearch`` command.

    Examples
    --------
    >>> args = build_parser().parse_args(["report", "cfg.yaml", "--out", "out"])
    >>> args.command, args.config, args.out
    ('report', 'cfg.yaml', 'out')
    >>> build_parser().parse_args(["batch", "a.yaml", "b.yaml"]).configs
    ['a.yaml', 'b.yaml']
    """
    parser = argparse.ArgumentParser(
        prog="cjresearch", description="Customer-journey research toolkit."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rep = sub.add_parser(
        "report",
        help="build a self-contained HTML report from a YAML config",
        description="Execute the report's notebooks and write one offline "
        "HTML file (default: reports/<id>/report.html).",
    )
    rep.add_argument("config", help="report configuration (YAML)")
    rep.add_argument(
        "--out", metavar="DIR", default=None, help="output folder (default: reports/<id>/)"
    )
    bat = sub.add_parser(
        "batch",
        help="build many clients or waves in one go",
        description="Build every report of the given configurations and "
        "batch files; failures are summarised at the end.",
    )
    bat.add_argument(
        "configs", nargs="+", metavar="CONFIG", help="report configurations or batch files (YAML)"
    )
    bat.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="root folder; each report goes to DIR/<id>/ (default: reports/)",
    )
    bat.add_argument("--no-progress", action="store_true", help="no progress bar")
    for p in (rep, bat):
        p.add_argument(
            "--timeout",
            metavar="SECONDS",
            type=int,
            default=1800,
            help="most seconds one notebook cell may run (default: 1800)",
        )
        p.add_argument(
            "--jobs",
            metavar="N",
            type=int,
            default=2,
            help="section notebooks run at the same time (default: 2)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples
    --------
    >>> main(["report", "no/such/config.yaml"])
    2
    """
    args = build_parser().parse_args(argv)
    if args.command == "batch":
        results = build_batch(
            args.configs,
            out=args.out,
            jobs=args.jobs,
            timeout=args.timeout,
            progress=not args.no_progress,
        )
        print(format_summary(results))
        return 0 if all(r.ok for r in results) else 1
    from cjresearch.report.runner import build_report

    try:
        path = build_report(args.config, out=args.out, timeout=args.timeout, jobs=args.jobs)
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
