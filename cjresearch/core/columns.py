"""The column vocabulary: input column names and result column names.

Defined once here and used everywhere, so that every tidy result in the
package speaks the same language (``n``, ``estimate``, ``ci_low``, ...).
"""

from __future__ import annotations

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
    "P_VALUE",
    "RESPONDENT_ID",
    "RESULT_COLUMNS",
    "SE",
    "SEGMENT",
    "SMALL_BASE",
    "STAGE",
    "TIMESTAMP",
    "TOUCHPOINT",
    "WAVE",
    "WEIGHT",
    "N",
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

RESULT_COLUMNS = (N, BASE, ESTIMATE, SE, CI_LOW, CI_HIGH, P_VALUE, EFFECT, SMALL_BASE)
