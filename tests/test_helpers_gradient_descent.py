"""Unit tests of the chapter-3 helpers: demo optimizers, test surfaces, path plots, the learning-rate widget."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.optim_demo import (  # noqa: E402
    DEFAULT_HYPERPARAMETERS,
    OPTIMIZER_NAMES,
    ill_conditioned_quadratic,
    run_optimizer,
    saddle_surface,
)
from helpers.plots.optimizer_paths import plot_optimizer_paths, plot_surface_contours  # noqa: E402
from helpers.widgets.learning_rate import (  # noqa: E402
    classify_run,
    describe_run,
    draw_learning_rate,
    learning_rate_explorer,
    parabola_descent,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def constant_gradient(value):
    return lambda x: np.full_like(x, value, dtype=float)


# --- run_optimizer -------------------------------------------------------------------------------


def test_sgd_on_a_quadratic_matches_the_closed_form():
    # f(x) = x²/2 per coordinate: x_k = (1 - lr)^k x_0
    path = run_optimizer("sgd", lambda x: x, np.array([2.0, -1.0]), 5, lr=0.1)
    assert path.shape == (6, 2)
    expected = np.array([2.0, -1.0]) * 0.9 ** np.arange(6)[:, None]
    np.testing.assert_allclose(path, expected, rtol=1e-14)


def test_momentum_first_two_steps():
    path = run_optimizer("momentum", constant_gradient(1.0), np.array([0.0]), 2, lr=0.1, momentum=0.9)
    # v1 = -0.1, x1 = -0.1; v2 = -0.09 - 0.1 = -0.19, x2 = -0.29
    np.testing.assert_allclose(path[:, 0], [0.0, -0.1, -0.29], rtol=1e-14)


def test_nesterov_first_two_steps_and_equivalence_with_lookahead_form():
    path = run_optimizer("nesterov", constant_gradient(1.0), np.array([0.0]), 2, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(path[:, 0], [0.0, -0.19, -0.19 - 0.271], rtol=1e-14)
    # Sutskever's form, gradient at theta + mu v; its look-ahead points equal the demo's path.
    surface = ill_conditioned_quadratic(10.0)
    lr, mu, steps = 0.03, 0.8, 30
    theta, v = np.array(surface.start), np.zeros(2)
    lookahead = [theta.copy()]
    for _ in range(steps):
        v = mu * v - lr * surface.gradient(theta + mu * v)
        theta = theta + v
        lookahead.append(theta + mu * v)
    path = run_optimizer("nesterov", surface.gradient, surface.start, steps, lr=lr, momentum=mu)
    np.testing.assert_allclose(path, np.array(lookahead), atol=1e-13)
    classical = run_optimizer("momentum", surface.gradient, surface.start, steps, lr=lr, momentum=mu)
    assert np.abs(classical - path).max() > 1e-2


def test_adagrad_steps():
    path = run_optimizer("adagrad", constant_gradient(2.0), np.array([1.0]), 2, lr=0.1, eps=0.0)
    np.testing.assert_allclose(path[:, 0], [1.0, 0.9, 0.9 - 0.1 / np.sqrt(2)], rtol=1e-14)


def test_rmsprop_first_step():
    path = run_optimizer("rmsprop", constant_gradient(2.0), np.array([1.0]), 1, lr=0.01, rho=0.9, eps=0.0)
    np.testing.assert_allclose(path[1, 0], 1.0 - 0.01 * np.sqrt(10), rtol=1e-14)


def test_adam_bias_correction_makes_steps_of_lr():
    path = run_optimizer("adam", constant_gradient(-3.0), np.array([0.0]), 3, lr=0.05, eps=0.0)
    np.testing.assert_allclose(path[:, 0], [0.0, 0.05, 0.1, 0.15], rtol=1e-12)


def test_adadelta_first_step():
    rho, eps, g = 0.95, 1e-6, 2.0
    path = run_optimizer("adadelta", constant_gradient(g), np.array([1.0]), 1, rho=rho, eps=eps)
    np.testing.assert_allclose(path[1, 0], 1.0 - np.sqrt(eps) / np.sqrt((1 - rho) * g * g + eps) * g, rtol=1e-14)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_every_optimizer_descends_the_valley_and_keeps_the_start(name):
    surface = ill_conditioned_quadratic(5.0)
    start = np.array(surface.start)
    hp = {"adagrad": {"lr": 0.5}, "adadelta": {"eps": 1e-2}}.get(name, {"lr": 0.05})
    path = run_optimizer(name, surface.gradient, start, 200, **hp)
    assert path.shape == (201, 2)
    np.testing.assert_array_equal(path[0], surface.start)
    np.testing.assert_array_equal(start, surface.start)
    assert surface(path[-1]) < 0.05 * surface(path[0])


def test_run_optimizer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unknown optimizer"):
        run_optimizer("lbfgs", lambda x: x, np.zeros(2), 3)
    with pytest.raises(ValueError, match="no hyper-parameter"):
        run_optimizer("sgd", lambda x: x, np.zeros(2), 3, momentum=0.9)
    with pytest.raises(ValueError, match="non-negative"):
        run_optimizer("sgd", lambda x: x, np.zeros(2), -1)
    assert set(DEFAULT_HYPERPARAMETERS) == set(OPTIMIZER_NAMES)


# --- surfaces -------------------------------------------------------------------------------------


@pytest.mark.parametrize("surface", [ill_conditioned_quadratic(20.0), saddle_surface()], ids=["valley", "saddle"])
def test_surface_gradients_match_central_differences(surface):
    rng = np.random.default_rng(0)
    h = 1e-6
    for point in rng.uniform(-1.5, 1.5, size=(5, 2)):
        numeric = [(surface(point + h * e) - surface(point - h * e)) / (2 * h) for e in np.eye(2)]
        np.testing.assert_allclose(surface.gradient(point), numeric, rtol=1e-6, atol=1e-7)
    for minimum in surface.minima:
        np.testing.assert_allclose(surface.gradient(np.array(minimum)), 0.0, atol=1e-15)


def test_saddle_values():
    s = saddle_surface()
    assert s(np.array([0.0, 0.0])) == 0.0
    assert s(np.array([0.0, 1.0])) == -0.25
    with pytest.raises(ValueError):
        ill_conditioned_quadratic(0.0)


# --- plots ----------------------------------------------------------------------------------------


def test_plot_optimizer_paths_labels_everything():
    surface = saddle_surface()
    paths = {name: run_optimizer(name, surface.gradient, surface.start, 10, lr=0.1)
             for name in ("sgd", "adam")}
    ax = plot_optimizer_paths(surface, paths)
    assert ax.get_title() and ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"sgd", "adam", "start", "minimum"} <= set(labels)
    with pytest.raises(ValueError, match="shape"):
        plot_optimizer_paths(surface, {"bad": np.zeros((3, 3))})


def test_plot_surface_contours_uses_the_window():
    surface = ill_conditioned_quadratic()
    ax = plot_surface_contours(surface, resolution=20)
    assert ax.get_xlim() == surface.xlim and ax.get_ylim() == surface.ylim
    assert ax.get_title() == surface.formula


# --- learning-rate widget ---------------------------------------------------------------------------


def test_parabola_descent_multiplies_by_one_minus_two_lr():
    path = parabola_descent(0.25, start=4.0, steps=3)
    np.testing.assert_allclose(path, [4.0, 2.0, 1.0, 0.5])
    assert parabola_descent(0.1, steps=0).shape == (1,)
    with pytest.raises(ValueError):
        parabola_descent(0.1, steps=-1)


@pytest.mark.parametrize(
    ("lr", "verdict"),
    [(0.001, "crawls"), (0.01, "crawls"), (0.3, "converges"), (0.8, "converges"), (1.0, "crawls"), (1.05, "diverges")],
)
def test_classify_run(lr, verdict):
    assert classify_run(parabola_descent(lr, start=4.0, steps=20)) == verdict


def test_classify_run_handles_overflow():
    assert classify_run(np.array([1.0, np.inf])) == "diverges"
    assert classify_run(np.array([1.0, np.nan])) == "diverges"


def test_describe_run_mentions_factor_and_verdict():
    text = describe_run(0.3, parabola_descent(0.3))
    assert "+0.400" in text and "converges" in text


def test_draw_learning_rate_titles_and_labels():
    fig, verdict = draw_learning_rate(1.2, steps=10)
    assert verdict == "diverges"
    left, right = fig.axes
    assert "diverges" in left.get_title()
    assert left.get_xlabel() == "x" and right.get_xlabel() == "step k"
    assert right.get_yscale() == "log"
    assert left.get_legend() is not None and right.get_legend() is not None


def test_explorer_callback_updates_without_a_browser():
    box = learning_rate_explorer(0.01, steps=15)
    assert "crawls" in box.summary.value
    box.slider.value = 1.2
    assert "diverges" in box.summary.value
    box.slider.value = 0.3
    assert "converges" in box.summary.value
    with pytest.raises(ValueError):
        learning_rate_explorer(0.0)
