"""Time units of durations, horizons and time axes: minutes, hours, days or weeks.

A web-session log waits seconds to minutes between stages, a B2B pipeline
weeks to months: one clock in days fits neither.  The unit is chosen once,
when :func:`cjresearch.timetoevent.durations.stage_durations` (or
:func:`cjresearch.timetoevent.multistate.journey_transitions`,
:func:`cjresearch.painpoints.signals.churn_by_stage`) turns timestamps into numbers,
and then travels with the data (``"seconds"`` is there too, on request: the
``auto`` rule never picks it):

* a durations (or transitions) frame carries it in ``frame.attrs["time_unit"]``;
  pandas keeps ``attrs`` through the row filters, column selections, copies,
  ``assign``, ``groupby`` and ``concat`` of frames of one unit that the
  notebooks do, and through parquet, but *not* through ``merge`` -- set it
  again after a merge, or read it with :func:`time_unit_of` before;
* every result that reports a time or a horizon has a ``time_unit`` column
  (and the same ``attrs``), so tables, exports and charts say which unit
  their numbers are in.

Every estimator reads the unit with :func:`time_unit_of` (frames without one,
e.g. built by hand, are in days, as before) and horizons are given in it
(``conversion(durations, horizons=[5, 15, 60])`` on a durations frame in
minutes means 5, 15 and 60 minutes).

Examples
--------
>>> check_time_unit("h")
'hours'
>>> default_horizons("minutes")
[5.0, 15.0, 60.0]
>>> unit_label("days", "pl", n=5), horizon_label(1, "hours", "pl")
('dni', 'w ciągu 1 godziny')
"""

from __future__ import annotations

import difflib
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import check_language, text

__all__ = [
    "TIME_UNITS",
    "check_time_unit",
    "choose_time_unit",
    "default_horizons",
    "horizon_label",
    "tag_time_unit",
    "time_axis_label",
    "time_origin",
    "time_unit_of",
    "unit_label",
]

#: The supported units and their length.
TIME_UNITS: dict[str, pd.Timedelta] = {
    "seconds": pd.Timedelta(seconds=1),
    "minutes": pd.Timedelta(minutes=1),
    "hours": pd.Timedelta(hours=1),
    "days": pd.Timedelta(days=1),
    "weeks": pd.Timedelta(weeks=1),
}

_HORIZONS: dict[str, list[float]] = {
    "seconds": [10.0, 30.0, 60.0],
    "minutes": [5.0, 15.0, 60.0],
    "hours": [1.0, 6.0, 24.0],
    "days": [7.0, 30.0, 90.0],
    "weeks": [1.0, 4.0, 12.0],
}

#: Thresholds of :func:`choose_time_unit` on the median positive waiting time.
_AUTO_RULE: tuple[tuple[pd.Timedelta, str], ...] = (
    (pd.Timedelta(hours=1), "minutes"),
    (pd.Timedelta(days=2), "hours"),
    (pd.Timedelta(weeks=10), "days"),
)


def check_time_unit(name: Any, *, allow_auto: bool = False) -> str:
    """The canonical name of a time unit: ``"minutes"``, ``"hours"``, ``"days"``, ``"weeks"``
    (or ``"seconds"``).

    Accepts the names (also singular, any case) and pandas Timedelta unit
    strings of the same length (``"D"``, ``"h"``, ``"min"``, ``"W"``, ``"s"``, ...), and
    ``"auto"`` when ``allow_auto`` is true.

    Raises
    ------
    DataValidationError
        For anything else, with the closest name as a suggestion.

    Examples
    --------
    >>> check_time_unit("D"), check_time_unit("Minutes"), check_time_unit("week")
    ('days', 'minutes', 'weeks')
    >>> try:
    ...     check_time_unit("mintues")
    ... except ValueError as err:
    ...     print(err)
    time unit 'mintues' is not supported (did you mean 'minutes'?). Fix: use one of seconds, \
minutes, hours, days, weeks.
    """
    options = list(TIME_UNITS) + (["auto"] if allow_auto else [])
    fix = "use one of " + ", ".join(options)
    if not isinstance(name, str) or not name.strip():
        raise DataValidationError(f"time unit {name!r} is not a unit name", fix=fix)
    key = name.strip()
    low = key.lower()
    if allow_auto and low == "auto":
        return "auto"
    for unit in TIME_UNITS:
        if low in (unit, unit[:-1]):
            return unit
    try:  # a pandas unit string ("D", "h", "min", "W", ...)
        length = pd.to_timedelta(1, unit=key)  # type: ignore[call-overload]
    except (ValueError, TypeError):
        length = None
    for unit, td in TIME_UNITS.items():
        if length == td:
            return unit
    close = difflib.get_close_matches(low, options, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    if length is not None:
        hint = f" ({length} is not one of the report's units)"
    raise DataValidationError(f"time unit {name!r} is not supported{hint}", fix=fix)


def choose_time_unit(values: Any, *, unit: str | None = None) -> str:
    """The unit that suits waiting times of this size (the ``"auto"`` rule).

    The rule looks at the *median positive* waiting time (zeros -- moves at
    the same instant -- and missing values are left out): under an hour ->
    minutes, under two days -> hours, under ten weeks -> days, else weeks.
    With no positive time at all, days.

    Parameters
    ----------
    values : Series, array, TimedeltaIndex or durations DataFrame
        Timedeltas, or numbers in ``unit``; a durations frame is read from its
        ``duration`` column of the observed moves (``event == 1``; all rows
        when there are none) in the frame's own unit (:func:`time_unit_of`).
    unit : str, optional
        Unit of plain numbers; default the ``attrs["time_unit"]`` of
        ``values`` (a column of a durations frame keeps it), else days.

    Examples
    --------
    >>> import pandas as pd
    >>> choose_time_unit(pd.to_timedelta([30, 90, 400], unit="s"))
    'minutes'
    >>> choose_time_unit([0.5, 3, 40], unit="days")
    'days'
    >>> choose_time_unit([0.0, 40.0, 95.0], unit="s")
    'minutes'
    """
    if isinstance(values, pd.DataFrame):
        frame = values
        unit = time_unit_of(frame)
        if "duration" not in frame.columns:
            raise DataValidationError(
                "no 'duration' column to choose a time unit from",
                source="durations",
                column="duration",
                fix="pass a durations frame or the waiting times",
            )
        moved = frame["event"] == 1 if "event" in frame.columns else None
        values = (
            frame.loc[moved, "duration"] if moved is not None and moved.any() else frame["duration"]
        )
    elif unit is None:
        unit = time_unit_of(values)
    if isinstance(values, (pd.Series, pd.Index, np.ndarray)) and pd.api.types.is_timedelta64_dtype(
        values.dtype
    ):
        td = np.asarray(values, dtype="timedelta64[ns]")
        secs = td.astype("int64").astype(float) / 1e9
        secs[np.isnat(td)] = np.nan
    else:
        arr = np.asarray(values)
        if arr.dtype.kind not in "fiu":  # text or objects: what reads as a number
            arr = pd.to_numeric(pd.Series(arr.astype(object).ravel()), errors="coerce").to_numpy(
                float
            )
        secs = arr.astype(float).ravel() * TIME_UNITS[check_time_unit(unit)].total_seconds()
    secs = secs[np.isfinite(secs) & (secs > 0)]
    if len(secs) == 0:
        return "days"
    median = pd.Timedelta(seconds=float(np.median(secs)))
    for limit, name in _AUTO_RULE:
        if median < limit:
            return name
    return "weeks"


def default_horizons(unit: str) -> list[float]:
    """Horizons that read naturally in ``unit`` (short, medium, long).

    Examples
    --------
    >>> default_horizons("hours"), default_horizons("D")
    ([1.0, 6.0, 24.0], [7.0, 30.0, 90.0])
    """
    return list(_HORIZONS[check_time_unit(unit)])


def time_unit_of(frame: Any, *, default: str = "days") -> str:
    """The time unit a frame's times are in.

    Read from a ``time_unit`` column holding one value, else from
    ``frame.attrs["time_unit"]``, else ``default`` (frames built by hand
    before units existed are in days).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1.0, 2.0]})
    >>> time_unit_of(d)
    'days'
    >>> d.attrs["time_unit"] = "minutes"
    >>> time_unit_of(d[d["duration"] > 1])
    'minutes'
    """
    if isinstance(frame, pd.DataFrame) and "time_unit" in frame.columns:
        seen = pd.unique(frame["time_unit"].dropna().astype(str))
        if len(seen) > 1:
            raise DataValidationError(
                f"the frame mixes time units ({', '.join(map(str, seen))})",
                source="durations",
                column="time_unit",
                fix="build every part with the same stage_durations(..., unit=...)",
            )
        if len(seen) == 1:
            return check_time_unit(seen[0])
    attrs = getattr(frame, "attrs", None) or {}
    if attrs.get("time_unit"):
        return check_time_unit(attrs["time_unit"])
    return check_time_unit(default)


def tag_time_unit(frame: pd.DataFrame, unit: str, *, column: bool = True) -> pd.DataFrame:
    """Record ``unit`` on a result frame (``attrs`` and, by default, a ``time_unit`` column).

    Returns the same frame (changed in place).

    Examples
    --------
    >>> import pandas as pd
    >>> tag_time_unit(pd.DataFrame({"horizon": [5.0]}), "min").to_dict("records")
    [{'horizon': 5.0, 'time_unit': 'minutes'}]
    """
    unit = check_time_unit(unit)
    if column:
        frame["time_unit"] = unit
    frame.attrs["time_unit"] = unit
    return frame


def time_origin(durations: Any) -> str | None:
    """Where the clock of a durations frame starts: ``"stage"``, ``"start"`` or None.

    ``"stage"`` when every row is a stage-to-stage step (time since entering
    the stage), ``"start"`` when every row counts from the journey start
    (``from_stage == "start"``), None for a mix or a frame without
    ``from_stage``.  Curves record it in ``attrs["time_since"]`` for the
    charts' time axis.

    Examples
    --------
    >>> import pandas as pd
    >>> time_origin(pd.DataFrame({"from_stage": ["visit", "cart"]}))
    'stage'
    >>> time_origin(pd.DataFrame({"duration": [1.0]})) is None
    True
    """
    if (
        not isinstance(durations, pd.DataFrame)
        or "from_stage" not in durations.columns
        or durations.empty
    ):
        return None
    stages = {str(s) for s in pd.unique(durations["from_stage"])}  # few: cheap on any size
    if stages == {"start"}:
        return "start"
    return "stage" if "start" not in stages else None


def _plural_form(n: float | None, language: str) -> str:
    """Which form of a unit noun goes with the count ``n`` (CLDR-style rules, simplified)."""
    if n is None:
        return ""  # the bare plural
    whole = float(n).is_integer()
    k = abs(int(n)) if whole else None
    if k == 1:
        return "one"
    if language == "ro":  # 2..19 minute, 20+ de minute
        return "few" if k is None or k == 0 or 1 <= k % 100 <= 19 else "many"
    if language == "pl":  # 2-4 minuty (not 12-14), else minut; fractions minuty
        if k is None or (2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14):
            return "few"
        return "many"
    return "many"


def unit_label(unit: str, language: str, n: float | None = None) -> str:
    """The unit's name in ``language``; with ``n``, the form that goes with that count.

    Without ``n``, the plain plural used in axis titles ("minutes"); with a
    count, the grammatical form after it (Romanian "15 minute" but "30 de
    minute", Polish "2 minuty" but "5 minut", Bulgarian "24 часа").

    Examples
    --------
    >>> unit_label("minutes", "en"), unit_label("minutes", "en", n=1)
    ('minutes', 'minute')
    >>> unit_label("days", "ro", n=7), unit_label("days", "ro", n=90)
    ('zile', 'de zile')
    >>> unit_label("hours", "bg"), unit_label("hours", "bg", n=24)
    ('часове', 'часа')
    """
    unit = check_time_unit(unit)
    language = check_language(language)
    form = _plural_form(n, language)
    return text(f"timeunit.{unit}" + (f".{form}" if form else ""), language)


def horizon_label(n: float, unit: str, language: str) -> str:
    """ "within 15 minutes" in ``language`` (facets, titles and captions of horizons).

    Examples
    --------
    >>> horizon_label(15, "minutes", "en"), horizon_label(90, "days", "ro")
    ('within 15 minutes', 'în 90 de zile')
    >>> horizon_label(1, "hours", "it"), horizon_label(24, "hours", "bg")
    ('entro 1 ora', 'до 24 часа')
    """
    unit = check_time_unit(unit)
    language = check_language(language)
    shown = int(n) if float(n).is_integer() else n
    if shown == 1:  # the singular after "within" (Polish genitive: "w ciągu 1 godziny")
        word = text(f"timeunit.{unit}.within_one", language)
    elif language == "pl":  # "w ciągu" takes the genitive plural: "w ciągu 2 minut"
        word = text(f"timeunit.{unit}.many", language)
    else:
        word = unit_label(unit, language, n=float(n))
    return text("timeunit.within", language, n=shown, unit=word)


def time_axis_label(unit: str, language: str, *, since: str | None = None) -> str:
    """Title of a time axis: "Minutes", "Minutes since entering the stage", ...

    Parameters
    ----------
    since : {None, "stage", "start"}
        The clock's origin: none named, entering the stage, the journey start.

    Examples
    --------
    >>> time_axis_label("minutes", "en", since="stage")
    'Minutes since entering the stage'
    >>> time_axis_label("hours", "pt", since="start")
    'Horas desde o início da jornada'
    """
    word = unit_label(unit, language)
    if since is None:
        out = word
    elif since in ("stage", "start"):
        out = text(f"timeunit.since_{since}", language, unit=word)
    else:
        raise DataValidationError(f"since={since!r} is not None, 'stage' or 'start'")
    return out[:1].upper() + out[1:]
