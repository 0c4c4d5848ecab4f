"""Project paths, built in one place from the package location."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "PACKAGE_DIR",
    "PRESETS_DIR",
    "PROJECT_DIR",
    "REPORTS_DIR",
    "SAMPLE_DIR",
    "atomic_path",
    "atomic_write",
    "cache_dir",
]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PRESETS_DIR = PACKAGE_DIR / "journey" / "presets"
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REPORTS_DIR = PROJECT_DIR / "reports"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"


def _umask() -> int:
    """The process umask, read without changing it (``os.umask`` would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


@contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; it replaces ``path`` when the block
    ends without an error and is removed when it does not, so readers see the old file or
    the new one, never a part.

    The file gets ordinary permissions (``0o666`` less the umask, as ``open`` gives),
    not the ``0o600`` of :func:`tempfile.mkstemp`, unless ``mode`` says otherwise.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "table.csv"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("a,b\\n1,2\\n")
    >>> target.read_text().splitlines(), sorted(p.name for p in target.parent.iterdir())
    (['a,b', '1,2'], ['table.csv'])
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, (0o666 & ~_umask()) if mode is None else mode)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def atomic_write(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` (text or bytes) to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            with open(tmp, "w", encoding=encoding, newline="") as fh:
                fh.write(data)
    return Path(path)


def cache_dir() -> Path | None:
    """A per-user folder for caches that only save time (``$CJRESEARCH_CACHE``, else
    ``$XDG_CACHE_HOME/cjresearch``, else ``~/.cache/cjresearch``); None when it cannot be
    created, and callers then compute instead."""
    given = os.environ.get("CJRESEARCH_CACHE")
    base = (
        Path(given)
        if given
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cjresearch"
    )
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None
