"""Plots are labelled and reject bad input; the linear-map widget redraws without a browser."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plots.images import show_images  # noqa: E402
from helpers.plots.linear_maps import plot_linear_map, plot_vectors, summarize_linear_map  # noqa: E402
from helpers.widgets.linear_map import describe, linear_map_explorer  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_show_images_titles_each_image():
    fig = show_images(np.zeros((5, 4, 4)), [1, 2, 3, 4, 5], ncols=3, title="digits")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["1", "2", "3", "4", "5"] and fig._suptitle.get_text() == "digits"


@pytest.mark.parametrize("images, labels, phrase", [
    (np.zeros((4, 4)), None, "shape"),
    (np.zeros((2, 4, 4)), [1], "2 images but 1 labels"),
    (np.zeros((0, 4, 4)), None, "no images"),
])
def test_show_images_rejects_bad_input(images, labels, phrase):
    with pytest.raises(ValueError, match=phrase):
        show_images(images, labels)


def test_summary_of_a_shear_and_a_rotation():
    shear = summarize_linear_map(np.array([[1.0, 1.0], [0.0, 1.0]]))
    assert shear.determinant == pytest.approx(1.0) and shear.orientation == "keeps orientation"
    rotation = summarize_linear_map(np.array([[0.0, -1.0], [1.0, 0.0]]))
    assert rotation.eigenvectors is None
    flip = summarize_linear_map(np.array([[0.0, 1.0], [1.0, 0.0]]))
    assert flip.orientation == "flips orientation"
    np.testing.assert_allclose(sorted(flip.eigenvalues), [-1.0, 1.0])
    with pytest.raises(ValueError, match="2x2"):
        summarize_linear_map(np.eye(3))


def test_linear_map_plot_is_labelled():
    ax = plot_linear_map(np.array([[2.0, 0.0], [0.0, 3.0]]))
    assert ax.get_xlabel() and ax.get_ylabel() and "A =" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("det = 6.00" in t for t in legend)
    assert sum("eigenvector" in t for t in legend) == 2


def test_plot_vectors_labels_each_vector():
    ax = plot_vectors([[1, 2], [3, -1]])
    assert len(ax.get_legend().get_texts()) == 2 and ax.get_title()


def test_widget_redraws_when_a_slider_moves():
    box = linear_map_explorer(np.eye(2))
    assert "det = 1.000" in box.summary.value
    box.sliders["a"].value = 2.0
    assert box.summary.value == describe(np.array([[2.0, 0.0], [0.0, 1.0]]))
    assert "det = 2.000" in box.summary.value
    box.sliders["d"].value = 0.0
    assert "collapses" in box.summary.value


def test_a_shear_has_one_eigen_direction_and_the_plot_shows_it_once():
    shear = summarize_linear_map(np.array([[1.0, 1.0], [0.0, 1.0]]))
    (value, direction), = shear.eigen_directions
    assert value == 1.0 and abs(direction[1]) < 1e-6
    assert len(summarize_linear_map(np.diag([2.0, 3.0])).eigen_directions) == 2
    ax = plot_linear_map(np.array([[1.0, 1.0], [0.0, 1.0]]))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sum("eigenvector" in t for t in labels) == 1 and "only eigen-direction" in " ".join(labels)
    plt.close("all")
