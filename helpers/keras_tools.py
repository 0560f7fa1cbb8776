"""Keras and TensorFlow conveniences: a quiet import, the device, mixed precision, tf.data, progress.

Importing this module does **not** import TensorFlow: chapters that never use it (and every
grading kernel) do not pay the seconds its import costs. Each function imports it on first use,
through :func:`import_tensorflow`, which also keeps TensorFlow's C++ start-up messages off the
notebook's stderr (nbgrader scores a test cell that writes to stderr as failed).

- :func:`tf_device_summary`: which devices TensorFlow sees, with GPU *memory growth* switched
  on, so that TensorFlow takes GPU memory as it needs it instead of all of it at start-up
  (which would starve a PyTorch process, or a second notebook, on the same GPU);
- :func:`use_mixed_precision`: the ``mixed_float16`` policy on a GPU that has fast float16
  arithmetic, ``float32`` elsewhere, with the reason;
- :func:`make_dataset`: a ``tf.data`` pipeline from in-memory arrays (shuffle, batch, convert
  each batch at once, prefetch);
- :func:`progress_callback`: a tqdm progress bar for ``model.fit`` that works in JupyterLab,
  Colab and a terminal, and looks like the PyTorch loop's (``helpers.training.fit``);
- :func:`preserved_random_state` and :func:`seeded`: run code with a fixed seed
  (``keras.utils.set_random_seed``) and give Python, NumPy, TensorFlow and Keras their global
  random state and dtype policy back afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import os
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: TensorFlow's C++ log threshold (2 hides INFO and WARNING); set only when not set already.
LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL"
#: Level of TensorFlow's Python logger: its warnings (e.g. "tf.function retracing") go to stderr,
#: which nbgrader counts as a failed test cell, so only errors are shown.
TF_LOG_LEVEL = "ERROR"
#: Compute capability from which NVIDIA GPUs have fast float16 (tensor cores): Volta, 7.0.
MIXED_PRECISION_CAPABILITY = (7, 0)


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Send what native code writes to file descriptor 2 to /dev/null inside the block.

    TensorFlow's import prints banners from C++ (oneDNN, CPU features, absl) straight to the
    process's stderr, below Python's ``sys.stderr``; Python exceptions are unaffected.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real descriptor 2 (an embedded interpreter)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def import_tensorflow() -> Any:
    """The ``tensorflow`` module, imported on first call without its C++ start-up chatter.

    Also imports ``keras`` (Keras 3, which TensorFlow 2.16+ uses as ``tf.keras``) and sets
    TensorFlow's Python logger to ``TF_LOG_LEVEL`` (errors only). Raises
    ``ModuleNotFoundError`` with the set-up command when TensorFlow is not installed.
    """
    if "tensorflow" in sys.modules and "keras" in sys.modules:
        return sys.modules["tensorflow"]
    os.environ.setdefault(LOG_LEVEL_VARIABLE, "2")
    try:
        with _quiet_native_stderr():
            import keras  # noqa: F401  (Keras first: it imports TensorFlow as its backend)
            import tensorflow as tf
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            f"{error.name} is not installed. Run the README's set-up command (./course setup), "
            "or pip install tensorflow, then restart the kernel.") from None
    tf.get_logger().setLevel(TF_LOG_LEVEL)
    return tf


def import_keras() -> Any:
    """The ``keras`` module (TensorFlow backend), imported quietly on first call."""
    import_tensorflow()
    import keras

    return keras


# ------------------------------------------------------------------------------------- devices


@dataclass(frozen=True)
class TFDevices:
    """What :func:`tf_device_summary` found; ``str()`` gives a few readable lines."""

    tensorflow: str
    keras: str
    gpus: tuple[str, ...]
    memory_growth: tuple[bool, ...]
    cpu_threads: int
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        lines = [f"TensorFlow {self.tensorflow}, Keras {self.keras}"]
        if self.gpus:
            for name, growth in zip(self.gpus, self.memory_growth):
                lines.append(f"GPU: {name} (memory growth {'on' if growth else 'off'})")
        else:
            lines.append(f"no GPU visible to TensorFlow: running on the CPU ({self.cpu_threads} cores)")
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


def _gpu_name(tf: Any, device: Any) -> str:
    try:
        details = tf.config.experimental.get_device_details(device)
    except (AttributeError, RuntimeError, ValueError):
        details = {}
    name = details.get("device_name") or device.name
    capability = details.get("compute_capability")
    return f"{name}, compute capability {capability[0]}.{capability[1]}" if capability else str(name)


def tf_device_summary(*, memory_growth: bool = True) -> TFDevices:
    """The devices TensorFlow sees; with ``memory_growth`` (default) GPUs allocate as they go.

    Memory growth can only be set before TensorFlow first touches a GPU; if it already has,
    the summary says so in its notes (restart the kernel and call this first).
    """
    tf = import_tensorflow()
    keras = import_keras()
    gpus = tf.config.list_physical_devices("GPU")
    growth: list[bool] = []
    notes: list[str] = []
    for gpu in gpus:
        if memory_growth:
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
            except (RuntimeError, ValueError) as error:
                notes.append(f"memory growth not changed on {gpu.name}: {error} "
                             "(it must be set before TensorFlow first uses the GPU: restart the kernel)")
        try:
            growth.append(bool(tf.config.experimental.get_memory_growth(gpu)))
        except (RuntimeError, ValueError):
            growth.append(False)
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return TFDevices(tensorflow=tf.__version__, keras=keras.__version__,
                     gpus=tuple(_gpu_name(tf, g) for g in gpus), memory_growth=tuple(growth),
                     cpu_threads=threads, notes=tuple(notes))


# ----------------------------------------------------------------------------- mixed precision


@dataclass(frozen=True)
class PrecisionChoice:
    """The dtype policy :func:`use_mixed_precision` set, and why."""

    policy: str
    reason: str

    def __str__(self) -> str:
        return f"{self.policy} ({self.reason})"


def _fast_float16_gpu(tf: Any) -> tuple[bool, str]:
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return False, "no GPU: float16 is not faster than float32 on a CPU"
    details = tf.config.experimental.get_device_details(gpus[0])
    capability = details.get("compute_capability")
    name = details.get("device_name", gpus[0].name)
    if capability is None or tuple(capability) >= MIXED_PRECISION_CAPABILITY:
        return True, f"{name} computes float16 on tensor cores"
    return False, (f"{name} has compute capability {capability[0]}.{capability[1]}, below "
                   f"{MIXED_PRECISION_CAPABILITY[0]}.{MIXED_PRECISION_CAPABILITY[1]}: float16 would not be faster")


def use_mixed_precision(enable: bool | None = None) -> PrecisionChoice:
    """Set Keras's global dtype policy: ``mixed_float16`` on a suitable GPU, else ``float32``.

    ``enable=None`` decides from the hardware; ``True`` asks for mixed precision (still refused,
    with the reason, where no GPU is visible); ``False`` sets ``float32``. Under
    ``mixed_float16`` layers compute in float16 but keep float32 weights; give the last layer
    ``dtype="float32"`` so that softmax and the loss stay in float32, and ``model.fit`` scales
    the loss so that small float16 gradients do not underflow.
    """
    tf = import_tensorflow()
    keras = import_keras()
    fast, why = _fast_float16_gpu(tf)
    if enable is False:
        policy, reason = "float32", "mixed precision switched off"
    elif fast:
        policy, reason = "mixed_float16", why
    else:
        policy, reason = "float32", why
    keras.mixed_precision.set_global_policy(policy)
    return PrecisionChoice(policy, reason)


@contextlib.contextmanager
def policy_scope(policy: str = "float32") -> Iterator[None]:
    """Use Keras dtype ``policy`` inside the block and restore the global one afterwards."""
    keras = import_keras()
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(policy)
    try:
        yield
    finally:
        keras.mixed_precision.set_global_policy(previous)


# -------------------------------------------------------------------------------------- tf.data


def make_dataset(
    x: Any,
    y: Any = None,
    *,
    batch_size: int = 128,
    shuffle: bool = True,
    seed: int | None = None,
    scale: float | None = None,
    flatten: bool = False,
    drop_remainder: bool = False,
    prefetch: bool = True,
) -> Any:
    """A ``tf.data.Dataset`` of ``(x, y)`` batches (or ``x`` batches) from in-memory arrays.

    The arrays are kept as they are (MNIST's uint8 images take four times less memory than
    float32); each *batch* is converted at once: cast to float32 and multiplied by ``scale``
    when given (``scale=1/255`` maps pixels to [0, 1]), and flattened to ``(batch, features)``
    with ``flatten=True``. ``shuffle`` draws a new order every epoch (repeatable with
    ``seed``); the last partial batch is kept unless ``drop_remainder``; ``prefetch`` prepares
    the next batch while the model trains on the current one.
    """
    tf = import_tensorflow()
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    n = len(x)
    if y is not None and len(y) != n:
        raise ValueError(f"x has {n} samples but y has {len(y)}")
    dataset = tf.data.Dataset.from_tensor_slices(x if y is None else (x, y))
    if shuffle:
        dataset = dataset.shuffle(max(n, 1), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size, drop_remainder=drop_remainder)
    if scale is not None or flatten:

        def convert(images: Any) -> Any:
            if scale is not None:
                images = tf.cast(images, tf.float32) * scale
            if flatten:
                images = tf.reshape(images, (tf.shape(images)[0], -1))
            return images

        if y is None:
            dataset = dataset.map(convert, num_parallel_calls=tf.data.AUTOTUNE)
        else:
            dataset = dataset.map(lambda images, labels: (convert(images), labels),
                                  num_parallel_calls=tf.data.AUTOTUNE)
    if prefetch:
        dataset = dataset.prefetch(tf.data.AUTOTUNE)
    return dataset


# ------------------------------------------------------------------------------------- progress


def _format_logs(logs: dict[str, Any]) -> dict[str, float]:
    return {name: round(float(value), 4) for name, value in logs.items()
            if isinstance(value, (int, float, np.floating, np.integer)) or getattr(value, "shape", None) == ()}


@functools.cache
def _progress_class() -> type:
    keras = import_keras()
    from tqdm.auto import tqdm

    class TqdmProgress(keras.callbacks.Callback):
        """One tqdm bar over all batches of all epochs, and one printed line per epoch."""

        def __init__(self, *, lines: bool = True, update_every: int = 10) -> None:
            super().__init__()
            self.lines, self.update_every = lines, max(1, update_every)
            self.bar: Any = None
            self.epochs = 0
            self.lines_written: list[str] = []

        def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
            self.epochs = int(self.params.get("epochs") or 0)
            steps = self.params.get("steps")
            total = steps * self.epochs if steps else None
            self.bar = tqdm(total=total, desc=f"epoch 1/{self.epochs}", unit="batch", dynamic_ncols=True)

        def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            if self.bar is not None:
                self.bar.set_description(f"epoch {epoch + 1}/{self.epochs}")

        def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
            if self.bar is None:
                return
            self.bar.update(1)
            if logs and (batch + 1) % self.update_every == 0:
                self.bar.set_postfix(_format_logs(logs), refresh=False)

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            metrics = _format_logs(logs or {})
            line = f"epoch {epoch + 1}: " + ", ".join(f"{k} {v:.4f}" for k, v in metrics.items())
            self.lines_written.append(line)
            if self.bar is not None:
                self.bar.set_postfix(metrics, refresh=True)
                if self.lines:
                    self.bar.write(line, file=sys.stdout)

        def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
            if self.bar is not None:
                self.bar.close()
                self.bar = None

    return TqdmProgress


def progress_callback(*, lines: bool = True, update_every: int = 10) -> Any:
    """A Keras callback that shows ``model.fit``'s progress as a tqdm bar.

    Use it with ``verbose=0`` (Keras's own progress bar off): ``model.fit(..., verbose=0,
    callbacks=[progress_callback()])``. ``tqdm.auto`` draws a widget in JupyterLab and Colab and
    text in a terminal; the metrics of each epoch are also printed as one line (``lines``), and
    shown in the bar every ``update_every`` batches.
    """
    return _progress_class()(lines=lines, update_every=update_every)


# --------------------------------------------------------------------------------- random state


@dataclass
class RandomState:
    """A snapshot of every global random generator and the dtype policy (see :func:`preserved_random_state`)."""

    python: Any
    numpy: Any
    tf_seed: Any = None
    tf_rng: Any = None
    keras_seed: Any = None
    keras_generator: Any = None
    keras_generator_state: Any = None
    policy: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def capture_random_state() -> RandomState:
    """Python's and NumPy's global state, and TensorFlow's and Keras's when they are imported."""
    state = RandomState(python=random.getstate(), numpy=np.random.get_state())
    if "tensorflow" in sys.modules and "keras" in sys.modules:
        from keras.src.backend.common import global_state
        from keras.src.random import seed_generator
        from tensorflow.python.eager import context

        keras = sys.modules["keras"]
        ctx = context.context()
        state.tf_seed = ctx._seed
        rng = getattr(ctx, "_rng", None)
        state.tf_rng = None if rng is None else rng.getstate()
        state.keras_seed = global_state.get_global_attribute("global_random_seed")
        generator = global_state.get_global_attribute(seed_generator.GLOBAL_SEED_GENERATOR)
        state.keras_generator = generator
        state.keras_generator_state = None if generator is None else np.array(generator.state.numpy())
        state.policy = keras.mixed_precision.global_policy().name
    return state


def restore_random_state(state: RandomState) -> None:
    """Put back what :func:`capture_random_state` saw."""
    random.setstate(state.python)
    np.random.set_state(state.numpy)
    if state.policy is None or "keras" not in sys.modules:
        return
    from keras.src.backend.common import global_state
    from keras.src.random import seed_generator
    from tensorflow.python.eager import context

    keras = sys.modules["keras"]
    ctx = context.context()
    ctx._seed = state.tf_seed
    if state.tf_rng is not None:
        rng = random.Random()
        rng.setstate(state.tf_rng)
        ctx._rng = rng
    global_state.set_global_attribute("global_random_seed", state.keras_seed)
    global_state.set_global_attribute(seed_generator.GLOBAL_SEED_GENERATOR, state.keras_generator)
    if state.keras_generator is not None:
        state.keras_generator.state.assign(state.keras_generator_state)
    keras.mixed_precision.set_global_policy(state.policy)


@contextlib.contextmanager
def preserved_random_state() -> Iterator[RandomState]:
    """Run the block, then restore the global random state and the Keras dtype policy it found."""
    state = capture_random_state()
    try:
        yield state
    finally:
        restore_random_state(state)


@contextlib.contextmanager
def seeded(seed: int, *, policy: str = "float32") -> Iterator[None]:
    """``keras.utils.set_random_seed(seed)`` and the dtype ``policy`` inside the block only.

    Everything the block draws (initial weights, shuffling, dropout) is repeatable, and the
    code after the block continues with the random state and the policy it had before.
    TensorFlow's Python warnings are silenced inside (see ``TF_LOG_LEVEL``).
    """
    keras = import_keras()
    logger = sys.modules["tensorflow"].get_logger()
    level = logger.level
    with preserved_random_state():
        keras.utils.set_random_seed(int(seed))
        keras.mixed_precision.set_global_policy(policy)
        logger.setLevel(TF_LOG_LEVEL)
        try:
            yield
        finally:
            logger.setLevel(level)


# ------------------------------------------------------------------------------------ utilities


def epoch_predictions(images: Any, *, every: int = 1) -> Any:
    """A callback that stores the model's predicted classes for ``images`` after every epoch.

    ``callback.predictions`` becomes a list of (n,) int arrays, one per epoch (every
    ``every``-th epoch), e.g. for :func:`helpers.widgets.training_epochs.epoch_explorer`.
    """
    keras = import_keras()
    data = np.asarray(images)

    class EpochPredictions(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.predictions: list[np.ndarray] = []
            self.epochs: list[int] = []

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            if (epoch + 1) % every == 0:
                scores = self.model.predict(data, verbose=0, batch_size=max(1, len(data)))
                self.predictions.append(np.asarray(scores).argmax(axis=1))
                self.epochs.append(epoch + 1)

    return EpochPredictions()


def timed_callback() -> Any:
    """A callback that records each epoch's wall-clock seconds in ``callback.seconds``."""
    import time

    keras = import_keras()

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.seconds: list[float] = []
            self._started = 0.0

        def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            self._started = time.perf_counter()

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            self.seconds.append(time.perf_counter() - self._started)

    return EpochTimer()


def parameter_table(models: dict[str, Any], count: Callable[[Any], int] | None = None) -> list[tuple[str, int]]:
    """``[(name, number of trainable parameters), ...]`` for Keras models (or with ``count``)."""
    return [(name, int(count(m)) if count else int(sum(np.prod(v.shape) for v in m.trainable_weights)))
            for name, m in models.items()]


__all__: Sequence[str] = (
    "PrecisionChoice", "RandomState", "TFDevices", "capture_random_state", "epoch_predictions",
    "import_keras", "import_tensorflow", "make_dataset", "parameter_table", "policy_scope",
    "preserved_random_state", "progress_callback", "restore_random_state", "seeded",
    "tf_device_summary", "timed_callback", "use_mixed_precision",
)
