"""Test surfaces and optimizer paths for the gradient-descent demos of chapter 3.

This module holds **no optimizer**: chapter 3 grades the optimizers, so their update rules are
the students' to write. A demo gets the path of an optimizer across a surface in one of two ways:

- :func:`trace_path` drives any object with the chapter's optimizer interface,
  ``step(params, grads)`` (the notebook's own ``SGD``, or a student's class), along a gradient;
- :func:`optimizer_path` does that for a student's optimizer class, and when the class is not
  written yet (its methods raise ``NotImplementedError``) or fails, returns a **precomputed**
  path instead and says so. The precomputed paths (``helpers/data/optimizer_paths.json``) were
  computed by the instructor's tools from the graders' reference update rules, for exactly the
  settings the chapter's demos use; other settings need the student's own class.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

Gradient = Callable[[np.ndarray], np.ndarray]

#: The file with the precomputed paths, inside the ``helpers`` package.
PRECOMPUTED_FILE = "data/optimizer_paths.json"

# --- test surfaces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    """A function of two variables with its gradient, a starting point and a view window."""

    name: str
    value: Callable[[np.ndarray, np.ndarray], np.ndarray]  # f(x, y), element-wise on arrays
    gradient: Gradient  # point (2,) -> gradient (2,)
    start: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = field(default=())
    formula: str = ""

    def __call__(self, point: np.ndarray) -> float:
        p = np.asarray(point, dtype=float)
        return float(self.value(p[0], p[1]))

    def gap(self, point: np.ndarray) -> float:
        """How far ``f(point)`` is above the lowest of the surface's minima (``f(point)`` without minima)."""
        lowest = min((self(np.array(m)) for m in self.minima), default=0.0)
        return self(point) - lowest


def ill_conditioned_quadratic(condition: float = 20.0) -> Surface:
    """f(x, y) = (x² + condition·y²) / 2: a long narrow valley (Hessian eigenvalues 1 and condition)."""
    if condition <= 0:
        raise ValueError(f"condition must be positive, got {condition}")
    return Surface(
        name=f"ill-conditioned quadratic (condition number {condition:g})",
        value=lambda x, y: 0.5 * (x * x + condition * y * y),
        gradient=lambda p: np.array([p[0], condition * p[1]], dtype=float),
        start=(-4.5, 1.0),
        xlim=(-5.0, 5.0),
        ylim=(-1.6, 1.6),
        minima=((0.0, 0.0),),
        formula=f"f(x, y) = (x² + {condition:g}·y²) / 2",
    )


def saddle_surface() -> Surface:
    """f(x, y) = x²/2 + y⁴/4 − y²/2: a saddle point at the origin, minima at (0, ±1)."""
    return Surface(
        name="a saddle point between two minima",
        value=lambda x, y: 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y,
        gradient=lambda p: np.array([p[0], p[1] ** 3 - p[1]], dtype=float),
        start=(-2.0, 0.01),
        xlim=(-2.5, 2.5),
        ylim=(-1.6, 1.6),
        minima=((0.0, 1.0), (0.0, -1.0)),
        formula="f(x, y) = x²/2 + y⁴/4 − y²/2",
    )


# --- paths ----------------------------------------------------------------------------------------


def trace_path(optimizer: Any, gradient: Gradient, start: Any, steps: int) -> np.ndarray:
    """The points an optimizer object visits from ``start`` in ``steps`` steps along ``gradient``.

    ``optimizer`` is anything with the chapter's interface: ``optimizer.step(params, grads)``
    updates the arrays of the dictionary ``params`` from the gradients in ``grads``. The point is
    handed over as ``params = {"point": array}``; after each step the (possibly new) array under
    that name is read back. Returns an array of shape ``(steps + 1, *start.shape)`` whose row 0
    is ``start``; ``start`` itself is not changed.
    """
    if steps < 0:
        raise ValueError(f"steps must be non-negative, got {steps}")
    first = np.array(start, dtype=float)
    params = {"point": first.copy()}
    visited = [first]
    for _ in range(steps):
        here = params["point"]
        optimizer.step(params, {"point": np.asarray(gradient(np.array(here, dtype=float)), dtype=float)})
        visited.append(np.array(params["point"], dtype=float).reshape(first.shape))
    return np.stack(visited)


@cache
def _precomputed() -> dict[str, Any]:
    with resources.files("helpers").joinpath(PRECOMPUTED_FILE).open(encoding="utf-8") as file:
        return json.load(file)


def _same_settings(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    return set(a) == set(b) and all(math.isclose(float(a[k]), float(b[k]), rel_tol=1e-12, abs_tol=0.0) for k in a)


def precomputed_path(name: str, surface: Surface, steps: int, *, start: Any = None,
                     **hyperparameters: float) -> np.ndarray:
    """The stored path of optimizer ``name`` (a class name of chapter 3) for exactly these settings.

    Hyper-parameters not given take the exercise's defaults. Raises ``ValueError`` naming the
    stored settings when there is no path for these (write the class to try others).
    """
    data = _precomputed()
    defaults = data["defaults"].get(name)
    if defaults is None:
        raise ValueError(f"no precomputed paths for {name!r}; there are some for {', '.join(sorted(data['defaults']))}")
    unknown = set(hyperparameters) - set(defaults)
    if unknown:
        raise ValueError(f"{name} has no hyper-parameter(s) {sorted(unknown)}; it takes {sorted(defaults)}")
    settings = {**defaults, **hyperparameters}
    first = [float(v) for v in (surface.start if start is None else np.asarray(start, dtype=float).ravel())]
    stored = [entry for entry in data["paths"] if entry["optimizer"] == name]
    for entry in stored:
        if (entry["surface"] == surface.name and entry["steps"] == steps and _same_settings(entry["hyperparameters"], settings)
                and np.allclose(entry["start"], first, rtol=1e-12, atol=0.0)):
            return np.array(entry["points"], dtype=float)
    available = "; ".join(f"{e['steps']} steps on the {e['surface']} from {tuple(e['start'])} with "
                          + ", ".join(f"{k}={v:g}" for k, v in e["hyperparameters"].items()) for e in stored)
    raise ValueError(f"no precomputed path of {name} for {steps} steps on the {surface.name} from {tuple(first)} "
                     f"with {', '.join(f'{k}={v:g}' for k, v in settings.items())}. Stored: {available}. "
                     f"Write {name} (its exercise) to try other settings.")


def optimizer_path(optimizer_class: Any, name: str, surface: Surface, steps: int, *, start: Any = None,
                   **hyperparameters: float) -> tuple[np.ndarray, str]:
    """The path of ``optimizer_class(**hyperparameters)`` across ``surface``, and where it came from.

    Runs the class (a student's answer) with :func:`trace_path` from ``start`` (the surface's
    starting point by default). When the class is ``None`` or not written yet (it raises
    ``NotImplementedError``), or fails with another error, the precomputed path of ``name`` for the
    same settings is returned instead (:func:`precomputed_path`). Returns ``(path, source)``:
    ``path`` of shape ``(steps + 1, 2)``, ``source`` a few words saying which it is (``"run with
    Adam"``, ``"precomputed: Adam is not written yet"``).
    """
    first = np.array(surface.start if start is None else start, dtype=float)
    if optimizer_class is None:
        reason = f"{name} is not given"
    else:
        try:
            return trace_path(optimizer_class(**hyperparameters), surface.gradient, first, steps), f"run with {name}"
        except NotImplementedError:
            reason = f"{name} is not written yet"
        except Exception as error:  # noqa: BLE001 - a half-finished answer must not stop the demo
            reason = f"your {name} raised {type(error).__name__}: {str(error)[:80]}"
    return precomputed_path(name, surface, steps, start=first, **hyperparameters), f"precomputed: {reason}"


def sign_changes(values: Any) -> int:
    """How many times consecutive entries of ``values`` have opposite signs (zeros are skipped)."""
    signs = np.sign(np.asarray(values, dtype=float))
    signs = signs[signs != 0]
    return int(np.count_nonzero(signs[1:] != signs[:-1]))
