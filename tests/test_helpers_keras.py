"""Unit tests of the chapter-6 helpers: Keras conveniences, learning curves, prediction grids, the epoch widget."""

from __future__ import annotations

import random
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from conftest import REPO  # noqa: E402
from helpers.plots.learning_curves import history_metrics, mark_epoch, plot_learning_curves  # noqa: E402
from helpers.plots.predictions import draw_prediction_grid, plot_prediction_grid  # noqa: E402
from helpers.widgets.training_epochs import describe_epoch, draw_epoch, epoch_explorer  # noqa: E402

METRICS = {"loss": [0.9, 0.5, 0.4], "accuracy": [0.6, 0.8, 0.9],
           "val_loss": [0.8, 0.6, 0.7], "val_accuracy": [0.7, 0.75, 0.74]}


class FakeGpu:
    name = "/physical_device:GPU:0"
    device_type = "GPU"


class FakeKerasHistory:
    """What Keras's History exposes: .history and a 0-based .epoch."""

    def __init__(self, metrics: dict[str, list[float]]) -> None:
        self.history = metrics
        self.epoch = list(range(len(next(iter(metrics.values())))))


# --- imports stay light ------------------------------------------------------------------------


def test_importing_the_keras_helpers_and_the_chapter_spec_imports_no_framework():
    code = ("import sys, helpers.keras_tools, helpers.checking.exercises.keras as k, helpers.widgets.training_epochs; "
            "from helpers.checking.recording import cases_of; "
            "[cases_of(ex, 3) for ex in k.EXERCISES]; "
            "print(sorted(m for m in ('torch', 'tensorflow', 'keras') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


# --- learning curves ---------------------------------------------------------------------------


def test_history_metrics_reads_dicts_keras_and_helpers_histories_alike():
    from_dict = history_metrics(METRICS)
    from_keras = history_metrics(FakeKerasHistory(METRICS))
    assert from_dict == from_keras == ([1, 2, 3], METRICS, None)
    with pytest.raises(TypeError, match="cannot read learning curves"):
        history_metrics([0.5, 0.4])


def test_pytorch_history_plot_is_the_shared_function():
    pytest.importorskip("torch")
    from helpers.training import History

    history = History()
    for epoch in (1, 2, 3):
        history.record(epoch, {k: v[epoch - 1] for k, v in METRICS.items()}, 0.1)
    torch_fig, shared_fig = history.plot(title="t"), plot_learning_curves(FakeKerasHistory(METRICS), title="t")
    describe = [(ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), [tuple(line.get_xydata().ravel())
                                                                     for line in ax.get_lines()])
                for ax in torch_fig.get_axes()]
    assert describe == [(ax.get_title(), ax.get_xlabel(), ax.get_ylabel(),
                         [tuple(line.get_xydata().ravel()) for line in ax.get_lines()]) for ax in shared_fig.get_axes()]


def test_plot_learning_curves_panels_legends_and_errors():
    fig = plot_learning_curves(METRICS, title="demo")
    axes = fig.get_axes()
    assert [ax.get_ylabel() for ax in axes] == ["loss", "accuracy"]
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["training", "validation"]
    assert fig._suptitle.get_text() == "demo"
    fig.canvas.draw()
    only_loss = plot_learning_curves({"loss": [1.0, 0.5]})
    assert len(only_loss.get_axes()) == 1
    mark_epoch(only_loss, 2)
    assert [t.get_text() for t in only_loss.get_axes()[0].get_legend().get_texts()] == ["training", "best epoch"]
    with pytest.raises(ValueError, match="no epochs"):
        plot_learning_curves({})
    with pytest.raises(ValueError, match="none of the metrics"):
        plot_learning_curves({"mae": [1.0]})


# --- prediction grid and the epoch widget -------------------------------------------------------


def test_prediction_grid_titles_wrong_predictions_in_red():
    images = np.arange(6 * 4 * 4).reshape(6, 4, 4)
    labels, predicted = np.array([1, 2, 3, 4, 5, 6]), np.array([1, 0, 3, 4, 9, 6])
    fig = plot_prediction_grid(images, labels, predicted, nrows=2, ncols=3)
    titles = [ax.get_title() for ax in fig.get_axes()]
    assert titles == ["1", "0 (true 2)", "3", "4", "9 (true 5)", "6"]
    colours = [ax.title.get_color() for ax in fig.get_axes()]
    assert colours.count("tab:red") == 2
    assert "2 wrong" in fig._suptitle.get_text()
    flat = plot_prediction_grid(images.reshape(6, 16), labels, labels, nrows=1, ncols=2)  # flattened input
    assert len(flat.get_axes()) == 2 and "0 wrong" in flat._suptitle.get_text()
    with pytest.raises(ValueError, match="labels"):
        draw_prediction_grid(fig.get_axes(), images, labels[:3], predicted)
    with pytest.raises(ValueError, match="square"):
        plot_prediction_grid(np.zeros((2, 5)), labels[:2], labels[:2])


def test_epoch_widget_draws_each_epoch_and_reports_the_gap():
    images = np.zeros((4, 5, 5))
    labels = np.array([0, 1, 2, 3])
    predictions = [np.array([0, 0, 0, 0]), np.array([0, 1, 2, 0]), np.array([0, 1, 2, 3])]
    text = describe_epoch(FakeKerasHistory(METRICS), 2)
    assert "epoch 2" in text and "gap +0.0500" in text and "lowest validation loss at epoch 2" in text
    fig = draw_epoch(METRICS, 3, images, labels, predictions, ncols=4)
    assert "0 of 4 wrong" in fig.subfigs[1]._suptitle.get_text()
    with pytest.raises(ValueError, match="epoch 7"):
        describe_epoch(METRICS, 7)
    with pytest.raises(ValueError, match="predictions"):
        draw_epoch(METRICS, 1, images, labels, predictions[:2])
    box = epoch_explorer(METRICS, images, labels, predictions)
    assert "epoch 3" in box.summary.value
    box.sliders["epoch"].value = 1
    assert "epoch 1" in box.summary.value


# --- Keras helpers (need TensorFlow) ------------------------------------------------------------

@pytest.fixture(scope="module")
def tf():
    pytest.importorskip("tensorflow")
    from helpers.keras_tools import import_tensorflow

    return import_tensorflow()


def test_import_tensorflow_keeps_stderr_clean():
    pytest.importorskip("tensorflow")
    code = "from helpers.keras_tools import import_tensorflow; tf = import_tensorflow(); print(tf.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() and out.stderr.strip() == "", out.stderr[-500:]


def test_device_summary_on_the_cpu(tf):
    from helpers.keras_tools import tf_device_summary

    summary = tf_device_summary()
    assert summary.tensorflow == tf.__version__
    if not summary.gpus:
        assert "no GPU visible" in str(summary) and summary.cpu_threads >= 1


def test_device_summary_turns_on_memory_growth(tf, monkeypatch):
    from helpers import keras_tools

    growth = {}
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [FakeGpu()] if kind == "GPU" else [])
    monkeypatch.setattr(tf.config.experimental, "set_memory_growth", lambda gpu, on: growth.__setitem__(gpu.name, on))
    monkeypatch.setattr(tf.config.experimental, "get_memory_growth", lambda gpu: growth.get(gpu.name, False))
    monkeypatch.setattr(tf.config.experimental, "get_device_details",
                        lambda gpu: {"device_name": "Tesla T4", "compute_capability": (7, 5)})
    summary = keras_tools.tf_device_summary()
    assert growth == {"/physical_device:GPU:0": True}
    assert summary.gpus == ("Tesla T4, compute capability 7.5",) and summary.memory_growth == (True,)
    assert "memory growth on" in str(summary)

    def too_late(gpu, on):
        raise RuntimeError("Physical devices cannot be modified after being initialized")

    monkeypatch.setattr(tf.config.experimental, "set_memory_growth", too_late)
    growth.clear()
    late = keras_tools.tf_device_summary()
    assert late.memory_growth == (False,) and "restart the kernel" in late.notes[0]


def test_mixed_precision_only_on_a_fast_gpu(tf, monkeypatch):
    import keras

    from helpers import keras_tools

    with keras_tools.policy_scope("float32"):
        monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [])
        choice = keras_tools.use_mixed_precision()
        assert choice.policy == "float32" and "no GPU" in choice.reason
        assert keras.mixed_precision.global_policy().name == "float32"
        monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [FakeGpu()])
        for capability, policy in [((7, 5), "mixed_float16"), ((6, 1), "float32")]:
            monkeypatch.setattr(tf.config.experimental, "get_device_details",
                                lambda gpu, c=capability: {"device_name": "GPU", "compute_capability": c})
            assert keras_tools.use_mixed_precision().policy == policy
            assert keras.mixed_precision.global_policy().name == policy
        assert keras_tools.use_mixed_precision(False).policy == "float32"
    assert keras.mixed_precision.global_policy().name == "float32"


def test_make_dataset_batches_converts_and_shuffles_repeatably(tf):
    from helpers.keras_tools import make_dataset

    images = np.arange(10 * 2 * 2, dtype=np.uint8).reshape(10, 2, 2)
    labels = np.arange(10)
    batches = list(make_dataset(images, labels, batch_size=4, seed=1, scale=1 / 255, flatten=True))
    assert [tuple(x.shape) for x, _ in batches] == [(4, 4), (4, 4), (2, 4)]  # the partial batch is kept
    assert all(x.dtype == tf.float32 for x, _ in batches)
    seen = np.concatenate([y.numpy() for _, y in batches])
    assert sorted(seen) == list(range(10)) and list(seen) != list(range(10))
    for x, y in batches:  # each image still travels with its label
        np.testing.assert_allclose(x.numpy(), images[y.numpy()].reshape(len(y), 4) / 255, rtol=1e-6)
    again = [y.numpy() for _, y in make_dataset(images, labels, batch_size=4, seed=1)]
    assert np.array_equal(np.concatenate(again), seen)
    plain = list(make_dataset(images, batch_size=3, shuffle=False, drop_remainder=True, prefetch=False))
    assert [tuple(x.shape) for x in plain] == [(3, 2, 2)] * 3 and plain[0].dtype == tf.uint8
    with pytest.raises(ValueError, match="10 samples but y has 9"):
        make_dataset(images, labels[:9])
    with pytest.raises(ValueError, match="batch_size"):
        make_dataset(images, labels, batch_size=0)


def test_progress_callback_and_epoch_callbacks_in_fit(tf, capsys):
    import keras

    from helpers.keras_tools import epoch_predictions, progress_callback, seeded, timed_callback

    with seeded(0):
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        x, y = np.random.rand(20, 3).astype("float32"), np.arange(20) % 2
        progress, timer, snapshots = progress_callback(), timed_callback(), epoch_predictions(x[:5])
        model.fit(x, y, epochs=3, batch_size=8, verbose=0, callbacks=[progress, timer, snapshots])
    captured = capsys.readouterr()
    assert captured.out.count("epoch ") >= 3 and "epoch 3: accuracy" in captured.out
    assert len(progress.lines_written) == 3 and progress.bar is None
    assert len(timer.seconds) == 3 and all(s > 0 for s in timer.seconds)
    assert snapshots.epochs == [1, 2, 3] and all(p.shape == (5,) for p in snapshots.predictions)


def test_seeded_repeats_and_gives_back_every_global_state(tf):
    import keras

    from helpers.keras_tools import seeded

    keras.utils.set_random_seed(11)
    logger = tf.get_logger()
    level = logger.level
    with seeded(3):
        first = keras.random.uniform((3,)).numpy()
        mixed_inside = keras.mixed_precision.global_policy().name
    with seeded(3):
        second = keras.random.uniform((3,)).numpy()
    draws_after = (random.random(), np.random.rand(), keras.random.uniform((2,)).numpy(),
                   tf.random.uniform((2,)).numpy())
    keras.utils.set_random_seed(11)
    draws_fresh = (random.random(), np.random.rand(), keras.random.uniform((2,)).numpy(),
                   tf.random.uniform((2,)).numpy())
    assert np.array_equal(first, second) and mixed_inside == "float32"
    assert draws_after[:2] == draws_fresh[:2]
    assert np.array_equal(draws_after[2], draws_fresh[2]) and np.array_equal(draws_after[3], draws_fresh[3])
    assert logger.level == level


def test_seeded_restores_a_mixed_policy(tf):
    import keras

    from helpers.keras_tools import policy_scope, seeded

    with policy_scope("mixed_float16"):
        with seeded(1):
            assert keras.mixed_precision.global_policy().name == "float32"
        assert keras.mixed_precision.global_policy().name == "mixed_float16"
    assert keras.mixed_precision.global_policy().name == "float32"
