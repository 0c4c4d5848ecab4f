"""Build a client report: run the section notebooks, write one offline HTML file.

A report is described by a small YAML file (every key is in the README's
table "The report configuration" and in :mod:`cjresearch.report.config`)::

    client: Sample retailer          # shown in the title block
    id: sample                       # folder under reports/ (default: from client)
    language: en                     # en, ro, bg, pl, pt or it
    journey: journey.yaml            # a file or a preset name
    data:                            # every input optional; relative to this file
      events: events.parquet
      customers: {path: customers.csv, columns: {"Client ID": customer_id}}
      survey: survey.csv
    sections:                        # notebooks/<name>.ipynb, in order (default: all four)
      - overview
      - notebook: progression        # with section-only parameters
        parameters: {from_stage: consideration}

Before any notebook runs, every key and parameter is checked
(:func:`~cjresearch.report.reportconfig.load_config`,
:func:`~cjresearch.report.reportconfig.section_parameters`) and the inputs
are read once into a :class:`~cjresearch.report.study.Study`, whose shared results
(timeline, waiting times, funnel, exposure, paths) are cached in
``<out>/_cache/`` under the inputs' fingerprints.  Each section notebook is
executed with papermill in a fresh ``python3`` kernel running this
interpreter, with the config file's folder as working directory; it receives
``config`` (the resolved configuration) and ``study_cache`` and those of
``client``, ``period``, ``language`` and the data paths that its
``parameters`` cell declares.  The page is written atomically: a failed run
leaves the previous report in place.  Executed notebooks are kept in
``<out>/_debug/``.

Independent section notebooks run in parallel (``jobs``, default 2).  Tables
a notebook displays with ``table(df, export="name")`` are written beside the
page as ``tables/<name>.csv`` and one ``tables.xlsx`` (:mod:`cjresearch.report.exports`);
charts a section exports (``export_figure``) as ``figures/<name>.svg``, ``.png`` and
``.pdf`` (:mod:`cjresearch.report.figures`).
Many clients or waves are built in one go by :func:`cjresearch.report.cli.build_batch`.

Notebooks draw charts with :func:`show` and tables with :func:`table`.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cjresearch.core.errors import ReportError
from cjresearch.core.i18n import LANGUAGES
from cjresearch.core.paths import PROJECT_DIR, REPORTS_DIR, atomic_path
from cjresearch.report.config import ReportSpec
from cjresearch.report.exports import export_table
from cjresearch.report.render import MAX_CHART_ROWS, Section, render_page, show, table, warm_up
from cjresearch.report.reportconfig import (
    ReportConfig,
    SectionConfig,
    load_config,
    section_parameters,
)

__all__ = [
    "LANGUAGES",
    "MAX_CHART_ROWS",
    "NotebookError",
    "ReportConfig",
    "build_report",
    "export_table",
    "failing_line",
    "load_config",
    "show",
    "table",
]

# -- execution -------------------------------------------------------------------------
KERNEL_NAME = "python3"


def write_kernel_spec(folder: Path) -> Path:
    """Write the spec of a ``python3`` kernel that runs this very interpreter.

    Parameters
    ----------
    folder : pathlib.Path
        A kernel directory for :class:`jupyter_client.kernelspec.KernelSpecManager`
        (``kernel_dirs=[folder]``); the spec goes to ``<folder>/python3/kernel.json``.

    Returns
    -------
    pathlib.Path
        ``folder``.

    Examples
    --------
    >>> import sys, tempfile
    >>> from jupyter_client.kernelspec import KernelSpecManager
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     specs = KernelSpecManager(kernel_dirs=[str(write_kernel_spec(Path(tmp)))])
    ...     specs.get_kernel_spec("python3").argv[0] == sys.executable
    True
    """
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (cjresearch)",
        "language": "python",
    }
    (folder / KERNEL_NAME).mkdir(parents=True, exist_ok=True)
    (folder / KERNEL_NAME / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder


def _kernel_manager_class(kernel_dir: Path, log_file: Path) -> type:
    """A kernel manager that finds its kernels in ``kernel_dir`` only (see
    :func:`write_kernel_spec`) and sends the kernel process's stderr to ``log_file``.

    The kernel's own stderr (start-up notices, crashes) goes to the log rather than
    the terminal; cell output is captured by papermill as usual.  Both go through
    public parameters: ``kernel_spec_manager`` of the manager and the ``stderr``
    that ``start_kernel`` passes on to ``launch_kernel`` (nbclient creates the
    manager and starts its kernel itself, so the class carries them).

    The kernel talks over Unix sockets (``transport="ipc"``) named uniquely inside
    ``kernel_dir``, not TCP ports: a free port chosen by the manager can be taken
    by another kernel starting at the same moment (sections run in parallel, and
    so may other reports), and the kernel then dies with "Address already in use".
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    class ThisPythonKernelManager(AsyncKernelManager):
        def __init__(self, **kw: Any) -> None:
            kw.setdefault("kernel_spec_manager", KernelSpecManager(kernel_dirs=[str(kernel_dir)]))
            kw.setdefault("transport", "ipc")
            kw.setdefault("ip", str(kernel_dir / f"ipc-{uuid.uuid4().hex[:12]}"))
            super().__init__(**kw)

        # AsyncKernelManager.start_kernel is a coroutine function, typed after the
        # synchronous KernelManager's (as jupyter_client's own overrides note)
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            with open(log_file, "ab") as log:  # noqa: ASYNC230 - opened once, quickly
                await super().start_kernel(stderr=log, **kw)

    return ThisPythonKernelManager


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookError(ReportError):
    """A section notebook failed: which one, which cell, and why in plain words.

    Attributes ``notebook``, ``cell`` (1-based, as the notebook is written, or
    None), ``line`` (the statement that failed, as the traceback names it; else the
    cell's first line) and ``cause`` (``"Type: message"``).
    """

    def __init__(
        self,
        message: str,
        *,
        notebook: str,
        cell: int | None = None,
        line: str = "",
        cause: str = "",
    ) -> None:
        super().__init__(message)
        self.notebook, self.cell, self.line, self.cause = notebook, cell, line, cause


_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


def failing_line(source: str, traceback: list[str]) -> str:
    r"""The statement of a cell that raised: the cell's line IPython names in the
    traceback (``Cell In[3], line 5``), else the cell's first line.

    Examples
    --------
    >>> failing_line("x = 1\n\nshow(part(study))", ["\x1b[36mCell In[4], line 3\x1b[39m"])
    'show(part(study))'
    >>> failing_line("\nx = 1", [])
    'x = 1'
    """
    lines = source.splitlines()
    for entry in traceback:
        m = _CELL_LINE.search(_ANSI.sub("", entry))
        if m and 1 <= int(m.group(1)) <= len(lines) and lines[int(m.group(1)) - 1].strip():
            return lines[int(m.group(1)) - 1].strip()
    return next((ln.strip() for ln in lines if ln.strip()), "")


LOCK_NAME = ".cjresearch.lock"


@contextlib.contextmanager
def report_lock(out_dir: Path) -> Iterator[bool]:
    """Hold the report folder for one run: a second run of the same report while this
    one writes is refused with a clear message (never two runs mixing their files).

    The lock is an advisory ``flock`` on ``<out>/.cjresearch.lock`` (released by the
    operating system when the process ends, however it ends).  Temporary files a
    killed run left behind (``.report.html.*.tmp``, ``.tables-*``) are removed once
    the lock is held: no run can be writing them.  Yields whether this run created
    the folder; a run that fails before writing anything there removes it again.
    """
    import fcntl

    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = open(out_dir / LOCK_NAME, "a+")  # noqa: SIM115 - held for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReportError(
                f"another run is writing the report in {out_dir} right now; wait for it to "
                "finish (or give this run another output folder with --out)"
            ) from None
        for stale in [*out_dir.glob(".report.html.*.tmp"), *out_dir.glob(".tables-*")]:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        try:
            yield created
        except BaseException:
            if created and out_dir.is_dir() and {p.name for p in out_dir.iterdir()} <= {LOCK_NAME}:
                shutil.rmtree(out_dir, ignore_errors=True)
            raise
    finally:
        handle.close()


def _failed_cell(nb: Any) -> tuple[int, str, str, str]:
    """(1-based cell number without the injected cell, failing line, ename, evalue)."""
    number = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags or "papermill-error-cell-tag" in tags:
            continue
        number += 1
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                line = failing_line(cell.source, list(out.get("traceback", [])))
                return number, line, out.get("ename", ""), out.get("evalue", "")
    return 0, "", "", ""


def _execute(
    cfg: ReportConfig,
    section: SectionConfig,
    params: dict[str, Any],
    out_nb: Path,
    timeout: int | None,
    kernel_dir: Path,
) -> Any:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out_nb.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(section.notebook),
            str(out_nb),
            parameters=params,
            kernel_name=KERNEL_NAME,
            # the kernel starts in the config's folder; papermill's own cwd= would chdir
            # this whole process, which races when sections run in parallel threads
            resources={"metadata": {"path": str(cfg.base_dir)}},
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            start_timeout=300,  # kernels start slowly on a busy machine
            kernel_manager_class=_kernel_manager_class(
                kernel_dir, out_nb.with_suffix(".kernel.log")
            ),
        )
    except PapermillExecutionError as exc:
        nb = nbformat.read(str(out_nb), as_version=4) if out_nb.exists() else None
        number, first, ename, evalue = _failed_cell(nb) if nb else (0, "", "", "")
        ename = ename or exc.ename
        evalue = _ANSI.sub("", evalue or exc.evalue)
        where = f"cell {number} ('{first[:60]}')" if number else f"cell {exc.cell_index}"
        raise NotebookError(
            f"{section.name}, {where} failed: {ename}: {evalue}. The report was not "
            f"written; the executed notebook is kept in {out_nb} for debugging.",
            notebook=section.name,
            cell=number or None,
            line=first[:60],
            cause=f"{ename}: {evalue}",
        ) from None
    except Exception as exc:  # noqa: BLE001 - kernel start-up, timeouts, bad notebooks
        cause = f"{exc.__class__.__name__}: {_ANSI.sub('', str(exc))}"
        raise NotebookError(
            f"{section.name} could not be executed: {cause}", notebook=section.name, cause=cause
        ) from None
    return nbformat.read(str(out_nb), as_version=4)


def _inputs(cfg: ReportConfig) -> dict[str, str]:
    from cjresearch.report.provenance import fingerprint

    found: dict[str, str] = {}
    for key, value in cfg.data.items():
        target = cfg.base_dir / value
        files = sorted(glob.glob(str(target))) if glob.has_magic(value) else [str(target)]
        for f in files:
            shown = os.path.relpath(f, cfg.base_dir)
            found[f"{key}: {shown}"] = fingerprint(f)
    if cfg.config_file is not None:
        found[f"config: {cfg.config_file.name}"] = fingerprint(cfg.config_file)
    for s in cfg.sections:
        found[f"notebook: {s.name}"] = fingerprint(s.notebook)
    return found


def _run_sections(
    cfg: ReportConfig,
    plans: list[tuple[SectionConfig, dict[str, Any]]],
    paths: list[Path],
    timeout: int | None,
    jobs: int,
) -> list[Section]:
    """Execute the section notebooks, ``jobs`` at a time (each in its own kernel).

    The first failure in report order is raised once every started notebook
    has finished; notebooks not yet started are cancelled.  The kernels run this
    interpreter (a kernel spec written for this run, see :func:`write_kernel_spec`).
    """
    with tempfile.TemporaryDirectory(prefix="cjr-kernels-") as tmp:
        kernel_dir = write_kernel_spec(Path(tmp))
        if jobs <= 1 or len(plans) == 1:
            return [
                Section(s.name, _execute(cfg, s, p, path, timeout, kernel_dir))
                for (s, p), path in zip(plans, paths, strict=True)
            ]
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="cjr-section") as pool:
            futures = [
                pool.submit(_execute, cfg, s, p, path, timeout, kernel_dir)
                for (s, p), path in zip(plans, paths, strict=True)
            ]
            done: list[Section] = []
            for (s, _), fut in zip(plans, futures, strict=True):
                try:
                    done.append(Section(s.name, fut.result()))
                except BaseException:
                    for other in futures:
                        other.cancel()
                    raise
        return done


def _run_with_study(
    job: _StudyJob,
    cfg: ReportConfig,
    plans: list[tuple[SectionConfig, dict[str, Any]]],
    paths: list[Path],
    timeout: int | None,
    jobs: int,
    out_dir: Path,
    created: bool,
) -> list[Section]:
    """Start the section kernels, compute the study meanwhile, then collect the sections.

    A kernel takes seconds to start and import its libraries; the study takes
    the runner seconds to compute: on two cores both go at once.  When the
    study fails (bad input), the waiting sections stop at once, the study's
    error is raised and a folder this run created is removed.
    """
    for _, params in plans:
        params.update({k: v for k, v in job.parameters.items() if k in params})
    job.announce()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cjr-sections") as pool:
        sections = pool.submit(_run_sections, cfg, plans, paths, timeout, jobs)
        try:
            job.compute()
            warm_up()  # while the kernels finish: nbconvert takes seconds to load
        except BaseException:
            sections.exception()  # wait: the sections stop at once (their error is not it)
            if created:
                shutil.rmtree(out_dir, ignore_errors=True)
            raise
        return sections.result()


class _StudyJob:
    """The study of one report: planned before the section kernels start, computed
    while they start (they wait for it in ``open_study``).

    The study is kept in ``<out>/_cache/study-<fingerprint>.pkl`` (the fingerprint
    covers the configuration, the input files and the package version), so a
    second run on the same inputs reuses it; the resolved configuration that the
    sections open is ``<out>/_debug/study.json``.  Bad input fails in
    :meth:`compute`, and the kernels waiting for the study stop at once.
    """

    def __init__(self, spec: ReportSpec, cfg: ReportConfig, out_dir: Path) -> None:
        from cjresearch.report.study import Study, load_cache

        self.cfg = cfg
        self.study = Study(spec, cfg.base_dir, source=cfg.source)
        self.cache = out_dir / "_cache" / f"study-{self.study.fingerprint()}.pkl"
        self.resolved = out_dir / "_debug" / "study.json"
        cached = load_cache(self.cache)
        self.reused = (
            cached is not None
            and cached.spec == self.study.spec
            and cached.base_dir == self.study.base_dir
        )

    @property
    def parameters(self) -> dict[str, str]:
        """What every section notebook takes: ``config`` and ``study_cache``."""
        return {"config": str(self.resolved), "study_cache": str(self.cache)}

    def announce(self) -> None:
        """Write the resolved configuration and, unless the study is reused, the marker
        that makes the sections wait for it."""
        from cjresearch.report.study import pending_marker, write_resolved

        write_resolved(self.study, self.resolved)
        if not self.reused:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            for old in self.cache.parent.glob("study-*.pkl"):
                old.unlink()
            pending_marker(self.cache).touch()

    def compute(self) -> None:
        """Read and check every input and compute what the sections share, once."""
        from cjresearch.report.study import pending_marker

        try:
            if not self.reused:
                pain = [s for s in self.cfg.sections if s.notebook.stem == "painpoints"]
                self.study.prepare(
                    (s.notebook.stem for s in self.cfg.sections),
                    from_stage=pain[0].parameters.get("from_stage") if pain else None,
                ).save(self.cache)
        finally:
            pending_marker(self.cache).unlink(missing_ok=True)


def _prepare_study(spec: ReportSpec, cfg: ReportConfig, out_dir: Path) -> dict[str, str]:
    """The study of a report, computed (or reused) at once: the section parameters."""
    job = _StudyJob(spec, cfg, out_dir)
    job.announce()
    job.compute()
    return job.parameters


def build_report(
    config: str | Path | Mapping[str, Any] | ReportConfig,
    *,
    out: str | Path | None = None,
    timeout: int | None = 1800,
    jobs: int = 2,
) -> Path:
    """Execute the report's notebooks and write one self-contained HTML file.

    Parameters
    ----------
    config : path, mapping or ReportConfig
        The report configuration (see the module docstring).
    out : path, optional
        Output folder (default ``reports/<id>/``).  The page is
        ``<out>/report.html``; exported tables go to ``<out>/tables/`` and
        ``<out>/tables.xlsx``, exported figures to ``<out>/figures/``; executed
        notebooks to ``<out>/_debug/``.
    timeout : int, optional
        Seconds a single cell may run.
    jobs : int
        Section notebooks executed at the same time (each in its own kernel).

    Returns
    -------
    pathlib.Path
        The written HTML file.

    Raises
    ------
    DataValidationError
        When the configuration or a parameter is wrong (nothing has run).
    NotebookError
        When a notebook fails (naming notebook, cell and cause).
    ReportError
        When a notebook's output cannot be put in a client report.  The
        previous report and its tables are untouched.
    """
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    out_dir = Path(out) if out is not None else REPORTS_DIR / cfg.id
    with report_lock(out_dir) as created:
        return _build(cfg, out_dir, timeout, jobs, created=created)


def _build(
    cfg: ReportConfig, out_dir: Path, timeout: int | None, jobs: int, *, created: bool
) -> Path:
    from cjresearch.report.exports import collect, write_exports
    from cjresearch.report.figures import collect_figures, render_figures
    from cjresearch.report.provenance import Provenance

    debug_dir = out_dir / "_debug"
    shared = dict.fromkeys(("config", "study_cache"), "")
    plans = [(s, section_parameters(cfg, s, shared)) for s in cfg.sections]  # check all first
    names = [s.name for s in cfg.sections]
    debug_names = [
        n if names.count(n) == 1 else f"{Path(n).stem}-{i + 1}.ipynb" for i, n in enumerate(names)
    ]
    paths = [debug_dir / d for d in debug_names]
    if cfg.spec is None:
        executed = _run_sections(cfg, plans, paths, timeout, jobs)
    else:
        executed = _run_with_study(
            _StudyJob(cfg.spec, cfg, out_dir), cfg, plans, paths, timeout, jobs, out_dir, created
        )
    inputs = _inputs(cfg)
    tables = collect((s.name, s.notebook) for s in executed)
    figures = render_figures(collect_figures((s.name, s.notebook) for s in executed))
    prov = Provenance({s.name: p for s, p in plans}, inputs)
    roots = [
        str(out_dir.resolve()),
        str(cfg.base_dir),
        str(PROJECT_DIR),
        str(Path(sys.prefix)),
        str(Path.home()),
        tempfile.gettempdir(),
    ]
    page = render_page(
        executed,
        title=cfg.title,
        client=cfg.client,
        period=cfg.period,
        language=cfg.language,
        currency=cfg.spec.currency if cfg.spec is not None else "EUR",
        provenance_html=prov.to_html(cfg.language),
        scrub=roots,
        replacements={str(cfg.base_dir) + os.sep: ""},
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    # the page is written whole before the tables are replaced, and put in place right
    # after them: a run stopped before this point leaves the previous page and tables
    try:
        with atomic_path(out_dir / "report.html") as staged_page:
            staged_page.write_text(page, encoding="utf-8")
            write_exports(tables, out_dir, language=cfg.language, figures=figures)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile, ...
        raise ReportError(
            f"the report could not be written in {out_dir}: {exc.strerror or exc}; the "
            "previous report and tables there are unchanged. Fix: free space or check the "
            "folder's permissions, then run again"
        ) from None
    target = out_dir / "report.html"
    (debug_dir / "provenance.json").write_text(
        json.dumps(prov.to_dict(), indent=2), encoding="utf-8"
    )
    return target
