"""What a report rests on: parameters, input fingerprints, package versions, run date.

Every report ends with this record so that a reader can tell whether two
reports were built from the same data with the same software.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import os
import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["PACKAGES", "Provenance", "fingerprint", "package_versions"]

#: Packages whose versions are recorded in every report.
PACKAGES = (
    "cjresearch",
    "pandas",
    "numpy",
    "duckdb",
    "lifelines",
    "statsmodels",
    "altair",
    "vl-convert-python",
    "papermill",
)


def fingerprint(path: str | Path, *, chunk: int = 1 << 20) -> str:
    """The SHA-256 hex digest of a file's bytes.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "x.txt")
    ...     _ = open(p, "wb").write(b"abc")
    ...     fingerprint(p)[:16]
    'ba7816bf8f01cfea'
    """
    stat = os.stat(path)
    return _digest(os.path.realpath(path), stat.st_size, stat.st_mtime_ns, chunk)


@functools.lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime_ns: int, chunk: int) -> str:
    """The digest of a file as it is (size and modification time are part of the key:
    a run reads its inputs' digests once, for the study and for the provenance)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def package_versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions of ``packages`` (``"not installed"`` when missing).

    Examples
    --------
    >>> v = package_versions(("pandas", "no-such-package-xyz"))
    >>> v["no-such-package-xyz"]
    'not installed'
    """
    out = {"python": platform.python_version()}
    for name in packages:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


@dataclass
class Provenance:
    """The record shown at the end of a report.

    Parameters
    ----------
    parameters : mapping
        ``{section name: {parameter: value}}`` as passed to the notebooks.
    inputs : mapping
        ``{shown name: sha256}`` of every input file.
    versions : mapping
        ``{package: version}``.
    run_at : datetime
        When the report was built (UTC).

    Examples
    --------
    >>> p = Provenance({"overview": {"language": "en"}}, {"events.csv": "ab" * 32},
    ...                {"pandas": "2.3.0"}, dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.timezone.utc))
    >>> "2026-01-02 03:04 UTC" in p.to_html()
    True
    """

    parameters: Mapping[str, Mapping[str, Any]]
    inputs: Mapping[str, str]
    versions: Mapping[str, str] = field(default_factory=package_versions)
    run_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly copy."""
        return {
            "parameters": {k: dict(v) for k, v in self.parameters.items()},
            "inputs": dict(self.inputs),
            "versions": dict(self.versions),
            "run_at": self.run_at.isoformat(timespec="seconds"),
        }

    def to_html(self, language: str = "en") -> str:
        """The record as escaped HTML tables, headings in ``language``."""
        from cjresearch.core.i18n import text

        def rows(pairs: Any) -> str:
            return "".join(
                f"<tr><th>{html.escape(str(k))}</th><td><code>"
                f"{html.escape(str(v))}</code></td></tr>"
                for k, v in pairs
            )

        parts = [
            (
                f'<p class="cjr-run-at">{text("built", language)} '
                f"{self.run_at:%Y-%m-%d %H:%M} UTC.</p>"
            )
        ]
        for section, params in self.parameters.items():
            parts.append(
                f"<h3>{text('parameters', language)}: {html.escape(section)}</h3>"
                f'<table class="cjr-params">{rows(params.items())}</table>'
            )
        names = {
            "events": "event_log",
            "customers": "customer_file",
            "survey": "survey",
            "coded": "input.coded",
            "journey": "input.journey",
            "config": "input.config",
            "notebook": "input.notebook",
        }

        def named(key: str) -> str:
            kind, sep, path = key.partition(": ")
            return f"{text(names[kind], language)}: {path}" if sep and kind in names else key

        parts.append(
            f"<h3>{text('inputs', language)}</h3>"
            f'<table class="cjr-inputs">{rows((named(k), v) for k, v in self.inputs.items())}'
            "</table>"
        )
        parts.append(
            f"<h3>{text('software', language)}</h3>"
            f'<table class="cjr-versions">{rows(self.versions.items())}</table>'
        )
        return "\n".join(parts)
