"""Step through training epoch by epoch: learning curves so far and the predictions of that epoch.

Training is done beforehand (a network is not retrained while a slider moves): the notebook
records, for every epoch, the metrics (a Keras or PyTorch history) and the predicted classes
of a few test images (``helpers.keras_tools.epoch_predictions``). The slider then shows how
training and validation accuracy part ways as the network starts to over-fit, and which
digits it gets right at each point.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.plots.learning_curves import history_metrics
from helpers.plots.predictions import draw_prediction_grid
from helpers.widgets.controls import control_panel


def describe_epoch(history: Any, epoch: int) -> str:
    """One line: the epoch's training and validation accuracy (and loss) and the gap between them."""
    epochs, metrics, _ = history_metrics(history)
    if epoch not in epochs:
        raise ValueError(f"epoch {epoch} is not in the history (epochs {epochs[0]}-{epochs[-1]})")
    i = epochs.index(epoch)
    parts = [f"epoch {epoch}"]
    for name in ("accuracy", "loss"):
        if name in metrics and f"val_{name}" in metrics:
            train, val = metrics[name][i], metrics[f"val_{name}"][i]
            parts.append(f"{name}: training {train:.4f}, validation {val:.4f} (gap {train - val:+.4f})")
    best = int(np.argmin(metrics["val_loss"])) if "val_loss" in metrics else None
    if best is not None:
        parts.append(f"lowest validation loss at epoch {epochs[best]}")
    return " | ".join(parts)


def draw_epoch(history: Any, epoch: int, images: np.ndarray, labels: np.ndarray,
               predictions: list[np.ndarray], *, ncols: int = 8) -> Figure:
    """The widget's figure: accuracy curves with ``epoch`` marked, and that epoch's predictions."""
    epochs, metrics, _ = history_metrics(history)
    if len(predictions) != len(epochs):
        raise ValueError(f"{len(predictions)} sets of predictions for {len(epochs)} epochs")
    i = epochs.index(epoch)
    metric = "accuracy" if "accuracy" in metrics else "loss"
    nrows = -(-len(images) // ncols)
    fig = Figure(figsize=(13, max(3.4, 1.45 * nrows + 0.8)), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1.35])
    ax = left.subplots()
    ax.plot(epochs, metrics[metric], marker="o", ms=3, label="training")
    if f"val_{metric}" in metrics:
        ax.plot(epochs, metrics[f"val_{metric}"], marker="s", ms=3, label="validation")
    ax.axvline(epoch, color="tab:red", linestyle="--", label=f"epoch {epoch}")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} per epoch")
    ax.grid(alpha=0.3)
    ax.legend()
    axes = right.subplots(nrows, ncols, squeeze=False).ravel()
    wrong = draw_prediction_grid(axes, images, labels, predictions[i])
    right.suptitle(f"predictions after epoch {epoch}: {wrong} of {len(images)} wrong")
    return fig


def epoch_explorer(history: Any, images: np.ndarray, labels: np.ndarray,
                   predictions: list[np.ndarray]) -> widgets.VBox:
    """A slider over the recorded epochs redrawing :func:`draw_epoch` and :func:`describe_epoch`."""
    epochs, _, _ = history_metrics(history)
    if not epochs:
        raise ValueError("the history has no epochs")
    slider = widgets.IntSlider(value=epochs[-1], min=epochs[0], max=epochs[-1], step=1, description="epoch")

    def update(values: dict[str, float]) -> tuple[str, Figure]:
        epoch = int(values["epoch"])
        return describe_epoch(history, epoch), draw_epoch(history, epoch, images, labels, predictions)

    return control_panel({"epoch": slider}, update)
