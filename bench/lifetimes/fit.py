"""The lifetimes reference of `npm run bench -- models`: fits lifetimes' BetaGeoFitter and GammaGammaFitter on the
summary data Monet's own fit was given (an .npz written by `python -m monet_ml.bench <members> <path>`), times each,
and prints one JSON object: the times, lifetimes' parameters, and the log-likelihood of both fits' parameters by
lifetimes' own likelihood functions on the same data (so a difference in parameters can be told apart from a
difference in the optimum). Runs in a virtualenv of its own (bench/lifetimes/requirements.txt), never Monet's.

Usage: fit.py <data.npz> '<Monet's parameters as JSON: {"bgnbd": {...}, "gamma_gamma": {...}}>'

A fit that does not converge is a measured outcome, not a crash: it is reported with lifetimes' message and the
optimizer's own report (lifetimes prints it before raising), and the other fit still runs.
"""

import contextlib
import io
import json
import sys
import time

import numpy as np


def log_likelihood(nll, log_params, *data) -> float:
    """Total log-likelihood from one of lifetimes' objectives (a mean negative log-likelihood, no penalizer)."""
    weights = data[-1]
    return float(-nll(np.log(np.asarray(log_params, dtype=float)), *data, 0.0) * weights.sum())


def timed_fit(fit):
    """Runs a fit; answers (seconds, fitter or None, error message or None, what lifetimes printed)."""
    printed = io.StringIO()
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(printed):
            fitter = fit()
        return time.perf_counter() - started, fitter, None, printed.getvalue().strip()
    except Exception as err:  # ConvergenceError, or whatever numpy and autograd raise on the way
        message = f"{type(err).__name__}: {' '.join(str(err).split())}"
        return time.perf_counter() - started, None, message, printed.getvalue().strip()


def main(data_path: str, monet: dict) -> None:
    import lifetimes
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    data = np.load(data_path)
    frequency, recency, T, monetary = (data[k] for k in ("frequency", "recency", "T", "monetary_value"))
    out: dict = {"lifetimes_version": lifetimes.__version__, "numpy_version": np.__version__}

    # BG/NBD on every member, as Monet's fit_bgnbd gets them.
    seconds, bg, error, printed = timed_fit(lambda: BetaGeoFitter().fit(frequency, recency, T))
    out["bgnbd_fit_s"] = seconds
    out["bgnbd_converged"] = bg is not None
    ones = np.ones_like(frequency)
    bg_nll = BetaGeoFitter._negative_log_likelihood
    if bg is not None:
        params = {k: float(v) for k, v in bg.params_.items()}
        out["bgnbd_params"] = params
        out["bgnbd_log_likelihood"] = log_likelihood(bg_nll, [params[k] for k in "r alpha a b".split()],
                                                     frequency, recency, T, ones)
    else:
        out["bgnbd_error"] = error
        out["bgnbd_optimizer_report"] = printed
    if monet.get("bgnbd"):
        p = monet["bgnbd"]
        out["bgnbd_monet_log_likelihood"] = log_likelihood(bg_nll, [p["r"], p["alpha"], p["a"], p["b"]],
                                                           frequency, recency, T, ones)

    # Gamma-Gamma on the members Monet's fit_gamma_gamma keeps: a repeat purchase and a positive mean value.
    keep = (frequency > 0) & np.isfinite(monetary) & (monetary > 0)
    x, m = frequency[keep], monetary[keep]
    seconds, gg, error, printed = timed_fit(lambda: GammaGammaFitter().fit(x, m))
    out["gamma_gamma_fit_s"] = seconds
    out["gamma_gamma_converged"] = gg is not None
    out["gamma_gamma_members"] = int(keep.sum())
    gg_nll = GammaGammaFitter._negative_log_likelihood
    ones = np.ones_like(x)
    if gg is not None:
        params = {k: float(v) for k, v in gg.params_.items()}
        out["gamma_gamma_params"] = params
        out["gamma_gamma_log_likelihood"] = log_likelihood(gg_nll, [params[k] for k in "p q v".split()], x, m, ones)
    else:
        out["gamma_gamma_error"] = error
        out["gamma_gamma_optimizer_report"] = printed
    if monet.get("gamma_gamma"):
        p = monet["gamma_gamma"]
        out["gamma_gamma_monet_log_likelihood"] = log_likelihood(gg_nll, [p["p"], p["q"], p["v"]], x, m, ones)

    out["clv_fit_s"] = out["bgnbd_fit_s"] + out["gamma_gamma_fit_s"]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
