"""Reference optimizers and test surfaces for the gradient-descent demos of chapter 3.

The demos (optimizer paths on a contour plot, the momentum/Nesterov comparison) must work
before a student has written the graded optimizer classes, so they use this module instead.
It is deliberately *functional* and two-dimensional-friendly: :func:`run_optimizer` takes a
gradient function and a starting point and returns the whole path, one row per step. It is
not a drop-in answer to the exercises (which ask for classes with a ``step(params, grads)``
method that updates a dictionary of arrays in place).

Update rules (``g`` the gradient, ``x`` the point, state starts at zero):

========  ==================================================================================
sgd       ``x -= lr * g``
momentum  ``v = momentum * v - lr * g``; ``x += v``
nesterov  ``v = momentum * v - lr * g``; ``x += momentum * v - lr * g``
adagrad   ``s += g**2``; ``x -= lr * g / (sqrt(s) + eps)``
rmsprop   ``s = rho * s + (1 - rho) * g**2``; ``x -= lr * g / (sqrt(s) + eps)``
adam      ``m = b1 m + (1-b1) g``; ``v = b2 v + (1-b2) g**2``; bias-corrected
          ``m / (1 - b1**t)``, ``v / (1 - b2**t)``; ``x -= lr * m_hat / (sqrt(v_hat) + eps)``
adadelta  ``s = rho s + (1-rho) g**2``; ``d = -sqrt(u + eps) / sqrt(s + eps) * g``;
          ``u = rho u + (1-rho) d**2``; ``x += lr * d``
========  ==================================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Gradient = Callable[[np.ndarray], np.ndarray]

#: The optimizers :func:`run_optimizer` knows, in the order the chapter introduces them.
OPTIMIZER_NAMES: tuple[str, ...] = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam")

#: Default hyper-parameters of each optimizer (the usual library defaults, but Adadelta's
#: ``eps``, which is raised so that it moves visibly on the small demo problems).
DEFAULT_HYPERPARAMETERS: dict[str, dict[str, float]] = {
    "sgd": {"lr": 0.01},
    "momentum": {"lr": 0.01, "momentum": 0.9},
    "nesterov": {"lr": 0.01, "momentum": 0.9},
    "adagrad": {"lr": 0.01, "eps": 1e-8},
    "rmsprop": {"lr": 0.001, "rho": 0.9, "eps": 1e-8},
    "adadelta": {"lr": 1.0, "rho": 0.95, "eps": 1e-6},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}


def _update(name: str, x: np.ndarray, g: np.ndarray, state: dict[str, Any], hp: Mapping[str, float]) -> np.ndarray:
    """One step of optimizer ``name`` from ``x`` with gradient ``g``; returns the new point."""
    lr = hp["lr"]
    if name == "sgd":
        return x - lr * g
    if name in ("momentum", "nesterov"):
        mu = hp["momentum"]
        velocity = mu * state.get("v", 0.0) - lr * g
        state["v"] = velocity
        return x + velocity if name == "momentum" else x + mu * velocity - lr * g
    if name == "adagrad":
        state["s"] = state.get("s", 0.0) + g * g
        return x - lr * g / (np.sqrt(state["s"]) + hp["eps"])
    if name == "rmsprop":
        rho = hp["rho"]
        state["s"] = rho * state.get("s", 0.0) + (1.0 - rho) * g * g
        return x - lr * g / (np.sqrt(state["s"]) + hp["eps"])
    if name == "adam":
        b1, b2 = hp["beta1"], hp["beta2"]
        t = state.get("t", 0) + 1
        m = b1 * state.get("m", 0.0) + (1.0 - b1) * g
        v = b2 * state.get("v", 0.0) + (1.0 - b2) * g * g
        state.update(t=t, m=m, v=v)
        m_hat, v_hat = m / (1.0 - b1**t), v / (1.0 - b2**t)
        return x - lr * m_hat / (np.sqrt(v_hat) + hp["eps"])
    if name == "adadelta":
        rho, eps = hp["rho"], hp["eps"]
        s = rho * state.get("s", 0.0) + (1.0 - rho) * g * g
        delta = -np.sqrt(state.get("u", 0.0) + eps) / np.sqrt(s + eps) * g
        state["s"] = s
        state["u"] = rho * state.get("u", 0.0) + (1.0 - rho) * delta * delta
        return x + lr * delta
    raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZER_NAMES)}")


def run_optimizer(name: str, gradient: Gradient, start: Any, steps: int, **hyperparameters: float) -> np.ndarray:
    """Follow optimizer ``name`` for ``steps`` steps from ``start``.

    Returns the path as an array of shape ``(steps + 1, *start.shape)``: row 0 is ``start``.
    Hyper-parameters not given take :data:`DEFAULT_HYPERPARAMETERS`; unknown ones are an error.
    """
    if name not in DEFAULT_HYPERPARAMETERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZER_NAMES)}")
    unknown = set(hyperparameters) - set(DEFAULT_HYPERPARAMETERS[name])
    if unknown:
        raise ValueError(f"{name} has no hyper-parameter(s) {sorted(unknown)}; it takes "
                         f"{sorted(DEFAULT_HYPERPARAMETERS[name])}")
    if steps < 0:
        raise ValueError(f"steps must be non-negative, got {steps}")
    hp = {**DEFAULT_HYPERPARAMETERS[name], **hyperparameters}
    x = np.array(start, dtype=float)
    path = [x.copy()]
    state: dict[str, Any] = {}
    for _ in range(steps):
        x = _update(name, x, np.asarray(gradient(x), dtype=float), state, hp)
        path.append(x.copy())
    return np.array(path)


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
