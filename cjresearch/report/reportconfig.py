"""A report configuration read and checked: :func:`load_config` gives a :class:`ReportConfig`.

The keys themselves are the schema of :mod:`cjresearch.report.config`; here the
configuration is resolved against the disk (data files and journey found
relative to the YAML file, section notebooks found) and each section's
parameters are checked against its notebook's ``parameters`` cell
(:func:`section_parameters`), all before any notebook runs.
:mod:`cjresearch.report.runner` exports :func:`load_config` and
:class:`ReportConfig` too.
"""

from __future__ import annotations

import difflib
import glob
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import LANGUAGES
from cjresearch.core.i18n import text as _text
from cjresearch.core.paths import NOTEBOOKS_DIR
from cjresearch.report.config import ReportSpec

__all__ = ["DATA_KEYS", "ReportConfig", "SectionConfig", "load_config", "section_parameters"]


#: The data inputs a configuration may name as files, and section notebooks may take.
DATA_KEYS = ("events", "customers", "survey", "journey")


# -- configuration ---------------------------------------------------------------------
@dataclass(frozen=True)
class SectionConfig:
    """One section: a notebook and its own parameters."""

    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.notebook.name


@dataclass(frozen=True)
class ReportConfig:
    """A validated report configuration.  Build it with :func:`load_config`.

    ``spec`` is the whole validated configuration (:class:`cjresearch.report.config.ReportSpec`);
    ``data`` maps each input given as a file (events, customers, survey, journey) to its
    path relative to ``base_dir``.
    """

    client: str
    id: str
    title: str
    period: str
    language: str
    data: dict[str, str]
    sections: tuple[SectionConfig, ...]
    base_dir: Path
    source: str = "<config>"
    config_file: Path | None = None
    spec: ReportSpec | None = None

    def data_path(self, key: str) -> Path:
        """Absolute path of data input ``key``."""
        return (self.base_dir / self.data[key]).resolve()


def _bad(problem: str, source: str, fix: str | None = None) -> DataValidationError:
    return DataValidationError(problem, source=source, fix=fix)


def _unknown(keys: Any, allowed: Any, where: str, source: str) -> None:
    extra = sorted(set(keys) - set(allowed))
    if extra:
        hints = [
            f"'{k}' -> '{m[0]}'"
            for k in extra
            if (m := difflib.get_close_matches(k, list(allowed), n=1))
        ]
        hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
        raise _bad(
            f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} "
            f"in {where}{hint}",
            source,
            f"use only {', '.join(sorted(allowed))}",
        )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "report"


def load_config(
    config: str | Path | Mapping[str, Any], *, base_dir: str | Path | None = None
) -> ReportConfig:
    """Read and validate a report configuration.

    Parameters
    ----------
    config : path or mapping
        The YAML file, or its content as a mapping.  Every key is described
        in the README ("The report configuration") and checked by
        :func:`cjresearch.report.config.parse_spec`.
    base_dir : path, optional
        Folder that data paths are relative to (default: the YAML file's
        folder, or the working directory for a mapping).

    Returns
    -------
    ReportConfig

    Raises
    ------
    DataValidationError
        On unknown keys, a missing client, an unsupported language, a
        missing data file or notebook.

    Examples
    --------
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> cfg = load_config(SAMPLE_DIR / "report.yaml")
    >>> cfg.client, cfg.language, [s.name for s in cfg.sections]
    ('Sample retailer', 'en', ['overview.ipynb', 'survey.ipynb', 'progression.ipynb', \
'painpoints.ipynb'])
    >>> load_config({"client": "X", "langauge": "en", "sections": []})
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: <config>: unknown key 'langauge' in the report \
configuration (did you mean 'langauge' -> 'language'?). Fix: use only client, currency, data, funnel, \
horizons, id, journey, labels, language, min_base, period, sections, segments, survey, time_unit, title.
    """
    from cjresearch.journey.definition import list_presets
    from cjresearch.report.config import SectionSpec, parse_spec

    if isinstance(config, Mapping):
        raw: Any = dict(config)
        source = "<config>"
        base = Path(base_dir) if base_dir is not None else Path.cwd()
    else:
        path = Path(config)
        source = path.name
        if not path.is_file():
            raise _bad(
                "report configuration not found", str(config), "give the path of a report YAML file"
            )
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise _bad(
                f"not valid YAML ({exc.__class__.__name__}: {getattr(exc, 'problem', exc)})", source
            ) from None
        base = Path(base_dir) if base_dir is not None else path.resolve().parent
    spec = parse_spec(raw, source=source)
    if spec.language not in LANGUAGES:
        raise _bad(
            f"language '{spec.language}' is not supported",
            source,
            f"use one of {', '.join(LANGUAGES)}",
        )
    data = {
        k: getattr(spec.data, k).path
        for k in (*DATA_KEYS[:3], "coded")
        if getattr(spec.data, k) is not None
    }
    if isinstance(spec.journey, str) and spec.journey not in list_presets():
        data["journey"] = spec.journey
    for key, value in data.items():
        target = base / value
        if not (glob.glob(str(target)) if glob.has_magic(value) else target.exists()):
            what = "journey file" if key == "journey" else "data file"
            raise _bad(
                f"{what} '{value}' ({key}) not found",
                source,
                "paths in 'data' and 'journey' are relative to the configuration "
                "file; a journey may also be a preset: " + ", ".join(list_presets()),
            )
    if not spec.sections:
        raise _bad(
            "'sections' must list at least one notebook",
            source,
            "add e.g. 'sections: [overview]', or leave 'sections' out for all four",
        )
    parsed = []
    for item in spec.sections:
        name, params = (
            (item.notebook, dict(item.parameters)) if isinstance(item, SectionSpec) else (item, {})
        )
        if not name:
            raise _bad(f"section {item!r} does not name a notebook", source)
        nb = (base / name) if name.endswith(".ipynb") else NOTEBOOKS_DIR / f"{name}.ipynb"
        if not nb.is_file():
            known = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))
            raise _bad(
                f"section notebook '{name}' not found",
                source,
                f"use one of {', '.join(known) or '(none)'} or a path ending in .ipynb",
            )
        parsed.append(SectionConfig(nb.resolve(), params))
    return ReportConfig(
        client=spec.client,
        id=_slug(str(spec.id or spec.client)),
        title=str(spec.title or _text("report_title", spec.language)),
        period=spec.period,
        language=spec.language,
        data=data,
        sections=tuple(parsed),
        base_dir=base.resolve(),
        source=source,
        config_file=None if isinstance(config, Mapping) else Path(config).resolve(),
        spec=spec,
    )


def section_parameters(
    cfg: ReportConfig, section: SectionConfig, shared: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Parameters for one notebook, checked against its ``parameters`` cell.

    ``shared`` holds what every section may take besides the common keys: the
    resolved configuration (``config``) and the study computed once
    (``study_cache``).
    """
    import papermill

    declared = papermill.inspect_notebook(str(section.notebook))
    if not declared:
        raise _bad(
            f"notebook '{section.name}' has no cell tagged 'parameters'",
            cfg.source,
            "tag the notebook's first code cell with 'parameters'",
        )
    common: dict[str, Any] = {
        "client": cfg.client,
        "period": cfg.period,
        "language": cfg.language,
        **cfg.data,
        **(shared or {}),
    }
    params = {k: v for k, v in common.items() if k in declared}
    missing = [
        k for k in DATA_KEYS if k in declared and k not in cfg.data and k not in section.parameters
    ]
    if missing:
        # the notebook's default would silently point at other data (the sample's)
        raise _bad(
            f"section '{section.name}' needs the data input"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}, which 'data' "
            "does not give",
            cfg.source,
            f"add {', '.join(f'{k}: <file>' for k in missing)} under 'data'",
        )
    _unknown(
        section.parameters, declared, f"the parameters of section '{section.name}'", cfg.source
    )
    params.update(section.parameters)
    return params
