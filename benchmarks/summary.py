"""The one-line JSON summary that both MNIST benchmarks print last (tests read it)."""

from __future__ import annotations

import json


def print_summary(device: str, seed_best: float, helper_best: float, peak: float, achieved: float,
                  acc_seed: float, acc_helpers: float) -> dict[str, object]:
    """Print and return the summary: best-epoch seconds per 10k samples of the seed's pipeline (a)
    and the helpers' (b), their ratio, the matmul peak, (b)'s fraction of it, and both accuracies."""
    result = {
        "device": device,
        "seconds_per_10k_seed": round(seed_best, 4),
        "seconds_per_10k_helpers": round(helper_best, 4),
        "speedup": round(seed_best / helper_best, 2),
        "peak_gflops": round(peak, 1),
        "peak_fraction": round(achieved / peak, 3),
        "acc_seed": round(acc_seed, 4),
        "acc_helpers": round(acc_helpers, 4),
    }
    print(json.dumps(result), flush=True)
    return result
