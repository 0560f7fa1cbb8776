"""Unit tests of the chapter-3 helpers: optimizer paths (student class or precomputed), surfaces, plots, the widget."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.optim_demo import (  # noqa: E402
    PRECOMPUTED_FILE,
    ill_conditioned_quadratic,
    optimizer_path,
    precomputed_path,
    saddle_surface,
    sign_changes,
    trace_path,
)
from helpers.plots.optimizer_paths import plot_optimizer_paths, plot_surface_contours  # noqa: E402
from helpers.widgets.learning_rate import (  # noqa: E402
    classify_run,
    describe_run,
    draw_learning_rate,
    learning_rate_explorer,
    parabola_descent,
)

from conftest import REPO  # noqa: E402

CHAPTER = "03_gradient_descent"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


class PlainSGD:
    """The chapter's optimizer interface, as the notebook's SGD example writes it (not graded)."""

    def __init__(self, lr=0.1):
        self.lr = lr

    def step(self, params, grads):
        for name, p in params.items():
            p -= self.lr * grads[name]


class ReplacingSGD(PlainSGD):
    """Puts new arrays into params instead of updating in place (a rule break, but traceable)."""

    def step(self, params, grads):
        for name in params:
            params[name] = params[name] - self.lr * grads[name]


class NotWritten:
    def __init__(self, **hyperparameters):
        raise NotImplementedError("not answered yet")


class HalfWritten:
    def __init__(self, **hyperparameters):
        pass

    def step(self, params, grads):
        raise NotImplementedError("not answered yet")


class Broken:
    def __init__(self, **hyperparameters):
        pass

    def step(self, params, grads):
        raise KeyError("velocity")


@pytest.fixture(scope="module")
def model_answers():
    """The chapter's model optimizer classes, from the solution notebook (instructor side)."""
    from autograder.examples import reference_answers

    namespace = {"np": np}
    for name, source in reference_answers(CHAPTER).items():
        exec(compile(source, f"<{name}>", "exec"), namespace)  # noqa: S102 - our own solution cells
    return namespace


def stored_entries():
    return json.loads((REPO / "helpers" / PRECOMPUTED_FILE).read_text(encoding="utf-8"))["paths"]


def surface_named(name):
    (surface,) = [s for s in (ill_conditioned_quadratic(20.0), saddle_surface()) if s.name == name]
    return surface


# --- trace_path -----------------------------------------------------------------------------------


def test_trace_path_drives_the_step_interface():
    # f(x) = x²/2 per coordinate: x_k = (1 - lr)^k x_0
    start = np.array([2.0, -1.0])
    path = trace_path(PlainSGD(lr=0.1), lambda x: x, start, 5)
    assert path.shape == (6, 2)
    np.testing.assert_allclose(path, start * 0.9 ** np.arange(6)[:, None], rtol=1e-14)
    np.testing.assert_array_equal(start, [2.0, -1.0])
    np.testing.assert_allclose(trace_path(ReplacingSGD(lr=0.1), lambda x: x, start, 5), path, rtol=1e-14)
    assert trace_path(PlainSGD(), lambda x: x, np.array(3.0), 0).shape == (1,)
    with pytest.raises(ValueError, match="non-negative"):
        trace_path(PlainSGD(), lambda x: x, start, -1)


# --- optimizer_path: the student's class, else the precomputed path -----------------------------------


def test_optimizer_path_runs_a_working_class():
    surface = ill_conditioned_quadratic(20.0)
    path, source = optimizer_path(PlainSGD, "SGD", surface, 10, lr=0.09)
    assert source == "run with SGD"
    np.testing.assert_allclose(path, trace_path(PlainSGD(lr=0.09), surface.gradient, surface.start, 10))


@pytest.mark.parametrize(("cls", "reason"), [(None, "Adam is not given"), (NotWritten, "Adam is not written yet"),
                                             (HalfWritten, "Adam is not written yet"),
                                             (Broken, "your Adam raised KeyError")])
def test_optimizer_path_falls_back_to_the_precomputed_path(cls, reason):
    surface = saddle_surface()
    path, source = optimizer_path(cls, "Adam", surface, 60, lr=0.3)
    assert source.startswith("precomputed: ") and reason in source
    np.testing.assert_array_equal(path, precomputed_path("Adam", surface, 60, lr=0.3))
    assert path.shape == (61, 2)
    np.testing.assert_array_equal(path[0], surface.start)


def test_precomputed_path_fills_in_the_defaults_and_refuses_other_settings():
    valley = ill_conditioned_quadratic(20.0)
    defaults = precomputed_path("Adadelta", valley, 60)
    np.testing.assert_array_equal(defaults, precomputed_path("Adadelta", valley, 60, lr=1.0, rho=0.95, eps=1e-6))
    with pytest.raises(ValueError, match=r"no precomputed path of Adam.*Stored: 60 steps.*Write Adam"):
        precomputed_path("Adam", valley, 60, lr=0.1)
    with pytest.raises(ValueError, match="no precomputed path"):
        precomputed_path("Adam", valley, 59, lr=0.3)
    with pytest.raises(ValueError, match="no precomputed path"):
        precomputed_path("Adam", valley, 60, start=(1.0, 1.0), lr=0.3)
    with pytest.raises(ValueError, match="no hyper-parameter"):
        precomputed_path("Adam", valley, 60, momentum=0.9)
    with pytest.raises(ValueError, match="no precomputed paths for 'LBFGS'"):
        precomputed_path("LBFGS", valley, 60)
    with pytest.raises(ValueError, match="no precomputed path of Adam"):  # a broken class cannot hide bad settings
        optimizer_path(Broken, "Adam", valley, 60, lr=0.1)


def test_sign_changes_skips_zeros():
    assert sign_changes([1.0, -1.0, 2.0]) == 2
    assert sign_changes([1.0, 0.0, -1.0, -2.0, 0.0, 3.0]) == 2
    assert sign_changes([]) == 0 and sign_changes([0.0, 0.0]) == 0


# --- the precomputed data ---------------------------------------------------------------------------


def test_precomputed_paths_are_what_the_instructor_script_writes():
    """The stored file is up to date with the graders' reference rules (``python -m autograder.demo_paths``)."""
    from autograder.demo_paths import demo_data

    fresh = demo_data()
    stored = json.loads((REPO / "helpers" / PRECOMPUTED_FILE).read_text(encoding="utf-8"))
    assert stored["defaults"] == fresh["defaults"]
    assert len(stored["paths"]) == len(fresh["paths"])
    for old, new in zip(stored["paths"], fresh["paths"]):
        assert {k: v for k, v in old.items() if k != "points"} == {k: v for k, v in new.items() if k != "points"}
        np.testing.assert_allclose(old["points"], new["points"], rtol=1e-12, atol=1e-14)


def test_model_answers_reproduce_every_precomputed_path(model_answers):
    """The model solutions and the judges' reference rules agree on every demo path."""
    for entry in stored_entries():
        surface = surface_named(entry["surface"])
        path, source = optimizer_path(model_answers[entry["optimizer"]], entry["optimizer"], surface, entry["steps"],
                                      start=entry["start"], **entry["hyperparameters"])
        assert source.startswith("run with")
        np.testing.assert_allclose(path, entry["points"], rtol=1e-9, atol=1e-12, err_msg=str(entry["hyperparameters"]))


def test_stored_paths_show_what_the_text_says():
    """The facts of section 7's "things to notice", from the stored paths (the slow claims test runs the notebook)."""
    valley, saddle = ill_conditioned_quadratic(20.0), saddle_surface()
    demo = {"Momentum": {"lr": 0.05, "momentum": 0.8}, "Nesterov": {"lr": 0.05, "momentum": 0.8},
            "Adagrad": {"lr": 1.0}, "RMSProp": {"lr": 0.15}, "Adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-2},
            "Adam": {"lr": 0.3}}
    on_valley = {name: precomputed_path(name, valley, 60, **hp) for name, hp in demo.items()}
    on_saddle = {name: precomputed_path(name, saddle, 60, **hp) for name, hp in demo.items()}
    first = {name: np.abs(path[1] - path[0]) for name, path in on_valley.items()}
    np.testing.assert_allclose(first["Adagrad"], [1.0, 1.0], rtol=1e-6)
    np.testing.assert_allclose(first["Adam"], [0.3, 0.3], rtol=1e-6)
    np.testing.assert_allclose(first["RMSProp"], 0.15 / np.sqrt(0.1), rtol=1e-6)  # lr / sqrt(1 - rho)
    np.testing.assert_allclose(first["Adadelta"], np.sqrt(0.01 / 0.1), rtol=1e-2)  # sqrt(eps / (1 - rho))
    adadelta_defaults = precomputed_path("Adadelta", valley, 60)
    assert abs(adadelta_defaults[1, 0] - adadelta_defaults[0, 0]) == pytest.approx(np.sqrt(1e-6 / 0.05), rel=1e-3)
    assert valley(adadelta_defaults[-1]) > 14
    gaps = {name: valley.gap(path[-1]) for name, path in on_valley.items()}
    assert max(gaps, key=gaps.get) == "Adam"
    assert sign_changes(on_valley["Nesterov"][:, 1]) < sign_changes(on_valley["Momentum"][:, 1])
    ridge = {name: int(np.flatnonzero(np.abs(path[:, 1]) > 0.5)[0]) for name, path in on_saddle.items()}
    assert max(ridge["Adagrad"], ridge["RMSProp"], ridge["Adam"]) <= 2 < ridge["Adadelta"] < ridge["Nesterov"]
    assert ridge["Nesterov"] < ridge["Momentum"]


def test_precomputed_file_is_package_data():
    """A regular install (Colab) must ship the JSON file; setuptools only takes listed data files."""
    import fnmatch
    import tomllib

    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    assert any(fnmatch.fnmatch(PRECOMPUTED_FILE, pattern) for pattern in package_data.get("helpers", []))


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
    assert s.gap(np.array([0.0, 0.0])) == 0.25 and s.gap(np.array([0.0, -1.0])) == 0.0
    with pytest.raises(ValueError):
        ill_conditioned_quadratic(0.0)


# --- plots ----------------------------------------------------------------------------------------


def test_plot_optimizer_paths_labels_everything():
    surface = saddle_surface()
    paths = {"SGD": trace_path(PlainSGD(lr=0.1), surface.gradient, surface.start, 10),
             "Adam": precomputed_path("Adam", surface, 60, lr=0.3)}
    ax = plot_optimizer_paths(surface, paths)
    assert ax.get_title() and ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"SGD", "Adam", "start", "minimum"} <= set(labels)
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
    [(0.001, "crawls"), (0.01, "crawls"), (0.1, "converges"), (0.3, "converges"), (0.8, "converges"), (1.0, "stalls"),
     (1.05, "diverges")],
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


# --- issue 16, point 5: the learning-rate explorer's verdicts agree with the loss it draws --------


@pytest.mark.parametrize("lr", [0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 0.8, 0.95, 1.0, 1.05, 1.5])
def test_learning_rate_verdicts_agree_with_the_loss(lr):
    path = parabola_descent(lr, start=4.0, steps=20)
    first, last = path[0] ** 2, path[-1] ** 2
    verdict = classify_run(path)
    expected = ("diverges" if last > first else "converges" if last <= 0.01 * first
                else "stalls" if last == first else "crawls")
    assert verdict == expected
    assert f"the loss went from {first:.3g} to {last:.3g}" in describe_run(lr, path)


def test_the_explorers_default_rate_converges_as_its_loss_shows():
    """η = 0.1 takes the loss from 16 to 0.002 in 20 steps: that is converging, not crawling."""
    box = learning_rate_explorer(0.1)
    assert "converges" in box.summary.value and "from 16 to 0.00213" in box.summary.value, box.summary.value
