"""Unit tests of the chapter-5 helpers: autograd-graph and result plots, the learning-rate/batch-size
widget, and the public watching tools of the chapter's checks (host batches, autograd calls, step losses)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from torch import nn  # noqa: E402

from helpers.checking.exercises.pytorch import (  # noqa: E402
    assert_tensor,
    autograd_calls,
    device_mixups,
    host_loader,
    kit,
    recipe_problems,
)
from helpers.plots.pytorch import (  # noqa: E402
    backward_graph,
    confusion_matrix,
    grad_fn_chain,
    plot_backward_graph,
    plot_confusion_matrix,
    plot_loss_curves,
    plot_timings,
    plot_weight_histograms,
    prediction_grid,
)
from helpers.widgets.training_knobs import (  # noqa: E402
    ShortRun,
    describe,
    draw_runs,
    learning_rate_batch_size_explorer,
    short_training,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- autograd graphs --------------------------------------------------------------------------------


def test_backward_graph_of_the_lecture_example():
    x = torch.randn(3, 4, requires_grad=True)
    z = torch.randn(3, 4, requires_grad=True)
    c = (x * torch.randn(3, 4) + z).sum()
    nodes = backward_graph(c, {"x": x, "z": z})
    assert [n.name for n in nodes][:2] == ["SumBackward0", "AddBackward0"]
    names = {n.name for n in nodes}
    assert {"x.grad (AccumulateGrad)", "z.grad (AccumulateGrad)", "MulBackward0"} <= names
    depth = {n.name: n.depth for n in nodes}
    assert depth["x.grad (AccumulateGrad)"] == 3 and depth["z.grad (AccumulateGrad)"] == 2
    text = grad_fn_chain(c, {"x": x, "z": z})
    assert text.splitlines()[0] == "SumBackward0" and "    AddBackward0" in text


def test_shared_leaf_appears_once_at_its_greatest_depth():
    x = torch.tensor(3.5, requires_grad=True)
    f = (x - 1) * (x - 2) * (x - 3)
    nodes = backward_graph(f, {"x": x})
    leaves = [n for n in nodes if n.name.startswith("x.grad")]
    assert len(leaves) == 1 and leaves[0].depth == 3
    assert isinstance(plot_backward_graph(f, {"x": x}), Figure)


def test_a_leaf_has_no_graph():
    leaf = torch.ones(2, requires_grad=True)
    assert backward_graph(leaf) == []
    assert "no grad_fn" in grad_fn_chain(leaf)
    with pytest.raises(ValueError, match="no grad_fn"):
        plot_backward_graph(leaf)


# --- result plots ----------------------------------------------------------------------------------


def test_confusion_matrix_counts_and_validates():
    m = confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2], 3)
    np.testing.assert_array_equal(m, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    assert m.sum() == 4
    with pytest.raises(ValueError, match="labels must lie"):
        confusion_matrix([0, 3], [0, 1], 3)
    with pytest.raises(ValueError, match="differ in shape"):
        confusion_matrix([0, 1], [0], 3)
    fig = plot_confusion_matrix(m, title="t")
    assert fig.axes[0].get_xlabel() == "predicted class" and fig.axes[0].get_title() == "t"


def test_prediction_grid_marks_mistakes():
    images = np.zeros((4, 784))
    fig = prediction_grid(images, [1, 2, 3, 4], [1, 2, 0, 4], ncols=2, title="grid")
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["pred 1 / true 1", "pred 2 / true 2", "pred 3 / true 0", "pred 4 / true 4"]
    assert fig.axes[2].title.get_color() == "red" and fig.axes[0].title.get_color() == "black"
    assert "3 of 4 right" in fig._suptitle.get_text()
    with pytest.raises(ValueError):
        prediction_grid(np.zeros((2, 28, 28)), [1], [1, 2])


def test_curve_timing_and_histogram_plots_are_labelled():
    fig = plot_loss_curves({"a": [1.0, 0.5], "b": [1.0, 0.1]}, title="curves")
    ax = fig.axes[0]
    assert ax.get_title() == "curves" and ax.get_yscale() == "log" and len(ax.get_legend().get_texts()) == 2
    fig = plot_timings({"one": 0.002, "two": 0.004}, title="times")
    assert fig.axes[0].get_xlabel() == "ms per epoch"
    fig = plot_weight_histograms({"w": np.random.default_rng(0).normal(size=100)}, title="weights")
    assert "std" in fig.axes[0].get_legend().get_texts()[0].get_text()
    for bad in (lambda: plot_loss_curves({}, title="x"), lambda: plot_timings({}, title="x"),
                lambda: plot_weight_histograms({}, title="x")):
        with pytest.raises(ValueError):
            bad()


# --- the learning-rate / batch-size widget -----------------------------------------------------------


def _tiny_data(n=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 5, generator=g)
    y = (x[:, 0] > 0).long()
    return x, y


def _make_model():
    return nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 2))


def test_short_training_is_seeded_and_leaves_the_global_rng_alone():
    data, val = _tiny_data(), _tiny_data(32, 1)
    torch.manual_seed(123)
    before = torch.get_rng_state()
    a = short_training(_make_model, data, val, lr=0.5, batch_size=16, epochs=2)
    assert torch.equal(torch.get_rng_state(), before)
    b = short_training(_make_model, data, val, lr=0.5, batch_size=16, epochs=2)
    assert a.train_loss == b.train_loss and a.val_accuracy == b.val_accuracy
    assert a.updates_per_epoch == 4 and len(a.train_loss) == 2 and not a.diverged
    with pytest.raises(ValueError):
        short_training(_make_model, data, val, lr=0.0, batch_size=16)


def test_describe_and_draw_runs():
    good = ShortRun(0.1, 16, [1.0, 0.5], [0.6, 0.8], 4, 0.2)
    bad = ShortRun(10.0, 16, [1.0, float("nan")], [0.5, 0.1], 4, 0.2)
    assert bad.diverged and "diverged" in describe(bad)
    assert "4 updates per epoch" in describe(good) and "80.0%" in describe(good)
    fig = draw_runs(good, [bad])
    assert len(fig.axes) == 2 and fig.axes[0].get_yscale() == "log"


def test_explorer_trains_each_setting_once():
    box = learning_rate_batch_size_explorer(_make_model, _tiny_data(), _tiny_data(32, 1), lrs=(0.1, 0.5),
                                            batch_sizes=(16, 64), lr=0.1, batch_size=16, epochs=1)
    assert list(box.cache) == [(0.1, 16)]
    box.sliders["batch_size"].value = 64
    box.sliders["batch_size"].value = 16
    assert set(box.cache) == {(0.1, 16), (0.1, 64)}
    assert "lr = 0.1, batch size 16" in box.summary.value
    with pytest.raises(ValueError):
        learning_rate_batch_size_explorer(_make_model, _tiny_data(), _tiny_data(), lr=0.3)


# --- watching tools of the checks ----------------------------------------------------------------------


def test_autograd_calls_sees_backward_and_grad():
    w = torch.ones(2, requires_grad=True)
    _, calls = autograd_calls(lambda: (w * w).sum().backward())
    assert calls == ["Tensor.backward"]
    _, calls = autograd_calls(lambda: torch.autograd.grad((w * 3).sum(), w))
    assert calls == ["torch.autograd.grad"]
    _, calls = autograd_calls(lambda: (w.detach() * 2).sum().item())
    assert calls == []


def test_host_batches_must_be_moved_before_meeting_the_model():
    model = nn.Linear(3, 2)
    loader = host_loader(torch.randn(5, 3), torch.tensor([0, 1, 0, 1, 1]), 2)

    def moved(loader):
        return [(model(x.to("cpu")).argmax(1) == y.to("cpu")).sum().item() for x, y in loader]

    def labels_left(loader):
        return [(model(x.to("cpu")).argmax(1) == y).sum().item() for x, y in loader]

    def compared_on_host(loader):
        return [(model(x.to("cpu")).argmax(1).cpu() == y).sum().item() for x, y in loader]

    def inputs_left(loader):
        return [model(x).sum().item() for x, _ in loader]

    assert device_mixups(moved, loader)[1] == []
    assert device_mixups(labels_left, loader)[1] == ["__eq__"]
    assert device_mixups(compared_on_host, loader)[1] == []
    assert device_mixups(inputs_left, loader)[1] == ["linear"]
    assert [len(y) for _, y in loader] == [2, 2, 1] and device_mixups(lambda: len(loader.dataset))[1] == []


def test_watch_flags_losses_added_up_with_their_graphs():
    k = kit()
    w = torch.ones(2, requires_grad=True)
    loss_fn = k.StepLoss(lambda out, _target: (out * w).sum())

    def run(accumulate):
        total = 0.0
        for _ in range(3):
            loss = loss_fn(torch.ones(2), None)
            total = total + (loss if accumulate else loss.item() * 2)
            scaled = loss * 4  # arithmetic on one step's loss is fine
            scaled.backward()
        return total

    with k.Watch() as watch:
        run(False)
    assert not watch.accumulated
    with k.Watch() as watch:
        run(True)
    assert watch.accumulated


def test_assert_tensor_and_recipe_problems():
    assert_tensor(torch.tensor([1.0, 2.0]), [1.0, 2.0], label="t", dtype=torch.float32, device="cpu")
    with pytest.raises(AssertionError, match="dtype"):
        assert_tensor(torch.tensor([1.0]), [1.0], label="t", dtype=torch.float64)
    with pytest.raises(AssertionError, match="torch tensor"):
        assert_tensor(np.ones(2), [1.0, 1.0], label="t")
    model = nn.Linear(784, 10)
    good = {"model": model, "optimizer": torch.optim.SGD(model.parameters(), lr=0.1), "epochs": 2, "batch_size": 64}
    assert recipe_problems(good) == []
    assert any("300,000" in p for p in recipe_problems({**good, "model": nn.Linear(784, 400)}))
    other = nn.Linear(784, 10)
    assert "all of the model's parameters" in recipe_problems({**good, "optimizer": torch.optim.SGD(other.parameters(), lr=1)})[0]
    assert recipe_problems({**good, "epochs": 4}) and recipe_problems({**good, "batch_size": 16})
    assert recipe_problems([]) == ["mnist_recipe() should return a dict, got list"]
