"""`npm run ml:train` and `npm run ml:evaluate`: train a tenant's churn and lifetime-value models from the marts, or
evaluate a model version on the tenant's latest labelled snapshot."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from . import churn, churn_artifacts, ltv, metrics
from .warehouse import connect, read_features, read_purchase_days, read_repeat_purchases, resolve_tenant

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "ml" / "artifacts"


def models_dir(tenant_id: str) -> Path:
    """Where a tenant's own models go: ML_MODELS_DIR (default MONET_HOME/models) / tenants / <tenant id>."""
    base = os.environ.get("ML_MODELS_DIR") or str(Path(os.environ.get("MONET_HOME", REPO / ".monet")) / "models")
    return Path(base if os.path.isabs(base) else REPO / base) / "tenants" / tenant_id


def _load(client, tenant_id: str, horizon_days: int):
    rows = read_features(client, tenant_id, churn.FEATURE_NAMES)
    if len(rows.member_ids) == 0:
        raise churn.NotEnoughHistory(f"tenant {tenant_id} has no rows in marts.member_features (are the marts built?)")
    purchase_members, purchase_days = read_purchase_days(client, tenant_id)
    y = churn.labels(rows.member_ids, rows.as_of_dates, purchase_members, purchase_days, horizon_days)
    return rows, purchase_days, y


def fit_clv(client, tenant_id: str, out_dir: Path, version: str, tenant: dict) -> tuple[Path, dict]:
    summary = read_repeat_purchases(client, tenant_id)
    bought = summary.has_purchase
    if bought.sum() < 100 or (summary.x[bought] > 0).sum() < 50:
        raise churn.NotEnoughHistory(
            f"not enough history for a lifetime-value model: {int(bought.sum())} members with a purchase (need 100), "
            f"{int((summary.x[bought] > 0).sum())} with a repeat purchase (need 50)"
        )
    bg, bg_fit = ltv.fit_bgnbd(summary.x[bought], summary.t_x[bought], summary.T[bought])
    gg, gg_fit = ltv.fit_gamma_gamma(summary.x[bought], summary.mean_value[bought])
    card = {
        "model": "clv",
        "version": version,
        "tenant": tenant,
        "asOfDate": str(summary.as_of_date),
        "source": "marts.member_repeat_purchases",
        "timeUnit": "day",
        "bgnbd": bg_fit.to_json(),
        "gammaGamma": gg_fit.to_json(),
        "libraries": churn_artifacts.library_versions(),
    }
    target = out_dir / "clv" / version
    target.mkdir(parents=True, exist_ok=True)
    (target / "params.json").write_text(json.dumps(card, indent=2) + "\n")
    return target, card


def train_command(args) -> int:
    client = connect(args.clickhouse_url)
    tenant_id = resolve_tenant(client, args.tenant)
    tenant = {"id": tenant_id, "ref": args.tenant}
    out_dir = SHIPPED if args.ship else Path(args.out) if args.out else models_dir(tenant_id)
    version = churn_artifacts.new_version()
    started = time.perf_counter()
    rows, purchase_days, y = _load(client, tenant_id, args.horizon_days)
    split = churn.time_split(rows.as_of_dates, args.horizon_days)
    churn.check_minimum(split, y, purchase_days, args.horizon_days)
    trained = churn.train(rows.member_ids, rows.matrix, y, split)
    # The exported graph must score as scikit-learn does.
    import onnxruntime as ort

    session = ort.InferenceSession(churn.to_onnx(trained).SerializeToString(), providers=["CPUExecutionProvider"])
    Xv = rows.matrix[split.validate].astype(np.float32)
    onnx_p = session.run([churn.OUTPUT_NAME], {churn.INPUT_NAME: Xv})[0]
    difference = float(np.max(np.abs(onnx_p - churn.predict(trained, Xv))))
    if difference > churn.ONNX_TOLERANCE:
        raise SystemExit(f"the ONNX graph disagrees with scikit-learn by {difference}")
    used = split.train | split.validate
    sha = churn_artifacts.data_hash(rows.member_ids[used], rows.as_of_dates[used], rows.matrix[used], y[used])
    churn_dir = churn_artifacts.write_artifacts(out_dir, trained, version=version, tenant=tenant, horizon_days=args.horizon_days,
                                      data_sha=sha, onnx_check=difference)
    clv_dir, clv_card = fit_clv(client, tenant_id, out_dir, version, tenant)
    m = trained.metrics
    print(f"churn model {version} → {churn_dir.relative_to(REPO) if churn_dir.is_relative_to(REPO) else churn_dir}")
    print(f"  rows: {trained.rows}; validation as of {split.validation_date}, churn rate {m['chosen']['churnRate']:.3f}")
    for name in ("baseline", "trees", "chosen"):
        s = m[name]
        print(f"  {name:9} ROC AUC {s['rocAuc']:.4f}  PR AUC {s['prAuc']:.4f}  Brier {s['brier']:.4f}  "
              f"top-decile lift {s['topDecileLift']:.2f}")
    print(f"  calibration: {trained.calibration.method}; ONNX agrees within {difference:.1e}")
    print(f"clv model {version} → {clv_dir.relative_to(REPO) if clv_dir.is_relative_to(REPO) else clv_dir}")
    print(f"  BG/NBD {clv_card['bgnbd']['params']} LL {clv_card['bgnbd']['logLikelihood']:.1f}")
    print(f"  Gamma-Gamma {clv_card['gammaGamma']['params']} LL {clv_card['gammaGamma']['logLikelihood']:.1f}")
    print(f"trained in {time.perf_counter() - started:.1f} s")
    return 0


def latest(kind_dir: Path, version: str | None) -> Path:
    if version:
        return kind_dir / version
    versions = sorted(p for p in kind_dir.iterdir() if p.is_dir()) if kind_dir.exists() else []
    if not versions:
        raise SystemExit(f"no model in {kind_dir}")
    return versions[-1]


def evaluate_command(args) -> int:
    import onnxruntime as ort

    client = connect(args.clickhouse_url)
    tenant_id = resolve_tenant(client, args.tenant)
    base = SHIPPED if args.shipped else models_dir(tenant_id)
    model_dir = latest(base / "churn", args.version)
    spec = json.loads((model_dir / "feature-spec.json").read_text())
    names = [f["name"] for f in spec["features"]]
    horizon = spec["horizonDays"]
    rows, _, y = _load(client, tenant_id, horizon)
    dates = np.unique(rows.as_of_dates)
    labelled = dates[dates + np.timedelta64(horizon, "D") <= rows.as_of_dates.max()]
    if len(labelled) == 0:
        raise churn.NotEnoughHistory(f"no snapshot {horizon} days older than the as-of date")
    on = np.datetime64(args.as_of) if args.as_of else labelled.max()
    pick = rows.as_of_dates == on
    X = rows.matrix[pick][:, [churn.FEATURE_NAMES.index(n) for n in names]].astype(np.float32)
    session = ort.InferenceSession(str(model_dir / "model.onnx"), providers=["CPUExecutionProvider"])
    p = session.run([spec["output"]["name"]], {spec["input"]["name"]: X})[0]
    result = {"model": str(model_dir), "tenant": tenant_id, "asOfDate": str(on), **metrics.evaluate(y[pick], p)}
    print(json.dumps(result, indent=2))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="monet-ml")
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--tenant", default="demo-coffee-co", help="tenant id or slug (default: the demo)")
    common.add_argument("--clickhouse-url", help="ClickHouse HTTP endpoint (default: CLICKHOUSE_URL or the gateway)")
    t = sub.add_parser("train", parents=[common], help="train churn and lifetime-value models from the marts")
    t.add_argument("--horizon-days", type=int, default=90, help="churn label horizon (default 90)")
    t.add_argument("--out", help="artifacts directory (default: ML_MODELS_DIR/tenants/<tenant id>)")
    t.add_argument("--ship", action="store_true", help="write into ml/artifacts: the default model of every tenant")
    e = sub.add_parser("evaluate", parents=[common], help="evaluate a churn model on a labelled snapshot")
    e.add_argument("--version", help="model version (default: the latest)")
    e.add_argument("--shipped", action="store_true", help="the shipped default model instead of the tenant's")
    e.add_argument("--as-of", help="snapshot date (default: the latest whose horizon is over)")
    args = parser.parse_args(argv)
    try:
        return train_command(args) if args.command == "train" else evaluate_command(args)
    except churn.NotEnoughHistory as err:
        print(err, file=sys.stderr)
        return 2
