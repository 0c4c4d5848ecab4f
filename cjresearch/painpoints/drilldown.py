"""The customers behind a number, exported as ids for follow-up work.

Each selector returns the sorted, unique ids behind one figure of the
pain-point analysis; :func:`export_ids` writes them to a CSV file atomically
(a temporary file in the same folder, then a rename), with the id column
only: no other personal data leaves the analysis.

* :func:`dropped_at` -- customers whose journey stopped at a stage;
* :func:`exposed_to` -- customers who met a touchpoint;
* :func:`mentioning` -- respondents (or their customer ids) whose comment
  carries a theme, optionally only detractors.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import atomic_write

__all__ = ["dropped_at", "export_ids", "exposed_to", "mentioning"]

_OUTCOMES = ("exited", "waiting")


def _ids(values: Iterable[Any], name: str) -> pd.Series:
    s = pd.Series(list(values), dtype=object).dropna().astype(str)
    return pd.Series(sorted(set(s)), name=name, dtype=object)


def dropped_at(timeline: Any, stage: str, *, outcome: str | None = None) -> pd.Series:
    """Ids of customers whose furthest stage is ``stage`` (they never moved on).

    Parameters
    ----------
    timeline : Timeline
        ``EventLog.timeline()``.
    stage : str
        A stage id of the journey.
    outcome : {None, "exited", "waiting"} or an exit id
        Only those who exited (any exit, or the named one), or only those
        still waiting at the end of observation.

    Examples
    --------
    >>> import warnings
    >>> from cjresearch.engine.eventlog import EventLog
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     tl = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml").timeline()
    >>> ids = dropped_at(tl, "decision", outcome="lost")
    >>> ids.name, len(ids) > 0, ids.is_unique
    ('customer_id', True, True)
    """
    j = timeline.journey
    if stage not in j.stage_ids:
        raise DataValidationError(
            f"unknown stage {stage!r}", source="journey", fix=f"use one of {list(j.stage_ids)}"
        )
    allowed = (*_OUTCOMES, *j.exit_ids)
    if outcome is not None and outcome not in allowed:
        raise DataValidationError(
            f"outcome={outcome!r} is not allowed", fix=f"use None or one of {list(allowed)}"
        )
    c = timeline.customers
    sel = c["furthest_index"] == j.stage_index(stage)
    if outcome == "exited":
        sel &= c["exit_state"].notna()
    elif outcome == "waiting":
        sel &= c["exit_state"].isna()
    elif outcome is not None:
        sel &= c["exit_state"] == outcome
    return _ids(c.loc[sel, "customer_id"], "customer_id")


def exposed_to(exposure: pd.DataFrame, touchpoint: str, *, stage: str | None = None) -> pd.Series:
    """Ids of customers who met ``touchpoint`` (before reaching ``stage``, if given).

    ``exposure`` is ``EventLog.exposure()``: counts of each event before each
    stage (or up to censoring for stages not reached), and rows without a
    stage counting the customer's whole log.  Without ``stage`` any row
    counts: every customer whose log holds the touchpoint, wherever it falls
    (also after the last stage entered or after an exit).  With ``stage``,
    only exposure before entering ``stage`` (or up to censoring when the
    customer never reached it): a touchpoint of the decision stage met after
    buying is not "before purchase".

    Examples
    --------
    >>> import pandas as pd
    >>> ex = pd.DataFrame({"customer_id": ["b", "a", "a"], "stage": ["y", "x", "y"],
    ...                    "event": ["err", "err", "err"], "n": 1})
    >>> exposed_to(ex, "err").tolist(), exposed_to(ex, "err", stage="x").tolist()
    (['a', 'b'], ['a'])
    """
    for col in ("customer_id", "stage", "event"):
        if col not in exposure.columns:
            raise DataValidationError(
                f"missing column {col}", source="exposure", fix="pass EventLog.exposure() unchanged"
            )
    sel = exposure["event"].astype(str) == touchpoint
    if not sel.any():
        known = sorted(exposure["event"].astype(str).unique())[:10]
        raise DataValidationError(
            f"no customer met {touchpoint!r}",
            source="exposure",
            column="event",
            fix=f"check the name (events seen: {known})",
        )
    if stage is not None:
        sel &= exposure["stage"].astype(str) == stage
    return _ids(exposure.loc[sel, "customer_id"], "customer_id")


def mentioning(
    survey: pd.DataFrame,
    themes: pd.DataFrame,
    theme: str,
    *,
    group: str | None = "detractor",
    score: str = "nps",
    id_column: str = "customer_id",
) -> pd.Series:
    """Ids of respondents whose comment carries ``theme`` (by default detractors only).

    ``themes`` is :func:`cjresearch.survey.text.find_themes` of ``survey`` (same
    index).  ``group`` is an NPS group (``"detractor"``, ``"passive"``,
    ``"promoter"``) or None for everyone.  ``id_column`` picks the id written
    (``customer_id`` to follow up in the CRM, ``respondent_id`` for the survey).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.text import find_themes
    >>> s = pd.DataFrame({"customer_id": ["c1", "c2", "c3"], "nps": [2, 10, 3],
    ...                   "comment": ["late again", "late but fine", "ok"]})
    >>> mentioning(s, find_themes(s, language=None), "late_delivery").tolist()
    ['c1']
    """
    from cjresearch.survey.scores import nps_category

    for col in (id_column, *([score] if group else [])):
        if col not in survey.columns:
            raise DataValidationError("column not found", source="survey", column=col)
    if theme not in themes.columns:
        raise DataValidationError(
            f"unknown theme {theme!r}", fix=f"use one of {list(themes.columns)}"
        )
    if not themes.index.equals(survey.index):
        raise DataValidationError(
            "the theme flags do not belong to this survey (index differs)",
            fix="pass find_themes(survey) of the same frame",
        )
    sel = themes[theme].fillna(False).astype(bool)
    if group is not None:
        if group not in ("detractor", "passive", "promoter"):
            raise DataValidationError(
                f"group={group!r} is not allowed",
                fix="use 'detractor', 'passive', 'promoter' or None",
            )
        sel &= nps_category(survey[score]) == group
    return _ids(survey.loc[sel, id_column], id_column)


def export_ids(
    ids: pd.Series | Iterable[Any], path: str | Path, *, column: str | None = None
) -> Path:
    """Write ids to a one-column CSV file, atomically; returns the path.

    Only the ids are written.  Values that look like personal data (an
    e-mail address, a phone number: anything :func:`cjresearch.survey.text.redact`
    would change) are refused, so that a name or contact column passed by
    mistake never leaves the analysis.  The file appears complete or not at
    all; an existing file is replaced only once the new one is written.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "ids.csv"
    >>> export_ids(pd.Series(["C2", "C1"], name="customer_id"), out).read_text().split()
    ['customer_id', 'C1', 'C2']
    """
    from cjresearch.survey.text import redact

    name = column or (ids.name if isinstance(ids, pd.Series) and ids.name else "customer_id")
    values = _ids(ids, str(name))
    bad = [v for v in values if redact(v) != v]
    if bad:
        raise DataValidationError(
            f"{len(bad)} id(s) look like personal data (e-mail or phone)",
            column=str(name),
            fix="export customer or respondent ids only",
        )
    path = Path(path)
    if not path.parent.is_dir():
        raise DataValidationError(
            f"folder {path.parent} does not exist", fix="create it first or choose another path"
        )
    return atomic_write(path, values.to_frame().to_csv(index=False, lineterminator="\n"))
