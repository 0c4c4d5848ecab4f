"""Verbatim comments: redaction of personal data, themes, prevalence, quotes.

Redaction (:func:`redact`) replaces e-mail addresses, IBANs, phone numbers
(international ``+44 7507 203256`` / ``0040 ...`` and local ``07826 167832``,
``362 547 1762``: 9-15 digits with spaces, dots, dashes or brackets) and long
card-like numbers by ``[email]``, ``[iban]``, ``[phone]``, ``[number]``.
Dates (``2025-05-02``) and short numbers are kept.  Every function here that
returns text redacts it first.

Themes are found with a transparent lexicon: per theme and language a list of
*cues*; a cue is one or more word stems that must all start a word of the
comment (after lower-casing and removing accents).  A comment may carry several
themes.  The lexicon ships in this module (``LEXICON``) for en, ro, bg, pl, pt
and it, and can be replaced or extended by passing ``lexicon=``.  Stop words
per language (``STOP_WORDS``, also shipped) are used by :func:`top_terms` to
list frequent words of comments no theme caught.  Nothing is downloaded.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from cjresearch.core.columns import EFFECT, N
from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.core.stats import adjust_pvalues
from cjresearch.inputs.measures import Measure, MeasuresLike, resolve_measure
from cjresearch.survey.design import SurveyDesign, as_design
from cjresearch.survey.grammar import STOP_WORDS_TEXT
from cjresearch.survey.lexicon import DENIALS, DENIED_AFTER, LEXICON, OPPOSITES
from cjresearch.survey.textmodel import VETO_WORDS, ThemeModel, shipped_model
from cjresearch.survey.wording import (
    Cue,
    Word,
    check_text_columns,
    comment_words,
    compile_cues,
    cue_matches,
    fold,
    stems_of,
    word_hits,
)

__all__ = [
    "LEXICON",
    "PLACEHOLDERS",
    "STOP_WORDS",
    "check_theme_rows",
    "find_themes",
    "quotes",
    "redact",
    "redact_series",
    "theme_differences",
    "theme_prevalence",
    "top_terms",
]

#: what :func:`redact` writes in place of personal data, each as ``[name]``
PLACEHOLDERS = ("email", "phone", "iban", "number")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_NUMBER = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-]{5,}\d(?![\w])")


def _number(match: re.Match[str]) -> str:
    s = match.group(0)
    digits = re.sub(r"\D", "", s)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", s.strip()):
        return s  # a date
    international = s.startswith(("+", "00"))
    if international and 8 <= len(digits) <= 15 or 9 <= len(digits) <= 15:
        return "[phone]"
    if len(digits) > 15:
        return "[number]"
    return s


def redact(text: Any) -> Any:
    """Replace personal data in ``text`` by placeholders; non-strings pass through.

    Examples
    --------
    >>> redact("Write to ana.pop@yahoo.ro or call +40 731 577 756 / 0722.123.456")
    'Write to [email] or call [phone] / [phone]'
    >>> redact("IBAN RO49 AAAA 1B31 0075 9384 0000, order 12345 on 2025-05-02")
    'IBAN [iban], order 12345 on 2025-05-02'
    """
    if not isinstance(text, str):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _IBAN.sub("[iban]", text)
    return _NUMBER.sub(_number, text)


def redact_series(values: pd.Series) -> pd.Series:
    """:func:`redact` applied to every value of a Series."""
    return values.map(redact)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


STOP_WORDS: dict[str, frozenset[str]] = {
    k: frozenset(fold(v).split()) for k, v in STOP_WORDS_TEXT.items()
}


def _compile(
    lexicon: Mapping[str, Mapping[str, Sequence[str]]],
) -> dict[str, dict[str, list[Cue]]]:
    return {
        theme: {lang: compile_cues(cues, lang) for lang, cues in by_lang.items()}
        for theme, by_lang in lexicon.items()
    }


def check_theme_rows(data: pd.DataFrame, themes: pd.DataFrame) -> None:
    """``themes`` must be :func:`find_themes` of this very ``data`` (same rows, same order)."""
    if not isinstance(themes, pd.DataFrame) or not themes.index.equals(data.index):
        raise DataValidationError(
            "the theme flags do not belong to these respondents (their rows differ)",
            source="themes",
            fix="compute themes = find_themes(data) on the same frame, after any filtering",
        )


def find_themes(
    data: pd.DataFrame,
    *,
    text: str = "comment",
    language: str | None = "language",
    default_language: str = "en",
    lexicon: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    model: ThemeModel | Sequence[ThemeModel] | Literal["auto"] | None = "auto",
) -> pd.DataFrame:
    """Theme flags per respondent: one boolean column per theme (missing when no comment).

    A theme is found when ``model``
    (:class:`~cjresearch.survey.textmodel.ThemeModel`) gives it a probability of
    at least its ``threshold``, or when the word lists find it and the model's
    probability is at least its ``veto`` (in comments of at least
    :data:`~cjresearch.survey.textmodel.VETO_WORDS` words).  ``"auto"``: the model trained on the package's
    coded comments with the shipped lexicon, no model with a custom ``lexicon``;
    ``None``: the word lists alone; a list of models: each adds its themes (the
    shipped model and one trained on the client's coded comments, say).  A
    model's themes the lexicon lacks are added as columns.  ``attrs["method"]``
    names what was used.

    Negation decides over the model: the model may not add a theme one of whose
    cues the lists found negated ("not helpful", "nobody helped"), nor the
    opposite of a theme the lists found (``lexicon.OPPOSITES``: fast delivery
    where the lists read a late one), nor a theme a denial of it rules out
    (``lexicon.DENIALS``: "nobody answered", a support that is only a bot).  A
    denial after the last clause where the lists found the theme rules it out
    too: "the lady was kind, but nothing was solved".  A model's
    own theme is missing for comments the model cannot read (a
    :class:`~cjresearch.survey.textmodel.ThemeModel`: languages it was not
    trained on; an :class:`~cjresearch.survey.embeddings.EmbeddingModel`: see
    there).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"comment": ["Parcel was late again", "Prea scump!", None],
    ...                    "language": ["en", "ro", "en"]})
    >>> f = find_themes(df)
    >>> f[["late_delivery", "price_too_high"]].astype("boolean").values.tolist()
    [[True, False], [False, True], [<NA>, <NA>]]
    """
    check_text_columns(data, text, language)
    lex = _compile(LEXICON if lexicon is None else lexicon)
    denials = _compile(DENIALS) if lexicon is None else {}
    known = {lang for by_lang in lex.values() for lang in by_lang}
    langs, has, words = comment_words(data, text, language, default_language)
    unknown = sorted(set(langs[has]) - known)
    if unknown:
        warnings.warn(
            f"no theme lexicon for languages {unknown}; their comments get no theme",
            UnreliableEstimateWarning,
            stacklevel=2,
        )
    out = pd.DataFrame(index=data.index)
    cores = {
        theme: {
            lang: tuple(
                s for c in cues if c.negator is None and len(c.slots) == 1 for s in c.slots[0]
            )
            for lang, cues in by_lang.items()
        }
        for theme, by_lang in lex.items()
    }
    stems = {
        lang: stems_of([c for by_lang in lex.values() for c in by_lang.get(lang, [])])
        for lang in known
    }
    hits = [
        word_hits(ws, stems.get(lang, frozenset())) for ws, lang in zip(words, langs, strict=True)
    ]
    for theme, by_lang in lex.items():
        flags = []
        for ws, hs, lang in zip(words, hits, langs, strict=True):
            cues = by_lang.get(lang, [])
            core = cores[theme].get(lang, ())
            found = any(cue_matches(cue, ws, core, hs) for cue in cues)
            # "kind, but nothing was solved": a denial after the theme's last clause decides
            denied = (
                found
                and theme in DENIED_AFTER
                and _denied_after(cues, denials.get(theme, {}).get(lang, []), ws, core)
            )
            flags.append(found and not denied)
        out[theme] = pd.array(flags, dtype="boolean")
        out.loc[~has, theme] = pd.NA
    method = "lexicon" if lexicon is None else "custom lexicon"
    if isinstance(model, str) and model == "auto":
        model = shipped_model() if lexicon is None else None
    models: list[Any]
    if model is None:
        models = []
    elif isinstance(model, Sequence) and not isinstance(model, str):
        models = list(model)
    else:
        models = [model]
    if not all(isinstance(m, ThemeModel) for m in models):
        raise DataValidationError(
            f"model={model!r} is not a theme model",
            fix='pass "auto", None, a fitted cjresearch.survey.textmodel.ThemeModel or a '
            "list of them",
        )
    probabilities = [
        m.probabilities(
            data, text=text, language=language, default_language=default_language, words=words
        )
        for m in models
    ]
    long = np.array([len(ws) >= VETO_WORDS for ws in words], dtype=bool)
    lists = {t: out[t].fillna(False).to_numpy(dtype=bool) for t in lex}
    for m, p in zip(models, probabilities, strict=True):  # the model reads the comment otherwise
        for theme in set(p.columns) & set(lex):
            out.loc[long & (p[theme] < m.veto).to_numpy(), theme] = False
    for m, p in zip(models, probabilities, strict=True):
        learned = (p >= m.threshold).astype("boolean").mask(p.isna())
        for theme in learned.columns:
            add = learned[theme].fillna(False).to_numpy(dtype=bool)
            if theme in lex:  # "not helpful": the lists saw the theme's words negated
                add &= ~out[theme].fillna(False).to_numpy(dtype=bool)
                against = OPPOSITES.get(theme)
                if against in lists:
                    add &= ~lists[against]
                for i in np.flatnonzero(add):
                    lang = langs.iloc[i]
                    cues, core = lex[theme].get(lang, []), cores[theme].get(lang, ())
                    add[i] = not _negated_cue(cues, words[i], core, hits[i]) and not any(
                        cue_matches(c, words[i]) for c in denials.get(theme, {}).get(lang, [])
                    )
            if theme in out.columns:
                out.loc[add, theme] = True
            else:  # the model's own theme: missing where the model did not read the comment
                out[theme] = pd.array(add, dtype="boolean")
                out.loc[learned[theme].isna().to_numpy(), theme] = pd.NA
        unread = sorted(set(langs[has.to_numpy() & learned.isna().all(axis=1).to_numpy()]))
        if unread and set(learned.columns) - set(lex):
            warnings.warn(
                f"the theme model was not trained on languages {unread} and cannot read "
                f"them; its own themes ({sorted(set(learned.columns) - set(lex))}) are "
                f"missing for their comments",
                UnreliableEstimateWarning,
                stacklevel=2,
            )
        method += f" + {m.method}"
    out.attrs["method"] = method
    return out


def _denied_after(
    cues: Sequence[Cue], denials: Sequence[Cue], words: Sequence[Word], core: Sequence[str]
) -> bool:
    """A denial (``lexicon.DENIALS``) matches in a clause after the last one where a cue
    of the theme matches: "Pani z obsługi była miła, ale nic nie pomogła"."""
    if not denials:
        return False
    clauses: dict[int, list[Word]] = {}
    for w in words:
        clauses.setdefault(w.clause, []).append(w)
    theme_after = False  # the theme found in this clause or a later one
    for clause in sorted(clauses, reverse=True):  # each clause read once, the last first
        ws = clauses[clause]
        theme_after = theme_after or any(cue_matches(c, ws, core) for c in cues)
        if any(cue_matches(c, ws) for c in denials):  # the last clause with a denial
            return not theme_after
    return False


def _negated_cue(
    cues: Sequence[Cue],
    words: Sequence[Word],
    core: Sequence[str],
    hits: Sequence[frozenset[str]],
) -> bool:
    """A plain cue of the theme would match if no word were negated ("not helpful")."""
    if not any(w.negated for w in words):
        return False
    plain = tuple(replace(w, negated=False) for w in words)
    return any(cue_matches(cue, plain, core, hits) for cue in cues if cue.negator is None)


def theme_prevalence(
    data: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    design: SurveyDesign | Mapping[str, Any] | None = None,
    level: float = 0.95,
    min_base: int = 30,
) -> pd.DataFrame:
    """Share of commenting respondents mentioning each theme, per group, with intervals.

    ``themes`` is the output of :func:`find_themes`; the base is respondents
    with a comment.  Add a grouping such as the NPS group with
    :func:`cjresearch.survey.scores.nps_category`, or the satisfied side of any
    measure with :meth:`cjresearch.inputs.measures.Measure.satisfied`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"comment": ["late again", "too expensive", "late", "ok"]})
    >>> p = theme_prevalence(df, find_themes(df, language=None), min_base=1)
    >>> float(p.set_index("theme").loc["late_delivery", "estimate"])
    0.5
    """
    from cjresearch.core.errors import SmallSampleWarning

    check_theme_rows(data, themes)
    d = as_design(data, design)
    parts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        for theme in themes.columns:
            ind = themes[theme].astype("float").to_numpy()
            r = d.proportion(ind, by=by, level=level).drop(columns=["deff", "n_eff"])
            r.insert(0, "theme", theme)
            parts.append(r)
    out = pd.concat(parts, ignore_index=True)
    out["small_base"] = out[N] < min_base
    if out["small_base"].any():
        warnings.warn(
            f"theme prevalence: {int(out['small_base'].sum())} rows rest on fewer than "
            f"{min_base} comments (flagged small_base)",
            SmallSampleWarning,
            stacklevel=2,
        )
    return out


def theme_differences(
    data: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    measure: Measure | str | None = None,
    measures: MeasuresLike = None,
    score: str | None = None,
    design: SurveyDesign | Mapping[str, Any] | None = None,
    level: float = 0.95,
    adjust: str | None = "holm",
) -> pd.DataFrame:
    """Themes that separate dissatisfied from satisfied respondents: prevalence difference with CI.

    The two sides come from the measure
    (:meth:`~cjresearch.inputs.measures.Measure.satisfied` and ``dissatisfied``):
    promoters and detractors for an NPS, top box and bottom box for a rating,
    1 and 0 for a binary flag, upper and lower part of the scale for a mean;
    respondents in neither side (passives, the middle answers, na codes) are
    left out.  ``effect`` = share among the dissatisfied minus share among
    the satisfied (of those commenting); sorted by effect, the dissatisfied
    side's themes first.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    themes : DataFrame
        :func:`find_themes` of ``data``.
    measure : Measure or str, optional
        A :class:`~cjresearch.inputs.measures.Measure` or the name of one in
        ``measures`` (or ``data.attrs["measures"]``).  Omitted: the measure
        :func:`~cjresearch.inputs.measures.infer_measures` proposes for ``score``
        (default column ``"nps"``: an NPS only when it is a valid 0-10 NPS);
        otherwise an error asks for the measure.
    measures : mapping or list of Measure, optional
        Named measures.
    score : str, optional
        The answer column when no measure is given (``"nps"``).
    design : SurveyDesign or dict, optional
        The sampling design.
    level : float
        Confidence level.
    adjust : str or None
        Multiple-testing method for ``p_adjusted`` over the themes.

    Returns
    -------
    DataFrame
        One row per theme: ``theme``, ``measure``, ``group_a`` (the satisfied
        side: "promoters" for an NPS, else "satisfied"), ``group_b`` (the
        dissatisfied side: "detractors" or "dissatisfied"), ``n_a``, ``n_b``
        (commenting respondents of each side), ``estimate_a``, ``estimate_b``
        (theme shares, 0-1), ``effect`` (``estimate_b - estimate_a``), ``se``,
        ``ci_low``, ``ci_high``, ``p_value``, ``p_adjusted``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [0, 1, 2, 3, 9, 10, 10, 9],
    ...                    "comment": ["late"] * 4 + ["great shop"] * 4})
    >>> r = theme_differences(df, find_themes(df, language=None))
    >>> r["theme"].iloc[0], r["group_b"].iloc[0], float(r["effect"].iloc[0])
    ('late_delivery', 'detractors', 1.0)
    >>> df["ok"] = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> r = theme_differences(df, find_themes(df, language=None),
    ...                       measure=Measure("ok", kind="binary"))
    >>> r["theme"].iloc[0], r["group_b"].iloc[0], float(r["effect"].iloc[0])
    ('late_delivery', 'dissatisfied', 1.0)
    """
    from cjresearch.survey.crosstab import compare

    check_theme_rows(data, themes)
    if isinstance(measure, Measure):
        m = measure
    elif measure is not None:
        m = resolve_measure(measure, data=data, measures=measures)
    else:
        m = resolve_measure(None, data=data, column="nps" if score is None else score)
    d = as_design(data, design)
    values = m.prepare(d.data, source=d.source)
    good, bad = m.groups
    side = pd.Series(None, index=data.index, dtype=object)
    side[np.asarray(m.satisfied(values))] = good
    side[np.asarray(m.dissatisfied(values))] = bad
    for name in (good, bad):
        if not (side == name).any():
            raise DataValidationError(
                f"no respondent is on the {name} side of measure '{m.name}'",
                source=d.source,
                column=m.column,
                fix="check the measure's scale and boxes, or the data filter",
            )
    frame = data.copy()
    frame["_side"] = side
    d = d.with_weights(d.weights_)
    d.data = frame
    rows = []
    for theme in themes.columns:
        frame["_theme"] = themes[theme].astype("float")
        with warnings.catch_warnings():  # respondents on neither side are left out on purpose
            warnings.simplefilter("ignore", UnreliableEstimateWarning)
            r = compare(
                frame,
                by="_side",
                score="_theme",
                measure="share",
                design=d,
                pairs=[(good, bad)],
                level=level,
                adjust=None,
            )
        row = r.iloc[0]
        rows.append(
            {
                "theme": theme,
                "measure": m.name,
                "group_a": good,
                "group_b": bad,
                "n_a": row["n_a"],
                "n_b": row["n_b"],
                "estimate_a": row["estimate_a"],
                "estimate_b": row["estimate_b"],
                EFFECT: row[EFFECT],
                "se": row["se"],
                "ci_low": row["ci_low"],
                "ci_high": row["ci_high"],
                "p_value": row["p_value"],
            }
        )
    out = pd.DataFrame(rows)
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(), method=adjust)
    return out.sort_values(EFFECT, ascending=False, kind="stable").reset_index(drop=True)


def quotes(
    data: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    theme: str,
    text: str = "comment",
    n: int = 3,
    columns: Sequence[str] = (),
) -> pd.DataFrame:
    """Representative quotes of a theme, redacted.

    Comments carrying only this theme come first, then those closest to the
    theme's median comment length; ties keep data order.  Extra ``columns``
    (stage, segment, NPS) are kept beside the quote.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"comment": ["Late again, call 07826 167832", "late", "fine"]})
    >>> quotes(df, find_themes(df, language=None), theme="late_delivery")["quote"].tolist()
    ['Late again, call [phone]', 'late']
    """
    if theme not in themes.columns:
        raise DataValidationError(
            f"unknown theme {theme!r}", fix=f"use one of {list(themes.columns)}"
        )
    check_theme_rows(data, themes)
    hit = themes[theme].fillna(False).astype(bool)
    if not hit.any():
        return pd.DataFrame(columns=["theme", "quote", *columns])
    sub = data.loc[hit, [text, *columns]].copy()
    sub["quote"] = redact_series(sub[text].astype(str))
    length = sub["quote"].str.len()
    sub["_other"] = themes.loc[hit].fillna(False).astype(bool).sum(axis=1) - 1
    sub["_dist"] = (length - length.median()).abs()
    sub["_order"] = np.arange(len(sub))
    sub = sub.sort_values(["_other", "_dist", "_order"]).drop_duplicates("quote").head(n)
    sub.insert(0, "theme", theme)
    return sub[["theme", "quote", *columns]].reset_index(drop=True)


def top_terms(
    data: pd.DataFrame,
    themes: pd.DataFrame | None = None,
    *,
    text: str = "comment",
    language: str | None = "language",
    n: int = 20,
) -> pd.DataFrame:
    """Most frequent words (stop words removed) of comments that no theme caught.

    A way to see which themes the lexicon misses; personal data is redacted first.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"comment": ["the box arrived torn", "box torn again"]})
    >>> lists = find_themes(df, language=None, model=None)
    >>> top_terms(df, lists, language=None, n=2)["term"].tolist()
    ['box', 'torn']
    """
    check_text_columns(data, text, language)
    mask = data[text].notna()
    if themes is not None:
        check_theme_rows(data, themes)
        mask &= ~themes.fillna(False).astype(bool).any(axis=1)
    counts: Counter[tuple[str, str]] = Counter()
    for t, lang in zip(
        data.loc[mask, text],
        (data.loc[mask, language] if language else ["en"] * mask.sum()),
        strict=True,
    ):
        stop = STOP_WORDS.get(str(lang), frozenset())
        for w in set(_words(redact(str(t)))):
            if w not in stop and not w.isdigit() and w not in PLACEHOLDERS:
                counts[(str(lang), w)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    rows = [{"language": lang, "term": w, N: c} for (lang, w), c in ranked]
    return pd.DataFrame(rows, columns=["language", "term", N])
