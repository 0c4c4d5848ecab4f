"""The column vocabulary: input column names and result column names.

Defined once here and used everywhere, so that every tidy result in the
package speaks the same language (``n``, ``estimate``, ``ci_low``, ...).

:data:`VOCABULARY` lists every column name a public result may carry, with its
meaning.  Names built by a rule are valid too (:func:`vocabulary_problems`):

* a quantity ``q`` of a wide table (``hr_exit``, ``rating_gap``) carries its
  standard error, interval and tests as ``q_se``, ``q_ci_low``, ``q_ci_high``,
  ``q_p_value`` and ``q_p_adjusted``, next to ``q`` itself;
* counts are ``n`` or ``n_<what>``; per exit state or event type
  ``n_exit_<exit id>``, ``n_event_<type>``;
* names the client's data brings: the group columns given as ``by``, the
  ids of stages, exits, events, touchpoints and themes (wide tables), and a
  model's dummy of a data column's level (``segment[premium]``).

``tests/test_vocabulary.py`` computes every public result on the sample and
checks its columns against these rules.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "BASE",
    "CHANNEL",
    "CI_HIGH",
    "CI_LOW",
    "CUSTOMER_ID",
    "EFFECT",
    "ESTIMATE",
    "EVENT",
    "OBSERVED_UNTIL",
    "P_ADJUSTED",
    "P_VALUE",
    "QUANTITY_SUFFIXES",
    "RESPONDENT_ID",
    "RESULT_COLUMNS",
    "SE",
    "SEGMENT",
    "SMALL_BASE",
    "STAGE",
    "TIMESTAMP",
    "TIME_UNIT",
    "TOUCHPOINT",
    "VOCABULARY",
    "WAVE",
    "WEIGHT",
    "N",
    "vocabulary_problems",
]

# --- inputs (canonical names after column mapping) -------------------------
CUSTOMER_ID = "customer_id"
TIMESTAMP = "timestamp"
EVENT = "event"
CHANNEL = "channel"
STAGE = "stage"
OBSERVED_UNTIL = "observed_until"
WEIGHT = "weight"
RESPONDENT_ID = "respondent_id"
WAVE = "wave"
TOUCHPOINT = "touchpoint"
SEGMENT = "segment"

# --- results ----------------------------------------------------------------
N = "n"  # cases (customers, respondents) behind the row
BASE = "base"  # denominator of a share, where it differs from n
ESTIMATE = "estimate"  # the point estimate
SE = "se"  # its standard error
CI_LOW = "ci_low"  # lower confidence limit
CI_HIGH = "ci_high"  # upper confidence limit
P_VALUE = "p_value"  # two-sided p-value of the row's test
EFFECT = "effect"  # an effect size (difference, ratio) where a row compares
SMALL_BASE = "small_base"  # True when n is below the configured minimum base

P_ADJUSTED = "p_adjusted"  # the p-value adjusted for the rows' multiple tests (Holm by default)
TIME_UNIT = "time_unit"  # unit of the row's times and horizons (minutes, hours, days, weeks)

RESULT_COLUMNS = (N, BASE, ESTIMATE, SE, CI_LOW, CI_HIGH, P_VALUE, EFFECT, SMALL_BASE)

# the suffixes a quantity's uncertainty takes in a wide table (``hr_exit_ci_low``)
QUANTITY_SUFFIXES = ("_se", "_ci_low", "_ci_high", "_p_value", "_p_adjusted")

VOCABULARY: dict[str, str] = {
    # the core of every tidy result
    N: "cases (customers, respondents) behind the row",
    BASE: "denominator of a share, where it differs from n",
    ESTIMATE: "the point estimate",
    SE: "its standard error",
    CI_LOW: "lower confidence limit of the estimate",
    CI_HIGH: "upper confidence limit of the estimate",
    P_VALUE: "two-sided p-value of the row's test",
    P_ADJUSTED: "the p-value adjusted for multiple tests",
    EFFECT: "an effect size (difference, log ratio) where a row compares",
    SMALL_BASE: "True when n is below the minimum base",
    TIME_UNIT: "unit of the row's times and horizons",
    # ids and labels of what a row describes
    CUSTOMER_ID: "the customer",
    STAGE: "a stage id of the journey",
    TOUCHPOINT: "a touchpoint (event) id",
    EVENT: "an event name, or in durations the step's outcome code",
    SEGMENT: "the customer segment",
    "from_stage": "stage a step starts from",
    "to_stage": "stage a step leads to",
    "from_state": "state a move starts from (multi-state)",
    "to_state": "state a move leads to (multi-state)",
    "from_event": "event a transition starts from",
    "to_event": "event a transition leads to",
    "state": "a stage or exit state",
    "stage_index": "the stage's position in the journey (0 first)",
    "label": "the stage's label in the report language",
    "stage_label": "the stage's label in the report language",
    "target": "where a flow goes (stage, exit or in progress)",
    "target_label": "its label in the report language",
    "kind": "what a row is: a measure's kind, a flow's kind, the evidence kind",
    "measure": "the survey measure",
    "item": "a rating item",
    "answer": "an answer code of a rating item",
    "driver": "a rating column used as a key driver",
    "rating": "the survey rating column of a touchpoint",
    "theme": "a verbatim theme",
    "quote": "a redacted verbatim",
    "quotes": "redacted verbatims, joined",
    "phrase": "a word or two-word phrase of the comments (lemmas)",
    "example": "a redacted verbatim holding the phrase",
    "language": "a comment's language (ISO 639-1 code)",
    "n_comment": "comments holding the phrase",
    "n_coded": "comments coded by hand with the theme",
    "n_found": "comments the theme was found in",
    "n_both": "comments both coded with and found to have the theme",
    "recall": "share of the hand-coded mentions that were found",
    "precision": "share of the found mentions that were hand-coded",
    "group_a": "first group of a comparison",
    "group_b": "second group of a comparison",
    "estimate_a": "estimate of group_a",
    "estimate_b": "estimate of group_b",
    "n_a": "cases of group_a",
    "n_b": "cases of group_b",
    "event_type": "competing event type (1 the event of interest)",
    "exit_state": "the customer's exit state, if any",
    "path": "a sequence of events or stages",
    "loop": "an event repeated in a row",
    "role": "an event's role in the journey (stage event, touchpoint, exit)",
    "outcome": "the step's outcome studied (progress, exit) or what follows a drop-off",
    "reached": "stage a customer reached when the touchpoint happened",
    "row": "a row of the journey map",
    "row_title": "its title in the report language",
    "text": "the journey map cell's text",
    "touchpoints": "the journey map sheet: a stage's touchpoints, one per line",
    "actions": "the journey map sheet: a stage's customer actions, one per line",
    "emotion": "the journey map sheet: the stage's emotion score",
    "n_emotion": "survey answers behind the emotion score",
    "dropoff": "the journey map sheet: share not moving on from the stage by the horizon",
    "n_dropoff": "customers who entered the stage (the drop-off's base)",
    "pain_points": "the journey map sheet: the stage's ranked pain-point touchpoints",
    "opportunities": "the journey map sheet: the stage's opportunity touchpoints",
    "owner": "left empty for the team: who owns the stage's actions",
    "ideas": "left empty for the team: ideas and actions",
    "notes": "left empty for the team: notes",
    "definition": "the funnel definition (reached, strict)",
    "method": "how an estimate was computed",
    "test": "the statistical test",
    "note": "a remark on the row's estimate",
    "evidence": "the evidence behind a ranked pain point, in words",
    "missing": "evidence that could not be measured, in words",
    "adjusted_for": "covariates of the adjusted model",
    "quadrant": "importance-performance quadrant",
    # times
    "time": "a time on the step's clock",
    "duration": "time from the step's start to its outcome or censoring",
    "entry": "time the customer entered observation (left truncation)",
    "origin": "what starts the step's clock",
    "out_of_order": "True when the outcome came before the start (bad clock)",
    "horizon": "time horizon of the estimate",
    "tau": "horizon of a restricted mean",
    "percentile": "percentile of the time to the stage",
    "start": "start of an interval (multi-state)",
    "stop": "end of an interval (multi-state)",
    "customer_time": "time at risk summed over customers",
    # the timeline (EventLog.timeline(): customers and entries)
    "first_seen": "the customer's first event",
    "last_seen": "the customer's last event",
    "furthest_stage": "the furthest stage the customer reached",
    "furthest_index": "its position in the journey (-1: no stage)",
    "exit_at": "time of the customer's first exit",
    "censor_at": "end of the customer's observation (exit, observed_until or the log's end)",
    "entered_at": "time the customer entered the stage",
    "inferred": "True when the entry is taken from a later stage's event",
    # counts
    "n_log_events": "rows of the event log (a customer's events)",
    "n_risk": "customers at risk just before the time",
    "n_event": "outcome events (the step happened)",
    "n_censor": "customers censored at the time",
    "n_exit": "customers who left through an exit",
    "n_inferred": "customers counted at a stage from a later stage's event",
    "n_eff": "effective sample size (Kish)",
    "exited": "customers who exited at the step",
    "in_progress": "customers still on the step (censored)",
    "moved_on": "customers who moved on by the horizon",
    "exposed": "customers exposed to the touchpoint",
    "exposed_converters": "exposed customers who moved on",
    "exposed_others": "exposed customers who did not move on",
    "excluded_events": "touchpoint events left out (after the step's outcome)",
    "respondents": "survey respondents linked to the log",
    "theme_mentions": "comments mentioning the theme",
    "occurrences": "times a loop occurred",
    "steps": "steps in a path",
    "groups": "groups compared",
    "k": "items of a scale",
    # shares, rates and named estimates of wide tables
    "share": "share of the row among its siblings",
    "exit_share": "share who exited by the horizon",
    "share_of_exits": "share of all exits at this stage",
    "exposed_share_converters": "share exposed among customers who moved on",
    "exposed_share_others": "share exposed among the others",
    "moved_on_share_exposed": "share moving on among the exposed",
    "moved_on_share_unexposed": "share moving on among the unexposed",
    "naive": "the naive estimate that ignores censoring",
    "understatement": "how much the naive estimate understates the censoring-aware one",
    "excess": "excess loss of the exposed (share points)",
    "excess_exit": "excess exits of the exposed (share points)",
    "mean_value": "mean customer value",
    "value_at_stake": "value lost with the excess loss",
    "odds_ratio": "odds ratio (naive)",
    "hr_progress": "hazard ratio of moving on",
    "hr_exit": "hazard ratio of exiting",
    "rating_gap": "rating difference, exposed minus not exposed",
    "outcome_gap": "outcome difference, exposed minus not exposed",
    "effort_gap": "effort difference, exposed minus not exposed (higher is harder)",
    "theme_gap": "theme share difference, detractors minus others",
    "importance": "a driver's importance",
    "high_importance": "True when the importance is above the drivers' mean",
    "high_performance": "True when the performance is above the drivers' mean",
    "mean": "mean of the item",
    "mean_times": "mean repeats per customer",
    "max_times": "most repeats of one customer",
    "item_total_corr": "corrected item-total correlation",
    "alpha_if_deleted": "Cronbach's alpha without the item",
    "sum_weights": "sum of the weights",
    "deff_kish": "Kish's design effect of the weights",
    "min_weight": "smallest weight",
    "max_weight": "largest weight",
    "statistic": "the test statistic",
    "df": "degrees of freedom",
    "sign": "direction of a driver's effect: +1 raises the outcome, -1 lowers it",
    "se_log": "standard error of the log of the estimate",
    "df_denominator": "denominator degrees of freedom of an F test",
    "deff_mean": "mean generalised design effect of a table (Rao-Scott)",
    "rank": "rank (1 first)",
    "points": "points of the ranking rule",
    "deff": "design effect of the estimate",
    "promoters": "share of promoters (9-10)",
    "passives": "share of passives (7-8)",
    "detractors": "share of detractors (0-6)",
    "std_coef": "standardised regression coefficient of a driver",
    "vif": "variance inflation factor of a driver",
    "collinear": "True when the driver's VIF flags collinearity",
    "direction": "a stage move's direction (forward, skip, back, exit)",
    "column": "the banner column (a level of the column variable)",
    "letter": "the banner column's letter",
    "higher_than": "letters of the banner columns this one is significantly above",
    "at": "the time a curve is read at",
    "cohort": "the entry cohort (period the customers started the step)",
    "ok": "True when the check passes",
    # model terms and model frames
    "term": "a model term",
    "fg_id": "subject id in the Fine-Gray expanded frame",
    "fg_start": "interval start in the Fine-Gray expanded frame",
    "fg_stop": "interval stop in the Fine-Gray expanded frame",
    "fg_status": "event status of the interval (Fine-Gray)",
    "fg_weight": "the interval's censoring weight (Fine-Gray)",
}


def vocabulary_problems(columns: Iterable[str], *, data_names: Iterable[str] = ()) -> list[str]:
    """Columns of one result that the vocabulary does not explain, with the reason.

    ``data_names`` are the names the client's data brings (group columns given
    as ``by``; stage, exit, event, touchpoint and theme ids).

    Examples
    --------
    >>> vocabulary_problems(["stage", "hr_exit", "hr_exit_ci_low", "p_val"])
    ["'p_val' is not in the vocabulary"]
    >>> vocabulary_problems(["odds_ci_low", "rating_ci_low"])  # doctest: +NORMALIZE_WHITESPACE
    ["'odds_ci_low' is the uncertainty of 'odds', which the vocabulary does not define",
     "'rating_ci_low' comes without 'rating' in the same result"]
    >>> vocabulary_problems(["n_exit_churned", "churned"], data_names=["churned"])
    []
    """
    cols = [str(c) for c in columns]
    data = {str(d) for d in data_names}
    out = []
    for c in cols:
        if c in VOCABULARY or c in data:
            continue
        suffix = next((s for s in QUANTITY_SUFFIXES if c.endswith(s)), None)
        if suffix is not None:
            q = c[: -len(suffix)]
            if q not in VOCABULARY:
                out.append(
                    f"{c!r} is the uncertainty of {q!r}, which the vocabulary does not define"
                )
            elif q not in cols:
                out.append(f"{c!r} comes without {q!r} in the same result")
            continue
        if c.startswith("n_") and (c[2:] in data or c[2:].isdigit()):
            continue
        if c.endswith("]") and "[" in c and c.split("[", 1)[0] in data:
            continue  # a model dummy of a data column: segment[premium]
        count = next((k for k in ("n_exit_", "n_event_") if c.startswith(k)), None)
        if count is not None and (c[len(count) :] in data or c[len(count) :].isdigit()):
            continue
        out.append(f"{c!r} is not in the vocabulary")
    return out
