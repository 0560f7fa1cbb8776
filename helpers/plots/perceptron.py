"""Pictures of chapter 4: a perceptron's decision line, error counts per epoch, a hidden layer's
space, and the decision regions of a trained classifier.

The labels are bipolar (-1 and +1) as in the chapter; a point whose score w·x + b is exactly 0
belongs to the +1 side. Every function draws on the given ``ax`` (or a new figure), labels what
it draws and returns the Axes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

POSITIVE, NEGATIVE = "tab:blue", "tab:red"


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5.0, 4.5)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _check_points(points: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    points, labels = np.asarray(points, dtype=float), np.asarray(labels)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    if labels.shape != (points.shape[0],):
        raise ValueError(f"labels must have shape ({points.shape[0]},), got {labels.shape}")
    return points, labels


def side_of_line(w: Sequence[float], b: float, points: np.ndarray) -> np.ndarray:
    """-1 or +1 for each point: the side of the line w·x + b = 0 it lies on (the line itself is +1)."""
    scores = np.asarray(points, dtype=float) @ np.asarray(w, dtype=float) + float(b)
    return np.where(scores < 0, -1, 1)


def _draw_line(ax: Axes, w: Sequence[float], b: float, limits: tuple[float, float], **style: object) -> None:
    w1, w2 = float(w[0]), float(w[1])
    xs = np.linspace(*limits, 200)
    if abs(w2) > 1e-12:
        ax.plot(xs, -(w1 * xs + b) / w2, **style)
    elif abs(w1) > 1e-12:
        ax.axvline(-b / w1, **style)


def plot_decision_line(w: Sequence[float], b: float, points: np.ndarray, labels: np.ndarray, *,
                       names: Sequence[str] | None = None, ax: Axes | None = None, title: str | None = None,
                       limits: tuple[float, float] = (-0.5, 1.5)) -> Axes:
    """The points (circles +1, crosses -1), the line w·x + b = 0 with its +1 side shaded, and the
    misclassified points ringed in black."""
    points, labels = _check_points(points, labels)
    ax = _axes(ax)
    grid = np.linspace(*limits, 150)
    gx, gy = np.meshgrid(grid, grid)
    sides = side_of_line(w, b, np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, sides, levels=[-2, 0, 2], colors=[NEGATIVE, POSITIVE], alpha=0.12)
    _draw_line(ax, w, b, limits, color="black", lw=1.5, label=f"{w[0]:+.3g}·x1 {w[1]:+.3g}·x2 {b:+.3g} = 0")
    positive = labels > 0
    ax.scatter(*points[positive].T, s=90, marker="o", color=POSITIVE, label="target +1", zorder=3)
    ax.scatter(*points[~positive].T, s=90, marker="X", color=NEGATIVE, label="target -1", zorder=3)
    wrong = side_of_line(w, b, points) != labels
    if wrong.any():
        ax.scatter(*points[wrong].T, s=380, facecolors="none", edgecolors="black", lw=1.5, label="misclassified",
                   zorder=2)
    for k, name in enumerate(names or []):
        ax.annotate(name, points[k], textcoords="offset points", xytext=(8, 8), fontsize=11)
    ax.set_xlim(*limits)
    ax.set_ylim(*limits)
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(title or "Perceptron decision line")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def plot_error_counts(histories: Mapping[str, Sequence[int]], *, ax: Axes | None = None,
                      title: str = "Misclassified points per epoch") -> Axes:
    """One line per training run: the number of updates (misclassified points) in each epoch."""
    if not histories:
        raise ValueError("no training runs to plot")
    ax = _axes(ax, (6.0, 3.8))
    for name, counts in histories.items():
        epochs = np.arange(1, len(counts) + 1)
        ax.plot(epochs, list(counts), "-o", ms=4, label=f"{name} ({len(counts)} epochs)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("misclassified points (updates)")
    ax.set_title(title)
    ax.set_ylim(bottom=-0.2)
    ax.legend()
    return ax


def plot_hidden_space(points: np.ndarray, labels: np.ndarray, hidden: np.ndarray, *,
                      names: Sequence[str] | None = None, axes: Sequence[Axes] | None = None,
                      hidden_lines: Sequence[tuple[Sequence[float], float]] = (),
                      output_line: tuple[Sequence[float], float] | None = None,
                      hidden_limits: tuple[float, float] = (-1.5, 1.5), title: str = "") -> Sequence[Axes]:
    """Input space (with each hidden unit's line) beside hidden space (with the output unit's line).

    ``hidden`` holds each point's two hidden-unit values; points that land on the same hidden
    point are labelled together.
    """
    points, labels = _check_points(points, labels)
    hidden = np.asarray(hidden, dtype=float)
    if hidden.shape != points.shape:
        raise ValueError(f"hidden must have shape {points.shape} (two hidden units), got {hidden.shape}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 4.6))
    left, right = axes
    names = list(names or [str(k) for k in range(len(points))])
    for space, ax, limits in [(points, left, (-0.5, 1.5)), (hidden, right, hidden_limits)]:
        positive = labels > 0
        ax.scatter(*space[positive].T, s=110, marker="o", color=POSITIVE, label="target +1", zorder=3)
        ax.scatter(*space[~positive].T, s=110, marker="X", color=NEGATIVE, label="target -1", zorder=3)
        placed: dict[tuple[float, float], list[str]] = {}
        for k, p in enumerate(space):
            placed.setdefault((round(p[0], 6), round(p[1], 6)), []).append(names[k])
        for (px, py), together in placed.items():
            ax.annotate(", ".join(together), (px, py), textcoords="offset points", xytext=(8, 8), fontsize=11)
        ax.set_xlim(*limits)
        ax.set_ylim(*limits)
        ax.set_aspect("equal")
    colours = ["tab:green", "tab:purple"]
    for j, (w, b) in enumerate(hidden_lines):
        _draw_line(left, w, b, (-0.5, 1.5), color=colours[j % 2], lw=1.5, ls="--", label=f"hidden unit {j + 1}")
    if output_line is not None:
        _draw_line(right, output_line[0], output_line[1], hidden_limits, color="black", lw=1.5, label="output unit")
    left.set_xlabel("x1")
    left.set_ylabel("x2")
    left.set_title("Input space: no single line separates the classes")
    right.set_xlabel("hidden unit 1")
    right.set_ylabel("hidden unit 2")
    right.set_title("Hidden space: one line does")
    for ax in (left, right):
        ax.legend(fontsize=8, loc="best")
    if title:
        left.figure.suptitle(title)
    return axes


def class_probabilities(scores: np.ndarray) -> np.ndarray:
    """Softmax of each row of ``scores`` (N, C), computed without overflow."""
    scores = np.asarray(scores, dtype=float)
    z = scores - np.max(scores, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def plot_decision_regions(predict: Callable[[np.ndarray], np.ndarray], points: np.ndarray, labels: np.ndarray, *,
                          ax: Axes | None = None, title: str = "Decision regions", resolution: int = 200,
                          margin: float = 0.5) -> Axes:
    """Colour the plane by ``predict``'s class-1 probability (two classes, class indices 0 and 1)
    and draw the points and the 0.5 contour, the decision boundary."""
    points, classes = np.asarray(points, dtype=float), np.asarray(labels)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    ax = _axes(ax, (6.0, 4.5))
    (x0, y0), (x1, y1) = points.min(axis=0) - margin, points.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    scores = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])))
    if scores.ndim != 2 or scores.shape[1] != 2:
        raise ValueError(f"predict must return scores of shape (n, 2), got {scores.shape}")
    p1 = class_probabilities(scores)[:, 1].reshape(gx.shape)
    filled = ax.contourf(gx, gy, p1, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.6)
    ax.contour(gx, gy, p1, levels=[0.5], colors="black", linewidths=1.5)
    ax.scatter(*points[classes == 0].T, s=14, color=NEGATIVE, edgecolors="white", lw=0.4, label="class 0")
    ax.scatter(*points[classes == 1].T, s=14, color=POSITIVE, edgecolors="white", lw=0.4, label="class 1")
    ax.figure.colorbar(filled, ax=ax, label="P(class 1)")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    return ax
