"""Activation functions and their derivatives, with a dropdown and a point to move along the curve.

The perceptron's step has derivative 0 wherever it has one, so gradient descent learns nothing
through it; smooth activations (sigmoid, tanh) and the piecewise-linear ReLU family pass a useful
gradient. The demo draws f with its tangent at a chosen x, beside f'.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.widgets.controls import control_panel

Curve = Callable[[np.ndarray], np.ndarray]


def _logistic(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return np.exp(-np.logaddexp(0.0, -v))


def _logistic_slope(v: np.ndarray) -> np.ndarray:
    p = _logistic(v)
    return p - p * p


#: name -> (f, f', what to notice). The step's derivative is drawn as 0 (it is undefined at 0).
ACTIVATIONS: dict[str, tuple[Curve, Curve, str]] = {
    "step (perceptron)": (lambda v: np.where(np.asarray(v) < 0, -1.0, 1.0),
                          lambda v: np.zeros(np.shape(v)),
                          "flat everywhere: no gradient to learn from (undefined at 0)"),
    "sigmoid": (_logistic, _logistic_slope, "outputs in (0, 1); slope at most 1/4, tiny for |x| > 5"),
    "tanh": (lambda v: np.tanh(np.asarray(v, dtype=float)),
             lambda v: 1.0 / np.cosh(np.asarray(v, dtype=float)) ** 2,
             "outputs in (-1, 1), zero-centred; slope at most 1"),
    "ReLU": (lambda v: np.clip(np.asarray(v, dtype=float), 0.0, None),
             lambda v: np.heaviside(np.asarray(v, dtype=float), 0.0),
             "slope exactly 1 for x > 0, exactly 0 for x < 0 (a 'dead' unit gets no gradient)"),
    "leaky ReLU (0.1)": (lambda v: np.where(np.asarray(v) > 0, v, 0.1 * np.asarray(v, dtype=float)),
                         lambda v: np.where(np.asarray(v) > 0, 1.0, 0.1),
                         "like ReLU, but a small slope 0.1 for x < 0 keeps units alive"),
}


def draw_activation(name: str, x0: float, *, span: float = 6.0) -> Figure:
    """f with its tangent at x0 (left) and f' with the point (x0, f'(x0)) (right)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {list(ACTIVATIONS)}")
    f, df, note = ACTIVATIONS[name]
    xs = np.linspace(-span, span, 601)
    y0, slope = float(f(np.array(x0))), float(df(np.array(x0)))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    left.plot(xs, f(xs), color="tab:blue", label=f"{name}")
    near = np.linspace(x0 - 1.5, x0 + 1.5, 20)
    left.plot(near, y0 + slope * (near - x0), "--", color="tab:orange", label=f"tangent, slope {slope:.3f}")
    left.plot([x0], [y0], "o", color="tab:orange")
    left.set_xlabel("x")
    left.set_ylabel("f(x)")
    left.set_title(f"{name}: f(x)")
    left.legend(fontsize=8, loc="upper left")
    right.plot(xs, df(xs), color="tab:green", label=f"derivative of {name}")
    right.plot([x0], [slope], "o", color="tab:orange", label=f"f'({x0:.2f}) = {slope:.3f}")
    right.set_xlabel("x")
    right.set_ylabel("f'(x)")
    right.set_title(f"its derivative: {note}", fontsize=10)
    right.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def activation_explorer(name: str = "sigmoid", x0: float = 0.0) -> widgets.VBox:
    """A dropdown of activation functions and a slider for the point x0."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {list(ACTIVATIONS)}")
    choice = widgets.Dropdown(options=list(ACTIVATIONS), value=name, description="f")
    point = widgets.FloatSlider(value=x0, min=-5.0, max=5.0, step=0.1, description="x0")

    def update(values: dict[str, object]) -> tuple[str, Figure]:
        chosen, where = str(values["f"]), float(values["x0"])  # type: ignore[arg-type]
        f, df, _ = ACTIVATIONS[chosen]
        text = (f"{chosen}: f({where:.2f}) = {float(f(np.array(where))):.4f}, "
                f"f'({where:.2f}) = <b>{float(df(np.array(where))):.4f}</b>")
        return text, draw_activation(chosen, where)

    box = control_panel({"f": choice, "x0": point}, update)
    box.choice = choice  # type: ignore[attr-defined]
    box.point = point  # type: ignore[attr-defined]
    return box
