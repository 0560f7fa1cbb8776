"""The Keras MNIST benchmark runs end to end in its --quick mode and ends with its JSON line.

No timing thresholds here (CI machines vary); the figures are checked by running the full
benchmark by hand (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from test_benchmark import KEYS, mnist_or_skip

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "keras_mnist.py"


@pytest.mark.slow
def test_quick_keras_benchmark_prints_the_json_summary_last():
    pytest.importorskip("tensorflow")
    mnist_or_skip()
    run = subprocess.run([sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=300,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert set(result) == KEYS  # the same keys as the PyTorch benchmark's line
    assert result["device"] in ("cpu", "gpu")
    for key in KEYS - {"device"}:
        assert isinstance(result[key], (int, float)) and math.isfinite(result[key]) and result[key] > 0, key
    assert 0 < result["peak_fraction"] < 2
    assert 0.3 < result["acc_seed"] <= 1 and 0.3 < result["acc_helpers"] <= 1
    assert math.isclose(result["speedup"], result["seconds_per_10k_seed"] / result["seconds_per_10k_helpers"],
                        rel_tol=0.02)
    assert "407,050 parameters" in run.stdout
    assert "(b) helpers: make_dataset" in run.stdout and "steps_per_execution=8 (b')" in run.stdout
    assert "oneDNN" not in run.stderr  # TensorFlow's start-up chatter is kept off stderr
