"""Cross-check of the TypeScript experiment statistics against scipy.stats, on the fixed dataset that
scipy-fixture.test.ts keeps in scipy.fixture.json beside this file (revenue per member, minor units)."""

import json
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

FIXTURE = json.loads((Path(__file__).parent / "scipy.fixture.json").read_text())
TOLERANCE = {"rel": 1e-6, "abs": 1e-6}


def test_welch_interval_matches_scipy():
    treatment = np.array(FIXTURE["treatment"], dtype=float)
    holdout = np.array(FIXTURE["holdout"], dtype=float)
    result = stats.ttest_ind(treatment, holdout, equal_var=False)
    interval = result.confidence_interval(FIXTURE["confidence"])
    ours = FIXTURE["welch"]
    assert ours["estimate"] == pytest.approx(treatment.mean() - holdout.mean(), **TOLERANCE)
    standard_error = np.sqrt(treatment.var(ddof=1) / treatment.size + holdout.var(ddof=1) / holdout.size)
    assert ours["standardError"] == pytest.approx(standard_error, **TOLERANCE)
    assert ours["degreesOfFreedom"] == pytest.approx(result.df, **TOLERANCE)
    assert ours["lower"] == pytest.approx(interval.low, **TOLERANCE)
    assert ours["upper"] == pytest.approx(interval.high, **TOLERANCE)


def test_sample_ratio_check_matches_scipy():
    srm = FIXTURE["srm"]
    observed = np.array(srm["observed"], dtype=float)
    weights = np.array(srm["weights"], dtype=float)
    result = stats.chisquare(observed, observed.sum() * weights / weights.sum())
    assert srm["chiSquared"] == pytest.approx(result.statistic, **TOLERANCE)
    assert srm["pValue"] == pytest.approx(result.pvalue, **TOLERANCE)
