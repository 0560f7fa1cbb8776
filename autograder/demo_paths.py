"""Regenerate the precomputed optimizer paths that chapter 3's demos show before students write the optimizers.

Chapter 3 grades six optimizer classes, so the student edition's helpers must not implement them.
Its demos run the student's own classes (``helpers.optim_demo.optimizer_path``) and, until those
are written, show paths stored in ``helpers/data/optimizer_paths.json``. This script computes that
file here, in the instructor edition, with the reference update rules of the graders' judges
(the same functions that grade the exercises), for exactly the settings the notebook's demos use.

    python -m autograder.demo_paths            # rewrite helpers/data/optimizer_paths.json
    python -m autograder.demo_paths --check    # exit 1 if the file is not what this would write

Change ``DEMOS`` together with the demo cells of ``solutions/03_gradient_descent`` (the released
student notebook fails to run if a demo asks for a path that is not stored).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from autograder.checks import gradient_descent as reference
from autograder.config import REPO_ROOT
from helpers.optim_demo import PRECOMPUTED_FILE, Surface, ill_conditioned_quadratic, saddle_surface

#: Each optimizer's reference update ``(p, g, state, hyperparameters) -> new p`` and its defaults
#: (those of the exercise's ``__init__``).
OPTIMIZERS: dict[str, tuple[Callable[..., np.ndarray], dict[str, float]]] = {
    "Momentum": (reference._ref_momentum, {"lr": 0.01, "momentum": 0.9}),
    "Nesterov": (reference._ref_nesterov, {"lr": 0.01, "momentum": 0.9}),
    "Adagrad": (reference._ref_adagrad, {"lr": 0.01, "eps": 1e-8}),
    "RMSProp": (reference._ref_rmsprop, {"lr": 0.001, "rho": 0.9, "eps": 1e-8}),
    "Adam": (reference._ref_adam, {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
    "Adadelta": (reference._ref_adadelta, {"lr": 1.0, "rho": 0.95, "eps": 1e-6}),
}

#: The steps of every demo path (section 6 and section 7 of the chapter).
STEPS = 60
#: The settings of the optimizer comparison (section 7): the notebook's ``settings`` dict, less SGD
#: (the notebook's own class). Section 6 uses the Momentum and Nesterov entries.
SETTINGS: dict[str, dict[str, float]] = {
    "Momentum": {"lr": 0.05, "momentum": 0.8},
    "Nesterov": {"lr": 0.05, "momentum": 0.8},
    "Adagrad": {"lr": 1.0},
    "RMSProp": {"lr": 0.15},
    "Adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-2},
    "Adam": {"lr": 0.3},
}
#: Extra paths the text discusses: Adadelta with its default settings.
EXTRA: list[tuple[str, dict[str, float]]] = [("Adadelta", {})]


def surfaces() -> list[Surface]:
    return [ill_conditioned_quadratic(20.0), saddle_surface()]


def reference_path(name: str, surface: Surface, steps: int, hyperparameters: dict[str, float]) -> np.ndarray:
    update, defaults = OPTIMIZERS[name]
    settings = {**defaults, **hyperparameters}
    point, state = np.array(surface.start, dtype=float), {}
    points = [point]
    for _ in range(steps):
        point = update(point, surface.gradient(point), state, settings)
        points.append(point)
    return np.array(points)


def demo_data() -> dict[str, Any]:
    """The whole file's content."""
    entries = []
    for surface in surfaces():
        for name, hyperparameters in [*SETTINGS.items(), *EXTRA]:
            settings = {**OPTIMIZERS[name][1], **hyperparameters}
            points = reference_path(name, surface, STEPS, hyperparameters)
            entries.append({"optimizer": name, "surface": surface.name, "start": list(surface.start),
                            "steps": STEPS, "hyperparameters": settings, "points": points.tolist()})
    return {
        "about": "Optimizer paths for the demos of chapter 3 (gradient descent), precomputed by the instructor "
                 "with the graders' reference update rules. The demos show them until your own optimizer "
                 "classes work; then they run yours.",
        "defaults": {name: defaults for name, (_, defaults) in OPTIMIZERS.items()},
        "paths": entries,
    }


def render(data: dict[str, Any]) -> str:
    """JSON with one path per line (floats written exactly, as ``repr`` does)."""
    head = {k: v for k, v in data.items() if k != "paths"}
    lines = json.dumps(head, indent=1)[:-2] + ',\n "paths": [\n'
    lines += ",\n".join("  " + json.dumps(entry, separators=(",", ":")) for entry in data["paths"])
    return lines + "\n ]\n}\n"


def target(root: Path = REPO_ROOT) -> Path:
    return root / "helpers" / PRECOMPUTED_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.demo_paths", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the stored file is up to date")
    args = parser.parse_args(argv)
    text, path = render(demo_data()), target()
    if args.check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is out of date: run python -m autograder.demo_paths", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {len(demo_data()['paths'])} paths to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
