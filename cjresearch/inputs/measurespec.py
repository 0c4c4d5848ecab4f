"""The :class:`Measure` itself: a survey column's kind and scale, checked when declared,
and how its answers are read (:meth:`Measure.prepare`) and split into satisfied and
dissatisfied.

The kinds are described in :mod:`cjresearch.inputs.measures`, which also exports
:class:`Measure` and finds the measure meant for a column.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    format_rows,
)
from cjresearch.core.rows import file_rows
from cjresearch.inputs.answers import warn_zero_code, zero_looks_like_a_code
from cjresearch.inputs.schema import check_nps_use

__all__ = ["KINDS", "Measure"]

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
    """How one survey column is read and summarised (the kinds: :mod:`cjresearch.inputs.measures`).

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
            if 0 not in self.na_codes and zero_looks_like_a_code(values):
                warn_zero_code(values, src, str(self.column))
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
