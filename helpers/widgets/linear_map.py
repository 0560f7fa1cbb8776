"""A 2x2 matrix acting on the unit square, with four sliders for its entries."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from helpers.plots.linear_maps import plot_linear_map, summarize_linear_map
from helpers.widgets.controls import control_panel


def describe(matrix: np.ndarray) -> str:
    """One line of text for the widget: determinant, orientation and eigenvalues."""
    s = summarize_linear_map(matrix)
    values = ", ".join(f"{v:.3g}" for v in np.atleast_1d(s.eigenvalues))
    return f"det = {s.determinant:.3f} ({s.orientation}); eigenvalues: {values}"


def linear_map_explorer(
    matrix: np.ndarray | None = None, *, limit: float = 3.0, step: float = 0.1
) -> widgets.VBox:
    """Sliders for a, b, c, d of A = [[a, b], [c, d]], redrawing A's action on the unit square."""
    start = np.array([[1.0, 0.5], [0.0, 1.0]]) if matrix is None else np.asarray(matrix, dtype=float)
    if start.shape != (2, 2):
        raise ValueError(f"expected a 2x2 matrix, got shape {start.shape}")
    sliders = {
        name: widgets.FloatSlider(value=float(start.flat[i]), min=-2.0, max=2.0, step=step, description=name)
        for i, name in enumerate("abcd")
    }

    def update(values: dict[str, float]) -> tuple[str, plt.Figure]:
        a = np.array([[values["a"], values["b"]], [values["c"], values["d"]]])
        fig, ax = plt.subplots(figsize=(5, 5))
        plot_linear_map(a, ax=ax, limit=limit)
        return describe(a), fig

    return control_panel(sliders, update, rows=[["a", "b"], ["c", "d"]])
