"""A two-component Gaussian mixture with sliders for its weight, means and standard deviations."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from helpers.plots.distributions import mixture_moments, plot_mixture
from helpers.widgets.controls import control_panel

#: The x-range drawn by the widget (fixed, so that moving a slider does not rescale the plot).
GRID = np.linspace(-8.0, 8.0, 401)


def describe_mixture(weight: float, means: tuple[float, float], stds: tuple[float, float]) -> str:
    """One line of text: the mixture's parameters, its mean and its variance."""
    mean, variance = mixture_moments([weight, 1.0 - weight], means, stds)
    return (f"p(x) = {weight:.2f}·N({means[0]:.2f}, {stds[0]:.2f}²) + {1 - weight:.2f}·N({means[1]:.2f}, "
            f"{stds[1]:.2f}²) | mean = {mean:.3f}, variance = {variance:.3f}")


def draw_mixture(weight: float, means: tuple[float, float], stds: tuple[float, float]) -> plt.Figure:
    """The figure the widget shows for these parameters (callable without a browser)."""
    fig, ax = plt.subplots(figsize=(7, 4))
    plot_mixture([weight, 1.0 - weight], means, stds, ax=ax, grid=GRID,
                 title="Two Gaussians mixed: move the sliders")
    ax.set_ylim(0, 1.0)
    return fig


def mixture_explorer(
    weight: float = 0.3,
    means: tuple[float, float] = (-2.0, 2.0),
    stds: tuple[float, float] = (0.7, 1.2),
) -> widgets.VBox:
    """Sliders for w, μ₁, μ₂, σ₁, σ₂ of w·N(μ₁, σ₁²) + (1 − w)·N(μ₂, σ₂²), redrawing the density."""
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must lie in [0, 1], got {weight}")
    if len(means) != 2 or len(stds) != 2:
        raise ValueError("give exactly two means and two stds")
    if min(stds) <= 0:
        raise ValueError(f"the stds must be positive, got {stds}")
    sliders = {
        "w": widgets.FloatSlider(value=weight, min=0.0, max=1.0, step=0.05, description="w"),
        "mu1": widgets.FloatSlider(value=means[0], min=-5.0, max=5.0, step=0.1, description="μ₁"),
        "mu2": widgets.FloatSlider(value=means[1], min=-5.0, max=5.0, step=0.1, description="μ₂"),
        "sigma1": widgets.FloatSlider(value=stds[0], min=0.2, max=3.0, step=0.1, description="σ₁"),
        "sigma2": widgets.FloatSlider(value=stds[1], min=0.2, max=3.0, step=0.1, description="σ₂"),
    }

    def update(values: dict[str, float]) -> tuple[str, plt.Figure]:
        w, mus, sds = values["w"], (values["mu1"], values["mu2"]), (values["sigma1"], values["sigma2"])
        return describe_mixture(w, mus, sds), draw_mixture(w, mus, sds)

    return control_panel(sliders, update, rows=[["w"], ["mu1", "sigma1"], ["mu2", "sigma2"]])
