"""Contour plots of two-variable functions with the paths optimizers take across them."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from helpers.optim_demo import Surface


def plot_surface_contours(
    surface: Surface, *, ax: Axes | None = None, levels: int = 30, resolution: int = 200
) -> Axes:
    """Filled contours of ``surface`` over its view window, with its minima marked."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    xs = np.linspace(*surface.xlim, resolution)
    ys = np.linspace(*surface.ylim, resolution)
    gx, gy = np.meshgrid(xs, ys)
    z = surface.value(gx, gy)
    ax.contourf(gx, gy, z, levels=levels, cmap="Greys", alpha=0.45)
    ax.contour(gx, gy, z, levels=levels, colors="0.55", linewidths=0.5)
    for i, (mx, my) in enumerate(surface.minima):
        ax.plot(mx, my, marker="*", ms=14, color="gold", mec="black", ls="none",
                label="minimum" if i == 0 else None)
    ax.set_xlim(*surface.xlim)
    ax.set_ylim(*surface.ylim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(surface.formula or surface.name)
    return ax


def plot_optimizer_paths(
    surface: Surface,
    paths: Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Contours of ``surface`` and one line per optimizer path (rows are points ``(x, y)``)."""
    ax = plot_surface_contours(surface, ax=ax)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (name, path) in enumerate(paths.items()):
        p = np.asarray(path, dtype=float)
        if p.ndim != 2 or p.shape[1] != 2:
            raise ValueError(f"path {name!r} must have shape (steps + 1, 2), got {p.shape}")
        color = colors[i % len(colors)]
        ax.plot(p[:, 0], p[:, 1], "-o", ms=2.5, lw=1.3, color=color, label=name)
        ax.plot(p[-1, 0], p[-1, 1], "s", ms=6, color=color, mec="black")
    start = next(iter(paths.values()), None)
    if start is not None:
        ax.plot(start[0][0], start[0][1], "o", ms=9, mfc="none", mec="black", label="start")
    ax.set_title(title or f"Optimizer paths on {surface.formula or surface.name}")
    ax.legend(fontsize=8, loc="best")
    return ax
