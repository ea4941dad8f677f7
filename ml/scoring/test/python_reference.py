"""The Python side of the parity tests: scores rows with onnxruntime, and computes lifetime value with ltv.py.

    python python_reference.py churn MODEL_DIR ROWS.f32 WIDTH OUT.f32
    python python_reference.py clv PARAMS.json HISTORIES.json HORIZON_DAYS   (prints JSON)
"""

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))


def churn(model_dir, rows_path, width, out_path):
    import onnxruntime as ort

    spec = json.loads((Path(model_dir) / "feature-spec.json").read_text())
    X = np.fromfile(rows_path, dtype="<f4").reshape(-1, int(width))
    session = ort.InferenceSession(str(Path(model_dir) / "model.onnx"), providers=["CPUExecutionProvider"])
    p = session.run([spec["output"]["name"]], {spec["input"]["name"]: X})[0]
    p.astype("<f4").tofile(out_path)


def clv(params_path, histories_path, horizon):
    from monet_ml.ltv import (BgNbdParams, GammaGammaParams, expected_purchases, expected_spend_per_purchase,
                              probability_alive)

    card = json.loads(Path(params_path).read_text())
    bg = BgNbdParams(**card["bgnbd"]["params"])
    gg = GammaGammaParams(**card["gammaGamma"]["params"])
    h = json.loads(Path(histories_path).read_text())
    x, tx, T = (np.array([m[k] for m in h], dtype=float) for k in ("x", "tx", "T"))
    m = np.array([np.nan if v["meanValue"] is None else v["meanValue"] for v in h])
    print(json.dumps({
        "expectedPurchases": expected_purchases(bg, float(horizon), x, tx, T).tolist(),
        "probabilityAlive": probability_alive(bg, x, tx, T).tolist(),
        "expectedSpend": expected_spend_per_purchase(gg, x, np.maximum(np.nan_to_num(m), 0)).tolist(),
    }))


if __name__ == "__main__":
    {"churn": churn, "clv": clv}[sys.argv[1]](*sys.argv[2:])
