"""A churn model version's files: the ONNX model, its feature spec and its model card, with the hash of the data it
learnt from and the libraries that trained it."""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .churn import FEATURES, INPUT_NAME, OUTPUT_NAME, SPEC_VERSION, TrainedChurn, to_onnx


def data_hash(member_ids, as_of_dates, matrix, y) -> str:
    digest = hashlib.sha256()
    order = np.lexsort((member_ids.astype(str), as_of_dates.astype("datetime64[D]").astype(np.int64)))
    digest.update("\n".join(member_ids[order].astype(str)).encode())
    digest.update(as_of_dates[order].astype("datetime64[D]").astype(np.int64).tobytes())
    digest.update(np.ascontiguousarray(matrix[order], dtype=np.float64).tobytes())
    digest.update(np.asarray(y[order], dtype=np.int64).tobytes())
    return f"sha256:{digest.hexdigest()}"


def library_versions() -> dict:
    import onnx
    import onnxruntime
    import scipy
    import skl2onnx
    import sklearn

    return {
        "python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__, "skl2onnx": skl2onnx.__version__, "onnx": onnx.__version__,
        "onnxruntime": onnxruntime.__version__,
    }


def new_version(now: datetime | None = None) -> str:
    """Versions sort by time: `YYYYMMDDTHHMMSSZ`."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def feature_spec(version: str, horizon_days: int) -> dict:
    return {
        "specVersion": SPEC_VERSION,
        "model": "churn",
        "version": version,
        "source": "marts.member_features",
        "input": {"name": INPUT_NAME, "type": "float32", "shape": [None, len(FEATURES)]},
        "output": {"name": OUTPUT_NAME, "type": "float32", "shape": [None],
                   "meaning": f"P(no purchase in the {horizon_days} days after as_of_date)"},
        "horizonDays": horizon_days,
        "features": [
            {**f, "index": i, "missing": "nan" if f["nullable"] else "refuse"} for i, f in enumerate(FEATURES)
        ],
        "nonFinite": "refuse",
        "missingValues": "NULL in a nullable feature is passed as NaN (the trees learned where it goes); a NULL in "
                         "any other feature, or a NaN or infinite value in any feature, refuses the row: it is not "
                         "scored and the run counts it as refused.",
    }


def write_artifacts(out_dir: Path, trained: TrainedChurn, *, version: str, tenant: dict, horizon_days: int,
                    data_sha: str, onnx_check: float) -> Path:
    target = out_dir / "churn" / version
    target.mkdir(parents=True, exist_ok=True)
    model = to_onnx(trained)
    (target / "model.onnx").write_bytes(model.SerializeToString())
    spec = feature_spec(version, horizon_days)
    (target / "feature-spec.json").write_text(json.dumps(spec, indent=2) + "\n")
    split = trained.split
    card = {
        "model": "churn",
        "version": version,
        "tenant": tenant,
        "trainedAt": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "trainingSeconds": round(trained.seconds, 2),
        "data": {
            "hash": data_sha,
            "source": "marts.member_features (features), marts.member_activity (labels)",
            "martAsOfDate": str(split.mart_as_of),
            "trainAsOfDates": split.train_dates,
            "calibration": "out-of-fold predictions on the training rows, 5 folds grouped by member",
            "validationAsOfDate": str(split.validation_date),
            "rows": trained.rows,
        },
        "label": f"1 when the member made no purchase in the {horizon_days} days after the as-of date",
        "horizonDays": horizon_days,
        "algorithm": "scikit-learn HistGradientBoostingClassifier"
                     + ("" if trained.calibration.method == "none" else f" + {trained.calibration.method} calibration"),
        "hyperparameters": {k: v for k, v in trained.trees.get_params().items() if k in (
            "max_iter", "learning_rate", "max_depth", "min_samples_leaf", "l2_regularization")},
        "calibration": trained.calibration.to_json(),
        "metrics": trained.metrics,
        "onnxMaxAbsDifference": onnx_check,
        "libraries": library_versions(),
    }
    (target / "model-card.json").write_text(json.dumps(card, indent=2) + "\n")
    return target
