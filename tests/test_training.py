"""fit / evaluate / predict, the two batch paths, history plots and the first-batch checks.

All data here is small and synthetic (MNIST only where noted, skipped without the offline
copy), so the whole file runs in a few seconds on a CPU.
"""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402
from torch.utils.data import Dataset  # noqa: E402

from helpers.training import (  # noqa: E402
    EarlyStopping,
    History,
    LoaderBatches,
    TensorBatches,
    evaluate,
    fit,
    make_batches,
    mnist_tensors,
    predict,
)
from helpers.training.checks import check_inputs  # noqa: E402

CPU = torch.device("cpu")


def separable(n: int = 512, features: int = 6, classes: int = 3, seed: int = 0):
    """Points labelled by the arg-max of a fixed linear map: linearly separable by construction."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, features, generator=g)
    w = torch.randn(features, classes, generator=g)
    return x, (x @ w).argmax(1)


def mlp(features: int = 6, classes: int = 3, seed: int = 0, dropout: float = 0.0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Dropout(dropout), nn.Linear(32, classes))


def train(model: nn.Module, data, *, epochs: int = 3, seed: int = 0, lr: float = 0.01, **kwargs) -> History:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    return fit(model, nn.CrossEntropyLoss(), optimizer, data, epochs=epochs, batch_size=32,
               seed=seed, progress=False, **kwargs)


class PairDataset(Dataset):
    """A per-sample dataset, as users write them (the loader path)."""

    def __init__(self, x: torch.Tensor, y: torch.Tensor) -> None:
        self.x, self.y = x, y

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i: int):
        return self.x[i], self.y[i]


# ---------------------------------------------------------------------------------- learning


def test_a_model_learns_a_linearly_separable_set():
    x, y = separable()
    model = mlp()
    history = train(model, (x, y), epochs=8, val=separable(200, seed=1))
    assert len(history) == 8 and history.epochs == list(range(1, 9))
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert history.train_accuracy[-1] > history.train_accuracy[0]
    assert history.train_accuracy[-1] > 0.9
    assert set(history.metrics) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    result = evaluate(model, nn.CrossEntropyLoss(), (x, y))
    assert result.accuracy > 0.9 and result.samples == len(x)
    assert math.isclose(result.loss, evaluate(model, nn.CrossEntropyLoss(), (x, y), batch_size=7).loss,
                        rel_tol=1e-5)


def test_seeded_runs_are_bitwise_identical_and_leave_the_global_rng_alone():
    x, y = separable()
    results = []
    for _ in range(2):
        model = mlp(dropout=0.3)
        state = torch.get_rng_state()
        history = train(model, (x, y), seed=7)
        assert torch.equal(torch.get_rng_state(), state)  # fit forks the RNG
        results.append((history.metrics, [p.detach().clone() for p in model.parameters()]))
    assert results[0][0] == results[1][0]
    assert all(torch.equal(a, b) for a, b in zip(results[0][1], results[1][1]))
    other = mlp(dropout=0.3)
    train(other, (x, y), seed=8)
    assert not torch.equal(next(other.parameters()), results[0][1][0])


@pytest.mark.parametrize("in_memory", [True, False], ids=["tensor-path", "loader-path"])
def test_continuing_with_history_equals_one_longer_run(in_memory):
    x, y = separable()

    def run(splits, *, keep_history=True):
        model = mlp(dropout=0.3)  # dropout: the model's RNG must carry on too
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        history = None
        for epochs in splits:
            data = (x, y) if in_memory else PairDataset(x, y)
            history = fit(model, nn.CrossEntropyLoss(), optimizer, data, epochs=epochs,
                          batch_size=32, seed=3, progress=False,
                          history=history if keep_history else None)
        return history, [p.detach().clone() for p in model.parameters()]

    whole, whole_params = run([4])
    parts, parts_params = run([2, 1, 1])
    assert parts.epochs == [1, 2, 3, 4]
    assert parts.metrics == whole.metrics
    assert all(torch.equal(a, b) for a, b in zip(whole_params, parts_params))
    restarted, restarted_params = run([2, 2], keep_history=False)  # replays the seed's orders
    assert not torch.equal(restarted_params[0], whole_params[0])


# ---------------------------------------------------------------------------------- batches


def test_tensor_and_loader_paths_yield_the_same_batches_in_the_same_order():
    x, y = separable(100)
    fast = make_batches(x, y, batch_size=16, shuffle=True, seed=3, in_memory=True)
    loader = make_batches(x, y, batch_size=16, shuffle=True, seed=3, in_memory=False)
    dataset = make_batches(PairDataset(x, y), batch_size=16, shuffle=True, seed=3)
    assert isinstance(fast, TensorBatches) and isinstance(loader, LoaderBatches)
    assert isinstance(dataset, LoaderBatches)
    assert len(fast) == len(loader) == len(dataset) == 7
    for _epoch in range(2):  # each iteration is a new epoch with a new order, in step
        batches = [list(fast), list(loader), list(dataset)]
        for a, b, c in zip(*batches):
            assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])
            assert torch.equal(a[0], c[0]) and torch.equal(a[1], c[1])
    first = torch.cat([b[1] for b in make_batches(x, y, batch_size=16, shuffle=True, seed=3)])
    second = torch.cat([b[1] for b in make_batches(x, y, batch_size=16, shuffle=True, seed=4)])
    assert sorted(first.tolist()) == sorted(y.tolist()) and not torch.equal(first, second)


def test_tensor_and_loader_paths_train_identically():
    x, y = separable(200)
    runs = []
    for in_memory in (True, False):
        model = mlp(dropout=0.2)
        data = make_batches(x, y, batch_size=32, shuffle=True, seed=5, in_memory=in_memory, device=CPU)
        history = train(model, data, seed=5)
        runs.append((history.metrics, [p.detach().clone() for p in model.parameters()]))
    assert runs[0][0] == runs[1][0]
    assert all(torch.equal(a, b) for a, b in zip(runs[0][1], runs[1][1]))


def test_unshuffled_batches_drop_last_and_length():
    x, y = separable(100)
    batches = make_batches(x, y, batch_size=30, drop_last=True)
    assert len(batches) == 3
    assert torch.equal(torch.cat([b[0] for b in batches]), x[:90])
    assert len(make_batches(x, y, batch_size=30)) == 4
    with pytest.raises(ValueError, match="x has 100 samples but y has 99"):
        make_batches(x, y[:99])


# ---------------------------------------------------------------------------------- errors


def test_targets_of_the_wrong_shape_for_cross_entropy():
    x, y = separable(128)
    with pytest.raises(ValueError) as error:
        train(mlp(), (x, y.reshape(-1, 1)))
    message = str(error.value)
    assert "targets have shape (32, 1) but the model's output has shape (32, 3)" in message
    assert "CrossEntropyLoss targets must be class indices of shape (32,)" in message


def test_labels_that_are_not_int64():
    x, y = separable(128)
    with pytest.raises(TypeError, match=r"targets have dtype torch.uint8; CrossEntropyLoss needs "
                                        r"class indices of dtype torch.int64.*y.long\(\)"):
        train(mlp(), (x, y.to(torch.uint8)))
    with pytest.raises(TypeError, match=r"targets have dtype torch.float32 and shape \(32,\)"):
        train(mlp(), (x, y.float()))
    with pytest.raises(ValueError, match=r"targets contain class 3 but the model's output has 3 columns"):
        train(mlp(), (x, y + 1))


def test_inputs_that_do_not_fit_the_first_layer():
    images = torch.rand(64, 28, 28)
    model = nn.Sequential(nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 10))
    with pytest.raises(ValueError) as error:
        evaluate(model, nn.CrossEntropyLoss(), (images, torch.zeros(64, dtype=torch.long)))
    message = str(error.value)
    assert "inputs have shape (64, 28, 28)" in message
    assert "expects 784 features" in message and "flatten" in message
    with pytest.raises(TypeError, match=r"inputs have dtype torch.uint8 .* x.float\(\) / 255"):
        predict(model, (images * 255).to(torch.uint8).reshape(64, -1))
    with pytest.raises(TypeError, match="inputs have dtype torch.float64 but the model's parameters are torch.float32"):
        predict(model, images.reshape(64, -1).double())


class _HeadDefinedFirst(nn.Module):
    """Registers its output layer before the layers that run first."""

    def __init__(self):
        super().__init__()
        self.head = nn.Linear(16, 10)
        self.body = nn.Sequential(nn.Dropout(0.1), nn.Linear(784, 16), nn.ReLU())

    def forward(self, x):
        return self.head(self.body(x))


class _ReshapesInForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.out = nn.Linear(2 * 26 * 26, 10)

    def forward(self, x):
        return self.out(torch.relu(self.conv(x.view(-1, 1, 28, 28))).flatten(1))


@pytest.mark.parametrize("model", [_HeadDefinedFirst, _ReshapesInForward,
                                   lambda: nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 2, 3), nn.Flatten(),
                                                         nn.Linear(2 * 26 * 26, 10))])
def test_the_first_layer_is_the_one_the_inputs_reach_first(model):
    """Not the first one registered: a head defined before the body, or a CNN fed flat images."""
    torch.manual_seed(0)
    net, x = model(), torch.rand(32, 784)
    torch.manual_seed(1)
    check_inputs(net, x)
    after_check = torch.rand(3)
    torch.manual_seed(1)
    assert torch.equal(torch.rand(3), after_check), "the probing pass leaves the random state as it was"
    history = fit(net, nn.CrossEntropyLoss(), torch.optim.SGD(net.parameters(), lr=0.1),
                  (x, torch.randint(0, 10, (32,))), batch_size=16, epochs=1, progress=False)
    assert len(history.train_loss) == 1
    with pytest.raises(ValueError, match=r"inputs have shape \(32, 28, 28\) but the model's first layer "
                                         r"Linear\(in_features=784.*flatten each sample first"):
        check_inputs(_HeadDefinedFirst(), torch.rand(32, 28, 28))


def test_regression_targets_that_would_broadcast():
    x = torch.randn(64, 3)
    model = nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match=r"targets have shape \(64,\) but the model's output has shape "
                                         r"\(64, 1\); MSELoss compares them element by element"):
        fit(model, nn.MSELoss(), optimizer, (x, x.sum(1)), batch_size=64, progress=False)
    history = fit(model, nn.MSELoss(), optimizer, (x, x.sum(1, keepdim=True)), batch_size=64,
                  epochs=5, progress=False)
    assert "accuracy" not in history.metrics and history.train_loss[-1] < history.train_loss[0]


def test_inputs_on_another_device():
    x, y = separable(64)
    model = mlp()
    with pytest.raises(ValueError, match=r"inputs are on meta but the model's parameters are on cpu"):
        check_inputs(model, x.to("meta"))
    batches = make_batches(x, y, batch_size=32, device="meta")
    with pytest.raises(ValueError, match=r"the batches are on meta but training/evaluation runs on cpu"):
        train(model, batches)


# ---------------------------------------------------------------------------------- side effects


def test_progress_false_prints_nothing(capsys):
    x, y = separable(128)
    train(mlp(), (x, y), val=(x, y))
    evaluate(mlp(), nn.CrossEntropyLoss(), (x, y))
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_progress_bar_reports_on_stderr(capsys):
    x, y = separable(128)
    fit(mlp(), nn.CrossEntropyLoss(), torch.optim.SGD(mlp().parameters(), lr=0.1), (x, y),
        epochs=2, batch_size=32)
    captured = capsys.readouterr()
    assert "epoch 2/2" in captured.err
    assert "epoch 1: loss" in captured.out


def test_history_plot_labels_its_axes():
    x, y = separable(128)
    history = train(mlp(), (x, y), val=(x, y), epochs=3)
    fig = history.plot(title="synthetic")
    axes = fig.get_axes()
    assert [ax.get_xlabel() for ax in axes] == ["epoch", "epoch"]
    assert [ax.get_ylabel() for ax in axes] == ["loss", "accuracy"]
    assert all(ax.get_title() for ax in axes)
    labels = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert labels == ["training", "validation"]
    fig.canvas.draw()  # renders with Agg
    with pytest.raises(ValueError, match="no epochs"):
        History().plot()


def test_evaluate_and_predict_restore_modes():
    x, y = separable(64)
    model = mlp(dropout=0.5)
    model.train()
    model[2].eval()  # a submodule deliberately in eval mode (e.g. frozen) stays so
    evaluate(model, nn.CrossEntropyLoss(), (x, y))
    outputs = predict(model, x)
    assert model.training and model[0].training and not model[2].training
    assert outputs.shape == (64, 3) and outputs.device == CPU
    model.eval()
    train(model, (x, y), epochs=1)
    assert not model.training  # fit trains in train mode but gives the model back as it was


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_evaluate_on_gpu_puts_the_model_back_on_the_cpu():
    x, y = separable(64)
    model = mlp()
    result = evaluate(model, nn.CrossEntropyLoss(), (x, y), device="cuda")
    assert next(model.parameters()).device == CPU and result.samples == 64
    assert predict(model, x, device="cuda").device == CPU
    history = train(model, (x, y), device="cuda", amp=True, epochs=2)
    assert next(model.parameters()).device.type == "cuda" and len(history) == 2
    assert not history.notes


# ---------------------------------------------------------------------------------- callbacks, amp


def test_a_callback_stops_training():
    x, y = separable(128)
    seen = []

    def stop_at_two(epoch, metrics):
        seen.append((epoch, sorted(metrics)))
        return epoch == 2

    history = train(mlp(), (x, y), epochs=10, callbacks=[stop_at_two])
    assert len(history) == 2 and history.stopped_early == 2
    assert seen == [(1, ["accuracy", "loss"]), (2, ["accuracy", "loss"])]


def test_early_stopping_waits_for_patience():
    x, y = separable(128)
    stopper = EarlyStopping("val_loss", patience=2)
    history = train(mlp(), (x, y), val=(x, y), epochs=10, lr=0.0, callbacks=[stopper])
    assert len(history) == 3 and history.stopped_early == 3  # no improvement after epoch 1
    with pytest.raises(KeyError, match="need a validation set"):
        train(mlp(), (x, y), epochs=1, callbacks=[EarlyStopping("val_loss")])


def test_amp_on_cpu_is_ignored_with_a_note():
    x, y = separable(64)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = train(mlp(), (x, y), epochs=1, amp=True)
    assert any("amp=True ignored" in str(w.message) for w in caught)
    assert history.notes and "CUDA" in history.notes[0]


# ---------------------------------------------------------------------------------- MNIST


def test_mnist_tensors_scaled_and_shaped():
    import helpers
    from helpers.datasets import DataError

    try:
        split = helpers.load_mnist("test", download=False)
    except DataError as error:
        pytest.skip(f"no offline copy of the MNIST test split here: {str(error).splitlines()[0]}")
    x, y = mnist_tensors(split, flatten=True)
    assert x.shape == (len(split), 784) and x.dtype == torch.float32
    assert y.shape == (len(split),) and y.dtype == torch.int64
    assert float(x.min()) == 0.0 and float(x.max()) == 1.0
    images, _ = mnist_tensors(split, flatten=False)
    assert images.shape == (len(split), 1, 28, 28)
    assert torch.equal(images.reshape(len(split), -1), x)
    assert torch.equal(y, torch.from_numpy(split.labels.astype("int64")))
