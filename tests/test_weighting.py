"""Tests of cjresearch.survey.weighting (the numbers of raking and post-stratification are in test_design)."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.weighting import design_effect, post_stratify, rake, trim


@pytest.mark.parametrize(
    "call",
    [
        lambda df: rake(df, {"sex": {"f": 50, "m": 50}}),
        lambda df: post_stratify(df, "sex", {"f": 50, "m": 50}),
        lambda df: trim(df, upper=2.0),
        lambda df: design_effect(df),
    ],
)
def test_a_plain_frame_instead_of_a_design_is_a_clear_error(call):
    # used to raise a raw AttributeError ('DataFrame' object has no attribute 'weights_')
    df = pd.DataFrame({"sex": ["f", "f", "m", "m"], "w": [1.0, 1, 1, 3]})
    with pytest.raises(DataValidationError, match="needs a SurveyDesign"):
        call(df)
