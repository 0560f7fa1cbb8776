"""Unit tests of the chapter-4 helpers: perceptron plots and traces, activation, step and hidden-unit widgets."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plots.perceptron import (  # noqa: E402
    class_probabilities,
    plot_decision_line,
    plot_decision_regions,
    plot_error_counts,
    plot_hidden_space,
    side_of_line,
)
from helpers.widgets.activations import ACTIVATIONS, activation_explorer, draw_activation  # noqa: E402
from helpers.widgets.hidden_units import accuracy_of, hidden_units_explorer  # noqa: E402
from helpers.widgets.perceptron import describe_state, online_perceptron_trace, perceptron_step_explorer  # noqa: E402

CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
OR = np.array([-1, 1, 1, 1])
XOR = np.array([-1, 1, 1, -1])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- perceptron geometry and traces --------------------------------------------------------------


def test_side_of_line_counts_the_line_as_positive():
    points = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 1.0]])
    np.testing.assert_array_equal(side_of_line([1.0, -1.0], 0.0, points), [1, -1, 1])


def test_online_trace_visits_in_order_and_passes_through_the_lectures_states():
    states = online_perceptron_trace([-0.5, 0.75], 0.375, CORNERS, OR, 0.4, [0, 1, 2, 3])
    got = [(round(float(w[0]), 6), round(float(w[1]), 6), round(b, 6)) for w, b in states]
    assert got == [(-0.5, 0.75, 0.375), (-0.5, 0.75, -0.025), (-0.1, 0.75, 0.375), (-0.1, 0.75, -0.025),
                   (0.3, 0.75, 0.375), (0.3, 0.75, -0.025)]
    other = online_perceptron_trace([-0.5, 0.75], 0.375, CORNERS, OR, 0.4, [1, 0, 2, 3])
    assert (round(float(other[1][0][0]), 6), round(other[1][1], 6)) == (-0.1, 0.775)


def test_online_trace_stops_at_max_passes_on_xor():
    states = online_perceptron_trace([0.0, 0.0], 0.0, CORNERS, XOR, 1.0, [0, 1, 2, 3], max_passes=3)
    assert 1 < len(states) <= 1 + 3 * 4
    w, b = states[-1]
    assert np.any(side_of_line(w, b, CORNERS) != XOR)


def test_online_trace_does_not_change_its_inputs():
    w = np.array([-0.5, 0.75])
    points = CORNERS.copy()
    online_perceptron_trace(w, 0.375, points, OR, 0.4, [0, 1, 2, 3])
    np.testing.assert_array_equal(w, [-0.5, 0.75])
    np.testing.assert_array_equal(points, CORNERS)


def test_describe_state_names_the_misclassified_points():
    assert "{a, b}" in describe_state(0, 4, (-0.5, 0.75), 0.375, ["a", "b"])
    assert "separates" in describe_state(4, 4, (0.3, 0.75), -0.025, [])


# --- plots ---------------------------------------------------------------------------------------------


def test_decision_line_plot_is_labelled_and_rings_the_misclassified_points():
    ax = plot_decision_line([-0.5, 0.75], 0.375, CORNERS, OR, names=list("abcd"), title="start")
    assert ax.get_title() == "start" and ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "misclassified" in labels and "target +1" in labels and "target -1" in labels


def test_decision_line_plot_handles_a_vertical_line_and_rejects_bad_points():
    ax = plot_decision_line([1.0, 0.0], -0.5, CORNERS, OR)
    assert ax.get_title()
    with pytest.raises(ValueError, match="shape"):
        plot_decision_line([1.0, 1.0], 0.0, np.zeros((4, 3)), OR)
    with pytest.raises(ValueError, match="labels"):
        plot_decision_line([1.0, 1.0], 0.0, CORNERS, OR[:3])


def test_error_counts_plot_has_one_line_per_run():
    ax = plot_error_counts({"AND": [2, 1, 0], "XOR": [3, 2, 2, 2]})
    assert len(ax.get_lines()) == 2 and ax.get_xlabel() == "epoch" and ax.get_title()
    with pytest.raises(ValueError):
        plot_error_counts({})


def test_hidden_space_plot_groups_points_that_coincide():
    hidden = np.array([[-1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, -1.0]])
    left, right = plot_hidden_space(CORNERS, XOR, hidden, names=list("abcd"),
                                    hidden_lines=[([1.0, 1.0], -0.5), ([-1.0, -1.0], 1.5)],
                                    output_line=([1.0, 1.0], -1.0), title="XOR")
    texts = [t.get_text() for t in right.texts]
    assert "b, c" in texts and left.get_title() and right.get_xlabel() == "hidden unit 1"
    with pytest.raises(ValueError, match="two hidden units"):
        plot_hidden_space(CORNERS, XOR, np.zeros((4, 3)))


def test_class_probabilities_are_stable_and_sum_to_one():
    p = class_probabilities(np.array([[1000.0, 0.0], [0.0, 0.0], [-1000.0, 1000.0]]))
    np.testing.assert_allclose(p, [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])


def test_decision_regions_plot_and_its_input_checks():
    points = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    labels = np.array([0, 1, 1])
    ax = plot_decision_regions(lambda p: np.column_stack([-p.sum(axis=1), p.sum(axis=1) - 0.5]), points, labels,
                               title="regions", resolution=30)
    assert ax.get_title() == "regions" and ax.get_xlabel() == "x1"
    with pytest.raises(ValueError, match="scores of shape"):
        plot_decision_regions(lambda p: p.sum(axis=1), points, labels, resolution=10)


# --- widgets ---------------------------------------------------------------------------------------------


def test_activation_derivatives_match_central_differences():
    xs = np.array([-3.0, -0.7, 0.4, 2.5])
    for name, (f, df, _) in ACTIVATIONS.items():
        numeric = (f(xs + 1e-6) - f(xs - 1e-6)) / 2e-6
        np.testing.assert_allclose(df(xs), numeric, atol=1e-6, err_msg=name)


def test_activation_figure_and_widget():
    fig = draw_activation("ReLU", 1.0)
    assert all(ax.get_title() for ax in fig.axes)
    box = activation_explorer("tanh", 0.5)
    assert "tanh" in box.summary.value
    box.choice.value = "sigmoid"
    box.point.value = 0.0
    assert "0.2500" in box.summary.value
    with pytest.raises(ValueError, match="unknown activation"):
        activation_explorer("swish")


def test_perceptron_step_explorer_clamps_short_traces():
    traces = {"long": [([0.0, 1.0], 0.0), ([1.0, 1.0], -0.5), ([1.0, 1.0], -0.5)], "short": [([1.0, 1.0], -0.5)]}
    box = perceptron_step_explorer(traces, CORNERS, OR, names=list("abcd"))
    assert box.step.max == 2
    box.step.value = 2
    assert "step 2 of 2" in box.summary.value
    box.choice.value = "short"
    assert "step 0 of 0" in box.summary.value and "separates" in box.summary.value
    with pytest.raises(ValueError):
        perceptron_step_explorer({"empty": []}, CORNERS, OR)


def test_hidden_units_explorer_trains_each_width_once():
    calls = []

    def fit(points, labels, width):
        calls.append(width)
        return lambda p: np.column_stack([-p[:, 0], p[:, 0]]) * width

    points = np.array([[-1.0, 0.0], [1.0, 0.0], [2.0, 1.0]])
    labels = np.array([0, 1, 1])
    box = hidden_units_explorer(fit, points, labels, hidden=2, choices=(1, 2, 4))
    assert calls == [2] and "100.0%" in box.summary.value
    box.slider.value = 4
    box.slider.value = 2
    assert calls == [2, 4]
    assert accuracy_of(box.trained[4], points, labels) == 1.0
    with pytest.raises(ValueError, match="not one of"):
        hidden_units_explorer(fit, points, labels, hidden=3, choices=(1, 2))
