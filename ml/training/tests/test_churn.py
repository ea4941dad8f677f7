"""Churn training on synthetic snapshots: labels, the time-based split, the minimum history, and an ONNX graph that
scores as scikit-learn does for each calibration."""

import dataclasses

import numpy as np
import onnxruntime as ort
import pytest

from monet_ml import churn


def snapshots(members=600, months=12, seed=3):
    """Monthly snapshots of members with a latent visit rate and drop-out, and their purchase days."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-01-01")
    end = np.datetime64("2026-01-01")
    enrolled = start + rng.integers(0, 200, members).astype("timedelta64[D]")
    rate = rng.lognormal(np.log(1 / 10), 0.8, members)
    leaves = enrolled + rng.exponential(1 / rng.uniform(0.002, 0.01, members)).astype("timedelta64[D]")
    ids = np.array([f"m{i}" for i in range(members)], dtype=object)
    purchase_members, purchase_days = [], []
    for i in range(members):
        day = enrolled[i]
        while day < min(leaves[i], end):
            purchase_members.append(ids[i])
            purchase_days.append(day)
            day = day + np.timedelta64(max(1, int(rng.exponential(1 / rate[i]))), "D")
    purchase_members = np.array(purchase_members, dtype=object)
    purchase_days = np.array(purchase_days, dtype="datetime64[D]")
    dates = np.array([np.datetime64("2025-02-01") + np.timedelta64(30 * k, "D") for k in range(months - 1)] + [end])
    by_member = {m: purchase_days[purchase_members == m] for m in ids}
    rows_m, rows_d, matrix = [], [], []
    for d in dates:
        for i in np.flatnonzero(enrolled <= d):
            mine = by_member[ids[i]]
            mine = mine[mine <= d]
            recency = float((d - mine.max()).astype(int)) if len(mine) else np.nan
            f90 = float(((mine > d - 90)).sum())
            f365 = float(len(mine))
            row = [float((d - enrolled[i]).astype(int)), recency, f90, f365, f90 * 500, f365 * 500,
                   500.0 if f365 else np.nan, np.nan if f90 == 0 else 1.0, f365 * 5, 0, np.nan, 0, 0]
            rows_m.append(ids[i])
            rows_d.append(d)
            matrix.append(row)
    return (np.array(rows_m, dtype=object), np.array(rows_d, dtype="datetime64[D]"), np.array(matrix),
            purchase_members, purchase_days)


@pytest.fixture(scope="module")
def data():
    return snapshots()


@pytest.fixture(scope="module")
def trained(data):
    members, dates, matrix, pm, pd = data
    y = churn.labels(members, dates, pm, pd, 90)
    return churn.train(members, matrix, y, churn.time_split(dates, 90)), y


def test_labels_look_forward_over_the_horizon_only():
    members = np.array(["a", "a", "b"], dtype=object)
    dates = np.array(["2026-01-01", "2026-03-01", "2026-01-01"], dtype="datetime64[D]")
    bought_m = np.array(["a", "b"], dtype=object)
    bought_d = np.array(["2026-02-15", "2026-01-01"], dtype="datetime64[D]")
    # a buys 45 days after Jan 1 (retained then), not after Mar 1; b's purchase on the date itself does not count.
    assert list(churn.labels(members, dates, bought_m, bought_d, 90)) == [0, 1, 1]
    assert list(churn.labels(members, dates, bought_m, bought_d, 30)) == [1, 1, 1]


def test_split_is_by_time_and_trains_only_on_closed_horizons(data):
    _, dates, *_ = data
    split = churn.time_split(dates, 90)
    horizon = np.timedelta64(90, "D")
    assert split.validation_date + horizon <= split.mart_as_of
    assert all(np.datetime64(d) + horizon <= split.validation_date for d in split.train_dates)
    assert len(split.train_dates) >= 2
    assert not (split.train & split.validate).any()


def test_refuses_a_tenant_below_the_minimum_naming_what_is_missing(data):
    members, dates, matrix, pm, pd = data
    split = churn.time_split(dates, 90)
    y = churn.labels(members, dates, pm, pd, 90)
    churn.check_minimum(split, y, pd, 90, churn.Minimum(members=100, purchases=100, churned=10))
    with pytest.raises(churn.NotEnoughHistory) as refused:
        churn.check_minimum(split, y, pd[:50], 90, churn.Minimum(members=10**6, purchases=2000, churned=10))
    message = str(refused.value)
    assert "members at the validation snapshot (need 1000000)" in message
    assert "50 purchase days (need 2000)" in message


def test_too_short_a_history_is_refused():
    dates = np.array(["2026-01-01", "2026-02-01"], dtype="datetime64[D]")
    with pytest.raises(churn.NotEnoughHistory, match="no snapshot is 90 days older"):
        churn.time_split(dates, 90)


@pytest.mark.parametrize("method", ["none", "platt", "isotonic"])
def test_the_onnx_graph_scores_as_scikit_learn_for_each_calibration(data, trained, method):
    _, _, matrix, _, _ = data
    model, y = trained
    assert model.metrics["trees"]["rocAuc"] > 0.7
    assert model.metrics["baseline"]["rocAuc"] > 0.6
    split = model.split
    raw = model.out_of_fold
    calibrators = {"none": churn.Calibration("none"), "platt": churn.fit_platt(raw, y[split.train]),
                   "isotonic": churn.fit_isotonic(raw, y[split.train])}
    variant = dataclasses.replace(model, calibration=calibrators[method])
    session = ort.InferenceSession(churn.to_onnx(variant).SerializeToString(), providers=["CPUExecutionProvider"])
    X = matrix.astype(np.float32)
    onnx_p = session.run([churn.OUTPUT_NAME], {churn.INPUT_NAME: X})[0]
    assert onnx_p.shape == (len(X),)
    # The trees' sums are float32 in ONNX and float64 in scikit-learn; a steep isotonic segment can stretch that
    # 1e-7 to a few 1e-5, hence the export's tolerance (churn.ONNX_TOLERANCE).
    assert np.max(np.abs(onnx_p - churn.predict(variant, X))) < churn.ONNX_TOLERANCE
    assert np.all((onnx_p >= 0) & (onnx_p <= 1))


def test_calibration_is_kept_only_when_it_lowers_the_validation_brier(trained):
    trained, _ = trained
    briers = {m: s["brier"] for m, s in trained.metrics["calibrated"].items()}
    assert briers[trained.calibration.method] == min(briers.values())
    assert trained.metrics["chosen"]["brier"] <= trained.metrics["trees"]["brier"]
    table = trained.metrics["chosen"]["calibration"]
    assert [row["bin"] for row in table] == list(range(10))
    assert sum(row["members"] for row in table) == trained.rows["validate"]
