"""A grid of images, each titled with the model's prediction, wrong ones in red."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def draw_prediction_grid(
    axes: Sequence[Axes],
    images: np.ndarray,
    labels: np.ndarray,
    predicted: np.ndarray,
    *,
    cmap: str = "gray_r",
) -> int:
    """Draw ``images`` on ``axes`` titled "predicted (true)"; returns how many are wrong.

    A correct prediction is titled in black, a wrong one in red with the true label beside it.
    """
    images, labels, predicted = np.asarray(images), np.asarray(labels), np.asarray(predicted)
    if images.ndim == 2:  # flattened (n, 784): square images
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"cannot unflatten images of {images.shape[1]} pixels into a square")
        images = images.reshape(len(images), side, side)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width) or (n, pixels), got {images.shape}")
    if not len(images) == len(labels) == len(predicted):
        raise ValueError(f"{len(images)} images, {len(labels)} labels and {len(predicted)} predictions")
    if len(axes) < len(images):
        raise ValueError(f"{len(images)} images but only {len(axes)} axes")
    wrong = 0
    for index, ax in enumerate(axes):
        ax.axis("off")
        if index >= len(images):
            continue
        ax.imshow(images[index], cmap=cmap)
        ok = int(predicted[index]) == int(labels[index])
        wrong += not ok
        text = f"{int(predicted[index])}" if ok else f"{int(predicted[index])} (true {int(labels[index])})"
        ax.set_title(text, fontsize=9, color="black" if ok else "tab:red")
    return wrong


def plot_prediction_grid(
    images: np.ndarray,
    labels: np.ndarray,
    predicted: np.ndarray,
    *,
    nrows: int = 5,
    ncols: int = 5,
    title: str | None = None,
    size: float = 1.35,
) -> Figure:
    """The first ``nrows * ncols`` images in a grid with their predicted labels (wrong ones in red).

    Returns the ``Figure`` (pyplot's state is left alone); its title, when not given, says how
    many of the shown predictions are wrong.
    """
    count = min(nrows * ncols, len(images))
    if count == 0:
        raise ValueError("no images to show")
    fig = Figure(figsize=(size * ncols, size * nrows + 0.5), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    wrong = draw_prediction_grid(axes, np.asarray(images)[:count], np.asarray(labels)[:count],
                                 np.asarray(predicted)[:count])
    fig.suptitle(title or f"Predictions on {count} test images: {wrong} wrong (red, true label in brackets)")
    return fig
