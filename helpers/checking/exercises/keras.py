"""Chapter 6 (TensorFlow / Keras): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried. The plans draw only NumPy arrays
and plain numbers; TensorFlow is imported inside the ``run`` functions, which turn those inputs
into tensors, variables and small Keras models in the grading kernel (where the notebook has
imported TensorFlow already), call the student's code, and return plain data. The grader's
judge regenerates the plans without ever importing TensorFlow.

Every run happens under :func:`helpers.keras_tools.seeded`: ``keras.utils.set_random_seed``
with the case's seed and the float32 policy inside, and Python's, NumPy's, TensorFlow's and
Keras's global random state and dtype policy given back afterwards, so a hidden test changes
nothing the notebook's next cells see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, Case, Exercise, Rule, forbids
from helpers.keras_tools import import_keras, import_tensorflow, seeded


def _tf() -> Any:
    return import_tensorflow()


# ----------------------------------------------------------------- functions for tape_derivative
# Each takes and returns a TensorFlow scalar; the judge knows them by name only.


def _cubic(x: Any) -> Any:
    return (x - 1.0) * (x - 2.0) * (x - 3.0)


def _sin_times_x(x: Any) -> Any:
    return _tf().sin(x) * x


def _gaussian(x: Any) -> Any:
    return _tf().exp(-0.5 * x * x)


def _log_one_plus_square(x: Any) -> Any:
    return _tf().math.log(1.0 + x * x)


def _sigmoid(x: Any) -> Any:
    return _tf().sigmoid(x)


def _relu_plus_cube(x: Any) -> Any:
    return _tf().nn.relu(x) + 0.1 * x * x * x


FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "(x-1)(x-2)(x-3)": _cubic,
    "sin(x)·x": _sin_times_x,
    "exp(-x²/2)": _gaussian,
    "log(1+x²)": _log_one_plus_square,
    "sigmoid(x)": _sigmoid,
    "relu(x)+0.1x³": _relu_plus_cube,
}


def _run_derivative(student: Callable[..., Any], name: str, x: Any) -> dict[str, Any]:
    calls: list[int] = []

    def f(t: Any) -> Any:
        calls.append(1)
        return FUNCTIONS[name](t)

    with seeded(0):
        value = student(f, x)
    return {"derivative": value, "calls": len(calls)}


def _derivative(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("tape_derivative((x-1)(x-2)(x-3), 3.5)", ("(x-1)(x-2)(x-3)", 3.5), ("f", "x"), run=_run_derivative)
    yield Case("tape_derivative((x-1)(x-2)(x-3), 2) with an int x", ("(x-1)(x-2)(x-3)", 2), ("f", "x"),
               run=_run_derivative)
    for name in FUNCTIONS:
        x = round(float(rng.uniform(-2.5, 2.5)), 4)
        if name == "relu(x)+0.1x³" and abs(x) < 0.05:
            x = 0.5
        yield Case(f"tape_derivative({name}, {x})", (name, x), ("f", "x"), run=_run_derivative)
    yield Case("tape_derivative(relu(x)+0.1x³, -1) with an int x", ("relu(x)+0.1x³", -1), ("f", "x"),
               run=_run_derivative)


# ------------------------------------------------------------------- the seed's two-layer net


def _two_layer_inputs(rng: np.random.Generator, n: int, d: int, h: int, k: int,
                      dtype: type = np.float32) -> tuple[np.ndarray, ...]:
    """x (n, d), y (n, k), w1 (d, h), w2 (h, k), with no hidden pre-activation near ReLU's kink."""
    while True:
        x = rng.normal(size=(n, d))
        w1 = rng.normal(scale=0.6, size=(d, h))
        if np.abs(x @ w1).min() > 1e-2:
            break
    y = rng.normal(size=(n, k))
    w2 = rng.normal(scale=0.6, size=(h, k))
    return tuple(a.astype(dtype) for a in (x, y, w1, w2))


TWO_LAYER_SHAPES = [(1, 3, 4, 2), (5, 4, 3, 1), (7, 6, 5, 3), (16, 9, 8, 4)]


def _run_tape_gradients(student: Callable[..., Any], x: np.ndarray, y: np.ndarray,
                        w1: np.ndarray, w2: np.ndarray) -> dict[str, Any]:
    tf = _tf()
    with seeded(0):
        v1, v2 = tf.Variable(w1), tf.Variable(w2)
        result = student(tf.constant(x), tf.constant(y), v1, v2)
        return {"result": result, "w1_after": v1.numpy(), "w2_after": v2.numpy()}


def _tape_gradients(rng: np.random.Generator) -> Iterator[Case]:
    for n, d, h, k in TWO_LAYER_SHAPES:
        yield Case(f"tape_gradients with x ({n}, {d}), w1 ({d}, {h}), w2 ({h}, {k})",
                   _two_layer_inputs(rng, n, d, h, k), ("x", "y", "w1", "w2"), run=_run_tape_gradients)
    yield Case("tape_gradients with float64 tensors, x (3, 2), w1 (2, 5), w2 (5, 2)",
               _two_layer_inputs(rng, 3, 2, 5, 2, np.float64), ("x", "y", "w1", "w2"), run=_run_tape_gradients)


def _run_manual_step(student: Callable[..., Any], x: np.ndarray, y: np.ndarray, w1: np.ndarray,
                     w2: np.ndarray, learning_rate: float) -> dict[str, Any]:
    tf = _tf()
    with seeded(0):
        v1, v2 = tf.Variable(w1), tf.Variable(w2)
        xt, yt = tf.constant(x), tf.constant(y)
        first = student(xt, yt, v1, v2, learning_rate)
        after_first = [v1.numpy(), v2.numpy()]
        second = student(xt, yt, v1, v2, learning_rate)
        return {"losses": [first, second], "after_first": after_first, "after_second": [v1.numpy(), v2.numpy()]}


def _manual_step(rng: np.random.Generator) -> Iterator[Case]:
    for (n, d, h, k), lr in zip(TWO_LAYER_SHAPES, (0.05, 0.01, 0.02, 0.003)):
        yield Case(f"two manual_train_step calls, x ({n}, {d}), w1 ({d}, {h}), w2 ({h}, {k}), learning rate {lr}",
                   (*_two_layer_inputs(rng, n, d, h, k), lr), ("x", "y", "w1", "w2", "learning_rate"),
                   run=_run_manual_step)
    yield Case("two manual_train_step calls with float64 tensors, learning rate 0.01",
               (*_two_layer_inputs(rng, 4, 3, 3, 2, np.float64), 0.01), ("x", "y", "w1", "w2", "learning_rate"),
               run=_run_manual_step)


# --------------------------------------------------------------------------- small Keras models


def dense_model(weights: list[np.ndarray], activations: tuple[str, ...]) -> Any:
    """A Sequential MLP whose Dense layers start from ``weights`` ([W1, b1, W2, b2, ...])."""
    keras = import_keras()
    layers = [keras.Input(shape=(weights[0].shape[0],))]
    for (kernel, bias), activation in zip(zip(weights[::2], weights[1::2]), activations):
        layers.append(keras.layers.Dense(kernel.shape[1], activation=activation,
                                         kernel_initializer=keras.initializers.Constant(kernel),
                                         bias_initializer=keras.initializers.Constant(bias)))
    return keras.Sequential(layers)


def _mlp_weights(rng: np.random.Generator, sizes: tuple[int, ...], scale: float = 0.5) -> list[np.ndarray]:
    weights = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        weights += [rng.normal(scale=scale, size=(fan_in, fan_out)).astype(np.float32),
                    rng.normal(scale=0.1, size=fan_out).astype(np.float32)]
    return weights


#: The losses handed to make_train_step, by the name a case gives; the judge knows them by name only.
TRAIN_STEP_LOSSES: dict[str, Callable[[Any], Any]] = {
    "MSE": lambda keras: keras.losses.MeanSquaredError(),
    "BinaryCrossentropy(from_logits=True)": lambda keras: keras.losses.BinaryCrossentropy(from_logits=True),
}


def train_step_model(weights: list[np.ndarray], batch_norm: list[np.ndarray] | None) -> Any:
    """A ReLU MLP from ``weights``; with ``batch_norm`` = [gamma, beta], a BatchNormalization layer first.

    BatchNormalization behaves differently in training (it normalises with the batch's mean and
    variance and updates its moving averages) and in inference (it uses the moving averages).
    """
    keras = import_keras()
    model = dense_model(weights, ("relu", None))
    if batch_norm is None:
        return model
    gamma, beta = batch_norm
    norm = keras.layers.BatchNormalization(gamma_initializer=keras.initializers.Constant(gamma),
                                           beta_initializer=keras.initializers.Constant(beta))
    return keras.Sequential([keras.Input(shape=(len(gamma),)), norm, *model.layers])


def _run_make_train_step(student: Callable[..., Any], weights: list[np.ndarray], batch_norm: list[np.ndarray] | None,
                         batches: list[tuple], learning_rate: float, momentum: float, loss: str) -> dict[str, Any]:
    tf = _tf()
    keras = import_keras()
    with seeded(1):
        model = train_step_model(weights, batch_norm)
        optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)
        step = student(model, TRAIN_STEP_LOSSES[loss](keras), optimizer)
        losses = [step(tf.constant(x), tf.constant(y)) for x, y in batches]
        return {"is_tf_function": isinstance(step, tf.types.experimental.PolymorphicFunction),
                "losses": [float(value) for value in losses],
                "weights": [np.asarray(w) for w in model.get_weights()]}


def _make_train_step(rng: np.random.Generator) -> Iterator[Case]:
    names = ("weights", "batch_norm", "batches", "learning_rate", "momentum", "loss")
    settings = [((3, 4, 2), (5, 1, 5), 0.1, 0.0), ((6, 5, 3), (8, 8, 3), 0.05, 0.0), ((2, 7, 1), (4, 4), 0.1, 0.9)]
    for sizes, batch_sizes, lr, momentum in settings:
        weights = _mlp_weights(rng, sizes)
        batches = [(rng.normal(size=(b, sizes[0])).astype(np.float32), rng.normal(size=(b, sizes[-1])).astype(np.float32))
                   for b in batch_sizes]
        what = f"SGD(learning_rate={lr}" + (f", momentum={momentum})" if momentum else ")")
        yield Case(f"make_train_step for a {'-'.join(map(str, sizes))} ReLU net with MSE and {what}, "
                   f"then train_step on batches of {', '.join(map(str, batch_sizes))}",
                   (weights, None, batches, lr, momentum, "MSE"), names, run=_run_make_train_step)
    # An asymmetric loss: loss_fn(y, prediction) and loss_fn(prediction, y) differ.
    sizes, batch_sizes, loss = (4, 6, 3), (5, 3, 5), "BinaryCrossentropy(from_logits=True)"
    weights = _mlp_weights(rng, sizes)
    batches = [(rng.normal(size=(b, sizes[0])).astype(np.float32),
                rng.integers(0, 2, size=(b, sizes[-1])).astype(np.float32)) for b in batch_sizes]
    yield Case(f"make_train_step for a 4-6-3 ReLU net with {loss} and 0/1 targets, SGD(learning_rate=0.1), "
               f"then train_step on batches of {', '.join(map(str, batch_sizes))}",
               (weights, None, batches, 0.1, 0.0, loss), names, run=_run_make_train_step)
    # A model that computes something else in training: BatchNormalization normalises with the batch's statistics.
    sizes, batch_sizes = (4, 6, 2), (8, 6)
    weights = _mlp_weights(rng, sizes)
    batch_norm = [rng.uniform(0.5, 1.5, size=sizes[0]).astype(np.float32),
                  rng.normal(scale=0.2, size=sizes[0]).astype(np.float32)]
    batches = [((0.5 + 1.5 * rng.normal(size=(b, sizes[0]))).astype(np.float32),
                rng.normal(size=(b, sizes[-1])).astype(np.float32)) for b in batch_sizes]
    yield Case("make_train_step for BatchNormalization, then a 4-6-2 ReLU net, with MSE and SGD(learning_rate=0.05, "
               f"momentum=0.5), then train_step on batches of {', '.join(map(str, batch_sizes))}",
               (weights, batch_norm, batches, 0.05, 0.5, "MSE"), names, run=_run_make_train_step)


# ------------------------------------------------------------------------------------ one-hot


def _one_hot(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("to_one_hot of MNIST-like uint8 labels, 10 classes",
               (rng.integers(0, 10, size=12).astype(np.uint8), 10), ("labels", "num_classes"))
    yield Case("to_one_hot of one label", (np.array([3]), 4), ("labels", "num_classes"))
    yield Case("to_one_hot with 2 classes", (np.array([1, 0, 0, 1, 1]), 2), ("labels", "num_classes"))
    yield Case("to_one_hot of 7 int32 labels, 17 classes, not all present",
               (rng.integers(0, 17, size=7).astype(np.int32), 17), ("labels", "num_classes"))
    yield Case("to_one_hot of labels that use only class 0 of 3", (np.zeros(4, dtype=np.int64), 3),
               ("labels", "num_classes"))
    yield Case("to_one_hot of an empty label array, 5 classes", (np.zeros(0, dtype=np.int64), 5),
               ("labels", "num_classes"))
    for labels, classes, bad in [([0, 3, 10, 2], 10, "10"), ([-1, 0], 3, "-1"), ([2, 2, 5], 5, "5")]:
        yield Case(f"to_one_hot({labels}, {classes})", (np.array(labels), classes), ("labels", "num_classes"),
                   note={"raises": "ValueError", "mentions": (bad,)})


# ------------------------------------------------------------------------------ the MNIST model


def describe_loss(loss: Any) -> dict[str, Any]:
    """The compiled loss as plain data: its name and whether it takes logits."""
    if isinstance(loss, str):
        return {"name": loss, "from_logits": False}
    config = loss.get_config() if hasattr(loss, "get_config") else {}
    name = config.get("name") or getattr(loss, "__name__", type(loss).__name__)
    return {"name": str(name), "from_logits": bool(config.get("from_logits", getattr(loss, "from_logits", False)))}


def _run_build(student: Callable[..., Any], integer_labels: bool | None, x: np.ndarray, labels: np.ndarray,
               seed: int) -> dict[str, Any]:
    with seeded(seed):
        model = student() if integer_labels is None else student(integer_labels=integer_labels)
        layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
        described = []
        for layer in layers:
            activation = getattr(layer, "activation", None)
            described.append([type(layer).__name__, int(getattr(layer, "units", -1) or -1),
                              getattr(activation, "__name__", str(activation)).removesuffix("_v2")])  # tf.nn.softmax
        targets = labels if integer_labels else np.eye(10, dtype=np.float32)[labels]
        probabilities = np.asarray(model.predict(x, verbose=0))
        evaluated = model.evaluate(x, targets, verbose=0, return_dict=True)
        return {"model": type(model).__name__, "layers": described,
                "input_shape": [-1 if s is None else int(s) for s in model.input_shape],
                "params": int(model.count_params()), "optimizer": type(model.optimizer).__name__,
                "loss": describe_loss(model.loss),
                "probabilities": probabilities, "evaluated": {k: float(v) for k, v in evaluated.items()}}


def _run_equivalence(student: Callable[..., Any], x: np.ndarray, labels: np.ndarray, seed: int) -> dict[str, Any]:
    with seeded(seed):
        one_hot_model = student(integer_labels=False)
        integer_model = student(integer_labels=True)
        integer_model.set_weights(one_hot_model.get_weights())
        one_hot = one_hot_model.evaluate(x, np.eye(10, dtype=np.float32)[labels], verbose=0, return_dict=True)
        integer = integer_model.evaluate(x, labels, verbose=0, return_dict=True)
        return {"probabilities": np.asarray(one_hot_model.predict(x, verbose=0)),
                "one_hot": {k: float(v) for k, v in one_hot.items()},
                "integer": {k: float(v) for k, v in integer.items()}}


def _build(rng: np.random.Generator) -> Iterator[Case]:
    def data(n: int) -> tuple[np.ndarray, np.ndarray]:
        return rng.uniform(size=(n, 784)).astype(np.float32), rng.integers(0, 10, size=n)

    seed = int(rng.integers(1, 2**31 - 1))
    yield Case("build_mnist_model(), evaluated on 9 random images with one-hot labels",
               (None, *data(9), seed), ("integer_labels", "x", "labels", "seed"), run=_run_build)
    yield Case("build_mnist_model(integer_labels=True), evaluated on 1 random image with an integer label",
               (True, *data(1), seed + 1), ("integer_labels", "x", "labels", "seed"), run=_run_build)
    yield Case("build_mnist_model(integer_labels=False) and (integer_labels=True) with the same weights, "
               "evaluated on 13 images", (*data(13), seed + 2), ("x", "labels", "seed"), run=_run_equivalence)


# ------------------------------------------------------------------------- batches and updates


def _count(rng: np.random.Generator) -> Iterator[Case]:
    fixed = [(60000, 128, 5), (8000, 128, 5), (256, 128, 3), (1, 1, 1), (10, 128, 2), (1000, 7, 3), (129, 128, 1)]
    for n, b, e in fixed + [(int(rng.integers(2, 5000)), int(rng.integers(2, 300)), int(rng.integers(1, 20)))]:
        yield Case(f"count_updates({n}, {b}, {e})", (n, b, e), ("n_samples", "batch_size", "epochs"))
    for args in [(0, 128, 5), (100, 0, 1), (100, 10, 0), (-5, 2, 1)]:
        yield Case(f"count_updates{args}", args, ("n_samples", "batch_size", "epochs"),
                   note={"raises": "ValueError"})


# ------------------------------------------------------------------ fit, evaluate, early stopping


def _classification_data(rng: np.random.Generator, n: int, d: int, classes: int,
                         spread: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.normal(scale=spread, size=(classes, d))
    labels = rng.integers(0, classes, size=n)
    x = (centres[labels] + rng.normal(size=(n, d))).astype(np.float32)
    return x, labels.astype(np.int64)


def _compiled(weights: list[np.ndarray], optimizer: Any) -> Any:
    model = dense_model(weights, ("relu", "softmax"))
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                  jit_compile=False)
    return model


def _history_data(history: Any) -> Any:
    data = getattr(history, "history", None)
    if isinstance(data, dict):
        return {str(k): [float(v) for v in vs] for k, vs in data.items()}
    return None


def _run_fit_and_evaluate(student: Callable[..., Any], weights: list[np.ndarray], x_train: np.ndarray,
                          y_train: np.ndarray, x_test: np.ndarray, y_test: np.ndarray, epochs: int,
                          batch_size: int, validation_split: float) -> dict[str, Any]:
    keras = import_keras()
    with seeded(3):
        model = _compiled(weights, keras.optimizers.SGD(learning_rate=0.05))
        result = student(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split)
        parts = list(result) if isinstance(result, (tuple, list)) else [result]
        split_at = int(np.floor(len(x_train) * (1.0 - validation_split)))  # what Keras holds out
        return {"returned": len(parts) if isinstance(result, (tuple, list)) else -1,
                "history_type": type(parts[0]).__name__, "history": _history_data(parts[0]),
                "test_loss": parts[1] if len(parts) > 1 else None,
                "test_accuracy": parts[2] if len(parts) > 2 else None,
                "eval_test": model.evaluate(x_test, y_test, verbose=0, return_dict=True),
                "eval_held_out": model.evaluate(x_train[split_at:], y_train[split_at:], verbose=0, return_dict=True),
                "iterations": int(model.optimizer.iterations.numpy()), "split_at": split_at}


def _fit_and_evaluate(rng: np.random.Generator) -> Iterator[Case]:
    for n, d, classes, epochs, batch, split in [(50, 4, 3, 2, 8, 0.2), (37, 3, 2, 3, 16, 0.3)]:
        x, y = _classification_data(rng, n + 20, d, classes)
        weights = _mlp_weights(rng, (d, 6, classes))
        yield Case(f"fit_and_evaluate on {n} training samples ({d} features, {classes} classes), "
                   f"epochs={epochs}, batch_size={batch}, validation_split={split}",
                   (weights, x[:n], y[:n], x[n:], y[n:], epochs, batch, split),
                   ("weights", "x_train", "y_train", "x_test", "y_test", "epochs", "batch_size", "validation_split"),
                   run=_run_fit_and_evaluate)


def _run_best_epoch(student: Callable[..., Any], metrics: dict[str, list[float]]) -> Any:
    keras = import_keras()
    history = keras.callbacks.History()
    history.history = {name: list(values) for name, values in metrics.items()}
    history.epoch = list(range(max((len(v) for v in metrics.values()), default=0)))
    return student(history)


def _best_epoch(rng: np.random.Generator) -> Iterator[Case]:
    names = ("metrics",)
    for n in (1, 4, 9, 15):
        loss = np.sort(rng.uniform(0.1, 1.0, size=n))[::-1]
        val = rng.uniform(0.2, 1.2, size=n)
        yield Case(f"best_epoch of a {n}-epoch history", ({"loss": [float(v) for v in loss],
                                                           "val_loss": [float(v) for v in val]},), names,
                   run=_run_best_epoch)
    yield Case("best_epoch when two epochs tie for the lowest val_loss (epochs 3 and 5)",
               ({"loss": [0.9, 0.7, 0.6, 0.5, 0.4], "val_loss": [0.8, 0.6, 0.5, 0.55, 0.5],
                 "accuracy": [0.5, 0.6, 0.7, 0.8, 0.9], "val_accuracy": [0.5, 0.6, 0.7, 0.6, 0.7]},), names,
               run=_run_best_epoch)
    yield Case("best_epoch when the lowest val_loss is in the first epoch",
               ({"loss": [0.5, 0.4, 0.3], "val_loss": [0.45, 0.5, 0.6]},), names, run=_run_best_epoch)
    yield Case("best_epoch of a history without validation", ({"loss": [0.5, 0.4]},), names, run=_run_best_epoch,
               note={"raises": "ValueError", "mentions": ("val_loss",)})


def _run_early_stopping(student: Callable[..., Any], weights: list[np.ndarray], x_train: np.ndarray,
                        y_train: np.ndarray, x_val: np.ndarray, y_val: np.ndarray, max_epochs: int,
                        patience: int) -> dict[str, Any]:
    keras = import_keras()
    with seeded(4):
        model = _compiled(weights, keras.optimizers.Adam(learning_rate=0.03))
        history = student(model, x_train, y_train, x_val, y_val, max_epochs, patience)
        return {"history_type": type(history).__name__, "history": _history_data(history),
                "eval_val": model.evaluate(x_val, y_val, verbose=0, return_dict=True)}


def _early_stopping(rng: np.random.Generator) -> Iterator[Case]:
    # Three clusters with 30 % of the labels redrawn at random: the network first learns the
    # clusters (validation loss falls), then memorises the noise (validation loss rises).
    for n, d, patience, max_epochs in [(40, 8, 2, 30), (32, 6, 3, 30)]:
        x, labels = _classification_data(rng, n + 20, d, 3, spread=1.0)
        flip = rng.random(n + 20) < 0.3
        labels[flip] = rng.integers(0, 3, size=int(flip.sum()))
        weights = _mlp_weights(rng, (d, 64, 3), scale=0.3)
        yield Case(f"fit_with_early_stopping on {n} samples with noisy labels, patience={patience}, "
                   f"max_epochs={max_epochs}", (weights, x[:n], labels[:n], x[n:], labels[n:], max_epochs, patience),
                   ("weights", "x_train", "y_train", "x_val", "y_val", "max_epochs", "patience"),
                   run=_run_early_stopping)


# ------------------------------------------------------------------------------------ the rules

FLOAT_RESULT = Rule("float", "return the value as a Python float", (r"float",))
NO_ONE_HOT_SHORTCUT = forbids(
    "forbid_one_hot", "build the one-hot array yourself, without keras.utils.to_categorical, tf.one_hot or "
    "keras.ops.one_hot", r"to_categorical", r"tf\.one_hot", r"keras\.ops\.one_hot")
ONE_HOT_SHORTCUTS = ("keras.utils.to_categorical", "tensorflow.one_hot", "keras.ops.one_hot")

EXERCISES = [
    Exercise("tape_derivative", _derivative, (
        Rule("tape", "compute the derivative with tf.GradientTape", (r"GradientTape",)),
        Rule("once", "call f exactly once: no finite differences", (r"exactly once",)),
        Rule("int_point", "x may be an int", (r"\bint\b",)),
        FLOAT_RESULT)),
    Exercise("tape_gradients", _tape_gradients, (
        Rule("loss", "loss = mean over samples of the sum over outputs of squared errors",
             (r"reduce_mean", r"reduce_sum")),
        Rule("result", "return (loss, grad_w1, grad_w2)", (r"\(loss, grad_w1, grad_w2\)",)),
        Rule("same_dtype", "work in the dtype of the inputs (float32 or float64)", (r"float64",)),
        Rule("keeps_variables", "do not change w1 or w2", (r"(do not|don't) change",)),
        FLOAT_RESULT)),
    Exercise("manual_train_step", _manual_step, (
        Rule("assign_sub", "update both variables in place with assign_sub", (r"assign_sub", r"both")),
        Rule("loss_before", "return the loss computed before the update", (r"before the update",)),
        FLOAT_RESULT)),
    Exercise("make_train_step", _make_train_step, (
        Rule("tf_function", "the returned train_step must be a tf.function", (r"tf\.function",)),
        Rule("apply_gradients", "update with optimizer.apply_gradients over model.trainable_variables",
             (r"apply_gradients", r"trainable_variables")),
        Rule("loss_order", "loss_fn(y, model(x, training=True)), returned before the update",
             (r"loss_fn\(y, model\(x, training=True\)\)",)))),
    Exercise("to_one_hot", _one_hot, (
        NO_ONE_HOT_SHORTCUT, KEEPS_INPUTS,
        Rule("float32", "return a float32 array of shape (n, num_classes)", (r"float32", r"\(n, num_classes\)")),
        Rule("range", "raise ValueError naming the label when a label is outside 0 … num_classes - 1",
             (r"ValueError", r"shows? the (offending|bad|first bad) label"))),
        forbidden=ONE_HOT_SHORTCUTS),
    Exercise("build_mnist_model", _build, (
        Rule("layers", "Dense(512, relu) then Dense(10, softmax) on 784 inputs: 407,050 parameters",
             (r"Dense\(512", r"Dense\(10", r"784", r"407,050")),
        Rule("compile", "compiled with RMSprop and metrics=['accuracy']", (r"RMSprop", r"accuracy")),
        Rule("loss", "categorical_crossentropy for one-hot labels, sparse_categorical_crossentropy for integer "
             "labels, never from_logits=True after a softmax",
             (r"sparse_categorical_crossentropy", r"categorical_crossentropy", r"from_logits"))),
    ),
    Exercise("count_updates", _count, (
        Rule("partial", "the last, partial batch counts as a batch", (r"partial",)),
        Rule("ints", "return two integers (batches per epoch, total updates)", (r"two integers",)),
        Rule("positive", "raise ValueError unless all three are at least 1", (r"ValueError", r"at least 1")))),
    Exercise("fit_and_evaluate", _fit_and_evaluate, (
        Rule("split", "train with model.fit(..., validation_split=validation_split): Keras trains on the first "
             "⌊n·(1 − validation_split)⌋ samples and validates on the rest",
             (r"validation_split=validation_split", r"⌊n·\(1 − validation_split\)⌋")),
        Rule("evaluate", "evaluate on the test data after training", (r"evaluate",)),
        Rule("result", "return (history, test_loss, test_accuracy)", (r"\(history, test_loss, test_accuracy\)",)))),
    Exercise("best_epoch", _best_epoch, (
        Rule("one_based", "epochs are numbered from 1", (r"from 1",)),
        Rule("ties", "the first epoch on ties", (r"first",)),
        Rule("no_val", "ValueError mentioning val_loss when the history has none", (r"ValueError", r"val_loss")))),
    Exercise("fit_with_early_stopping", _early_stopping, (
        Rule("early_stopping", "EarlyStopping on val_loss with the given patience, restoring the best weights",
             (r"EarlyStopping", r"patience", r"restore_best_weights")),
        Rule("validation_data", "validate on (x_val, y_val)", (r"validation_data",)),
        Rule("max_epochs", "at most max_epochs epochs", (r"max_epochs",)))),
]
