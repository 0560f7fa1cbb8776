"""Densities, plots and the mixture widget of chapter 2 (helpers.plots.distributions, helpers.widgets.mixture)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plots.distributions import (  # noqa: E402
    binomial_pmf,
    exponential_pdf,
    gaussian_pdf,
    laplace_pdf,
    mixture_moments,
    mixture_pdf,
    plot_covariance_heatmap,
    plot_densities,
    plot_mixture,
    plot_pmf,
)
from helpers.widgets.mixture import describe_mixture, draw_mixture, mixture_explorer  # noqa: E402

GRID = np.linspace(-30.0, 30.0, 60001)


def _area(values: np.ndarray, grid: np.ndarray) -> float:
    """Trapezoid rule (np.trapezoid is NumPy 2 only; the course supports NumPy 1.26)."""
    return float(np.sum((values[1:] + values[:-1]) * np.diff(grid)) / 2)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- densities -----------------------------------------------------------------------------


def test_gaussian_pdf_values_and_area():
    assert gaussian_pdf(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-12)
    assert gaussian_pdf(3.0, 1.0, 2.0) == pytest.approx(math.exp(-0.5) / (2 * math.sqrt(2 * math.pi)), rel=1e-12)
    assert _area(gaussian_pdf(GRID, 1.5, 0.7), GRID) == pytest.approx(1.0, abs=1e-9)


def test_laplace_and_exponential_values_and_areas():
    assert laplace_pdf(0.0, 0.0, 0.5) == pytest.approx(1.0, rel=1e-12)
    assert laplace_pdf(2.0, 1.0, 1.0) == pytest.approx(math.exp(-1) / 2, rel=1e-12)
    assert _area(laplace_pdf(GRID, -1.0, 2.0), GRID) == pytest.approx(1.0, abs=1e-6)
    x = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_allclose(exponential_pdf(x, 2.0), [0.0, 2.0, 2 * math.exp(-2)], rtol=1e-12)
    assert _area(exponential_pdf(GRID, 0.5), GRID) == pytest.approx(1.0, abs=1e-3)


def test_exponential_pdf_does_not_overflow_for_very_negative_x():
    with np.errstate(all="raise"):
        assert exponential_pdf(np.array([-1e6]), 3.0)[0] == 0.0


def test_binomial_pmf_matches_the_formula_and_sums_to_one():
    pmf = binomial_pmf(4, 0.6)
    np.testing.assert_allclose(pmf, [0.0256, 0.1536, 0.3456, 0.3456, 0.1296], rtol=1e-12)
    assert binomial_pmf(10, 0.3).sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_array_equal(binomial_pmf(3, 1.0), [0.0, 0.0, 0.0, 1.0])
    np.testing.assert_array_equal(binomial_pmf(0, 0.5), [1.0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: gaussian_pdf(0.0, 0.0, 0.0), "std must be positive"),
        (lambda: laplace_pdf(0.0, 0.0, -1.0), "scale must be positive"),
        (lambda: exponential_pdf(0.0, 0.0), "rate must be positive"),
        (lambda: binomial_pmf(-1, 0.5), "non-negative integer"),
        (lambda: binomial_pmf(2.5, 0.5), "non-negative integer"),
        (lambda: binomial_pmf(3, 1.2), r"p must lie in \[0, 1\]"),
        (lambda: mixture_pdf(0.0, [0.5, 0.6], [0, 1], [1, 1]), "sum to 1"),
        (lambda: mixture_pdf(0.0, [1.2, -0.2], [0, 1], [1, 1]), "non-negative"),
        (lambda: mixture_pdf(0.0, [0.5, 0.5], [0, 1, 2], [1, 1]), "one length"),
        (lambda: mixture_pdf(0.0, [0.5, 0.5], [0, 1], [1, 0]), "std must be positive"),
    ],
)
def test_invalid_parameters_raise_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_mixture_pdf_is_the_weighted_sum_and_integrates_to_one():
    w, mu, sd = [0.2, 0.5, 0.3], [-3.0, 0.0, 4.0], [1.0, 0.5, 2.0]
    x = np.array([-3.0, 0.0, 1.0, 4.0])
    expected = sum(wk * gaussian_pdf(x, mk, sk) for wk, mk, sk in zip(w, mu, sd))
    np.testing.assert_allclose(mixture_pdf(x, w, mu, sd), expected, rtol=1e-12)
    assert _area(mixture_pdf(GRID, w, mu, sd), GRID) == pytest.approx(1.0, abs=1e-9)


def test_mixture_moments_law_of_total_variance():
    mean, variance = mixture_moments([0.25, 0.75], [-2.0, 2.0], [1.0, 3.0])
    assert mean == pytest.approx(1.0)
    # E[x²] = 0.25 (1 + 4) + 0.75 (9 + 4) = 11, so Var = 11 - 1 = 10
    assert variance == pytest.approx(10.0)
    mean, variance = mixture_moments([1.0], [5.0], [2.0])
    assert (mean, variance) == (pytest.approx(5.0), pytest.approx(4.0))


# --- plots ---------------------------------------------------------------------------------


def test_plot_pmf_labels_and_bars():
    ax = plot_pmf([0, 1, 2], [0.25, 0.5, 0.25], label="B(2, 1/2)", title="t", xlabel="k",
                  tick_labels=["zero", "one", "two"])
    assert ax.get_title() == "t" and ax.get_xlabel() == "k" and "probability" in ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["zero", "one", "two"]
    assert [round(p.get_height(), 3) for p in ax.patches] == [0.25, 0.5, 0.25]
    assert ax.get_legend() is not None
    with pytest.raises(ValueError, match="one length"):
        plot_pmf([0, 1], [1.0])


def test_plot_densities_draws_one_labelled_line_per_curve():
    x = np.linspace(-1, 1, 11)
    ax = plot_densities(x, {"a": x**2, "b": np.abs(x)}, title="two curves")
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_title() == "two curves" and ax.get_xlabel() and ax.get_ylabel()
    with pytest.raises(ValueError, match="shape"):
        plot_densities(x, {"bad": np.ones(3)})
    with pytest.raises(ValueError, match="empty"):
        plot_densities(x, {})


def test_plot_mixture_components_mixture_and_histogram():
    samples = np.random.default_rng(0).normal(size=500)
    ax = plot_mixture([0.4, 0.6], [-1.0, 1.0], [0.5, 0.8], samples=samples, title="m")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[-1] == "mixture density" and sum(lbl.startswith("component") for lbl in labels) == 2
    assert ax.patches, "the histogram bars are drawn"
    assert ax.get_title() == "m" and ax.get_legend() is not None


def test_plot_covariance_heatmap_labels_and_annotations():
    m = np.array([[2.0, -0.5], [-0.5, 1.0]])
    ax = plot_covariance_heatmap(m, ["u", "v"], title="cov")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["u", "v"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["u", "v"]
    assert sorted(t.get_text() for t in ax.texts) == sorted(["2.00", "-0.50", "-0.50", "1.00"])
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() == "cov"
    with pytest.raises(ValueError, match="square"):
        plot_covariance_heatmap(np.ones((2, 3)), ["a", "b"])
    with pytest.raises(ValueError, match="label"):
        plot_covariance_heatmap(m, ["only one"])


# --- widget --------------------------------------------------------------------------------


def test_describe_mixture_reports_mean_and_variance():
    text = describe_mixture(0.25, (-2.0, 2.0), (1.0, 3.0))
    assert "mean = 1.000" in text and "variance = 10.000" in text
    assert "0.25·N(-2.00, 1.00²)" in text and "0.75·N(2.00, 3.00²)" in text


def test_draw_mixture_returns_a_titled_figure():
    fig = draw_mixture(0.5, (-1.0, 1.0), (0.5, 0.5))
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() == "x" and ax.get_legend() is not None


def test_mixture_explorer_updates_on_slider_changes():
    box = mixture_explorer(weight=0.3, means=(-2.0, 2.0), stds=(0.7, 1.2))
    assert set(box.sliders) == {"w", "mu1", "mu2", "sigma1", "sigma2"}
    assert "0.30·N(-2.00, 0.70²)" in box.summary.value
    box.sliders["w"].value = 1.0
    box.sliders["mu1"].value = 3.0
    assert "mean = 3.000" in box.summary.value
    box.sliders["sigma1"].value = 2.0
    assert "variance = 4.000" in box.summary.value


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weight": 1.5}, r"weight must lie in \[0, 1\]"),
        ({"means": (0.0,)}, "exactly two"),
        ({"stds": (1.0, 0.0)}, "positive"),
    ],
)
def test_mixture_explorer_rejects_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mixture_explorer(**kwargs)


def test_helpers_import_does_not_import_torch():
    import subprocess
    import sys

    code = "import helpers, helpers.plots.distributions, helpers.widgets.mixture, sys; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
