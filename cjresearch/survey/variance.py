"""The sampling design's stages and the Taylor-linearisation variance of a survey estimate.

:func:`design_stages` reads the design columns (strata, clusters of one or more
stages, finite-population corrections) into :class:`Stage` objects, and
:func:`design_variance` turns the weighted influence values of a set of
estimates into their covariance matrix, as R's ``survey::svyrecvar`` does:

1. **Calibration.** For every calibration step (:class:`CalibrationLayer`, in
   the order they were applied) the influence values are replaced by their
   residuals.  Post-stratification subtracts, within each post-stratum, the
   mean of ``x / w_new`` weighted by the weights before the step, times
   ``w_new``.  Raking repeats 10 times, for every margin, ``x - psw *
   ave(x / psw, margin)``: ``ave`` is the *unweighted* cell mean and ``psw``
   the weights right after that margin's step in the last sweep of the
   raking.  This is R's formula exactly (``survey`` 4.x), an approximation
   of the calibration residual; we follow it so that the numbers agree.
2. **Stages.** The between-unit variance of the PSU totals within strata,
   times ``n_h / (n_h - 1)`` and ``1 - f_h``; with clusters of several stages
   and a finite-population correction at each stage, the variance between
   the stage-2 units within each PSU is added, times the stage-1 sampling
   fraction ``n_h / N_h`` (and so on down), as ``survey:::multistage``.
   Without an fpc the first stage is sampled with replacement and its
   variance is the whole ("ultimate cluster") variance.

A group (stratum, or PSU at a later stage) whose units were all sampled
(fpc equal to the sample size) adds no variance; a group with a single
sampled unit out of several is a *lonely PSU* (an error unless
``lonely_psu="certainty"``, when it adds nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.inputs.schema import design_column
from cjresearch.survey.estimation import numeric_column

__all__ = ["CalibrationLayer", "Stage", "design_stages", "design_variance", "fpc_weights"]

RAKE_ROUNDS = 10  # svyrecvar's fixed number of projection sweeps for raking


@dataclass
class CalibrationLayer:
    """One calibration step: ``"post"`` (one post-stratification) or ``"rake"`` (margins).

    ``codes`` holds each margin's cell codes, ``weights`` the weights right after
    that margin's adjustment, ``oldweights`` (post only) the weights before it.
    """

    kind: str
    codes: list[np.ndarray]
    weights: list[np.ndarray]
    oldweights: np.ndarray | None = None


@dataclass
class Stage:
    """One sampling stage, as arrays with one entry per respondent.

    ``unit``: the respondent's sampling unit at this stage (codes 0..); ``group``:
    the group the unit was sampled in (stratum at stage 1, the parent unit
    later; codes 0..); ``n``: number of sampled units per group; ``frac``:
    sampling fraction per group (0: with replacement / no fpc); ``mult``: the
    product of the sampling fractions of the earlier stages, per group.
    """

    unit: np.ndarray
    group: np.ndarray
    n: np.ndarray
    frac: np.ndarray
    mult: np.ndarray = field(default_factory=lambda: np.ones(1))

    @property
    def unit_group(self) -> np.ndarray:
        """The group of every unit."""
        g = np.zeros(int(self.unit.max()) + 1, dtype=int)
        g[self.unit] = self.group
        return g

    @property
    def scale(self) -> np.ndarray:
        """Per-group factor ``mult * (1 - f) * n / (n - 1)`` (0 for a group of one unit)."""
        n = self.n.astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n > 1, n / (n - 1), 0.0) * (1 - self.frac) * self.mult


def _columns(spec: str | Sequence[str] | None) -> list[str]:
    if spec is None:
        return []
    return [spec] if isinstance(spec, str) else list(spec)


def _fractions(
    data: pd.DataFrame,
    column: str,
    group: np.ndarray,
    n: np.ndarray,
    what: str,
    source: str,
) -> np.ndarray:
    design_column(data, column, "fpc", source)
    f = numeric_column(data, column, source=source).to_numpy()
    frame = pd.DataFrame({"g": group, "f": f})
    per_group = frame.groupby("g")["f"].agg(["nunique", "first"])
    if (per_group["nunique"] > 1).any() or frame["f"].isna().any():
        raise DataValidationError(
            f"fpc differs within a {what} (or is missing)",
            source=source,
            column=column,
            fix=f"give one population size per {what}",
        )
    v = per_group["first"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(v <= 1, v, n / v)
    bad = ~((frac >= 0) & (frac <= 1))
    if bad.any():
        k = int(np.nonzero(bad)[0][0])
        raise DataValidationError(
            f"population size {v[k]:g} is smaller than the {int(n[k])} sampled units of a {what}",
            source=source,
            column=column,
            fix=f"fpc is the population number of units per {what} (or the sampling fraction)",
        )
    return np.asarray(frac, dtype=float)


def design_stages(
    data: pd.DataFrame,
    *,
    strata: str | None,
    cluster: str | Sequence[str] | None,
    fpc: str | Sequence[str] | None,
    nest: bool,
    lonely_psu: str,
    source: str,
) -> list[Stage]:
    """The sampling stages of a design (see the module docstring), validated.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"h": [1, 1, 2, 2], "c": [1, 2, 1, 2]})
    >>> [s.n.tolist() for s in design_stages(df, strata="h", cluster="c", fpc=None,
    ...                                      nest=True, lonely_psu="fail", source="x")]
    [[2, 2]]
    """
    clusters, fpcs = _columns(cluster), _columns(fpc)
    if fpcs and len(fpcs) != max(len(clusters), 1):
        raise DataValidationError(
            f"{len(fpcs)} fpc columns for {len(clusters)} stages of clusters",
            source=source,
            column=", ".join(fpcs),
            fix="give one fpc column per stage (cluster=['psu', 'ssu'], fpc=['N1', 'N2']), "
            "or leave fpc out (first stage with replacement, as R)",
        )
    st = design_column(data, strata, "strata", source)
    stratum = np.zeros(len(data), dtype=int) if st is None else pd.factorize(st, sort=True)[0]
    levels: list[str | None] = list(clusters) or [None]
    stages: list[Stage] = []
    group, mult = stratum, np.ones(int(stratum.max()) + 1)
    for s, col in enumerate(levels):
        cl = design_column(data, col, "cluster", source) if col is not None else None
        if cl is None:
            unit = np.arange(len(data))
        else:
            unit = pd.factorize(pd.Series(list(zip(group, cl, strict=True))))[0]
            if s == 0 and strata is not None and not nest:
                check = pd.DataFrame({"c": pd.factorize(cl)[0], "s": stratum})
                spread = check.groupby("c")["s"].nunique()
                if (spread > 1).any():
                    ex = cl.iloc[int(np.nonzero(check["c"].to_numpy() == spread.idxmax())[0][0])]
                    raise DataValidationError(
                        f"{int((spread > 1).sum())} cluster ids appear in more than one stratum "
                        f"(e.g. {ex!r})",
                        source=source,
                        column=col,
                        fix="if clusters are numbered within each stratum (as in NHANES: "
                        "PSU 1 and 2 in every stratum), pass nest=True; otherwise check the "
                        f"strata column '{strata}'",
                    )
        n_groups = int(group.max()) + 1
        n = np.zeros(n_groups, dtype=int)
        ug = np.zeros(int(unit.max()) + 1, dtype=int)
        ug[unit] = group
        np.add.at(n, ug, 1)
        frac = np.zeros(n_groups)
        if s < len(fpcs):
            what = "stratum" if s == 0 else f"stage-{s} cluster"
            frac = _fractions(data, fpcs[s], group, n, what, source)
        stage = Stage(unit=unit, group=group, n=n, frac=frac, mult=mult)
        lonely = (n < 2) & (frac < 1 - 1e-7)
        if lonely.any() and lonely_psu == "fail":
            _lonely_error(lonely, s, strata, col, source)
        stages.append(stage)
        if not fpcs:
            break  # without fpc the first stage is with replacement: ultimate cluster variance
        mult = (mult * frac)[ug]  # per unit of this stage = per group of the next
        group = unit
    return stages


def fpc_weights(stages: Sequence[Stage]) -> np.ndarray:
    """Weights implied by the fpc of a design given without weights.

    One over the product of the stages' sampling fractions ``n / N``, per
    respondent, as R's ``svydesign`` does when it has an fpc but neither
    ``weights`` nor ``probs``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"h": [1, 1, 2, 2, 2], "N": [10, 10, 30, 30, 30]})
    >>> fpc_weights(design_stages(df, strata="h", cluster=None, fpc="N", nest=False,
    ...                           lonely_psu="fail", source="x")).tolist()
    [5.0, 5.0, 10.0, 10.0, 10.0]
    """
    prob = np.ones(len(stages[0].unit))
    for stage in stages:
        prob = prob * stage.frac[stage.group]
    return 1 / prob


def _lonely_error(
    lonely: np.ndarray, stage: int, strata: str | None, cluster: str | None, source: str
) -> None:
    if stage > 0:
        raise DataValidationError(
            f"{int(lonely.sum())} stage-{stage} clusters have a single sampled unit in "
            f"'{cluster}' out of several, so their variance cannot be estimated",
            source=source,
            column=cluster,
            fix="pass lonely_psu='certainty', or check that the fpc of this stage is the "
            "number of units in the cluster's population",
        )
    if strata is None:  # one stratum: the whole survey is a single unit
        unit = "respondent" if cluster is None else f"cluster (PSU) in '{cluster}'"
        raise DataValidationError(
            f"the survey has a single {unit}, so no variance can be estimated",
            source=source,
            column=cluster,
            fix="an interval needs at least two respondents (and two clusters, "
            "when clusters are given): add the other answers",
        )
    raise DataValidationError(
        f"{int(lonely.sum())} strata have a single PSU, so their variance cannot be estimated",
        source=source,
        column=strata,
        fix="merge such strata with similar ones, or pass lonely_psu='certainty'",
    )


def calibration_residuals(x: np.ndarray, layers: Sequence[CalibrationLayer]) -> np.ndarray:
    """The influence values ``x`` (n x k) after the calibration steps (svyrecvar's formulas)."""
    for layer in layers:
        if layer.kind == "post":
            codes, psw = layer.codes[0], layer.weights[0]
            old = layer.oldweights if layer.oldweights is not None else np.ones(len(psw))
            m = int(codes.max()) + 1
            sums = np.stack(
                [
                    np.bincount(codes, weights=x[:, j] * old / psw, minlength=m)
                    for j in range(x.shape[1])
                ],
                axis=1,
            )
            x = (
                x
                - (sums / np.bincount(codes, weights=old, minlength=m)[:, None])[codes]
                * psw[:, None]
            )
            continue
        for _ in range(RAKE_ROUNDS):
            for codes, psw in zip(layer.codes, layer.weights, strict=True):
                m = int(codes.max()) + 1
                u = x / psw[:, None]
                count = np.bincount(codes, minlength=m)
                means = (
                    np.stack(
                        [
                            np.bincount(codes, weights=u[:, j], minlength=m)
                            for j in range(x.shape[1])
                        ],
                        axis=1,
                    )
                    / np.maximum(count, 1)[:, None]
                )
                x = x - means[codes] * psw[:, None]
    return x


def design_variance(
    x: np.ndarray, stages: Sequence[Stage], layers: Sequence[CalibrationLayer] = ()
) -> np.ndarray:
    """Covariance matrix of the totals of the weighted influence columns ``x`` (n x k)."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    x = calibration_residuals(x, layers)
    v = np.zeros((x.shape[1], x.shape[1]))
    for stage in stages:
        z = np.zeros((int(stage.unit.max()) + 1, x.shape[1]))
        np.add.at(z, stage.unit, x)
        g = stage.unit_group
        zbar = np.zeros((len(stage.n), x.shape[1]))
        np.add.at(zbar, g, z)
        zbar /= np.maximum(stage.n, 1)[:, None]
        zc = z - zbar[g]
        v += (zc * stage.scale[g][:, None]).T @ zc
    return v
