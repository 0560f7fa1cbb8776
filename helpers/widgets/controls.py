"""The wiring every course demo shares: controls, a one-line summary, and a live figure.

A demo supplies its controls and one function from their values to (summary text, figure);
:func:`control_panel` lays them out, redraws when any control changes, and closes each old
figure so that dragging a slider for a while does not pile figures up in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from matplotlib.figure import Figure

Update = Callable[[dict[str, float]], tuple[str, Figure]]


def show_figure(output: widgets.Output, figure: Figure) -> None:
    """Replace what ``output`` shows by ``figure``, then release the figure."""
    with output:
        output.clear_output(wait=True)
        display(figure)
    plt.close(figure)


def control_panel(
    controls: Mapping[str, widgets.ValueWidget],
    update: Update,
    rows: Sequence[Sequence[str]] | None = None,
) -> widgets.VBox:
    """A VBox of ``controls`` (arranged in ``rows`` of names), a summary line and a figure.

    The returned box has ``.sliders`` (the controls by name) and ``.summary`` (the HTML line),
    so notebooks and tests can drive it without a browser.
    """
    summary = widgets.HTML()
    output = widgets.Output()

    def redraw(_change: object = None) -> None:
        text, figure = update({name: control.value for name, control in controls.items()})
        summary.value = text
        show_figure(output, figure)

    for control in controls.values():
        control.continuous_update = False
        control.observe(redraw, names="value")
    redraw()
    layout = [list(controls)] if rows is None else rows
    box = widgets.VBox([widgets.HBox([controls[name] for name in row]) for row in layout] + [summary, output])
    box.sliders = dict(controls)  # type: ignore[attr-defined]
    box.summary = summary  # type: ignore[attr-defined]
    return box
