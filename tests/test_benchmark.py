"""The MNIST benchmark script runs end to end in its --quick mode and ends with its JSON line.

No timing thresholds here (CI machines vary); the targets are checked by running the full
benchmark by hand (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "mnist_mlp.py"
KEYS = {
    "device", "seconds_per_10k_seed", "seconds_per_10k_helpers", "speedup",
    "peak_gflops", "peak_fraction", "acc_seed", "acc_helpers",
}


def mnist_or_skip() -> None:
    import helpers
    from helpers.datasets import DataError

    try:
        helpers.load_mnist("test", download=False)
    except DataError as error:
        pytest.skip(f"no offline copy of the MNIST test split here: {str(error).splitlines()[0]}")


@pytest.mark.slow
def test_quick_benchmark_prints_the_json_summary_last():
    pytest.importorskip("torch")
    pytest.importorskip("PIL")
    mnist_or_skip()
    env = {**os.environ, "COURSE_DEVICE": "cpu"}
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--threads", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert set(result) == KEYS
    assert result["device"] == "cpu"
    for key in KEYS - {"device"}:
        assert isinstance(result[key], (int, float)) and math.isfinite(result[key]), key
        assert result[key] > 0, key
    assert 0 < result["peak_fraction"] < 2
    assert 0.3 < result["acc_seed"] <= 1 and 0.3 < result["acc_helpers"] <= 1
    assert math.isclose(result["speedup"],
                        result["seconds_per_10k_seed"] / result["seconds_per_10k_helpers"], rel_tol=0.02)
    assert "1 intra-op threads" in run.stdout
    assert "make_optimizer(Adam) -> fused Adam" in run.stdout  # (b) uses helpers' optimizer factory
    assert "with the seed's plain Adam instead (b')" in run.stdout  # and the ablation is printed
