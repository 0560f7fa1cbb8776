"""Judges of chapter 6 (TensorFlow / Keras): reference answers for the recorded outcomes.

The inputs come from the exercises' public plans (``helpers/checking/exercises/keras.py``),
regenerated here from the same seed. Nothing here imports TensorFlow: every reference is
computed with NumPy in float64 — gradients by central differences of the loss, written out here
(a numerical gradient check on each case's random data) — and compared with float32 tolerances.
The Keras exercises are judged by consistency: the recorded ``evaluate`` results of the trained
model must agree with what the student's function returned and with the history it produced.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks.common import (
    CheckFailed,
    Results,
    describe,
    each,
    expect_array,
    expect_scalar,
    is_number,
    judge,
)
from helpers.checking import Exercise
from helpers.checking.encoding import TensorValue

#: float32 arithmetic in the student's kernel, float64 here.
RTOL = 2e-4

# NumPy twins of the functions the plan hands to tape_derivative (by name).
FUNCTIONS: dict[str, Callable[[float], float]] = {
    "(x-1)(x-2)(x-3)": lambda x: (x - 1.0) * (x - 2.0) * (x - 3.0),
    "sin(x)·x": lambda x: math.sin(x) * x,
    "exp(-x²/2)": lambda x: math.exp(-0.5 * x * x),
    "log(1+x²)": lambda x: math.log(1.0 + x * x),
    "sigmoid(x)": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "relu(x)+0.1x³": lambda x: max(x, 0.0) + 0.1 * x**3,
}


def central_difference(f: Callable[[float], float], x: float) -> float:
    h = 1e-5 * max(1.0, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradients(loss: Callable[[list[np.ndarray]], float], params: list[np.ndarray]) -> list[np.ndarray]:
    """Central-difference gradient of ``loss`` with respect to each array in ``params`` (float64)."""
    params = [np.array(p, dtype=np.float64) for p in params]
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for index in np.ndindex(p.shape):
            original = p[index]
            h = 1e-6 * max(1.0, abs(original))
            p[index] = original + h
            up = loss(params)
            p[index] = original - h
            down = loss(params)
            p[index] = original
            g[index] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def two_layer_loss(x: np.ndarray, y: np.ndarray) -> Callable[[list[np.ndarray]], float]:
    """The seed's loss of the two-layer ReLU net without biases, as a function of [w1, w2]."""
    x, y = x.astype(np.float64), y.astype(np.float64)

    def loss(params: list[np.ndarray]) -> float:
        w1, w2 = params
        prediction = np.maximum(x @ w1, 0.0) @ w2
        return float(np.mean(np.sum((prediction - y) ** 2, axis=1)))

    return loss


def as_array(value: Any, *, label: str, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """A tensor or array result as float64 NumPy, or CheckFailed saying what it was."""
    if isinstance(value, TensorValue):
        value = value.values
    if value is None:
        raise CheckFailed(f"{label}: {what} is None — was it computed inside the GradientTape, from the "
                          "variable it is the gradient of?")
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
        raise CheckFailed(f"{label}: {what} should be a tensor or array, got {describe(value)}")
    if value.shape != shape:
        raise CheckFailed(f"{label}: {what} has shape {value.shape}, expected {shape}")
    return value.astype(np.float64)


def close(got: np.ndarray, expected: np.ndarray, *, label: str, rtol: float = RTOL) -> None:
    """Arrays agree to ``rtol`` relative to the reference's largest entry (float32 rounding)."""
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    expect_array(got, expected, label=label, rtol=rtol, atol=rtol * max(scale, 1e-3))


def number(value: Any, *, label: str, what: str) -> float:
    if not is_number(value):
        raise CheckFailed(f"{label}: {what} should be a Python float, got {describe(value)}")
    return float(value)


def _dict(value: Any, label: str, key: str) -> dict:
    if not isinstance(value, dict) or key not in value:
        raise CheckFailed(f"{label}: no result was recorded")
    return value


# ------------------------------------------------------------------------------- GradientTape


@judge("tape_derivative")
def _derivative(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        name, x = case.args
        got = _dict(got, case.label, "derivative")
        if got["calls"] != 1:
            raise CheckFailed(f"{case.label} called f {got['calls']} times; call it exactly once, inside the "
                              "GradientTape (no finite differences)")
        value = number(got["derivative"], label=case.label, what="the derivative")
        expect_scalar(value, central_difference(FUNCTIONS[name], float(x)), label=case.label, rtol=1e-4, atol=1e-4)


@judge("tape_gradients")
def _tape_gradients(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y, w1, w2 = case.args
        got = _dict(got, case.label, "result")
        for name, before, after in (("w1", w1, got["w1_after"]), ("w2", w2, got["w2_after"])):
            if not np.array_equal(before, after):
                raise CheckFailed(f"{case.label} changed {name}; only compute the gradients, do not change w1 or w2")
        result = got["result"]
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            raise CheckFailed(f"{case.label} should return (loss, grad_w1, grad_w2), got {describe(result)}")
        loss_fn = two_layer_loss(x, y)
        reference = numerical_gradients(loss_fn, [w1, w2])
        expect_scalar(number(result[0], label=case.label, what="the loss"), loss_fn([w1, w2]),
                      label=f"{case.label}: the loss", rtol=RTOL)
        for what, value, expected in (("grad_w1", result[1], reference[0]), ("grad_w2", result[2], reference[1])):
            close(as_array(value, label=case.label, what=what, shape=expected.shape), expected,
                  label=f"{case.label}: {what}")


def _close(got: np.ndarray, expected: np.ndarray, rtol: float = RTOL) -> bool:
    """The tolerance of :func:`close`, as a test."""
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    return bool(np.allclose(got, expected, rtol=rtol, atol=rtol * max(scale, 1e-3)))


def _manual_message(label: str, name: str, before: np.ndarray, after: np.ndarray, grad: np.ndarray,
                    lr: float) -> str | None:
    """Why a wrong update is wrong, when it is a common mistake (called only for wrong updates)."""
    if after.shape != before.shape:
        return None
    if np.array_equal(before, after):
        return f"{label}: {name} did not change; update both variables in place with assign_sub"
    if _close(after, before + lr * grad):
        return f"{label}: {name} moved along its gradient (uphill); subtract learning_rate * gradient"
    return None


@judge("manual_train_step")
def _manual_step(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y, w1, w2, lr = case.args
        got = _dict(got, case.label, "losses")
        loss_fn = two_layer_loss(x, y)
        params = [w1.astype(np.float64), w2.astype(np.float64)]
        for step, key in enumerate(("after_first", "after_second")):
            expect_scalar(number(got["losses"][step], label=case.label, what="the returned loss"), loss_fn(params),
                          label=f"{case.label}: the loss returned by call {step + 1}", rtol=RTOL)
            grads = numerical_gradients(loss_fn, params)
            expected = [p - lr * g for p, g in zip(params, grads)]
            for name, before, after, grad, want in zip(("w1", "w2"), params, got[key], grads, expected):
                after = np.asarray(after, dtype=np.float64)
                if after.shape == want.shape and _close(after, want):
                    continue
                problem = _manual_message(f"{case.label}, call {step + 1}", name, before, after, grad, lr)
                if problem:
                    raise CheckFailed(problem)
                close(after, want, label=f"{case.label}: {name} after call {step + 1}")
            params = expected


def mlp_forward(weights: list[np.ndarray], x: np.ndarray) -> np.ndarray:
    w1, b1, w2, b2 = weights
    return np.maximum(x @ w1 + b1, 0.0) @ w2 + b2


#: Keras's BatchNormalization defaults.
BN_EPSILON, BN_MOMENTUM = 1e-3, 0.99


def _step_loss(name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The Keras loss a make_train_step case hands over (by name), as loss_fn(y_true, y_pred)."""
    if name == "MSE":
        return float(np.mean((y_pred - y_true) ** 2))
    if name == "BinaryCrossentropy(from_logits=True)":  # y_pred are logits
        return float(np.mean(np.maximum(y_pred, 0.0) - y_pred * y_true + np.log1p(np.exp(-np.abs(y_pred)))))
    raise KeyError(name)


def _step_forward(params: list[np.ndarray], x: np.ndarray, batch_norm: bool, *,
                  moving: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The model of a make_train_step case: params = [gamma, beta,] W1, b1, W2, b2.

    A BatchNormalization layer first normalises with the batch's mean and variance (training), or
    with the moving averages ``moving`` (inference).
    """
    if not batch_norm:
        return mlp_forward(params, x)
    gamma, beta, *dense = params
    mean, variance = moving if moving is not None else (x.mean(axis=0), x.var(axis=0))
    return mlp_forward(dense, gamma * (x - mean) / np.sqrt(variance + BN_EPSILON) + beta)


def _step_names(batch_norm: bool) -> tuple[str, ...]:
    dense = ("W1", "b1", "W2", "b2")
    return ("gamma", "beta", "moving_mean", "moving_variance", *dense) if batch_norm else dense


def _loss_hint(label: str, got: float, loss_name: str, x: np.ndarray, y: np.ndarray, params: list[np.ndarray],
               batch_norm: bool, moving: tuple[np.ndarray, np.ndarray]) -> None:
    """Name the cause when a wrong loss is one of the usual mistakes (called only for a wrong loss)."""
    prediction = _step_forward(params, x, batch_norm)
    if np.isclose(got, _step_loss(loss_name, prediction, y), rtol=RTOL, atol=1e-6):
        raise CheckFailed(f"{label}: the loss is loss_fn(prediction, y); a Keras loss takes the targets first "
                          "(y_true, then y_pred)")
    if batch_norm and np.isclose(got, _step_loss(loss_name, y, _step_forward(params, x, True, moving=moving)),
                                 rtol=RTOL, atol=1e-6):
        raise CheckFailed(f"{label}: the loss is the one of the model in inference mode (BatchNormalization used "
                          "its moving averages); run the model in training mode")


@judge("make_train_step")
def _make_train_step(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        weights, batch_norm, batches, lr, momentum, loss_name = case.args
        got = _dict(got, case.label, "losses")
        if not got["is_tf_function"]:
            raise CheckFailed(f"{case.label}: the returned train_step is a plain Python function; compile it "
                              "with @tf.function")
        normalises = batch_norm is not None
        params = [w.astype(np.float64) for w in ([*batch_norm, *weights] if normalises else weights)]
        moving = (np.zeros(len(params[0])), np.ones(len(params[0])))
        velocities = [np.zeros_like(p) for p in params]
        for index, (x, y) in enumerate(batches):
            x, y = x.astype(np.float64), y.astype(np.float64)

            def loss(ps: list[np.ndarray], x: np.ndarray = x, y: np.ndarray = y) -> float:
                return _step_loss(loss_name, y, _step_forward(ps, x, normalises))

            label = f"{case.label}: the loss of call {index + 1}"
            value = number(got["losses"][index], label=case.label, what="the loss")
            if not np.isclose(value, loss(params), rtol=RTOL, atol=1e-9):
                _loss_hint(label, value, loss_name, x, y, params, normalises, moving)
            expect_scalar(value, loss(params), label=label, rtol=RTOL)
            grads = numerical_gradients(loss, params)
            velocities = [momentum * v - lr * g for v, g in zip(velocities, grads)]
            params = [p + v for p, v in zip(params, velocities)]
            if normalises:
                moving = (BN_MOMENTUM * moving[0] + (1 - BN_MOMENTUM) * x.mean(axis=0),
                          BN_MOMENTUM * moving[1] + (1 - BN_MOMENTUM) * x.var(axis=0))
        expected = [*params[:2], *moving, *params[2:]] if normalises else params
        final = got["weights"]
        if len(final) != len(expected):
            raise CheckFailed(f"{case.label}: the model has {len(final)} weight arrays, expected {len(expected)}")
        for name, value, want in zip(_step_names(normalises), final, expected):
            close(np.asarray(value, dtype=np.float64), want, label=f"{case.label}: {name} after {len(batches)} steps")


# ---------------------------------------------------------------------------------- one-hot


@judge("to_one_hot")
def _one_hot(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        labels, classes = case.args
        expected = np.zeros((len(labels), classes), dtype=np.float32)
        expected[np.arange(len(labels)), labels.astype(np.int64)] = 1.0
        expect_array(got, expected, label=case.label, dtype=np.float32, rtol=0, atol=0)


# --------------------------------------------------------------------------- the MNIST model


def cross_entropy(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) of softmax outputs against integer labels."""
    p = np.clip(probabilities.astype(np.float64), 1e-7, 1.0)
    loss = float(np.mean(-np.log(p[np.arange(len(labels)), labels])))
    return loss, float(np.mean(probabilities.argmax(axis=1) == labels))


def _expect_loss(evaluated: Any, probabilities: np.ndarray, labels: np.ndarray, *, label: str) -> None:
    if not isinstance(evaluated, dict) or "loss" not in evaluated:
        raise CheckFailed(f"{label}: evaluate returned no loss")
    if "accuracy" not in evaluated:
        raise CheckFailed(f"{label}: evaluate reports {sorted(evaluated)}, no accuracy; compile with "
                          "metrics=['accuracy']")
    loss, accuracy = cross_entropy(probabilities, labels)
    if not np.isclose(evaluated["loss"], loss, rtol=1e-3, atol=1e-4):
        raise CheckFailed(f"{label}: the compiled loss gives {evaluated['loss']:.6g}, but the cross-entropy of the "
                          f"model's softmax outputs is {loss:.6g}; use categorical_crossentropy (one-hot labels) "
                          "or sparse_categorical_crossentropy (integer labels), without from_logits=True")
    expect_scalar(evaluated["accuracy"], accuracy, label=f"{label}: the accuracy metric", rtol=1e-5, atol=1e-6)


@judge("build_mnist_model")
def _build(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        if case.arg_names[0] == "integer_labels":
            _, x, labels, _ = case.args
            got = _dict(got, case.label, "layers")
            wanted = [["Dense", 512, "relu"], ["Dense", 10, "softmax"]]
            if got["layers"] != wanted:
                shown = ", ".join(f"{kind}({units}, {activation})" for kind, units, activation in got["layers"])
                raise CheckFailed(f"{case.label}: the layers are [{shown}]; expected [Dense(512, relu), "
                                  "Dense(10, softmax)]")
            if got["input_shape"] != [-1, 784]:
                raise CheckFailed(f"{case.label}: the input shape is {got['input_shape']}, expected (None, 784)")
            if got["params"] != 407_050:
                raise CheckFailed(f"{case.label}: {got['params']:,} parameters, expected 407,050")
            if got["optimizer"] != "RMSprop":
                raise CheckFailed(f"{case.label}: compiled with {got['optimizer']}, expected RMSprop")
            loss = got["loss"]
            if loss["from_logits"]:
                raise CheckFailed(f"{case.label}: the loss has from_logits=True, but the softmax layer already "
                                  "outputs probabilities; use the default from_logits=False")
            wanted_loss = "sparsecategoricalcrossentropy" if case.args[0] else "categoricalcrossentropy"
            if loss["name"].lower().replace("_", "") != wanted_loss:
                raise CheckFailed(f"{case.label}: compiled with the loss {loss['name']}; for "
                                  f"{'integer' if case.args[0] else 'one-hot'} labels use "
                                  f"{'sparse_categorical_crossentropy' if case.args[0] else 'categorical_crossentropy'}")
            _expect_loss(got["evaluated"], np.asarray(got["probabilities"]), labels, label=case.label)
        else:
            x, labels, _ = case.args
            got = _dict(got, case.label, "one_hot")
            probabilities = np.asarray(got["probabilities"])
            _expect_loss(got["one_hot"], probabilities, labels, label=f"{case.label} (one-hot labels)")
            _expect_loss(got["integer"], probabilities, labels, label=f"{case.label} (integer labels)")
            if not np.isclose(got["one_hot"]["loss"], got["integer"]["loss"], rtol=1e-5, atol=1e-6):
                raise CheckFailed(f"{case.label}: one-hot labels give loss {got['one_hot']['loss']:.6g} but integer "
                                  f"labels give {got['integer']['loss']:.6g}; they should agree")


# ------------------------------------------------------------------------ batches and updates


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


@judge("count_updates")
def _count(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        n, batch, epochs = case.args
        if not isinstance(got, (tuple, list)) or len(got) != 2 or not all(_is_int(v) for v in got):
            raise CheckFailed(f"{case.label} should return two integers (batches per epoch, total updates), "
                              f"got {describe(got)}")
        batches = -(-n // batch)
        if int(got[0]) != batches:
            raise CheckFailed(f"{case.label} returned {int(got[0])} batches per epoch, expected {batches}")
        if int(got[1]) != batches * epochs:
            raise CheckFailed(f"{case.label} returned {int(got[1])} updates in all, expected {batches * epochs}")


# -------------------------------------------------------------- fit, evaluate, early stopping


def _history(got: dict, label: str, *keys: str) -> dict[str, list[float]]:
    if got.get("history_type") != "History" or not isinstance(got.get("history"), dict):
        raise CheckFailed(f"{label}: expected the History object that model.fit returns, got a "
                          f"{got.get('history_type')}")
    history = got["history"]
    missing = [k for k in keys if k not in history]
    if missing:
        raise CheckFailed(f"{label}: the history records {sorted(history)}, not {missing}")
    return history


@judge("fit_and_evaluate")
def _fit_and_evaluate(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        _, x_train, _, _, _, epochs, batch_size, split = case.args
        got = _dict(got, case.label, "eval_test")
        if got["returned"] != 3:
            raise CheckFailed(f"{case.label} should return (history, test_loss, test_accuracy)")
        history = _history(got, case.label, "loss", "val_loss")
        if len(history["loss"]) != epochs:
            raise CheckFailed(f"{case.label}: trained for {len(history['loss'])} epochs, expected {epochs}")
        steps = epochs * -(-got["split_at"] // batch_size)
        if got["iterations"] != steps:
            raise CheckFailed(f"{case.label}: the optimizer took {got['iterations']} steps; with {got['split_at']} "
                              f"samples left after validation_split={split}, batch_size={batch_size} and "
                              f"{epochs} epochs it should take {steps} (pass validation_split=validation_split "
                              "to fit)")
        held_out = got["eval_held_out"]["loss"]
        if not np.isclose(history["val_loss"][-1], held_out, rtol=1e-4, atol=1e-6):
            raise CheckFailed(f"{case.label}: the last val_loss, {history['val_loss'][-1]:.6g}, is not the loss on "
                              f"the last {len(x_train) - got['split_at']} training samples ({held_out:.6g}); "
                              "pass validation_split=validation_split to fit")
        expect_scalar(number(got["test_loss"], label=case.label, what="test_loss"), got["eval_test"]["loss"],
                      label=f"{case.label}: test_loss (the trained model's loss on the test data)", rtol=1e-4)
        expect_scalar(number(got["test_accuracy"], label=case.label, what="test_accuracy"),
                      got["eval_test"]["accuracy"], label=f"{case.label}: test_accuracy", rtol=1e-5)


@judge("best_epoch")
def _best_epoch(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        (metrics,) = case.args
        expected = int(np.argmin(metrics["val_loss"])) + 1
        if not _is_int(got):
            raise CheckFailed(f"{case.label} should return an integer epoch number, got {describe(got)}")
        if int(got) != expected:
            raise CheckFailed(f"{case.label} returned epoch {int(got)}, expected {expected} (numbered from 1)")


@judge("fit_with_early_stopping")
def _early_stopping(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        *_, max_epochs, patience = case.args
        got = _dict(got, case.label, "eval_val")
        history = _history(got, case.label, "val_loss")
        val_loss = history["val_loss"]
        ran, best = len(val_loss), int(np.argmin(val_loss))
        expected = min(best + 1 + patience, max_epochs)
        if ran != expected:
            raise CheckFailed(f"{case.label}: trained {ran} epochs; the lowest val_loss came at epoch {best + 1}, so "
                              f"with patience={patience} (at most {max_epochs} epochs) training should stop after "
                              f"epoch {expected}")
        final = got["eval_val"]["loss"]
        if not np.isclose(final, val_loss[best], rtol=1e-4, atol=1e-6):
            raise CheckFailed(f"{case.label}: after training the model's loss on (x_val, y_val) is {final:.6g}, but "
                              f"the best epoch's val_loss was {val_loss[best]:.6g}; restore the best weights")
