"""A 2x2 matrix acting on the unit square, with four sliders for its entries."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers.plots.linear_maps import plot_linear_map, summarize_linear_map


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
        name: widgets.FloatSlider(value=float(start.flat[i]), min=-2.0, max=2.0, step=step,
                                  description=name, continuous_update=False)
        for i, name in enumerate("abcd")
    }
    summary = widgets.HTML()
    output = widgets.Output()

    def redraw(_change: object = None) -> None:
        a = np.array([[sliders["a"].value, sliders["b"].value], [sliders["c"].value, sliders["d"].value]])
        summary.value = describe(a)
        with output:
            output.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(5, 5))
            plot_linear_map(a, ax=ax, limit=limit)
            display(fig)
            plt.close(fig)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([
        widgets.HBox([sliders["a"], sliders["b"]]),
        widgets.HBox([sliders["c"], sliders["d"]]),
        summary,
        output,
    ])
    box.sliders = sliders  # type: ignore[attr-defined]  # handles for tests and notebooks
    box.summary = summary  # type: ignore[attr-defined]
    return box
