"""What a survey score means: the :class:`Measure` specification.

A survey need not have an NPS.  A :class:`Measure` says how one answer column
is read and summarised, so that every analysis (scores with
:func:`cjresearch.survey.scores.score`, comparisons, banners, theme differences, key
drivers) works on any survey:

==============  =====================================  ==================  ========================
``kind``        estimate                               satisfied           dissatisfied
==============  =====================================  ==================  ========================
``nps``         NPS -100..100 (scale 0-10)             promoters (9-10)    detractors (0-6)
``top_box``     share in the top ``top`` points        top ``top`` points  bottom ``bottom`` points
``bottom_box``  share in the bottom ``bottom`` points  top ``top`` points  bottom ``bottom`` points
``mean``        mean answer                            above the midpoint  below the midpoint
``binary``      share of 1 (the scale's high value)    1                   0
==============  =====================================  ==================  ========================

Shares are 0-1 (as :func:`cjresearch.survey.scores.csat`), the NPS -100..100 (as
:func:`cjresearch.survey.scores.nps`), means on the answer scale.  With
``higher_is_better=False`` (an effort scale where 7 = very difficult) the
satisfied and dissatisfied sides swap; the estimate itself is unchanged.  For
``mean`` the midpoint belongs to neither side (1-5: 4-5 against 1-2; 1-10:
6-10 against 1-5).

``na_codes`` are the values a survey tool uses for "not applicable" or "don't
know" (often 0, 9, 99 on a 1-5 scale).  :meth:`Measure.prepare` sets them to
missing, counts them and warns (:class:`~cjresearch.core.errors.RowsExcludedWarning`);
they are never used as ratings.  Any other value outside the scale is an error
naming column, rows, the values found, the declared scale and the fix.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import RESPONDENT_ID, SEGMENT, STAGE, TOUCHPOINT, WAVE, WEIGHT
from cjresearch.core.errors import DataValidationError, RowsExcludedWarning, format_rows
from cjresearch.core.rows import file_rows
from cjresearch.inputs.schema import check_nps_use

__all__ = [
    "KINDS",
    "Measure",
    "MeasuresLike",
    "infer_measures",
    "named_measures",
    "resolve_measure",
]

#: The kinds of measure.
KINDS = ("nps", "top_box", "bottom_box", "mean", "binary")

_CONFIG_KEYS = {
    "column",
    "kind",
    "scale",
    "top",
    "bottom",
    "na_codes",
    "higher_is_better",
    "label",
    "check_use",
}


def _fail(name: str, problem: str, fix: str) -> DataValidationError:
    return DataValidationError(problem, source=f"measure '{name}'", fix=fix)


def _is_number(x: Any) -> bool:
    return (
        isinstance(x, (int, float, np.integer, np.floating))
        and not isinstance(x, bool)
        and bool(np.isfinite(x))
    )


@dataclass(frozen=True)
class Measure:
    """How one survey column is read and summarised (see the module text for the kinds).

    Parameters
    ----------
    name : str
        Name of the measure, shown in the ``measure`` column of results.
    kind : {"nps", "top_box", "bottom_box", "mean", "binary"}
        What the estimate is (keyword-only, like everything after ``name``).
    column : str, optional
        The answer column; ``name`` if omitted.
    scale : (lo, hi), optional
        The valid answers, inclusive.  NPS: 0-10 (the default, nothing else is
        allowed).  Binary: 0/1 (default) or two labels ``(negative,
        positive)``, e.g. ``("no", "yes")``.  Required for ``top_box`` and
        ``bottom_box``; optional for ``mean`` (without it any number is
        accepted and there is no satisfied/dissatisfied split).
    top, bottom : int, optional
        Box sizes in scale points (box kinds only).  If one is given the other
        defaults to it; if neither, 2.  Defaults are shortened on a short
        scale so that the boxes do not overlap (1-3: top 1, bottom 1).
    na_codes : sequence, optional
        Values meaning "not applicable" / "don't know": set to missing,
        counted and reported with a warning.  They must lie outside the scale.
    higher_is_better : bool
        False for scales where a high answer is bad (effort, problems); it
        swaps the satisfied and dissatisfied sides.  Must be True for NPS.
    label : str or dict, optional
        Display label, one text or ``{language: text}``.
    check_use : bool
        NPS only: refuse a column of 30+ answers that all lie within 1-7 (a
        1-5 or 1-7 rating mistaken for NPS, see
        :func:`cjresearch.inputs.schema.check_nps_use`).  Set False to accept it.

    Examples
    --------
    >>> import pandas as pd
    >>> m = Measure("csat", kind="top_box", scale=(1, 5), top=2, na_codes=(0,))
    >>> m.top, m.bottom, m.column
    (2, 2, 'csat')
    >>> m.satisfied(pd.Series([5.0, 3.0, 1.0, None])).tolist()
    [True, False, False, False]
    >>> m.dissatisfied(pd.Series([5.0, 3.0, 1.0, None])).tolist()
    [False, False, True, False]
    """

    name: str
    _: KW_ONLY
    kind: str
    column: str = ""
    scale: tuple[Any, Any] | None = None
    top: int | None = None
    bottom: int | None = None
    na_codes: tuple[Any, ...] = ()
    higher_is_better: bool = True
    label: str | Mapping[str, str] | None = field(default=None, compare=False, hash=False)
    check_use: bool = True

    def __post_init__(self) -> None:
        name = self.name
        if not isinstance(name, str) or not name:
            raise DataValidationError(f"a measure needs a name (text), got {name!r}")
        put = object.__setattr__
        kind = self.kind
        if kind not in KINDS:
            close = difflib.get_close_matches(str(kind), KINDS, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise _fail(name, f"unknown kind {kind!r}", f"{hint}use one of {', '.join(KINDS)}")
        put(self, "column", self.column or name)
        if not isinstance(self.column, str):
            raise _fail(
                name,
                f"column must be a column name, got {self.column!r}",
                "give the name of the answer column",
            )
        codes = self.na_codes
        if codes is None or isinstance(codes, (str, int, float)):
            codes = () if codes is None else (codes,)
        put(self, "na_codes", tuple(codes))
        scale = self._scale(name, kind)
        put(self, "scale", scale)
        self._boxes(name, kind)
        if self.na_codes and scale is not None and kind != "binary":
            inside = [c for c in self.na_codes if _is_number(c) and scale[0] <= c <= scale[1]]
            if inside:
                raise _fail(
                    name,
                    f"na_codes {inside} lie inside the scale "
                    f"{scale[0]:g}-{scale[1]:g}, so they would remove real answers",
                    "list only codes outside the scale (such as 0, 9 or 99 on a 1-5 "
                    "scale), or correct the scale",
                )
        if kind == "binary" and scale is not None and any(c in scale for c in self.na_codes):
            raise _fail(
                name,
                f"na_codes {list(self.na_codes)} include a value of the scale {scale!r}",
                "list only codes that mean 'no answer'",
            )

    def _scale(self, name: str, kind: str) -> tuple[Any, Any] | None:
        """The checked scale (NPS 0-10, binary 0/1 by default)."""
        scale = self.scale
        if scale is not None:
            if (
                isinstance(scale, (str, bytes))
                or not isinstance(scale, Iterable)
                or len(tuple(scale)) != 2
            ):
                raise _fail(
                    name,
                    f"scale must be (lowest, highest), got {scale!r}",
                    "give the scale as two values, e.g. (1, 5)",
                )
            scale = tuple(scale)
        if kind == "nps":
            if scale is not None and scale != (0, 10):
                raise _fail(
                    name,
                    f"an NPS is on the 0-10 scale, got {scale!r}",
                    "leave scale out for an NPS, or use kind='top_box' or 'mean' for another scale",
                )
            if not self.higher_is_better:
                raise _fail(
                    name,
                    "an NPS cannot have higher_is_better=False",
                    "leave higher_is_better at True",
                )
            return (0, 10)
        if kind == "binary":
            scale = (0, 1) if scale is None else scale
            if scale[0] == scale[1]:
                raise _fail(
                    name,
                    f"a binary scale needs two different values, got {scale!r}",
                    "give (negative, positive), e.g. (0, 1) or ('no', 'yes')",
                )
            return scale
        if scale is None:
            if kind != "mean":
                raise _fail(
                    name,
                    f"a {kind} measure needs its scale",
                    "give scale=(lowest, highest), e.g. scale=(1, 5)",
                )
            return None
        if not (_is_number(scale[0]) and _is_number(scale[1]) and scale[0] < scale[1]):
            raise _fail(
                name,
                f"scale must be two numbers, lowest first, got {scale!r}",
                "give the scale as (lowest, highest), e.g. (1, 5)",
            )
        if kind != "mean" and not all(float(x).is_integer() for x in scale):
            raise _fail(
                name,
                f"a box measure needs a whole-number scale, got {scale!r}",
                "use whole scale points, or kind='mean'",
            )
        return scale

    def _boxes(self, name: str, kind: str) -> None:
        top, bottom = self.top, self.bottom
        if kind not in ("top_box", "bottom_box"):
            if top is not None or bottom is not None:
                raise _fail(
                    name,
                    f"top/bottom apply to box measures, not to kind {kind!r}",
                    "leave top and bottom out, or use kind='top_box'",
                )
            return
        scale = self.scale
        if scale is None:  # checked before; keeps the type checker informed
            raise _fail(name, "a box measure needs its scale", "give scale=(lowest, highest)")
        points = int(scale[1] - scale[0]) + 1
        for what, size in (("top", top), ("bottom", bottom)):
            if size is not None and (
                not isinstance(size, (int, np.integer))
                or isinstance(size, bool)
                or not 1 <= size < points
            ):
                raise _fail(
                    name,
                    f"{what}={size!r} does not fit the scale {scale[0]:g}-{scale[1]:g}",
                    f"use a whole number of scale points from 1 to {points - 1}",
                )
        given = top if top is not None else bottom
        size = int(given) if given is not None else (2 if points > 2 else 1)
        top_n = int(top) if top is not None else min(size, points - size)
        bottom_n = int(bottom) if bottom is not None else min(size, points - size)
        if top_n + bottom_n > points:
            raise _fail(
                name,
                f"top={top_n} and bottom={bottom_n} overlap on a {points}-point scale",
                "make the boxes smaller so that no answer is in both",
            )
        object.__setattr__(self, "top", top_n)
        object.__setattr__(self, "bottom", bottom_n)

    # ----------------------------------------------------------------- config
    @classmethod
    def from_config(cls, name: str, mapping: Mapping[str, Any] | Measure) -> Measure:
        """A measure from a config mapping (YAML/JSON), with clear errors.

        Keys: ``kind`` (required), ``column``, ``scale``, ``top``, ``bottom``,
        ``na_codes``, ``higher_is_better``, ``label``, ``check_use``.  A
        ``mean`` or box measure needs ``scale`` in a config.

        Examples
        --------
        >>> m = Measure.from_config("csat", {"kind": "top_box", "scale": [1, 5], "top": 2,
        ...                                  "na_codes": [0]})
        >>> m.scale, m.na_codes
        ((1, 5), (0,))
        >>> Measure.from_config("csat", {"kind": "top-box", "scale": [1, 5]})
        Traceback (most recent call last):
        ...
        cjresearch.core.errors.DataValidationError: measure 'csat': unknown kind 'top-box'. Fix: did you mean 'top_box'? use one of nps, top_box, bottom_box, mean, binary.
        """
        if isinstance(mapping, Measure):
            return mapping
        if not isinstance(mapping, Mapping):
            raise _fail(
                str(name),
                f"the config must be a mapping, got {type(mapping).__name__}",
                "write it as {kind: top_box, scale: [1, 5], ...}",
            )
        unknown = sorted(set(map(str, mapping)) - _CONFIG_KEYS)
        if unknown:
            hints = [
                f"{u!r} -> {m[0]!r}"
                for u in unknown
                if (m := difflib.get_close_matches(u, sorted(_CONFIG_KEYS), n=1))
            ]
            hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
            raise _fail(
                str(name),
                f"unknown key(s) {unknown}{hint}",
                f"use {', '.join(sorted(_CONFIG_KEYS))}",
            )
        if "kind" not in mapping:
            raise _fail(
                str(name), "the config has no 'kind'", f"add kind: one of {', '.join(KINDS)}"
            )
        if mapping["kind"] == "mean" and mapping.get("scale") is None:
            raise _fail(
                str(name),
                "a mean measure needs its scale in a config",
                "add scale: [lowest, highest], e.g. [1, 5]",
            )
        options = dict(mapping)
        if options.get("scale") is not None and not isinstance(options["scale"], (str, bytes)):
            options["scale"] = tuple(options["scale"])
        if options.get("na_codes") is not None and not isinstance(
            options["na_codes"], (str, bytes)
        ):
            options["na_codes"] = tuple(options["na_codes"])
        return cls(str(name), **options)

    # -------------------------------------------------------------- the data
    def title(self, language: str = "en") -> str:
        """The display label in ``language`` (the name when no label is given).

        >>> Measure("csat", kind="mean", scale=(1, 5), label={"en": "Satisfaction"}).title()
        'Satisfaction'
        """
        if isinstance(self.label, str):
            return self.label
        if isinstance(self.label, Mapping):
            return str(self.label.get(language) or self.label.get("en") or self.name)
        return self.name

    @property
    def groups(self) -> tuple[str, str]:
        """Names of the satisfied and dissatisfied sides: promoters/detractors for an NPS.

        >>> Measure("nps", kind="nps").groups, Measure("ok", kind="binary").groups
        (('promoters', 'detractors'), ('satisfied', 'dissatisfied'))
        """
        return ("promoters", "detractors") if self.kind == "nps" else ("satisfied", "dissatisfied")

    def prepare(
        self, data: pd.DataFrame, *, source: str | None = None, report: Any = None
    ) -> pd.Series:
        """The column's answers as floats: na codes set to missing (counted, warned), scale checked.

        Binary labels become 0 (negative) and 1 (positive); booleans 0/1.
        Missing answers stay missing.  ``report`` (a
        :class:`~cjresearch.inputs.schema.ValidationReport`) records the na codes set
        to missing.

        Raises
        ------
        DataValidationError
            Column absent, text that is not a number or label, values outside
            the scale (naming rows, the values found and the declared scale),
            no answer left, or (NPS) a column that is a 1-5/1-7 rating.

        Examples
        --------
        >>> import pandas as pd, warnings
        >>> m = Measure("q1", kind="mean", scale=(1, 5), na_codes=(0, 99))
        >>> with warnings.catch_warnings(record=True) as w:
        ...     warnings.simplefilter("always")
        ...     m.prepare(pd.DataFrame({"q1": [5, 0, 3, 99]})).tolist()
        [5.0, nan, 3.0, nan]
        >>> print(w[0].message)
        survey, column 'q1': 2 answers coded 0, 99 (not applicable / don't know) set to missing (rows 1, 3)
        >>> Measure("q1", kind="mean", scale=(1, 5)).prepare(pd.DataFrame({"q1": [5, 0, 3]}))
        Traceback (most recent call last):
        ...
        cjresearch.core.errors.DataValidationError: survey, column 'q1': 1 value is outside the declared scale 1-5: found 0 (row 1). Fix: if 0 means 'not applicable' or 'don't know', declare na_codes=[0]; otherwise correct the values or the scale.
        """
        src = source or str(getattr(data, "attrs", {}).get("source") or "survey")
        col = self.column
        if not isinstance(data, pd.DataFrame):
            raise DataValidationError(
                f"expected a pandas DataFrame, got {type(data).__name__}", source=src
            )
        if col not in data.columns:
            close = difflib.get_close_matches(str(col), [str(c) for c in data.columns], n=3)
            hint = f" (close: {', '.join(map(repr, close))})" if close else ""
            raise DataValidationError(
                f"column not found{hint}",
                source=src,
                column=col,
                fix=f"point measure '{self.name}' at an existing column "
                f"with column=...; columns are {list(data.columns)[:12]}",
            )
        raw = data[col]
        if isinstance(raw.dtype, pd.CategoricalDtype):
            raw = raw.astype(object)
        if pd.api.types.is_bool_dtype(raw):
            raw = raw.astype(float)

        def rows(mask: np.ndarray) -> list[Any]:
            return file_rows(data, list(data.index[mask]))

        present = raw.notna().to_numpy()
        is_na = np.zeros(len(raw), dtype=bool)
        for code in self.na_codes:
            is_na |= present & _equal(raw, code)
        if is_na.any():
            found = [c for c in self.na_codes if (present & _equal(raw, c)).any()]
            shown = ", ".join(f"{c:g}" if _is_number(c) else repr(c) for c in found)
            reason = f"answers coded {shown} (not applicable / don't know)"
            r = rows(is_na)
            if report is not None:
                report.add(col, "set to missing", int(is_na.sum()), reason, r)
            warnings.warn(
                f"{src}, column '{col}': {int(is_na.sum())} {reason} set to missing "
                f"({format_rows(r)})",
                RowsExcludedWarning,
                stacklevel=2,
            )
        kept = raw.where(~is_na)
        if self.kind == "binary":
            neg, pos = self.scale  # type: ignore[misc]
            values = pd.Series(
                np.where(_equal(kept, pos), 1.0, np.where(_equal(kept, neg), 0.0, np.nan)),
                index=data.index,
            )
            bad = kept.notna().to_numpy() & values.isna().to_numpy()
            if bad.any():
                shown = ", ".join(repr(v) for v in pd.unique(kept[bad].astype(str))[:5])
                raise DataValidationError(
                    f"{int(bad.sum())} values are neither {neg!r} nor {pos!r}: {shown}",
                    source=src,
                    column=col,
                    rows=rows(bad),
                    fix="recode them, list them in na_codes if they mean 'no answer', or "
                    "correct the measure's scale",
                )
        else:
            values = pd.to_numeric(kept, errors="coerce").astype(float)
            text = kept.notna().to_numpy() & values.isna().to_numpy()
            if text.any():
                shown = ", ".join(repr(v) for v in pd.unique(kept[text].astype(str))[:3])
                raise DataValidationError(
                    f"{int(text.sum())} non-numeric values such as {shown}",
                    source=src,
                    column=col,
                    rows=rows(text),
                    fix="recode text answers to numbers, list them in na_codes if they mean "
                    "'no answer', or read the file with read_survey",
                )
            self._check_range(values, src, rows)
        if len(values) and values.notna().sum() == 0:
            raise DataValidationError(
                "no answers left (all values are missing or na codes)",
                source=src,
                column=col,
                fix="check the column mapping and the measure's na_codes",
            )
        if self.kind == "nps" and self.check_use:
            check_nps_use(values, source=src, column=col)
        values.name = col
        return values

    def _check_range(self, values: pd.Series, src: str, rows: Any) -> None:
        if self.scale is None:
            return
        lo, hi = self.scale
        v = values.to_numpy()
        out = ~np.isnan(v) & ((v < lo) | (v > hi))
        whole = self.kind != "mean"
        fraction = ~np.isnan(v) & (v != np.round(v)) if whole else np.zeros(len(v), dtype=bool)
        out |= fraction
        if out.any():
            n = int(out.sum())
            found = pd.unique(v[out])
            shown = ", ".join(f"{x:g}" for x in found[:6])
            codes = ", ".join(f"{x:g}" for x in found[:6] if x == np.round(x))
            fix = (
                (
                    f"if {codes} mean{'s' if len(found) == 1 else ''} 'not applicable' or "
                    f"'don't know', declare na_codes=[{codes}]; otherwise correct the values or "
                    "the scale"
                )
                if codes
                else "correct the values or the scale"
            )
            what = "outside the declared scale" + (
                " or not whole numbers" if fraction.any() else ""
            )
            raise DataValidationError(
                f"{n} value{'s are' if n > 1 else ' is'} {what} {lo:g}-{hi:g}: found {shown}",
                source=src,
                column=self.column,
                rows=rows(out),
                fix=fix,
            )

    # ------------------------------------------------------------ the split
    def _high_low(self, values: Any) -> tuple[np.ndarray, np.ndarray]:
        v = np.asarray(
            pd.to_numeric(pd.Series(np.asarray(values, dtype=object)), errors="coerce"), dtype=float
        )
        if self.kind == "nps":
            return v >= 9, v <= 6
        if self.kind == "binary":
            return v == 1, v == 0
        if self.scale is None:
            raise _fail(
                self.name,
                "a mean measure without a scale has no satisfied/dissatisfied split",
                "give the measure its scale, e.g. scale=(1, 5)",
            )
        lo, hi = self.scale
        if self.kind == "mean":
            mid = (lo + hi) / 2
            return v > mid, v < mid
        return v > hi - self.top, v < lo + self.bottom

    def satisfied(self, values: Any) -> Any:
        """True for answers on the satisfied side (see the module text); missing is False.

        ``values`` are prepared answers (:meth:`prepare`); a Series gives a
        Series with the same index, anything else a NumPy array.
        """
        high, low = self._high_low(values)
        out = high if self.higher_is_better else low
        return pd.Series(out, index=values.index) if isinstance(values, pd.Series) else out

    def dissatisfied(self, values: Any) -> Any:
        """True for answers on the dissatisfied side (see the module text); missing is False."""
        high, low = self._high_low(values)
        out = low if self.higher_is_better else high
        return pd.Series(out, index=values.index) if isinstance(values, pd.Series) else out

    def code(self, values: Any) -> np.ndarray:
        """Per-answer values whose (weighted) mean is the estimate; NaN stays NaN.

        NPS: +100 / 0 / -100; boxes and binary: 1 / 0; mean: the answer.

        >>> import numpy as np
        >>> Measure("nps", kind="nps").code(np.array([10, 8, 3, np.nan])).tolist()
        [100.0, 0.0, -100.0, nan]
        """
        v = np.asarray(values, dtype=float)
        miss = np.isnan(v)
        if self.kind == "nps":
            out = np.where(v >= 9, 100.0, np.where(v >= 7, 0.0, -100.0))
        elif self.kind == "top_box":
            out = (v > self.scale[1] - self.top).astype(float)  # type: ignore[index]
        elif self.kind == "bottom_box":
            out = (v < self.scale[0] + self.bottom).astype(float)  # type: ignore[index]
        else:
            out = v.copy()
        out[miss] = np.nan
        return out


def _equal(values: pd.Series, code: Any) -> np.ndarray:
    """``values == code``, numbers compared as numbers and text as trimmed text."""
    if _is_number(code):
        num = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        return np.asarray(num == float(code))
    text = values.map(lambda x: x.strip() if isinstance(x, str) else x)
    return np.asarray(text == code, dtype=bool)


MeasuresLike = Mapping[str, "Measure | Mapping[str, Any]"] | Sequence[Measure] | None


def named_measures(measures: MeasuresLike | Any) -> dict[str, Measure]:
    """``{name: Measure}`` from Measure objects or ``{name: Measure or config mapping}``.

    >>> named_measures({"sat": {"kind": "binary"}})["sat"].scale
    (0, 1)
    """
    if measures is None:
        return {}
    if isinstance(measures, Mapping):
        return {str(k): Measure.from_config(str(k), v) for k, v in measures.items()}
    out: dict[str, Measure] = {}
    for m in measures:
        if not isinstance(m, Measure):
            raise DataValidationError(
                f"measures= holds {m!r}, not a Measure",
                fix="pass Measure objects or a mapping {name: config}",
            )
        out[m.name] = m
    return out


def resolve_measure(
    measure: Measure | str | None,
    *,
    data: pd.DataFrame | None = None,
    measures: MeasuresLike = None,
    column: str | None = None,
) -> Measure:
    """The :class:`Measure` meant by ``measure``.

    A Measure is returned as is.  A name is looked up in ``measures`` (Measure
    objects or ``{name: config}``), then in ``data.attrs["measures"]`` (set
    by :func:`cjresearch.inputs.surveys.read_survey`).  Without a measure, the one
    :func:`infer_measures` proposes for ``column`` (or for the column named
    ``measure``) is used (a measure declared for that column in
    ``measures`` or ``data.attrs["measures"]`` comes first); if it proposes none the answer is an error asking
    for the measure: an NPS is never assumed for a column that is not a
    valid 0-10 NPS.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"csat": [1, 2, 5, 4, 3]})
    >>> resolve_measure(None, data=df, column="csat").kind
    'top_box'
    >>> resolve_measure("sat", measures={"sat": {"kind": "mean", "scale": [1, 5]}}).scale
    (1, 5)
    """
    if isinstance(measure, Measure):
        return measure
    known = named_measures(measures)
    if data is not None:
        known = {**named_measures(data.attrs.get("measures")), **known}
    if isinstance(measure, str) and measure in known:
        return known[measure]
    target = column if column is not None else measure
    if measure is None and target is not None:
        declared = [m for m in known.values() if m.column == target]
        if declared:
            return declared[0]
    if measure is not None and not isinstance(measure, str):
        raise DataValidationError(
            f"measure must be a Measure or a name, got {measure!r}",
            fix="pass Measure(...) or the name of one in measures=",
        )
    if target is not None and data is not None and target in data.columns:
        proposed = infer_measures(data[[target]])
        if target in proposed:
            return proposed[target]
        raise DataValidationError(
            "no measure says how to read this column, and it is not one of the common cases "
            "(NPS 0-10 named nps, CSAT 1-5, CES 1-7, 0/1 flag)",
            source="survey",
            column=target,
            fix=f"pass measure=Measure({target!r}, kind=..., scale=...), e.g. "
            f"Measure({target!r}, kind='mean', scale=(1, 5), na_codes=[0])",
        )
    if measure is None and target is not None and data is not None:
        raise DataValidationError(
            "column not found, and no measure was given",
            source="survey",
            column=target,
            fix="pass measure=Measure(name, kind=..., column=..., scale=...) for the survey's "
            f"score (columns are {list(data.columns)[:12]})",
        )
    raise DataValidationError(
        f"unknown measure {measure!r}",
        fix=f"pass a Measure, or one of the names {sorted(known)} "
        "given in measures=, or an answer column of the data",
    )


_NPS_NAMES = ("nps", "ltr", "recommend", "likelihood_to_recommend")
_NOT_MEASURES = {
    RESPONDENT_ID,
    "customer_id",
    WEIGHT,
    WAVE,
    STAGE,
    TOUCHPOINT,
    SEGMENT,
    "stratum",
    "strata",
    "psu",
    "cluster",
    "fpc",
    "channel",
    "date",
}


def infer_measures(data: pd.DataFrame) -> dict[str, Measure]:
    """Measures proposed from column names and values, for the common cases only.

    * a column named like ``nps`` (``nps``, ``nps_*``, ``*_nps``, ``ltr``,
      ``recommend``) whose answers are whole numbers within 0-10 and use the
      scale (not all within 1-7): ``nps``;
    * ``csat*`` with whole answers within 1-5: ``top_box`` (top 2 of 1-5, as
      :func:`cjresearch.survey.scores.csat`);
    * ``ces*`` with whole answers within 1-7: ``top_box`` (top 3 of 1-7, as
      :func:`cjresearch.survey.scores.ces`);
    * a boolean column, or a 0/1 column holding both values (ids, weights and
      design columns excepted): ``binary``.

    Nothing else is guessed (no na codes, no Likert scales): declare those
    with :class:`Measure`.  Never proposes an NPS for a column that is not 0-10.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [0, 10, 9, 7], "csat": [1, 5, 4, 3], "ok": [1, 0, 1, 1],
    ...                    "rating_app": [1, 5, 0, 2]})
    >>> {k: m.kind for k, m in infer_measures(df).items()}
    {'nps': 'nps', 'csat': 'top_box', 'ok': 'binary'}
    """
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(f"expected a pandas DataFrame, got {type(data).__name__}")
    out: dict[str, Measure] = {}
    for col in data.columns:
        name = str(col)
        raw = data[col]
        low = name.lower()
        if low in _NOT_MEASURES or low.endswith("_id"):
            continue
        if pd.api.types.is_bool_dtype(raw):
            out[name] = Measure(name, kind="binary")
            continue
        if not pd.api.types.is_numeric_dtype(raw):
            continue
        v = raw.dropna().astype(float)
        if v.empty or not (v == np.round(v)).all():
            continue
        lo, hi = v.min(), v.max()
        if (
            (low in _NPS_NAMES or low.startswith("nps_") or low.endswith("_nps"))
            and lo >= 0
            and hi <= 10
        ):
            try:
                check_nps_use(v, source="survey", column=name)
            except DataValidationError:
                continue
            out[name] = Measure(name, kind="nps")
        elif low.startswith("csat") and lo >= 1 and hi <= 5:
            out[name] = Measure(name, kind="top_box", scale=(1, 5), top=2)
        elif low.startswith("ces") and lo >= 1 and hi <= 7:
            out[name] = Measure(name, kind="top_box", scale=(1, 7), top=3)
        elif set(v.unique()) == {0.0, 1.0}:
            out[name] = Measure(name, kind="binary")
    return out
