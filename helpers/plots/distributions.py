"""Densities and pictures of the probability distributions of chapter 2.

The density functions here are plain NumPy (no SciPy) so that the plotting helpers and the
mixture widget work in any environment the course supports. They are for drawing: the graded
exercises of the chapter (sampling, entropies, estimators) are the student's to write.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

ArrayLike = float | Sequence[float] | np.ndarray


def _positive(value: float, name: str) -> float:
    value = float(value)
    if not value > 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def gaussian_pdf(x: ArrayLike, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    """Density of the normal distribution N(mean, std²) at ``x``."""
    std = _positive(std, "std")
    z = (np.asarray(x, dtype=float) - mean) / std
    return np.exp(-0.5 * z * z) / (std * math.sqrt(2.0 * math.pi))


def laplace_pdf(x: ArrayLike, mean: float = 0.0, scale: float = 1.0) -> np.ndarray:
    """Density of the Laplace distribution: exp(-|x - mean| / scale) / (2 scale)."""
    scale = _positive(scale, "scale")
    return np.exp(-np.abs(np.asarray(x, dtype=float) - mean) / scale) / (2.0 * scale)


def exponential_pdf(x: ArrayLike, rate: float = 1.0) -> np.ndarray:
    """Density of the exponential distribution: rate·exp(-rate·x) for x ≥ 0, and 0 for x < 0."""
    rate = _positive(rate, "rate")
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, rate * np.exp(-rate * np.maximum(x, 0.0)), 0.0)


def binomial_pmf(m: int, p: float) -> np.ndarray:
    """P(k successes in m Bernoulli(p) trials) for k = 0, 1, ..., m (an array of length m + 1)."""
    if not isinstance(m, (int, np.integer)) or isinstance(m, bool) or m < 0:
        raise ValueError(f"m must be a non-negative integer, got {m!r}")
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must lie in [0, 1], got {p}")
    return np.array([math.comb(int(m), k) * p**k * (1.0 - p) ** (m - k) for k in range(int(m) + 1)])


def _mixture_parameters(
    weights: ArrayLike, means: ArrayLike, stds: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w, mu, sd = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (weights, means, stds))
    if not (w.ndim == mu.ndim == sd.ndim == 1 and w.shape == mu.shape == sd.shape) or w.size == 0:
        raise ValueError(
            f"weights, means and stds must be 1-D of one length, got shapes {w.shape}, {mu.shape}, {sd.shape}"
        )
    if np.any(w < 0) or abs(w.sum() - 1.0) > 1e-8:
        raise ValueError(f"the weights must be non-negative and sum to 1, got {w.tolist()}")
    if np.any(sd <= 0):
        raise ValueError(f"every std must be positive, got {sd.tolist()}")
    return w, mu, sd


def mixture_pdf(x: ArrayLike, weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> np.ndarray:
    """Density of the Gaussian mixture Σ_k weights[k] · N(means[k], stds[k]²) at ``x``."""
    w, mu, sd = _mixture_parameters(weights, means, stds)
    x = np.asarray(x, dtype=float)
    return sum(wk * gaussian_pdf(x, mk, sk) for wk, mk, sk in zip(w, mu, sd))


def mixture_moments(weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> tuple[float, float]:
    """Mean and variance of a Gaussian mixture (law of total variance)."""
    w, mu, sd = _mixture_parameters(weights, means, stds)
    mean = float(np.sum(w * mu))
    variance = float(np.sum(w * (sd**2 + (mu - mean) ** 2)))
    return mean, variance


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6.0, 4.0)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_pmf(
    support: Sequence[float] | np.ndarray,
    probabilities: Sequence[float] | np.ndarray,
    *,
    ax: Axes | None = None,
    label: str | None = None,
    title: str = "Probability mass function",
    xlabel: str = "x",
    tick_labels: Sequence[str] | None = None,
    width: float = 0.8,
    offset: float = 0.0,
) -> Axes:
    """Bar chart of a discrete distribution P(X = x) over ``support``."""
    xs = np.asarray(support, dtype=float)
    ps = np.asarray(probabilities, dtype=float)
    if xs.shape != ps.shape or xs.ndim != 1:
        raise ValueError(f"support and probabilities must be 1-D of one length, got {xs.shape} and {ps.shape}")
    ax = _axes(ax)
    ax.bar(xs + offset, ps, width=width, alpha=0.75, label=label)
    ax.set_xticks(xs)
    if tick_labels is not None:
        ax.set_xticklabels(tick_labels)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability P(X = x)")
    ax.set_title(title)
    if label is not None:
        ax.legend()
    return ax


def plot_densities(
    x: np.ndarray,
    curves: Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    title: str = "Probability densities",
    xlabel: str = "x",
    ylabel: str = "density p(x)",
) -> Axes:
    """Several density curves over the same grid ``x``, one legend entry each."""
    if not curves:
        raise ValueError("curves is empty: give at least one label -> values pair")
    ax = _axes(ax)
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        if values.shape != np.shape(x):
            raise ValueError(f"curve {label!r} has shape {values.shape}, the grid has {np.shape(x)}")
        ax.plot(x, values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    return ax


def plot_mixture(
    weights: ArrayLike,
    means: ArrayLike,
    stds: ArrayLike,
    *,
    ax: Axes | None = None,
    samples: np.ndarray | None = None,
    grid: np.ndarray | None = None,
    title: str = "A Gaussian mixture",
) -> Axes:
    """The weighted components (dashed), the mixture density, and optionally a sample histogram."""
    w, mu, sd = _mixture_parameters(weights, means, stds)
    if grid is None:
        grid = np.linspace((mu - 4 * sd).min(), (mu + 4 * sd).max(), 400)
    ax = _axes(ax)
    if samples is not None:
        ax.hist(np.asarray(samples, dtype=float), bins=60, density=True, alpha=0.35, color="tab:gray",
                label=f"histogram of {len(samples):,} samples")
    for k, (wk, mk, sk) in enumerate(zip(w, mu, sd)):
        ax.plot(grid, wk * gaussian_pdf(grid, mk, sk), ls="--", lw=1,
                label=f"component {k + 1}: {wk:.2f}·N({mk:.2g}, {sk:.2g}²)")
    ax.plot(grid, mixture_pdf(grid, w, mu, sd), color="black", lw=2, label="mixture density")
    ax.set_xlabel("x")
    ax.set_ylabel("density p(x)")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return ax


def plot_covariance_heatmap(
    matrix: np.ndarray,
    labels: Sequence[str],
    *,
    ax: Axes | None = None,
    title: str = "Covariance matrix",
    colorbar_label: str = "covariance",
) -> Axes:
    """A symmetric matrix as a heatmap with its entries written in the cells and labelled axes."""
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] != len(labels):
        raise ValueError(f"need a square matrix with one label per row, got shape {m.shape} and {len(labels)} labels")
    ax = _axes(ax, figsize=(6.0, 5.0))
    limit = float(np.abs(m).max()) or 1.0
    image = ax.imshow(m, cmap="coolwarm", vmin=-limit, vmax=limit)
    ax.figure.colorbar(image, ax=ax, label=colorbar_label)
    ticks = np.arange(len(labels))
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.set_yticks(ticks)
    ax.set_yticklabels(labels)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            ax.text(j, i, f"{m[i, j]:.2f}", ha="center", va="center", fontsize=9)
    ax.set_xlabel("feature")
    ax.set_ylabel("feature")
    ax.set_title(title)
    return ax
