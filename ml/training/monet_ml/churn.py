"""Churn risk: the label, the time-based split, gradient-boosted trees against a logistic baseline, calibration, and
the export to ONNX (its feature spec and model card are written by churn_artifacts).

Label: 1 when the member made no purchase in the `horizon_days` after a snapshot date, read from each member's purchase
days (`marts.member_activity`), so the horizon is a training setting; at 90 days it equals the mart's own `churned`.
Split: the latest snapshot whose horizon is over validates; the trees learn from every snapshot whose horizon closed by
that date (never a random split). Calibrators learn from out-of-fold predictions on those training rows (5 folds, a
member's rows always in one fold), so every row of history serves the trees and the calibration alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from . import metrics

SPEC_VERSION = 1

# What the model reads from `marts.member_features`, in the order of the input tensor's columns. Nullable columns
# carry NULL as NaN, which the trees route as they learned; a NaN or infinite value anywhere else makes the row
# refused (not scored), and a NULL in a non-nullable column too.
FEATURES: list[dict] = [
    {"name": "tenure_days", "type": "Int32", "nullable": False},
    {"name": "recency_days", "type": "Nullable(Int32)", "nullable": True},
    {"name": "frequency_90d", "type": "UInt32", "nullable": False},
    {"name": "frequency_365d", "type": "UInt32", "nullable": False},
    {"name": "monetary_90d_minor", "type": "Int64", "nullable": False},
    {"name": "monetary_365d_minor", "type": "Int64", "nullable": False},
    {"name": "avg_order_minor", "type": "Nullable(Int64)", "nullable": True},
    {"name": "spend_trend", "type": "Nullable(Float64)", "nullable": True},
    {"name": "balance_points", "type": "Int64", "nullable": False},
    {"name": "redemptions_365d", "type": "UInt32", "nullable": False},
    {"name": "days_since_last_redemption", "type": "Nullable(Int32)", "nullable": True},
    {"name": "tier_rank", "type": "Int32", "nullable": False},
    {"name": "campaign_responses_365d", "type": "UInt32", "nullable": False},
]
FEATURE_NAMES = [f["name"] for f in FEATURES]
INPUT_NAME = "features"
# How far the exported graph may be from scikit-learn: the trees sum in float32 in ONNX, in float64 in scikit-learn.
ONNX_TOLERANCE = 1e-4
OUTPUT_NAME = "churn_probability"


@dataclass(frozen=True)
class Minimum:
    """The least history a tenant needs for a model of its own (ml/README.md explains each)."""

    members: int = 500  # members enrolled by the validation snapshot
    purchases: int = 2000  # purchase days over the whole history
    churned: int = 50  # churned and retained members each, at the validation snapshot

    def days(self, horizon_days: int) -> int:
        """Days of purchase history: two horizons (train labels closed before validation, validation closed before
        today) and a month, so that at least two training snapshots exist."""
        return 2 * horizon_days + 31


class NotEnoughHistory(SystemExit):
    pass


def labels(member_ids, as_of_dates, purchase_members, purchase_days, horizon_days: int) -> np.ndarray:
    """1 where the member made no purchase in (as_of, as_of + horizon]."""
    y = np.ones(len(member_ids), dtype=np.int64)
    for d in np.unique(as_of_dates):
        window = (purchase_days > d) & (purchase_days <= d + np.timedelta64(horizon_days, "D"))
        bought = set(purchase_members[window])
        rows = np.flatnonzero(as_of_dates == d)
        y[rows] = [0 if m in bought else 1 for m in member_ids[rows]]
    return y


@dataclass
class Split:
    mart_as_of: np.datetime64
    validation_date: np.datetime64
    train_dates: list
    train: np.ndarray = field(repr=False)
    validate: np.ndarray = field(repr=False)


def time_split(as_of_dates: np.ndarray, horizon_days: int) -> Split:
    horizon = np.timedelta64(horizon_days, "D")
    mart_as_of = as_of_dates.max()
    dates = np.unique(as_of_dates)
    labelled = dates[dates + horizon <= mart_as_of]
    if len(labelled) == 0:
        raise NotEnoughHistory(f"no snapshot is {horizon_days} days older than the as-of date {mart_as_of}")
    validation = labelled.max()
    before = labelled[labelled + horizon <= validation]
    if len(before) < 2:
        raise NotEnoughHistory(
            f"need two snapshots whose {horizon_days}-day horizon closed by the validation date {validation}; "
            f"found {len(before)}"
        )
    return Split(
        mart_as_of=mart_as_of,
        validation_date=validation,
        train_dates=[str(d) for d in before],
        train=np.isin(as_of_dates, before),
        validate=as_of_dates == validation,
    )


def check_minimum(split: Split, y, purchase_days, horizon_days: int, minimum: Minimum = Minimum()) -> None:
    """Refuses a tenant below the documented minimum, naming everything that is missing."""
    missing = []
    members = int(split.validate.sum())
    if members < minimum.members:
        missing.append(f"{members} members at the validation snapshot (need {minimum.members})")
    if len(purchase_days) < minimum.purchases:
        missing.append(f"{len(purchase_days)} purchase days (need {minimum.purchases})")
    history = int((split.mart_as_of - purchase_days.min()).astype(int)) if len(purchase_days) else 0
    if history < minimum.days(horizon_days):
        missing.append(f"{history} days of purchase history (need {minimum.days(horizon_days)})")
    churned = int(y[split.validate].sum())
    retained = members - churned
    if min(churned, retained) < minimum.churned:
        missing.append(
            f"{churned} churned and {retained} retained members at validation (need {minimum.churned} of each)"
        )
    if missing:
        raise NotEnoughHistory("not enough history for a model of this tenant: " + "; ".join(missing))


# ---------------------------------------------------------------- calibration, applied the way the ONNX graph does


@dataclass
class Calibration:
    """None, Platt (a logistic curve on the log-odds) or isotonic (piecewise linear, clipped at its ends)."""

    method: str  # "none" | "platt" | "isotonic"
    slope: float = 1.0
    intercept: float = 0.0
    x: list = field(default_factory=list)
    y: list = field(default_factory=list)

    def apply(self, p: np.ndarray) -> np.ndarray:
        p = np.asarray(p, dtype=np.float32)
        if self.method == "platt":
            q = np.clip(p, np.float32(1e-6), np.float32(1 - 1e-6))
            logit = np.log(q) - np.log(np.float32(1) - q)
            z = np.float32(self.slope) * logit + np.float32(self.intercept)
            return (1 / (1 + np.exp(-z))).astype(np.float32)
        if self.method == "isotonic":
            lo = np.array(self.x[:-1], dtype=np.float32)
            hi = np.array(self.x[1:], dtype=np.float32)
            slopes = ((np.array(self.y[1:]) - np.array(self.y[:-1])) / (hi - lo)).astype(np.float32)
            steps = np.minimum(np.maximum(p[:, None], lo[None, :]), hi[None, :]) - lo[None, :]
            return (np.float32(self.y[0]) + steps @ slopes).astype(np.float32)
        return p

    def to_json(self) -> dict:
        if self.method == "platt":
            return {"method": "platt", "slope": self.slope, "intercept": self.intercept}
        if self.method == "isotonic":
            return {"method": "isotonic", "points": len(self.x)}
        return {"method": "none"}


def fit_platt(p, y) -> Calibration:
    from sklearn.linear_model import LogisticRegression

    q = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    logit = (np.log(q) - np.log1p(-q)).reshape(-1, 1)
    lr = LogisticRegression(C=1e6).fit(logit, y)
    return Calibration("platt", slope=float(lr.coef_[0, 0]), intercept=float(lr.intercept_[0]))


def fit_isotonic(p, y) -> Calibration:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(p, y)
    x, yy = np.asarray(iso.X_thresholds_, dtype=np.float64), np.asarray(iso.y_thresholds_, dtype=np.float64)
    # Keep strictly increasing x (a piecewise-linear curve needs distinct knots), and at least two knots.
    keep = np.concatenate([[True], np.diff(x) > 1e-7])
    x, yy = x[keep], yy[keep]
    if len(x) < 2:
        x, yy = np.array([0.0, 1.0]), np.array([yy[0], yy[0]])
    return Calibration("isotonic", x=[float(v) for v in x], y=[float(v) for v in yy])


# ---------------------------------------------------------------- models


def baseline_model():
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True), StandardScaler(), LogisticRegression(max_iter=2000)
    )


def trees_model(seed: int = 0):
    from sklearn.ensemble import HistGradientBoostingClassifier

    # Shallow and regularised: a tenant has thousands of labelled rows, not millions, and churn is mostly a few
    # monotone effects (recency against frequency) with some interactions. Early stopping would draw a random
    # validation fraction, so the trees' count is fixed instead.
    return HistGradientBoostingClassifier(
        max_iter=150, learning_rate=0.05, max_depth=3, min_samples_leaf=20, l2_regularization=1.0,
        early_stopping=False, random_state=seed,
    )


def out_of_fold(member_ids, X, y, folds: int = 5) -> np.ndarray:
    """Each training row's probability from trees that did not see its member: what calibrators learn from."""
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(y), dtype=np.float32)
    for fit_rows, held_rows in GroupKFold(n_splits=folds).split(X, y, groups=member_ids):
        p[held_rows] = trees_model().fit(X[fit_rows], y[fit_rows]).predict_proba(X[held_rows])[:, 1]
    return p


@dataclass
class TrainedChurn:
    trees: object
    calibration: Calibration
    metrics: dict
    split: Split
    rows: dict
    seconds: float
    out_of_fold: np.ndarray = field(repr=False, default=None)  # the training rows' probabilities calibrators learn from


def train(member_ids: np.ndarray, matrix: np.ndarray, y: np.ndarray, split: Split) -> TrainedChurn:
    # One OpenMP thread: at a tenant's thousands of rows, threads only contend (on a busy 2-core machine a fit took
    # 30× longer with them).
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="openmp"):
        return _train(member_ids, matrix, y, split)


def _train(member_ids: np.ndarray, matrix: np.ndarray, y: np.ndarray, split: Split) -> TrainedChurn:
    started = time.perf_counter()
    X = matrix.astype(np.float32)
    Xt, yt = X[split.train], y[split.train]
    Xv, yv = X[split.validate], y[split.validate]

    baseline = baseline_model().fit(Xt, yt)
    trees = trees_model().fit(Xt, yt)
    raw_c, yc = out_of_fold(member_ids[split.train], Xt, yt), yt
    raw_v = trees.predict_proba(Xv)[:, 1].astype(np.float32)
    candidates = [Calibration("none"), fit_platt(raw_c, yc), fit_isotonic(raw_c, yc)]
    scored = {c.method: metrics.evaluate(yv, c.apply(raw_v)) for c in candidates}
    # Calibrate only when it lowers the Brier score on validation.
    chosen = min(candidates, key=lambda c: (scored[c.method]["brier"], c.method != "none"))
    report = {
        "baseline": metrics.evaluate(yv, baseline.predict_proba(Xv)[:, 1]),
        "trees": scored["none"],
        "calibrated": {m: {k: v for k, v in s.items() if k != "calibration"} for m, s in scored.items()},
        "chosen": scored[chosen.method],
    }
    return TrainedChurn(
        trees=trees,
        calibration=chosen,
        metrics=report,
        split=split,
        rows={"train": int(split.train.sum()), "validate": int(split.validate.sum())},
        seconds=time.perf_counter() - started,
        out_of_fold=raw_c,
    )


def predict(trained: TrainedChurn, matrix: np.ndarray) -> np.ndarray:
    return trained.calibration.apply(trained.trees.predict_proba(matrix.astype(np.float32))[:, 1].astype(np.float32))


# ---------------------------------------------------------------- ONNX


def to_onnx(trained: TrainedChurn):
    """The trees (skl2onnx's TreeEnsemble) followed by the calibration, as one graph from `features` [N, F] float32
    to `churn_probability` [N] float32."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from skl2onnx import to_onnx as sk_to_onnx
    from skl2onnx.common.data_types import FloatTensorType

    trees = sk_to_onnx(
        trained.trees,
        initial_types=[(INPUT_NAME, FloatTensorType([None, len(FEATURES)]))],
        options={id(trained.trees): {"zipmap": False}},
        target_opset={"": 18, "ai.onnx.ml": 3},
    )
    graph = trees.graph
    probabilities = next(o.name for o in graph.output if o.name != "label")
    nodes, inits = [], []

    def const(name, value):
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), name))
        return name

    inits.append(numpy_helper.from_array(np.array(1, dtype=np.int64), "positive_class"))
    nodes.append(helper.make_node("Gather", [probabilities, "positive_class"], ["p_raw"], axis=1))
    c = trained.calibration
    if c.method == "platt":
        nodes += [
            helper.make_node("Clip", ["p_raw", const("eps", 1e-6), const("one_minus_eps", 1 - 1e-6)], ["p_clip"]),
            helper.make_node("Log", ["p_clip"], ["log_p"]),
            helper.make_node("Sub", [const("one", 1.0), "p_clip"], ["q"]),
            helper.make_node("Log", ["q"], ["log_q"]),
            helper.make_node("Sub", ["log_p", "log_q"], ["logit"]),
            helper.make_node("Mul", ["logit", const("slope", c.slope)], ["scaled"]),
            helper.make_node("Add", ["scaled", const("intercept", c.intercept)], ["z"]),
            helper.make_node("Sigmoid", ["z"], [OUTPUT_NAME]),
        ]
    elif c.method == "isotonic":
        x, yv = np.array(c.x), np.array(c.y)
        lo, hi = x[:-1].astype(np.float32), x[1:].astype(np.float32)
        slopes = ((yv[1:] - yv[:-1]) / (hi - lo)).astype(np.float32)
        inits.append(numpy_helper.from_array(np.array([-1, 1], dtype=np.int64), "column"))
        nodes += [
            helper.make_node("Reshape", ["p_raw", "column"], ["p_col"]),
            helper.make_node("Max", ["p_col", const("knots_lo", lo.reshape(1, -1))], ["above"]),
            helper.make_node("Min", ["above", const("knots_hi", hi.reshape(1, -1))], ["within"]),
            helper.make_node("Sub", ["within", "knots_lo"], ["steps"]),
            helper.make_node("MatMul", ["steps", const("slopes", slopes.reshape(-1, 1))], ["rise"]),
            helper.make_node("Add", ["rise", const("start", np.float32(yv[0]))], ["p_cal"]),
            helper.make_node("Reshape", ["p_cal", const_i64(inits, "flat", [-1])], [OUTPUT_NAME]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["p_raw"], [OUTPUT_NAME]))
    graph.node.extend(nodes)
    graph.initializer.extend(inits)
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, [None]))
    graph.name = "monet_churn"
    onnx.checker.check_model(trees)
    return trees


def const_i64(inits, name, value):
    from onnx import numpy_helper

    inits.append(numpy_helper.from_array(np.array(value, dtype=np.int64), name))
    return name


# ---------------------------------------------------------------- artifacts
