"""Grids of small images (MNIST digits, filters) with their labels."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def show_images(
    images: np.ndarray,
    labels: Sequence[object] | np.ndarray | None = None,
    *,
    ncols: int = 8,
    title: str | None = None,
    cmap: str = "gray_r",
    size: float = 1.2,
) -> Figure:
    """Draw ``images`` (n, h, w) in a grid, each titled with its label when given."""
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width), got {images.shape}")
    if labels is not None and len(labels) != len(images):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    n = len(images)
    if n == 0:
        raise ValueError("no images to show")
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + (0.4 if title else 0)), squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index < n:
            ax.imshow(images[index], cmap=cmap)
            if labels is not None:
                ax.set_title(str(labels[index]), fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
