"""The key findings that open the report: one sentence per finding, with its evidence link.

The findings and their rules are in :mod:`cjresearch.report.findings`; the
study computes them once from the tables the sections show
(:meth:`cjresearch.report.study.Study.findings`).  This part only words them in
the report language: every number with its 95% interval, base and adjusted
p-value, a link to the table that shows it, and "the data cannot tell" where
the rules do not back a statement.
"""

from __future__ import annotations

import html
from typing import Any

from cjresearch.core.i18n import format_number, format_percent, text
from cjresearch.core.timeunits import horizon_label
from cjresearch.report.findings import Finding
from cjresearch.report.sections._common import name, quiet, say

__all__ = ["finding_text", "key_findings"]

_SHARES = {"top_box", "bottom_box", "binary", "share"}


def _value(v: float, kind: str, lang: str, *, diff: bool = False) -> str:
    """A number of a measure of ``kind`` (a share as a percentage, NPS and means as numbers)."""
    if kind in _SHARES:
        if diff:
            return f"{format_number(100 * v, lang, digits=1)} {text('findings.pp', lang)}"
        return format_percent(v, lang)
    if kind == "hr":
        return format_number(v, lang, digits=2)
    if kind == "n0":
        return format_number(v, lang)
    digits = 1 if kind in ("nps", "points") else 2
    shown = format_number(v, lang, digits=digits)
    return f"{shown} {text('findings.points', lang)}" if diff and kind == "nps" else shown


def _bare(v: float, kind: str, lang: str) -> str:
    """An end of a difference's interval: percentage points without the unit."""
    if kind in _SHARES:
        return format_number(100 * v, lang, digits=1)
    return _value(v, kind, lang)


def _with_ci(est: float, lo: float, hi: float, kind: str, lang: str, *, diff: bool = False) -> str:
    end = _bare if diff else _value
    return text(
        "findings.with_ci",
        lang,
        estimate=_value(est, kind, lang, diff=diff),
        low=end(lo, kind, lang),
        high=end(hi, kind, lang),
    )


def _p(p: float | None, lang: str) -> str:
    if p is None:
        return ""
    if p < 0.001:
        return text("findings.p_small", lang)
    return text("findings.p", lang, p=format_number(p, lang, digits=3))


def _n(v: Any, lang: str) -> str:
    return format_number(float(v), lang)


def _step(study: Any, start: Any, end: Any = None) -> str:
    """``Stage → next stage`` in the report language (the next stage of the journey when
    ``end`` is not given)."""
    j, lang = study.journey, study.language
    stages = list(j.stage_ids)
    if not end and start in stages[:-1]:
        end = stages[stages.index(start) + 1]
    return f"{j.label(start, lang)} \u2192 {j.label(end, lang)}" if end else j.label(start, lang)


def finding_text(f: Finding, study: Any) -> str:
    """The sentence of finding ``f`` in the study's language (plain text, not escaped)."""
    lang, fl = study.language, f.fields
    values: dict[str, Any] = {k: name(study, v) for k, v in fl.items() if isinstance(v, str)}
    values |= {
        k: _n(v, lang) for k, v in fl.items() if isinstance(v, int) and not isinstance(v, bool)
    }
    if f.p_adjusted is not None:
        values["p"] = _p(f.p_adjusted, lang)
    if f.n is not None:
        values["n"] = _n(f.n, lang)
    if fl.get("horizon") is not None:
        values["within"] = horizon_label(fl["horizon"], fl.get("time_unit", "days"), lang)
    if f.kind == "dropoff" and f.estimate is not None:
        values["step"] = _step(study, fl["from_stage"], fl["to_stage"])
        values["estimate"] = _with_ci(f.estimate, f.ci_low or 0, f.ci_high or 0, "share", lang)
        values["lost"] = _n(fl["lost"], lang)
        values["others"] = "; ".join(
            text(
                "findings.tied_step",
                lang,
                step=_step(study, t["from_stage"], t["to_stage"]),
                estimate=_with_ci(t["estimate"], t["ci_low"], t["ci_high"], "share", lang),
                n=_n(t["n"], lang),
            )
            for t in fl.get("tied", [])
        )
    elif f.kind == "painpoint" and "rank" in fl:
        values |= {"rank": str(fl["rank"]), "exposed": _n(fl["exposed"], lang)}
        values["stage"] = study.journey.label(fl["stage"], lang)
        if f.supported and f.estimate is not None:
            kind = "hr" if fl["effect"] != "rating" else "mean"
            values["effect"] = text(
                f"findings.effect_{fl['effect']}",
                lang,
                estimate=_with_ci(f.estimate, f.ci_low or 0, f.ci_high or 0, kind, lang),
                p=values["p"],
                rating=name(study, fl.get("rating") or ""),
            )
        if fl.get("impact"):
            values["lost"] = _with_ci(fl["lost"], fl["lost_ci_low"], fl["lost_ci_high"], "n0", lang)
    elif f.kind == "driver" and f.estimate is not None:
        values["estimate"] = _with_ci(f.estimate, f.ci_low or 0, f.ci_high or 0, "share", lang)
        values["share"] = format_percent(fl.get("share") or 0.0, lang)
        if "other" in fl:
            values["other_estimate"] = _with_ci(
                fl["other_estimate"], fl["other_ci_low"], fl["other_ci_high"], "share", lang
            )
    elif f.kind in ("segment", "survey_group", "wave") and f.estimate is not None:
        kind = fl.get("measure_kind", "share")
        if f.kind == "segment":
            values["step"] = _step(study, fl["from_stage"], fl.get("to_stage"))
        for k in ("high", "low", "group_a", "group_b"):
            values[k] = name(study, fl[k])
        for k in ("estimate_high", "estimate_low"):
            values[k] = _value(fl[k], kind, lang)
        values |= {"n_high": _n(fl["n_high"], lang), "n_low": _n(fl["n_low"], lang)}
        if f.kind == "wave":  # in time order: from wave a to wave b, signed
            s = -1.0 if fl["flipped"] else 1.0
            lo, hi = sorted((s * (f.ci_low or 0), s * (f.ci_high or 0)))
            a_first = fl["flipped"]  # flipped: a is the higher group
            values |= {
                "from": values["estimate_high" if a_first else "estimate_low"],
                "to": values["estimate_low" if a_first else "estimate_high"],
                "n_a": values["n_high" if a_first else "n_low"],
                "n_b": values["n_low" if a_first else "n_high"],
                "estimate": text(
                    "findings.with_ci",
                    lang,
                    estimate=_signed(s * f.estimate, kind, lang),
                    low=_bare(lo, kind, lang),
                    high=_bare(hi, kind, lang),
                ),
            }
        else:
            values["estimate"] = _with_ci(
                f.estimate, f.ci_low or 0, f.ci_high or 0, kind, lang, diff=True
            )
    return text(f.key, lang, **values)


def _signed(v: float, kind: str, lang: str) -> str:
    if kind in _SHARES:
        return f"{format_number(100 * v, lang, digits=1, sign=True)} {text('findings.pp', lang)}"
    digits = 1 if kind == "nps" else 2
    shown = format_number(v, lang, digits=digits, sign=True)
    return f"{shown} {text('findings.points', lang)}" if kind == "nps" else shown


def findings_html(findings: list[Finding], study: Any) -> str:
    """The findings as an HTML list: each sentence escaped, its evidence linked; the ones
    the data cannot tell marked ``cjr-cannot-tell``."""
    items = []
    for f in findings:
        sentence = html.escape(finding_text(f, study))
        link = (
            f' <a class="cjr-evidence-link" href="#{html.escape(f.evidence, quote=True)}">'
            f"{html.escape(text('findings.evidence', study.language))}</a>"
            if f.evidence
            else ""
        )
        cls = "cjr-finding" if f.supported else "cjr-finding cjr-cannot-tell"
        items.append(f'<li class="{cls}">{sentence}{link}</li>')
    return f'<ul class="cjr-findings">{"".join(items)}</ul>'


def key_findings(study: Any) -> None:
    """Key findings first: each with its number, interval and base, linked to its evidence,
    stated only when the statistics support it (see :mod:`cjresearch.report.findings`)."""
    from IPython.display import HTML, display

    say("overview.summary", study)
    with quiet():
        found = study.findings()
    display(HTML(findings_html(found, study)))
