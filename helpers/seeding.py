"""One call that makes a notebook's random numbers repeatable.

Seeding is global state by nature (Python's and each framework's default generators), so this
module keeps it in one place: notebooks call :func:`seed_everything` once per experiment and
otherwise pass the returned :class:`numpy.random.Generator` around explicitly.
"""

from __future__ import annotations

import os
import random
import sys

import numpy as np


def seed_everything(seed: int, *, deterministic_torch: bool = False) -> np.random.Generator:
    """Seed Python, NumPy and, if already imported, PyTorch and TensorFlow.

    Frameworks that are not imported yet are left alone, so calling this never triggers a
    heavy import. Returns a fresh NumPy ``Generator`` seeded with ``seed`` for code that
    prefers explicit generators (the course's own code does).

    ``deterministic_torch=True`` also asks PyTorch for deterministic kernels (slower on GPU).
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    os.environ["PYTHONHASHSEED"] = str(seed)  # inherited by worker processes started later
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)
        if deterministic_torch:
            torch.use_deterministic_algorithms(True, warn_only=True)
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        tf.random.set_seed(seed)
    return np.random.default_rng(seed)
