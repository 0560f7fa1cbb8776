"""An MLP's decision boundary on a 2-D data set against its number of hidden units (a slider).

The demo does not train anything itself: the notebook hands it ``fit(points, labels, n_hidden)``,
which trains a network (the student's own) and returns a function from points (n, 2) to class
scores (n, 2). Each width is trained once and remembered, so moving the slider back is instant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.plots.perceptron import plot_decision_regions
from helpers.widgets.controls import control_panel

Predict = Callable[[np.ndarray], np.ndarray]
Fit = Callable[[np.ndarray, np.ndarray, int], Predict]


def accuracy_of(predict: Predict, points: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of points whose highest score is their label."""
    return float(np.mean(np.argmax(predict(points), axis=1) == np.asarray(labels)))


def hidden_units_explorer(fit: Fit, points: np.ndarray, labels: np.ndarray, *, hidden: int = 4,
                          choices: Sequence[int] = (1, 2, 3, 4, 8, 16, 32, 64)) -> widgets.VBox:
    """A slider over hidden-layer widths; each position shows the trained network's decision regions.

    ``fit`` is called once per width (the first time the slider reaches it), including once for
    the initial ``hidden`` while the widget is built: an error there propagates to the caller.
    """
    choices = sorted(set(int(c) for c in choices))
    if hidden not in choices:
        raise ValueError(f"hidden={hidden} is not one of the choices {choices}")
    trained: dict[int, Predict] = {}
    slider = widgets.SelectionSlider(options=choices, value=hidden, description="hidden units")

    def update(values: dict[str, object]) -> tuple[str, Figure]:
        width = int(values["hidden"])  # type: ignore[arg-type]
        if width not in trained:
            trained[width] = fit(points, labels, width)
        predict = trained[width]
        accuracy = accuracy_of(predict, points, labels)
        fig, ax = plt.subplots(figsize=(6.5, 4.5))
        plot_decision_regions(predict, points, labels, ax=ax,
                              title=f"{width} hidden unit{'s' if width > 1 else ''}: "
                                    f"training accuracy {accuracy:.1%}")
        fig.tight_layout()
        return f"{width} hidden ReLU units: training accuracy <b>{accuracy:.1%}</b>", fig

    box = control_panel({"hidden": slider}, update)
    box.slider = slider  # type: ignore[attr-defined]
    box.trained = trained  # type: ignore[attr-defined]
    return box
