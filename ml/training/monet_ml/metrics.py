"""The figures every churn model is judged by, on validation and (later) on real outcomes."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Members binned by predicted probability in tenths: the mean prediction beside the rate observed."""
    index = np.minimum((p * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        rows = index == b
        n = int(rows.sum())
        table.append({
            "bin": b,
            "from": b / bins,
            "to": (b + 1) / bins,
            "members": n,
            "meanPredicted": float(p[rows].mean()) if n else None,
            "observedRate": float(y[rows].mean()) if n else None,
        })
    return table


def top_decile_lift(y: np.ndarray, p: np.ndarray) -> float:
    """The churn rate of the tenth with the highest probabilities over the churn rate of all."""
    k = max(int(np.ceil(len(p) / 10)), 1)
    top = np.argsort(-p, kind="stable")[:k]
    return float(y[top].mean() / y.mean()) if y.mean() > 0 else float("nan")


def evaluate(y: np.ndarray, p: np.ndarray) -> dict:
    y = np.asarray(y, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    both = 0 < y.sum() < len(y)
    return {
        "members": int(len(y)),
        "churnRate": float(y.mean()),
        "meanPredicted": float(p.mean()),
        "rocAuc": float(roc_auc_score(y, p)) if both else None,
        "prAuc": float(average_precision_score(y, p)) if both else None,
        "brier": float(brier_score_loss(y, p)),
        "topDecileLift": top_decile_lift(y, p),
        "calibration": calibration_table(y, p),
    }
