"""Pictures of vectors and of 2x2 matrices acting on the plane.

A 2x2 matrix is easiest to understand by what it does to the unit square: the square becomes a
parallelogram whose signed area is the determinant, and real eigenvectors are the directions the
map only stretches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


@dataclass(frozen=True)
class LinearMapSummary:
    """What a 2x2 matrix does: area scale, orientation, and its (real) eigen-directions."""

    matrix: np.ndarray
    determinant: float
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray | None  # columns; None when the eigenvalues are complex

    @property
    def eigen_directions(self) -> list[tuple[float, np.ndarray]]:
        """The distinct real eigen-directions as (λ, unit vector).

        A defective matrix such as the shear [[1, 1], [0, 1]] has a repeated eigenvalue but a
        single eigen-direction; ``np.linalg.eig`` then returns two (nearly) parallel columns,
        which count once here.
        """
        if self.eigenvectors is None:
            return []
        found: list[tuple[float, np.ndarray]] = []
        for k in range(self.eigenvectors.shape[1]):
            v = self.eigenvectors[:, k] / np.linalg.norm(self.eigenvectors[:, k])
            if all(abs(v[0] * w[1] - v[1] * w[0]) > 1e-6 for _, w in found):
                found.append((float(self.eigenvalues[k]), v))
        return found

    @property
    def orientation(self) -> str:
        if np.isclose(self.determinant, 0.0):
            return "collapses the plane onto a line or a point"
        return "keeps orientation" if self.determinant > 0 else "flips orientation"


def summarize_linear_map(matrix: np.ndarray) -> LinearMapSummary:
    """Determinant and eigen-decomposition of a 2x2 matrix."""
    a = np.asarray(matrix, dtype=float)
    if a.shape != (2, 2):
        raise ValueError(f"expected a 2x2 matrix, got shape {a.shape}")
    values, vectors = np.linalg.eig(a)
    real = np.all(np.abs(values.imag) < 1e-12)
    return LinearMapSummary(
        matrix=a,
        determinant=float(np.linalg.det(a)),
        eigenvalues=values.real if real else values,
        eigenvectors=vectors.real if real else None,
    )


def _setup(ax: Axes | None, limit: float) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.axhline(0, color="0.8", lw=0.8)
    ax.axvline(0, color="0.8", lw=0.8)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_vectors(
    vectors: Sequence[Sequence[float]] | np.ndarray,
    labels: Sequence[str] | None = None,
    *,
    ax: Axes | None = None,
    title: str = "Vectors in the plane",
) -> Axes:
    """Draw 2-D vectors as arrows from the origin."""
    vecs = np.asarray(vectors, dtype=float).reshape(-1, 2)
    limit = max(1.0, float(np.abs(vecs).max()) * 1.2)
    ax = _setup(ax, limit)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, v in enumerate(vecs):
        label = labels[i] if labels is not None else f"v{i + 1} = ({v[0]:.2g}, {v[1]:.2g})"
        ax.annotate("", xy=v, xytext=(0, 0), arrowprops={"arrowstyle": "->", "lw": 2, "color": colors[i % len(colors)]})
        ax.plot([], [], color=colors[i % len(colors)], lw=2, label=label)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(title)
    return ax


def plot_linear_map(matrix: np.ndarray, *, ax: Axes | None = None, limit: float | None = None) -> Axes:
    """Draw the unit square, its image under ``matrix``, and the real eigenvectors."""
    summary = summarize_linear_map(matrix)
    image = UNIT_SQUARE @ summary.matrix.T
    if limit is None:
        limit = max(1.5, float(np.abs(image).max()) * 1.2)
    ax = _setup(ax, limit)
    ax.add_patch(Polygon(UNIT_SQUARE, closed=True, fc="tab:blue", alpha=0.2, ec="tab:blue", label="unit square (area 1)"))
    ax.add_patch(Polygon(image, closed=True, fc="tab:orange", alpha=0.35, ec="tab:orange",
                         label=f"image (signed area = det = {summary.determinant:.2f})"))
    for column, name in ((0, "$A e_1$"), (1, "$A e_2$")):
        ax.annotate("", xy=summary.matrix[:, column], xytext=(0, 0),
                    arrowprops={"arrowstyle": "->", "lw": 1.5, "color": "tab:red"})
        ax.annotate(name, xy=summary.matrix[:, column], fontsize=9, color="tab:red")
    directions = summary.eigen_directions
    if directions:
        only = " (the only eigen-direction)" if len(directions) == 1 else ""
        for value, v in directions:
            ax.plot(*(np.outer([-limit * 2, limit * 2], v).T), ls="--", lw=1, color="tab:green",
                    label=f"eigenvector, λ = {value:.2f}{only}")
    else:
        ax.plot([], [], ls="--", color="tab:green", label="no real eigenvectors (complex λ)")
    ax.legend(loc="lower left", fontsize=7)
    (a, b), (c, d) = summary.matrix
    ax.set_title(f"A = [[{a:.3g}, {b:.3g}], [{c:.3g}, {d:.3g}]]: {summary.orientation}", fontsize=9)
    return ax
