"""Verbatim themes on comments nobody wrote for the package (issue #15).

Hand-written comments in en, ro, bg, pl, pt and it, each labelled with its
themes, tone and tags (negation, typo, no_diacritics, slang, mixed, no_theme),
by writers who saw neither the generator nor the lexicon:

- development: ``cjresearch/survey/coded`` writers A, B, C, D, E, H and I
  (and, since, J to Z4 below).
  The cue lists were revised on their misses and the shipped classifier
  (:mod:`cjresearch.survey.textmodel`) learns from them.
- held-out: ``tests/data/verbatims/heldout_f.csv`` and ``heldout_g.csv``
  (writers F and G, 42 to 45 comments per language each; 11 of F's comments
  that repeated a development comment word for word were removed), first
  measured on 2026-12-01 (lists + classifier: recall 0.91-0.98, precision
  0.91-0.98 per language, negations 92 %).  Writers F to I were briefed with
  the same list of situations in every language, so F and G sit close to the
  training comments.  The negation rules added on 2026-12-02 (durations, "not
  only", "wouldn't hesitate", excluded words, "not fast" as late) were made on
  the development writers' misses; F and G were measured again after them
  (second look, nothing tuned on them; the classifier by then also learned
  from J to M): recall 0.94 (bg, pl) to 0.98 (it), precision 0.90 (en) to
  0.98 (it), negations 93 %; the lists alone recall 0.76 (it) to 0.89 (en),
  precision 0.91 (en) to 0.97 (it), negations 85 %.
- writers J, K, L and M (``cjresearch/survey/coded/j.csv`` to ``m.csv``, 538
  comments), commissioned on 2026-12-02 with a written coding guide and other
  briefs (marketplace and app-store reviews; survey answers and e-mails in a
  formal register), labels reviewed by a third reader (no changes).  Measured
  once, after the rules above, with the classifier not trained on them:
  recall 0.61 (bg) to 0.86 (pl), precision 0.83 (pl) to 0.93 (ro), negations
  68 % (the code before those rules: 64 %).  They then joined the classifier's
  training and the lists were revised on their misses (Bulgarian in Latin
  letters, "never had one this fast", "if not for the delay", "non posso che",
  voucher codes, "the bank says all is fine", promised durations); F and G
  after that: recall 0.94 (en) to 0.98 (it), precision 0.91 (en) to 0.99 (it),
  negations 94 %; the lists alone 0.79 (it) to 0.90 (en), 0.92 to 0.99, 89 %.
- writers N, O, P and Q (``cjresearch/survey/coded/n.csv`` to ``q.csv``, 539
  comments; social-media posts and chat messages; answers to an NPS "why this
  score?" question), held out until 2026-12-03 and measured once then (lists +
  classifier recall 0.80 (pt) to 0.89 (bg, en), precision 0.86 (en) to 0.96
  (pt), 74 % of the comments with a negation exactly right).  On 2026-12-03
  their misses were read: they joined the development comments (the
  classifier learns from them) and the lists were revised on them and on the
  development writers' misses.
- writers R, S, T and U (``cjresearch/survey/coded/r.csv`` to ``u.csv``, 539
  comments, 45 per language per writer; review-site reviews of grocery,
  pharmacy, furniture, electronics and pet shops; answers to a post-delivery
  survey's free-text questions and forum replies), held out until 2026-12-03
  and measured twice: with the code of the start of that day, recall 0.80
  (it) to 0.86 (en, ro), precision 0.85 (en) to 0.94 (it), negations 71 %;
  after a revision on the development writers (nothing from R to U), recall
  0.84 (bg) to 0.89 (en), precision 0.88 (pl) to 0.93 (ro), negations 76 %.
  Later on 2026-12-03 their misses were read: they joined the development
  comments and the lists were revised on them; the classifier's threshold
  (0.6, was 0.7) and its veto over the lists (0.1) were chosen on them, each
  left out in turn, with the lists as they were before that revision
  (:mod:`cjresearch.survey.textmodel`).
- writers V, W, X and Y (``cjresearch/survey/coded/v.csv`` to ``y.csv``, 539
  comments, 44 to 45 per language per writer; one two-word comment that
  repeated a development comment was removed), commissioned on 2026-12-03 with
  the committed coding guide and yet other briefs (app-store reviews and
  replies on shops' social media pages; answers to an NPS "main reason for your
  score" question; e-mails and contact-form messages; transcribed voice
  messages and phone chat lines), labels reviewed by a second coder (no
  changes).  Held out until the evening of 2026-12-03 and measured twice: with
  the code of the start of that day, recall 0.80 (en) to 0.89 (it), precision
  0.875 (pt) to 0.91 (bg), negations 76 %; after the revision on R to U,
  recall 0.84 (en) to 0.90 (it, pt), precision 0.88 (pt) to 0.95 (it), 83 %.
  Then their misses were read: they joined the development comments and the
  lists were revised on them, on the development writers' misses and on an
  independent review's probes.
- development since the late evening of 2026-12-03: writers Z1, Z2, Z3 and Z4
  (``cjresearch/survey/coded/z1.csv`` to ``z4.csv``, 533 comments, 86 to 90
  per language, 261 with a negation; seven short
  comments that repeated a development comment or one of F and G word for
  word were removed),
  commissioned on the evening of 2026-12-03 with the committed coding guide
  and other briefs again (reviews on a price-comparison site for electronics,
  pet and pharmacy shops; answers to a survey's last "anything else?"
  question after furniture, grocery and stationery purchases; complaint-site
  posts and forum threads comparing shops, with quotes, sarcasm and updates;
  SMS and WhatsApp replies to "0-10, and why?" and map-listing comments for
  shoe, coffee and camping shops), labels reviewed by a second coder (no
  changes).  Measured first with the code of the start of the evening (only
  the figures were looked at): recall 0.80 (bg) to 0.945 (it), precision 0.89
  (bg) to 0.97 (it), negations 82 %; the lists alone recall 0.53 to 0.84.
  Then once after the revision above: recall 0.84 (bg) to 0.95 (it),
  precision 0.90 (bg) to 0.97 (it), 85 % of the 261 comments with a negation
  exactly right; the lists alone recall 0.61 (bg) to 0.88 (it), precision
  0.91 (en) to 0.95 (ro, pl), negations 74 % (after a second review's
  fixes, which left the lists + classifier figures unchanged; 75 % before
  them).  The report quoted these until the next set.  The issue's precision
  floor held in every language; its
  recall floor in all but Bulgarian (75 of 89 themes), with about 90 coded
  themes per language (Wilson intervals about +-0.07); not every negation is
  right.  Then their misses were read: they joined the development comments and
  the lists were revised on them (a promise not kept is not fast, the Italian
  "no" as an answer, a dash ends a negator's scope, "couldn't be happier" ...).
- development since the night of 2026-12-03: writers Z5, Z6, Z7 and Z8 (now
  ``cjresearch/survey/coded/z5.csv`` to ``z8.csv``, 539 comments, 89 or 90 per language, 280 with a negation; one comment that
  repeated a development comment word for word was removed), commissioned on
  the late evening of 2026-12-03 with the committed coding guide and new
  briefs (app-store reviews of shops' apps for fashion, DIY and toy shops;
  comments under shops' Facebook and Instagram posts for sports, baby and
  kitchen shops; speech-to-text transcripts of voicemails and phone-survey
  answers, with fillers and no punctuation, for book, garden and bicycle
  shops; live-chat messages and e-mails to perfume, pet-food and office-supply
  shops), labels reviewed by a second coder (no changes).  Measured first with
  the code of the start of that session (only the figures were looked at):
  recall 0.85 (bg) to 0.99 (pl), precision 0.92 (pl) to 0.96 (ro), negations
  84 % (236/280); the lists alone recall 0.72 (bg) to 0.88 (pl), precision
  0.88 (ro) to 0.93 (en), negations 74 %.  Then once after the revision above
  (with Z1 to Z4 in the classifier's training): recall 0.87 (it) to 1.00 (pl),
  precision 0.898 (bg, 79 of 88) to 0.95 (ro), 84 % (235/280) of the comments
  with a negation exactly right; the lists alone recall 0.75 (bg) to 0.89
  (pl), precision 0.89 (pl, ro) to 0.93 (en), negations 75 %.  Then a third
  independent review's probes were fixed (``tests/test_scope.py``; nothing
  taken from Z5 to Z8) and Z5 to Z8 measured a second time: recall 0.86 (it,
  79 of 92) to 1.00 (pl), precision 0.897 (bg, 78 of 87) to 0.95 (ro), 83 %
  (233/280) of the comments with a negation exactly right; the lists alone
  recall 0.74 (bg) to 0.89 (pl), precision 0.88 (ro) to 0.93 (en), 74 %.
  The report quoted these until the next set.  The issue's recall floor held
  in every language; its precision floor in all but Bulgarian (0.897).  Then
  their misses were read: they joined the development comments and the lists
  were revised on them (a number before "day" in a phrase counts days; a
  negated saying verb reaches to the end of the clause it says, where an early
  negator cancels it; "had no problems" is praise; denials keep the classifier
  from adding helpful support to "nobody answered", a bot, or easy website to
  a slow, clunky app, and a later denial overrules the lists' "kind" support;
  Bulgarian "никой" negates (it folded to "никои"); an independent review's
  regressions fixed before the next measurement).
- held-out: writers Z9, Z10, Z11 and Z12 (``heldout_z9.csv`` to
  ``heldout_z12.csv``, 536 comments, 89 to 99 coded themes per language, 275
  with a negation; four comments that repeated a development comment word for
  word removed), commissioned on the night of 2026-12-03 with the committed
  coding guide and new briefs (marketplace and price-comparison reviews by
  older, formal customers, some answering the seller; answers to a
  post-purchase e-mail survey's open questions, fragments and lists; forum
  threads comparing shops, with sarcasm, hearsay, questions to others and
  conditionals; text and group-chat messages between friends, and formal
  complaints with order numbers), labels reviewed by a second coder (no
  changes).  Measured once with the code of the start of that session (only
  the figures were looked at): recall 0.87 (pl) to 0.96 (pt), precision 0.857
  (en) to 0.945 (it), 76 % (209/275) of the comments with a negation exactly
  right; the lists alone recall 0.72 (bg) to 0.85 (pt), precision 0.84 (pl)
  to 0.93 (bg), negations 66 %.  Then once after the revision above (with Z5
  to Z8 in the classifier's training): recall 0.868 (pl, 79 of 91) to 0.967
  (pt), precision 0.868 (pl, 79 of 91) to 0.947 (pt), 77 % (211/275); the lists
  alone unchanged.  These are the figures the report quotes.  The issue's
  recall floor holds in every language; its precision floor in bg, it, pt and
  ro, not in English (0.874, 83 of 95) or Polish (0.868); not every negation
  is right.  Sarcasm, hearsay and forum questions cost the most.  With about
  95 coded themes per language, each figure's Wilson interval is about +-0.07.

Fresh writers stay well below F and G: a client's comments will too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import wilson_interval
from cjresearch.survey import textmodel
from cjresearch.survey.lexicon import LEXICON
from cjresearch.survey.text import find_themes, theme_prevalence
from cjresearch.survey.textmodel import coded_comments
from cjresearch.survey.textsummary import comment_sentiment, uncaught_comments
from cjresearch.survey.themecheck import coded_flags, theme_accuracy
from cjresearch.survey.wording import words_of

HERE = Path(__file__).parent / "data" / "verbatims"
LANGS = ["en", "ro", "bg", "pl", "pt", "it"]


def _read(*names: str) -> pd.DataFrame:
    return pd.concat(
        [pd.read_csv(HERE / n, keep_default_na=False) for n in names], ignore_index=True
    )


HELDOUT = ["heldout_f.csv", "heldout_g.csv"]
# the floors of issue #15, a little below what was measured (module docstring)
RECALL_FLOOR, PRECISION_FLOOR, NEGATION_FLOOR = 0.85, 0.90, 0.90
# the word lists alone, the transparent fallback
LISTS_RECALL_FLOOR, LISTS_PRECISION_FLOOR = 0.75, 0.90


NEW_WRITERS = [f"heldout_{w}.csv" for w in ("z9", "z10", "z11", "z12")]


@pytest.fixture(scope="module")
def new_writers():
    """Z9 to Z12 with the shipped model (module docstring)."""
    df = _read(*NEW_WRITERS)
    found = find_themes(df)
    return df, found, coded_flags(df["themes"], list(found.columns))


@pytest.fixture(scope="module")
def heldout():
    df = _read(*HELDOUT)
    found = find_themes(df)
    return df, found, coded_flags(df["themes"], list(found.columns))


def test_evaluation_files_are_well_formed():
    dev = coded_comments()
    assert dev["file"].nunique() >= 12
    files = [*HELDOUT, *NEW_WRITERS]
    for name, df in [*((n, _read(n)) for n in files), *dev.groupby("file")]:
        df = df.drop(columns="file", errors="ignore")
        assert list(df.columns) == ["id", "language", "comment", "themes", "sentiment", "tags"]
        assert df["id"].is_unique
        # J to Z12 wrote three languages each (j l n p r t v x z1 z3 z5 z7 z9 z11: en ro bg;
        # the others pl pt it)
        assert len(set(df["language"])) in (3, 6) and set(df["language"]) <= set(LANGS)
        assert df.groupby("language").size().min() >= 30, name
        assert set(df["sentiment"]) <= {"negative", "neutral", "positive"}
        coded = coded_flags(df["themes"], list(LEXICON))
        for lang in set(df["language"]):  # every shipped theme in every language written
            assert coded[df["language"] == lang].sum().min() >= 3, (name, lang)
    held = _read(*HELDOUT)
    assert not set(held["comment"]) & set(dev["comment"])
    assert held.groupby("language").size().min() >= 40
    new = _read(*NEW_WRITERS)
    assert not set(new["comment"]) & (set(dev["comment"]) | set(held["comment"]))
    assert new.groupby("language").size().min() >= 80


def _per_language(df, found, coded):
    """Recall and precision of ``found`` against ``coded``, per language."""
    acc = theme_accuracy(found, coded, by=df["language"])
    per = acc.groupby("group")[["n_coded", "n_found", "n_both"]].sum()
    return per["n_both"] / per["n_coded"], per["n_both"] / per["n_found"]


def _down(x: float) -> float:
    """``x`` rounded down to two decimals."""
    return float(np.floor(x * 100 + 1e-9) / 100)


def _negations_right(df, found, coded):
    """Share of the comments with a negation whose themes are exactly the coded ones."""
    neg = df["tags"].str.contains("negation").to_numpy()
    right = (found.fillna(False).astype(bool).to_numpy() == coded.to_numpy()).all(axis=1)
    return neg.sum(), right[neg].mean()


def test_heldout_precision_and_recall_per_language(heldout):
    """The floors of issue #15 on the held-out comments, per language."""
    df, found, coded = heldout
    recall, precision = _per_language(df, found, coded)
    assert (recall >= RECALL_FLOOR).all(), recall.round(3).to_dict()
    assert (precision >= PRECISION_FLOOR).all(), precision.round(3).to_dict()


def test_new_writers_nobody_tuned_to(new_writers):
    """The figures the report's method note quotes are these (module docstring)."""
    df, found, coded = new_writers
    recall, precision = _per_language(df, found, coded)
    assert len(df) == textmodel.HELDOUT_COMMENTS
    # rounded down, so that the report never quotes more than was measured
    assert (_down(recall.min()), _down(recall.max())) == textmodel.HELDOUT_RECALL
    assert (_down(precision.min()), _down(precision.max())) == textmodel.HELDOUT_PRECISION
    # the recall floor holds in every language; its precision floor in all but
    # English (0.874) and Polish (0.868), and not every negation is right (77 %)
    assert (recall >= RECALL_FLOOR).all(), recall.round(3).to_dict()
    assert (precision.drop(["en", "pl"]) >= PRECISION_FLOOR).all(), precision.round(3).to_dict()
    n, right = _negations_right(df, found, coded)
    assert n >= 6 * 40
    assert right >= 0.76, right


def test_heldout_precision_and_recall_of_the_word_lists_alone(heldout):
    df, _, coded = heldout
    found = find_themes(df, model=None)
    assert found.attrs["method"] == "lexicon"
    recall, precision = _per_language(df, found, coded)
    assert (recall >= LISTS_RECALL_FLOOR).all(), recall.round(3).to_dict()
    assert (precision >= LISTS_PRECISION_FLOOR).all(), precision.round(3).to_dict()


def test_heldout_negations(heldout):
    """Comments with a negation: the themes found are exactly the coded ones."""
    n, right = _negations_right(*heldout)
    assert n >= 6 * 8
    assert right >= NEGATION_FLOOR, right


@pytest.mark.parametrize(
    "lang, text, want",
    [
        ("en", "Nobody from customer service answered my emails", set()),
        ("en", "The support agent was not helpful at all", set()),
        ("en", "No delays this time and the parcel came the next day", {"fast_delivery"}),
        ("en", "My order still hasn't arrived", {"late_delivery"}),
        ("en", "I couldn't pay with my card, the page kept crashing", {"checkout_error"}),
        ("en", "Prices are not high", set()),
        ("en", "I would not recommend this shop", set()),
        ("en", "Shipping took forever, way past the promised date", {"late_delivery"}),
        ("ro", "Nimeni de la serviciul clienți nu m-a ajutat", set()),
        ("ro", "Coletul nu a ajuns nici acum", {"late_delivery"}),
        ("ro", "Site-ul nu este deloc ușor de folosit", set()),
        ("ro", "Nu am putut plăti cu cardul", {"checkout_error"}),
        ("ro", "Nu pot să zic că prețurile sunt mari", set()),
        ("bg", "Никой от обслужването не ми помогна", set()),
        ("bg", "Пратката още не е пристигнала", {"late_delivery"}),
        ("bg", "Не бих препоръчал този магазин", set()),
        ("pl", "Nikt z obsługi klienta nie pomógł", set()),
        ("pl", "Paczka nadal nie dotarła", {"late_delivery"}),
        ("pl", "Ceny nie są wysokie", set()),
        ("pl", "Paczka przyszła dopiero po dwóch tygodniach", {"late_delivery"}),
        ("pt", "Ninguém do atendimento me respondeu", set()),
        ("pt", "Não recebi o produto até agora", {"late_delivery"}),
        ("pt", "O site travou na hora de pagar", {"checkout_error"}),
        ("pt", "Não recomendo esta loja", set()),
        ("pt", "Não chegou ainda", {"late_delivery"}),
        ("it", "Nessuno dell'assistenza mi ha aiutato", set()),
        ("it", "Il pacco non è ancora arrivato", {"late_delivery"}),
        ("it", "Il sito non è facile da usare", set()),
        ("it", "Stavolta non è arrivato in ritardo", set()),
        ("it", "Nessun ritardo con la consegna", set()),
        ("bg", "Нямаше никакво закъснение с доставката", set()),
        ("pl", "Zero problemów z płatnością", set()),
    ],
)
def test_negation_blocks_praise_and_makes_complaints(lang, text, want):
    """Written for this test, not taken from the evaluation files (the issue's own examples)."""
    f = find_themes(pd.DataFrame({"comment": [text], "language": [lang]}))
    assert set(f.columns[f.iloc[0].fillna(False).astype(bool).to_numpy()]) == want


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Never had such a fast delivery, thanks!"),
        ("en", "Nobody delivers as fast as you"),
        ("ro", "Niciodată n-am primit un colet atât de repede"),
    ],
)
def test_praise_with_a_negator_is_not_a_complaint(lang, text):
    """A negator before praise ("never had such a fast delivery") does not make it late."""
    f = find_themes(pd.DataFrame({"comment": [text], "language": [lang]}))
    assert not f.loc[0, "late_delivery"]


@pytest.mark.parametrize(
    "lang, text, theme",
    [
        ("ro", "livrarea a avut o intarziere mare", "late_delivery"),  # no diacritics
        ("ro", "Livrarea a întârziat", "late_delivery"),
        ("bg", "Много бърза доствака", "fast_delivery"),  # typo
        ("pl", "paczka przyszla dopiero po tygodniu", "late_delivery"),  # no diacritics
        ("pt", "nao consegui pagar com o cartao", "checkout_error"),
        ("it", "Consegne sempre in ritardo", "late_delivery"),  # plural, inflected
        ("en", "Highly reccomend this store", "general_praise"),  # typo
    ],
)
def test_inflections_typos_and_missing_diacritics(lang, text, theme):
    f = find_themes(pd.DataFrame({"comment": [text], "language": [lang]}))
    assert bool(f.loc[0, theme])


@pytest.mark.parametrize(
    "lang, text, want",
    [
        # "not only" does not negate
        ("en", "Not only fast delivery but also great prices", {"fast_delivery"}),
        ("it", "Non solo spedizione veloce, anche prezzi onesti", {"fast_delivery"}),
        # a negated "hesitate" ends the negation, with the negators that agree with it
        ("en", "I would not hesitate to recommend this shop", {"general_praise"}),
        ("ro", "Nu aș ezita nicio clipă să recomand magazinul", {"general_praise"}),
        # a negated speed or price word is a complaint, but not "never so fast"
        ("en", "Delivery was not fast at all", {"late_delivery"}),
        ("pt", "A entrega não foi nada rápida", {"late_delivery"}),
        ("en", "Prices are not cheap here", {"price_too_high"}),
        ("pl", "Nie było tanio", {"price_too_high"}),
        ("en", "They are not the cheapest", set()),
        ("it", "Non avevo mai ricevuto un pacco così velocemente", {"fast_delivery"}),
        # excluded words: a refund or an e-mail is not a parcel
        ("en", "I have still not received my refund", set()),
        ("pl", "Nie dostałem maila z potwierdzeniem", set()),
        ("ro", "Nu am primit coletul, nici banii înapoi", {"late_delivery"}),
        # durations
        ("en", "The parcel took 12 days to arrive", {"late_delivery"}),
        ("bg", "Пратката пристигна за два дни", {"fast_delivery"}),
        ("it", "Il pacco è arrivato in 2 giorni", {"fast_delivery"}),
        ("pt", "A encomenda chegou em 10 dias", {"late_delivery"}),
        ("en", "I returned the parcel 3 weeks ago", set()),
        ("ro", "Am comandat vineri, sâmbătă dimineață era la ușă", {"fast_delivery"}),
        # a negated tone word of the cue blocks it in its clause
        ("pl", "Obsługa nie pomogła, odpisali szablonem", set()),
        # "never ... so fast" and "didn't expect ... so fast" marvel
        ("en", "Never had a parcel arrive at my door this quick", {"fast_delivery"}),
        ("pl", "Nie spodziewałem się, że paczka dotrze tak szybko", {"fast_delivery"}),
        # a condition is not a denial
        ("en", "Five stars if not for the delay", {"late_delivery", "general_praise"}),
        ("it", "Se non fosse per il ritardo sarebbe perfetto", {"late_delivery"}),
        ("it", "Non posso che consigliare questo negozio", {"general_praise"}),
        # voucher codes, the bank's word, Bulgarian in Latin letters
        ("bg", "Промо кодът не работи", {"checkout_error"}),
        ("en", "Card declined although the bank says all is fine", {"checkout_error"}),
        ("bg", "Mnogo burzo pristigna, za edin den", {"fast_delivery"}),
        ("en", "It would be dispatched within 2 days, they said; still waiting", {"late_delivery"}),
        # found by review: a complaint stays a complaint
        ("en", "The parcel never arrived, so disappointed", {"late_delivery"}),
        ("ro", "Întârziere de 2 zile", {"late_delivery"}),
        ("en", "The delivery was not fast", {"late_delivery"}),
        ("pt", "Esqueceram-se de mim, não chegou nada", {"late_delivery"}),
        ("en", "Ordered on Friday and it sat in the depot for ages", {"late_delivery"}),
        ("ro", "Coletul a venit după 3 luni", {"late_delivery"}),
        ("pt", "Foi entregue às 15 horas", set()),
        ("it", "Nient'altro che complimenti", set()),
    ],
)
def test_negation_rules_and_durations(lang, text, want):
    """Written for this test, not taken from any writer's file."""
    f = find_themes(pd.DataFrame({"comment": [text], "language": [lang]}), model=None)
    assert set(f.columns[f.iloc[0].fillna(False).astype(bool).to_numpy()]) == want


def test_odd_digits_and_empty_cues():
    assert [w.folded for w in words_of("፩ days", "en")] == ["፩", "days"]
    with pytest.raises(DataValidationError, match="no words"):
        find_themes(
            pd.DataFrame({"comment": ["x"]}), language=None, lexicon={"t": {"en": ["!refund"]}}
        )


def test_two_words_that_negate():
    assert [w.negated for w in words_of("far from quick", "en")] == [False, True, True]
    assert [w.folded for w in words_of("tutt'altro che veloce", "it") if w.negated] == [
        "che",
        "veloce",
    ]


def test_a_regional_language_reads_as_its_language():
    df = pd.DataFrame({"comment": ["A encomenda ainda não chegou"]})
    for lang in ("pt-BR", "pt_BR", "PT"):
        f = find_themes(df, language=None, default_language=lang)
        assert bool(f.loc[0, "late_delivery"]), lang


def test_scope_ends_at_a_comma_or_but():
    w = words_of("No problems, the delivery was fast but not cheap", "en")
    negated = {x.folded for x in w if x.negated}
    assert negated == {"problems", "cheap"}


def test_sentiment_shares_have_the_design_intervals():
    df = pd.DataFrame(
        {
            "comment": ["Great shop, thank you", "Terrible, never again", "It is blue", None]
            + ["Excellent service"] * 3,
            "language": ["en"] * 7,
        }
    )
    tone = comment_sentiment(df)
    assert tone.loc[3].isna().all()
    assert tone.iloc[:3].idxmax(axis=1).tolist() == ["positive", "negative", "neutral"]
    shares = theme_prevalence(df, tone, min_base=0).set_index("theme")
    assert shares.loc["positive", "n"] == 6
    assert shares.loc["positive", "estimate"] == pytest.approx(4 / 6)
    # simple random sample: the share's interval is the design's (Wilson-free) t interval
    assert shares.loc["positive", "ci_low"] < 4 / 6 < shares.loc["positive", "ci_high"]


def test_sentiment_on_the_heldout_comments(heldout):
    """Tone agrees with the writers' labels on most held-out comments.

    Measured: 0.76 (bg, pl) to 0.87 (en) of the comments; the opposite tone
    (negative read as positive or the reverse) for 2.3 %.
    """
    df, found, _ = heldout
    pred = comment_sentiment(df, themes=found).idxmax(axis=1)
    agree = (pred == df["sentiment"]).groupby(df["language"]).mean()
    assert (agree >= 0.70).all(), agree.round(2).to_dict()
    # never the opposite tone for most: negative read as positive or the reverse
    opposite = ((pred == "positive") & (df["sentiment"] == "negative")) | (
        (pred == "negative") & (df["sentiment"] == "positive")
    )
    assert opposite.mean() <= 0.05


def test_uncaught_comments_summary_counts_and_redacts():
    df = pd.DataFrame(
        {
            "comment": [
                "The box arrived torn, call me on 0722 123 456",
                "box torn again",
                "Box torn",
                "Parcel was late",
                None,
            ],
            "language": ["en"] * 5,
        }
    )
    # the word lists alone: what is summarised depends on the themes found, not how
    # (the shipped classifier reads "box torn again" as "will buy again": 0.79)
    themes = find_themes(df, model=None)
    u = uncaught_comments(df, themes)
    assert u.attrs == {"n_uncaught": 3, "n_comment": 4}
    top = u.iloc[0]
    assert (top["phrase"], top["n_comment"], top["n"]) == ("box", 3, 3)
    assert top["estimate"] == 1.0
    pair = u.set_index("phrase").loc["box tear"]  # "box torn" twice; "box arrived torn" once
    assert (pair["n_comment"], pair["estimate"]) == (2, pytest.approx(2 / 3))
    lo, hi = wilson_interval(3, 3)
    assert (top["ci_low"], top["ci_high"]) == pytest.approx((float(lo), float(hi)))
    assert not u["example"].str.contains("0722").any()
    assert "late" not in " ".join(u["phrase"])  # the caught comment is left out
    with pytest.raises(DataValidationError, match="rows differ"):
        uncaught_comments(df, themes.iloc[:2])


def test_theme_accuracy_closed_form_and_errors():
    found = pd.DataFrame({"a": [True, True, False, False, True], "b": [False] * 5})
    coded = coded_flags(pd.Series(["a", "", "a;b", "", "a"]), ["a", "b"])
    r = theme_accuracy(found, coded).set_index("theme")
    assert (r.loc["a", "n_both"], r.loc["a", "recall"], r.loc["a", "precision"]) == (
        2,
        2 / 3,
        2 / 3,
    )
    assert r.loc["b", "recall"] == 0 and np.isnan(r.loc["b", "precision"])
    with pytest.raises(DataValidationError, match="not among the themes"):
        coded_flags(pd.Series(["a;zzz"]), ["a"])
    with pytest.raises(DataValidationError, match="different rows"):
        theme_accuracy(found, coded.iloc[::-1])


def test_missing_text_column_is_named():
    with pytest.raises(DataValidationError, match="column not found"):
        comment_sentiment(pd.DataFrame({"x": ["a"]}))
