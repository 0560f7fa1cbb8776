"""A step slider through a perceptron's training: the decision line after each update.

Several traces can be compared with a dropdown, for example the batch rule (one update per
epoch, from all misclassified points at once) against the online rule (one update per
misclassified point, visiting the points in a fixed order), whose states depend on that order.
:func:`online_perceptron_trace` computes the online rule's states.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from helpers.plots.perceptron import plot_decision_line, side_of_line
from helpers.widgets.controls import control_panel

State = tuple[Sequence[float], float]


def online_perceptron_trace(w: Sequence[float], b: float, points: np.ndarray, labels: np.ndarray, rho: float,
                            order: Sequence[int], *, max_passes: int = 20) -> list[tuple[np.ndarray, float]]:
    """States (w, b) of Rosenblatt's online rule: the start, then one state after every update.

    The points are visited in ``order`` again and again; a visited point that lies on the wrong
    side (the line itself counts as +1) moves the weights at once by rho·t·x (and the bias by
    rho·t). Stops after a pass without an update, or after ``max_passes`` passes.
    """
    points, labels = np.asarray(points, dtype=float), np.asarray(labels)
    weights, bias = np.array(w, dtype=float), float(b)
    states = [(weights.copy(), bias)]
    for _ in range(max_passes):
        moved = False
        for k in order:
            if side_of_line(weights, bias, points[k:k + 1])[0] != labels[k]:
                weights = weights + rho * labels[k] * points[k]
                bias = bias + rho * labels[k]
                states.append((weights.copy(), bias))
                moved = True
        if not moved:
            break
    return states


def describe_state(step: int, last: int, w: Sequence[float], b: float, wrong: Sequence[str]) -> str:
    """One line for the widget: the step, the line and which points it misclassifies."""
    misclassified = "{" + ", ".join(wrong) + "}" if wrong else "none: the line separates the classes"
    return (f"step {step} of {last}: d(x) = {w[0]:+.3g}·x1 {w[1]:+.3g}·x2 {b:+.3g}; "
            f"misclassified: <b>{misclassified}</b>")


def perceptron_step_explorer(traces: Mapping[str, Sequence[State]], points: np.ndarray, labels: np.ndarray, *,
                             names: Sequence[str] | None = None) -> widgets.VBox:
    """A dropdown of traces and a slider over their steps, redrawing the decision line.

    ``traces`` maps a name to a list of states (w, b), the first being the starting point. A step
    beyond the end of the shorter traces shows their last state.
    """
    if not traces or any(len(t) == 0 for t in traces.values()):
        raise ValueError("every trace needs at least its starting state")
    names = list(names or [str(k) for k in range(len(points))])
    longest = max(len(t) for t in traces.values())
    choice = widgets.Dropdown(options=list(traces), description="trace")
    step = widgets.IntSlider(value=0, min=0, max=longest - 1, description="step")

    def update(values: dict[str, object]) -> tuple[str, plt.Figure]:
        trace = traces[str(values["trace"])]
        k = min(int(values["step"]), len(trace) - 1)
        w, b = trace[k]
        wrong = [names[i] for i in np.flatnonzero(side_of_line(w, b, points) != np.asarray(labels))]
        fig, ax = plt.subplots(figsize=(7.5, 4.5))
        plot_decision_line(w, b, points, labels, names=names, ax=ax,
                           title=f"{values['trace']}: state after {k} update(s)")
        fig.tight_layout()
        return describe_state(k, len(trace) - 1, w, b, wrong), fig

    box = control_panel({"trace": choice, "step": step}, update)
    box.step = step  # type: ignore[attr-defined]
    box.choice = choice  # type: ignore[attr-defined]
    return box
