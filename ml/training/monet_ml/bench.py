"""The lifetime-value fit at a given size, for `npm run bench -- models`: simulates members from known BG/NBD and
Gamma-Gamma parameters (whole days, as the marts give them), fits both, and prints the times and the fitted
parameters as JSON. With a path, it also writes the summary data the fits were given (frequency, recency, T and
monetary value, one row per member, NaN where a member has no repeat purchase) as an .npz file, so that another fitter
can be timed on exactly the same data."""

import json
import sys
import time

import numpy as np

from .ltv import BgNbdParams, GammaGammaParams, fit_bgnbd, fit_gamma_gamma, simulate_bgnbd, simulate_gamma_gamma


def main(members: int, save: str | None = None) -> None:
    rng = np.random.default_rng(2026)
    T = rng.integers(30, 731, members).astype(float)
    x, t_x, *_ = simulate_bgnbd(BgNbdParams(r=0.8, alpha=20.0, a=0.9, b=4.0), T, rng)
    mean_value, _ = simulate_gamma_gamma(GammaGammaParams(p=6.0, q=4.0, v=15.0), x, rng)
    recency = np.floor(t_x)
    t0 = time.perf_counter()
    _, bg = fit_bgnbd(x, recency, T)
    t1 = time.perf_counter()
    _, gg = fit_gamma_gamma(x, mean_value)
    t2 = time.perf_counter()
    if save:
        np.savez(save, frequency=x, recency=recency, T=T, monetary_value=mean_value)
    print(json.dumps({
        "members": members, "bgnbd_fit_s": t1 - t0, "gamma_gamma_fit_s": t2 - t1, "clv_fit_s": t2 - t0,
        "bgnbd_distinct_rows": bg.distinct_rows, "gamma_gamma_members": gg.members,
        "converged": bg.converged and gg.converged,
        "bgnbd_params": bg.params, "gamma_gamma_params": gg.params,
        "bgnbd_log_likelihood": bg.log_likelihood, "gamma_gamma_log_likelihood": gg.log_likelihood,
    }))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000, sys.argv[2] if len(sys.argv) > 2 else None)
