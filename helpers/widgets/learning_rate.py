"""Gradient descent on f(x) = x² with a learning-rate slider: converging, crawling, stalling, diverging.

On f(x) = x² the gradient is 2x, so one step maps x to (1 − 2η)·x. The learning rate η decides
everything: for small η the factor is just below 1 and x crawls towards 0; for 0 < η < 1 it
shrinks (zig-zagging across the minimum when η > ½); for η > 1 it grows without bound. The verdict
shown is what the loss did in the steps drawn: *converges* when it fell to 1 % of its start or
less (η = 0.1: from 16 to 0.002 in 20 steps), *crawls* when it fell by less (η = 0.01: from 16 to
7), *stalls* when it did not fall at all (η = 1: x flips between 4 and −4, the loss stays 16),
*diverges* when it grew.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.widgets.controls import control_panel

#: Verdicts of :func:`classify_run`.
VERDICTS = ("converges", "crawls", "stalls", "diverges")


def parabola_descent(lr: float, *, start: float = 4.0, steps: int = 20) -> np.ndarray:
    """Points x_0 … x_steps of gradient descent on f(x) = x² from ``start`` with rate ``lr``."""
    if steps < 0:
        raise ValueError(f"steps must be non-negative, got {steps}")
    path = [float(start)]
    for _ in range(steps):
        x = path[-1]
        path.append(x - lr * 2.0 * x)
    return np.array(path)


def classify_run(path: np.ndarray, *, tolerance: float = 1e-2) -> str:
    """What the loss f(x) = x² did along ``path``.

    ``"diverges"`` if it grew, ``"converges"`` if it fell to at most ``tolerance`` (1 %) of where it
    started, ``"stalls"`` if it stayed where it started (η = 1 flips x between ±x₀ forever), else
    ``"crawls"`` (it fell, but by less than that in the steps shown).
    """
    first, last = abs(float(path[0])), abs(float(path[-1]))
    if not np.isfinite(last) or last > first * (1 + 1e-12):
        return "diverges"
    if last * last <= tolerance * first * first:
        return "converges"
    if last >= first * (1 - 1e-12):
        return "stalls"
    return "crawls"


def describe_run(lr: float, path: np.ndarray) -> str:
    """One line for the widget: the factor (1 − 2η), what the loss did, and the verdict."""
    verdict = classify_run(path)
    factor = 1.0 - 2.0 * lr
    start, end = float(path[0]), float(path[-1])
    motion = ""
    if factor < 0:
        motion = ("x flips sign every step and |x| never shrinks; " if abs(factor + 1.0) < 1e-12
                  else "x flips sign every step (zig-zag); ")
    return (f"η = {lr:.3g}: each step multiplies x by 1 − 2η = {factor:+.3f}; {motion}in {len(path) - 1} steps "
            f"the loss went from {start * start:.3g} to {end * end:.3g} → <b>{verdict}</b>")


def draw_learning_rate(
    lr: float, *, start: float = 4.0, steps: int = 20, fig: Figure | None = None
) -> tuple[Figure, str]:
    """Draw the descent on the parabola and the loss per step; return the figure and its verdict."""
    path = parabola_descent(lr, start=start, steps=steps)
    verdict = classify_run(path)
    if fig is None:
        fig = plt.figure(figsize=(11, 4))
    fig.clear()
    left, right = fig.subplots(1, 2)
    span = max(abs(start) * 1.3, 1.0)
    shown = np.clip(path, -span, span)
    xs = np.linspace(-span, span, 300)
    left.plot(xs, xs**2, color="0.4", label="f(x) = x²")
    left.plot(shown, shown**2, "-o", color="tab:red", ms=4, lw=1, label=f"steps, η = {lr:.3g}")
    left.plot(shown[0], shown[0] ** 2, "o", ms=10, mfc="none", mec="black", label="start")
    left.set_ylim(-0.05 * span**2, span**2 * 1.05)
    left.set_xlabel("x")
    left.set_ylabel("f(x)")
    left.set_title(f"Gradient descent with η = {lr:.3g}: it {verdict}")
    left.legend(fontsize=8, loc="upper center")
    losses = np.maximum(path**2, 1e-300)
    right.semilogy(np.arange(len(path)), losses, "-o", ms=3, color="tab:red", label="f(x_k)")
    right.axhline(start**2, color="0.6", ls="--", lw=1, label="starting loss")
    right.set_xlabel("step k")
    right.set_ylabel("loss f(x_k) (log scale)")
    right.set_title("Loss per step")
    right.legend(fontsize=8)
    fig.tight_layout()
    return fig, verdict


def learning_rate_explorer(lr: float = 0.1, *, start: float = 4.0, steps: int = 20) -> widgets.VBox:
    """A logarithmic learning-rate slider that redraws :func:`draw_learning_rate`."""
    if lr <= 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0.2, step=0.05,
                                    description="η", readout_format=".3f")

    def update(values: dict[str, float]) -> tuple[str, plt.Figure]:
        path = parabola_descent(values["lr"], start=start, steps=steps)
        fig, _ = draw_learning_rate(values["lr"], start=start, steps=steps)
        return describe_run(values["lr"], path), fig

    box = control_panel({"lr": slider}, update)
    box.slider = slider  # type: ignore[attr-defined]  # the one control, for notebooks and tests
    return box
