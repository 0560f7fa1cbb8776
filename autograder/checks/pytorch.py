"""Judges of chapter 5 (PyTorch): reference answers for the recorded outcomes.

The inputs come from the exercises' public plans (``helpers/checking/exercises/pytorch.py``),
regenerated here from the same seed. The references are computed here, independently of the model
solutions: exact derivatives of the plan's functions, gradients of the two-layer net from PyTorch's
autograd in float64 (the exercise that asks for hand-written gradients is compared with autograd on
random shapes), the updates of plain gradient descent written out step by step, logistic
regression's gradient in NumPy, and He initialisation's standard deviation sqrt(2 / fan_in).
When a training result is wrong, the judge also tries the usual wrong variant (gradients added up
across steps because they were never zeroed) to say what happened.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks.common import (
    CannotJudge,
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
from helpers.checking.exercises.pytorch import (
    AUTOGRAD_STEPS,
    CANCER_THRESHOLD,
    INIT_SEEDS,
    RECIPE_THRESHOLD,
    RECIPE_TRAIN,
    Cubic,
    LogRatio,
    SinExp,
    breast_cancer_split,
)

TORCH_DTYPES = {"float64": "torch.float64", "float32": "torch.float32", "float16": "torch.float16",
                "int64": "torch.int64", "int32": "torch.int32", "int16": "torch.int16", "int8": "torch.int8",
                "uint8": "torch.uint8", "bool": "torch.bool"}


def _torch() -> Any:
    import torch

    return torch


def _tensor(got: Any, label: str, what: str = "a torch tensor") -> TensorValue:
    if not isinstance(got, TensorValue) or got.framework != "torch":
        raise CheckFailed(f"{label} should give {what}, got {describe(got)}")
    return got


def _number(got: Any, label: str, what: str = "a Python float") -> float:
    if isinstance(got, TensorValue):
        grad = " that carries a graph (requires_grad=True)" if got.requires_grad else ""
        raise CheckFailed(f"{label} returned a tensor{grad}; return {what} (loss.item(), float(...))")
    if not is_number(got):
        raise CheckFailed(f"{label} should return {what}, got {describe(got)}")
    return float(got)


def _tolerances(dtype: str) -> tuple[float, float]:
    return (1e-4, 1e-5) if "32" in dtype else (1e-8, 1e-10)


def _same_device(got: str, asked: str) -> bool:
    torch = _torch()
    a, b = torch.device(got), torch.device(asked)
    return a.type == b.type and (b.index is None or a.index is None or a.index == b.index)


# --- 1 and 2. NumPy <-> tensor ---------------------------------------------------------------------


@judge("array_to_tensor")
def _array_to_tensor(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        a = case.args[0]
        t = _tensor(got["tensor"], case.label)
        expected = TORCH_DTYPES[a.dtype.name]
        if t.dtype != expected:
            raise CheckFailed(f"{case.label} returned dtype {t.dtype}; the array's dtype is {a.dtype}, so expected "
                              f"{expected}")
        if got.get("shape") != list(a.shape):
            raise CheckFailed(f"{case.label} returned shape {tuple(got.get('shape') or ())}, expected {a.shape}")
        if not _same_device(t.device, got["asked"]):
            raise CheckFailed(f"{case.label} returned a tensor on {t.device}; it should be on {got['asked']}")
        if not np.array_equal(t.values.reshape(a.shape), a):
            raise CheckFailed(f"{case.label}: the tensor's values differ from the array's")
        if got.get("shares_memory"):
            raise CheckFailed(f"{case.label} returned a tensor that shares memory with a (as torch.from_numpy does): "
                              "changing one would change the other; copy the data")


@judge("tensor_to_array")
def _tensor_to_array(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        values, dtype, _device, _grad, layout = case.args
        expected = np.asarray(values).astype(np.dtype(dtype))
        if layout == "transposed":
            expected = expected.T
        array = got["array"]
        if isinstance(array, TensorValue):
            raise CheckFailed(f"{case.label} returned a torch tensor; return a NumPy array (.numpy())")
        if not isinstance(array, np.ndarray):
            raise CheckFailed(f"{case.label} should return a NumPy array, got {describe(array)}")
        if array.dtype != expected.dtype:
            raise CheckFailed(f"{case.label} returned dtype {array.dtype}, expected {expected.dtype}")
        if got.get("shape") != list(expected.shape):
            raise CheckFailed(f"{case.label} returned shape {tuple(got.get('shape') or ())}, expected {expected.shape}")
        if not np.array_equal(array.reshape(expected.shape), expected):
            raise CheckFailed(f"{case.label}: the array's values differ from the tensor's")
        if not got.get("unchanged"):
            raise CheckFailed(f"{case.label} changed the tensor t (its values or requires_grad); leave it as it was")


# --- 3. autograd_derivative -------------------------------------------------------------------------------


def _derivative(f: Any, x: float) -> float:
    if isinstance(f, Cubic):
        a, b, c = f.roots
        return (x - b) * (x - c) + (x - a) * (x - c) + (x - a) * (x - b)
    if isinstance(f, SinExp):
        return math.exp(f.b * x) * (f.a * math.cos(f.a * x) + f.b * math.sin(f.a * x))
    if isinstance(f, LogRatio):
        q = 1 + f.c * x * x
        return (2 * x / (1 + x * x)) / q - math.log(1 + x * x) * 2 * f.c * x / q**2
    raise TypeError(f"no derivative for {f!r}")


@judge("autograd_derivative")
def _autograd_derivative(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        f, x0 = case.args
        if got["calls"] != 1:
            raise CheckFailed(f"{case.label} called f {got['calls']} times; call it exactly once and let autograd "
                              "differentiate (finite differences need several calls and are less precise)")
        value = _number(got["result"], case.label)
        expected = _derivative(f, float(x0))
        if not math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12) and math.isclose(value, expected, rel_tol=1e-5):
            raise CheckFailed(f"{case.label} returned {value!r}, expected {expected!r}: close, but only to about 7 "
                              "digits, as float32 gives; compute in float64 (dtype=torch.float64)")
        expect_scalar(value, expected, label=case.label, rtol=1e-9, atol=1e-12)


# --- 4. sgd_update ------------------------------------------------------------------------------------


@judge("sgd_update")
def _sgd_update(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        values, grads, lr = case.args
        if got["returned"] is not None:
            raise CheckFailed(f"{case.label} returned a {got['returned']}; it should return None (it updates in place)")
        if not all(got["same_objects"]):
            raise CheckFailed(f"{case.label} put new tensors into params; update the ones given, in place "
                              "(p -= lr * p.grad inside torch.no_grad())")
        if not all(got["leaf"]) or not all(got["requires_grad"]):
            raise CheckFailed(f"{case.label}: a parameter is no longer a leaf tensor that requires grad; update it in "
                              "place inside torch.no_grad()")
        if not got["grad_enabled_after"]:
            raise CheckFailed(f"{case.label} left gradient recording switched off; use `with torch.no_grad():`, which "
                              "switches it back on")
        for index, (value, grad) in enumerate(zip(values, grads)):
            expected = value if grad is None else value - lr * grad
            rtol, atol = _tolerances(value.dtype.name)
            expect_array(np.asarray(got["values"][index].values).reshape(value.shape), expected,
                         label=f"{case.label}, parameter {index}", rtol=rtol, atol=atol)
            after = got["grads"][index]
            if grad is None and after is not None:
                raise CheckFailed(f"{case.label}: parameter {index} had no gradient (.grad is None) and should be left "
                                  "alone, but now has one")
            if after is not None and np.any(np.asarray(after.values) != 0):
                raise CheckFailed(f"{case.label}: the gradient of parameter {index} was not reset; zero it "
                                  "(p.grad.zero_()) or set p.grad = None after the update")


# --- 5 and 6. the two-layer net ---------------------------------------------------------------------


def _two_layer_reference(x: Any, y: Any, w1: Any, w2: Any, lr: float, steps: int,
                         accumulate: bool = False) -> list[tuple[float, np.ndarray, np.ndarray]]:
    """(loss, w1, w2) after each of ``steps`` gradient steps, in float64, gradients from autograd."""
    torch = _torch()
    x, y = x.double(), y.double()
    w1 = w1.detach().double().clone().requires_grad_(True)
    w2 = w2.detach().double().clone().requires_grad_(True)
    out = []
    for _ in range(steps):
        loss = (x.mm(w1).clamp(min=0).mm(w2) - y).pow(2).sum()
        loss.backward()
        with torch.no_grad():
            w1 -= lr * w1.grad
            w2 -= lr * w2.grad
            if not accumulate:
                w1.grad.zero_()
                w2.grad.zero_()
        out.append((loss.item(), w1.detach().numpy().copy(), w2.detach().numpy().copy()))
    return out


def _compare_weights(got: Any, expected: np.ndarray, dtype: str, label: str) -> None:
    t = _tensor(got, label)
    if t.dtype != f"torch.{dtype}":
        raise CheckFailed(f"{label} has dtype {t.dtype}, expected torch.{dtype}")
    rtol, atol = _tolerances(dtype)
    expect_array(np.asarray(t.values, dtype=float).reshape(expected.shape), expected, label=label, rtol=rtol, atol=atol)


@judge("two_layer_manual_step")
def _manual_step(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y, w1, w2, lr = case.args
        if got["autograd"]:
            raise CheckFailed(f"{case.label} called {', '.join(got['autograd'])}; compute the gradients by hand "
                              "(no autograd in this exercise)")
        loss, new_w1, new_w2 = _two_layer_reference(x, y, w1, w2, lr, 1)[0]
        dtype = str(x.dtype).removeprefix("torch.")
        rtol, atol = _tolerances(dtype)
        expect_scalar(_number(got["loss"], case.label), loss, label=case.label + " (the loss before the update)",
                      rtol=rtol, atol=atol)
        _compare_weights(got["w1"], new_w1, dtype, case.label + ": w1 after the step (compared with autograd)")
        _compare_weights(got["w2"], new_w2, dtype, case.label + ": w2 after the step (compared with autograd)")


def _matches(got: list[Any], expected: list[np.ndarray], dtype: str) -> bool:
    rtol, atol = _tolerances(dtype)
    try:
        return all(np.allclose(np.asarray(g.values, dtype=float).reshape(e.shape), e, rtol=rtol, atol=atol)
                   for g, e in zip(got, expected))
    except (AttributeError, ValueError):
        return False


@judge("two_layer_autograd_step")
def _autograd_step(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y, w1, w2, lr = case.args
        dtype = str(x.dtype).removeprefix("torch.")
        reference = _two_layer_reference(x, y, w1, w2, lr, AUTOGRAD_STEPS)
        added_up = _two_layer_reference(x, y, w1, w2, lr, AUTOGRAD_STEPS, accumulate=True)
        if not all(got["leaf"]):
            raise CheckFailed(f"{case.label}: w1 or w2 is no longer a leaf tensor that requires grad; update them in "
                              "place inside torch.no_grad()")
        rtol, atol = _tolerances(dtype)
        for step, (observed, (loss, new_w1, new_w2), wrong) in enumerate(zip(got["steps"], reference, added_up), 1):
            label = f"{case.label}, call {step}"
            differs = not all(np.allclose(r, w, rtol=rtol, atol=atol) for r, w in zip((new_w1, new_w2), wrong[1:]))
            if step > 1 and differs and _matches([observed["w1"], observed["w2"]], [wrong[1], wrong[2]], dtype):
                raise CheckFailed(f"{label}: the gradients added up across calls; zero w1.grad and w2.grad (or set them "
                                  "to None) in every step")
            expect_scalar(_number(observed["loss"], label), loss, label=label + " (the loss before the update)",
                          rtol=rtol, atol=atol)
            _compare_weights(observed["w1"], new_w1, dtype, label + ": w1 after the call")
            _compare_weights(observed["w2"], new_w2, dtype, label + ": w2 after the call")


# --- 7, 8, 11, 13: training loops -----------------------------------------------------------------


def _reference_model(spec: dict[str, Any]) -> tuple[list[Any], Callable[[Any], Any]]:
    """Float64 parameters of the spec's model and its forward function, written out here."""
    torch = _torch()
    params = []
    for layer in spec["layers"]:
        params += [torch.tensor(layer["weight"], dtype=torch.float64, requires_grad=True),
                   torch.tensor(layer["bias"], dtype=torch.float64, requires_grad=True)]
    activation = {"relu": torch.relu, "tanh": torch.tanh}.get(spec["kind"])

    def forward(x: Any) -> Any:
        h = x.double() @ params[0].T + params[1]
        if activation is None:
            return h
        return activation(h) @ params[2].T + params[3]

    return params, forward


def _train_reference(spec: dict[str, Any], batches: list[list[tuple[Any, Any]]], lr: float, loss: str,
                     accumulate: bool = False) -> tuple[list[float], list[np.ndarray]]:
    """Plain gradient descent over ``batches`` (a list of epochs, each a list of (x, y)): the mean loss per
    sample of each epoch (losses taken before each update) and the parameters at the end."""
    torch = _torch()
    params, forward = _reference_model(spec)
    losses = []
    for epoch in batches:
        total, count = 0.0, 0
        for xb, yb in epoch:
            out = forward(xb)
            if loss == "mse":
                value = torch.nn.functional.mse_loss(out, yb.double())
            else:
                value = torch.nn.functional.cross_entropy(out, yb)
            grads = torch.autograd.grad(value, params)
            with torch.no_grad():
                for p, g in zip(params, grads):
                    if accumulate:
                        p.acc = g + getattr(p, "acc", 0)
                        p -= lr * p.acc
                    else:
                        p -= lr * g
            total += value.item() * len(xb)
            count += len(xb)
        losses.append(total / count)
    return losses, [p.detach().numpy().copy() for p in params]


def _expect_losses(got: Any, expected: list[float], label: str, what: str, rtol: float, atol: float) -> None:
    if isinstance(got, TensorValue) or not isinstance(got, (list, tuple)):
        raise CheckFailed(f"{label} should return a list of {len(expected)} Python floats ({what}), got {describe(got)}")
    if len(got) != len(expected):
        raise CheckFailed(f"{label} returned {len(got)} losses, expected {len(expected)} ({what})")
    for index, (g, e) in enumerate(zip(got, expected)):
        expect_scalar(_number(g, f"{label}, loss {index}"), e, label=f"{label}, loss {index} ({what})",
                      rtol=rtol, atol=atol)


def _expect_params(got: list[Any], expected: list[np.ndarray], label: str, rtol: float, atol: float,
                   accumulated: list[np.ndarray] | None = None) -> None:
    if accumulated is not None and len(got) == len(accumulated) and any(
            not np.allclose(a, e, rtol=rtol, atol=atol) for a, e in zip(accumulated, expected)):
        try:
            same = all(np.allclose(np.asarray(g.values, dtype=float).reshape(a.shape), a, rtol=rtol, atol=atol)
                       for g, a in zip(got, accumulated))
        except (AttributeError, ValueError):
            same = False
        if same:
            raise CheckFailed(f"{label}: the gradients added up across steps; call optimizer.zero_grad() in every step")
    if len(got) != len(expected):
        raise CheckFailed(f"{label}: the model has {len(got)} parameter tensors after training, expected {len(expected)}")
    for index, (g, e) in enumerate(zip(got, expected)):
        t = _tensor(g, label)
        expect_array(np.asarray(t.values, dtype=float).reshape(e.shape), e,
                     label=f"{label}: parameter {index} after training", rtol=rtol, atol=atol)


@judge("sgd_train")
def _sgd_train(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        spec, x, y, lr, steps = case.args
        batches = [[(x, y)] for _ in range(steps)]
        losses, params = _train_reference(spec, batches, lr, "mse")
        _, added_up = _train_reference(spec, batches, lr, "mse", accumulate=True)
        rtol, atol = _tolerances(str(x.dtype))
        _expect_params(got["params"], params, case.label, rtol, atol, added_up)
        _expect_losses(got["losses"], losses, case.label, "one per step, before its update", rtol, atol)


def _loader_batches(x: Any, y: Any, batch_size: int, epochs: int, seed: int) -> list[list[tuple[Any, Any]]]:
    """The batches a DataLoader(shuffle=True, generator seeded with ``seed``) made once yields, epoch by epoch."""
    torch = _torch()
    from torch.utils.data import DataLoader, TensorDataset

    order = DataLoader(TensorDataset(torch.arange(len(x))), batch_size=batch_size, shuffle=True,
                       generator=torch.Generator().manual_seed(seed))
    return [[(x[index], y[index]) for (index,) in order] for _ in range(epochs)]


@judge("train_with_loader")
def _train_with_loader(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        spec, x, y, batch_size, lr, epochs, seed = case.args
        batches = _loader_batches(x, y, batch_size, epochs, seed)
        losses, params = _train_reference(spec, batches, lr, "mse")
        _, added_up = _train_reference(spec, batches, lr, "mse", accumulate=True)
        rtol, atol = _tolerances(str(x.dtype))
        _expect_params(got["params"], params, case.label, rtol, atol, added_up)
        _expect_losses(got["losses"], losses, case.label, "the mean loss per sample of each epoch", rtol, atol)


# --- 9. standardize -------------------------------------------------------------------------------


@judge("standardize")
def _standardize(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x_train, x_test = case.args
        train, test = x_train.double().numpy(), x_test.double().numpy()
        mean, std = train.mean(axis=0), train.std(axis=0)
        std[std == 0] = 1.0
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(f"{case.label} should return the tuple (train_std, test_std), got {describe(got)}")
        dtype = str(x_train.dtype)
        rtol, atol = _tolerances(dtype)
        for name, value, data in (("train_std", got[0], train), ("test_std", got[1], test)):
            t = _tensor(value, f"{case.label}: {name}")
            if t.dtype != dtype:
                raise CheckFailed(f"{case.label}: {name} has dtype {t.dtype}, expected {dtype} (the input's)")
            values = np.asarray(t.values, dtype=float)
            if values.shape != data.shape:
                raise CheckFailed(f"{case.label}: {name} has shape {values.shape}, expected {data.shape}")
            if name == "test_std":
                own = (data - data.mean(axis=0)) / np.where(data.std(axis=0) == 0, 1.0, data.std(axis=0))
                if np.allclose(values, own, rtol=rtol, atol=atol) and not np.allclose(own, (data - mean) / std):
                    raise CheckFailed(f"{case.label}: test_std was scaled with x_test's own mean and standard "
                                      "deviation; use x_train's for both splits")
            expect_array(values, (data - mean) / std, label=f"{case.label}: {name}", rtol=rtol, atol=atol)


# --- 10 and 11. logistic regression ----------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@judge("LogisticRegression")
def _logistic_module(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        n_features, _seed, x = case.args
        if not got["is_module"]:
            raise CheckFailed(f"{case.label}: LogisticRegression should be an nn.Module subclass")
        sizes = [int(np.prod(s)) for s in got["param_shapes"]]
        if sum(sizes) != n_features + 1 or sorted(sizes) != sorted([n_features, 1]):
            raise CheckFailed(f"{case.label} has parameters of shapes {got['param_shapes']}; expected "
                              f"n_features + 1 = {n_features + 1} numbers: a weight per feature and one bias")
        weight = np.asarray(got["params"][sizes.index(n_features)].values, dtype=float).reshape(-1)
        bias = float(np.asarray(got["params"][sizes.index(1) if n_features != 1 else 1].values).reshape(-1)[0])
        out = _tensor(got["out"], case.label, "a tensor of probabilities")
        n = x.shape[0]
        if got["out_shape"] != [n, 1]:
            raise CheckFailed(f"{case.label} returned shape {tuple(got['out_shape'] or ())}, expected {(n, 1)}")
        logits = x.double().numpy() @ weight + bias
        values = np.asarray(out.values, dtype=float).reshape(n, 1)
        if np.allclose(values.reshape(-1), logits, rtol=1e-4, atol=1e-5) and not np.allclose(logits, _sigmoid(logits)):
            raise CheckFailed(f"{case.label} returned logits w·x + b; forward should return probabilities "
                              "(apply torch.sigmoid)")
        expect_array(values, _sigmoid(logits).reshape(n, 1), label=case.label, rtol=1e-4, atol=1e-6)
        if not got["out_requires_grad"]:
            raise CheckFailed(f"{case.label}: the output does not require grad, so training could not change the "
                              "weights; do not detach it or compute it under torch.no_grad()")


def _logistic_reference(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray, epochs: int,
                        lr: float) -> tuple[list[float], np.ndarray, float]:
    w, b = w.astype(float).copy(), float(b)
    x, y = x.astype(float), y.astype(float).reshape(-1)
    losses = []
    for _ in range(epochs):
        p = _sigmoid(x @ w + b)
        losses.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
        w -= lr * (x.T @ (p - y)) / len(y)
        b -= lr * float(np.mean(p - y))
    return losses, w, b


@judge("train_logistic")
def _train_logistic(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        w, b, x, y, epochs, lr, x_test = case.args
        losses, w_end, b_end = _logistic_reference(w, b, x.numpy(), y.numpy(), epochs, lr)
        rtol, atol = (1e-4, 1e-5) if w.dtype == np.float32 else (1e-8, 1e-10)
        if x_test is not None:
            rtol, atol = 2e-3, 2e-4  # a hundred float32 steps
        _expect_losses(got["losses"], losses, case.label, "one per epoch, before its update", rtol, atol)
        _expect_params(got["params"], [w_end.reshape(1, -1), np.array([b_end])], case.label, rtol, atol)
        if x_test is not None:
            _, _, _, y_test = breast_cancer_split()
            probabilities = np.asarray(_tensor(got["test_probabilities"], case.label).values, dtype=float).reshape(-1)
            accuracy = float(np.mean((probabilities > 0.5) == (y_test > 0.5)))
            if accuracy < CANCER_THRESHOLD:
                raise CheckFailed(f"{case.label}: test accuracy {accuracy:.3f}, below {CANCER_THRESHOLD}")


# --- 12. MLP ------------------------------------------------------------------------------------------


@judge("MLP")
def _mlp(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        sizes, _seed, x, purpose = case.args
        if "not_a_module" in got:
            raise CheckFailed(f"{case.label}: MLP(...) gave a {got['not_a_module']}, not an nn.Module")
        n_in, n_hidden, n_out = sizes or (784, 256, 10)
        expected_shapes = [[n_hidden, n_in], [n_out, n_hidden]]
        for model in got["models"]:
            if model["linear_shapes"] != expected_shapes:
                raise CheckFailed(f"{case.label}: the model's nn.Linear layers have weights of shapes "
                                  f"{model['linear_shapes']}; expected two layers, {expected_shapes}")
        if purpose == "count":
            count = got["models"][0]["parameters"]
            if count != 203_530:
                raise CheckFailed(f"{case.label}: {count:,} parameters, expected 203,530")
        elif purpose == "forward":
            _mlp_forward(case.label, got["models"][0], x)
        else:
            _mlp_init(case.label, got["models"], sizes)


def _mlp_forward(label: str, model: dict[str, Any], x: Any) -> None:
    layers = model["layers"]
    if any(layer["bias"] is None for layer in layers):
        raise CheckFailed(f"{label}: the nn.Linear layers need biases")
    w1, b1, w2, b2 = (np.asarray(layers[i][k].values, dtype=float) for i in (0, 1) for k in ("weight", "bias"))
    w1, w2 = w1.reshape(layers[0]["weight"].values.shape), w2.reshape(layers[1]["weight"].values.shape)
    logits = np.maximum(x.double().numpy() @ w1.T + b1, 0.0) @ w2.T + b2
    out = _tensor(model["out"], label, "a tensor of logits")
    if model["out_shape"] != list(logits.shape):
        raise CheckFailed(f"{label} returned shape {tuple(model['out_shape'] or ())}, expected {logits.shape}")
    values = np.asarray(out.values, dtype=float).reshape(logits.shape)
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    softmax = shifted / shifted.sum(axis=1, keepdims=True)
    if np.allclose(values, softmax, rtol=1e-4, atol=1e-6) or np.allclose(values, np.log(softmax), rtol=1e-4, atol=1e-6):
        raise CheckFailed(f"{label} applies (log-)softmax; return the logits: nn.CrossEntropyLoss applies "
                          "log-softmax itself")
    expect_array(values, logits, label=label + " (relu(x W1ᵀ + b1) W2ᵀ + b2)", rtol=1e-4, atol=1e-5)


def _mlp_init(label: str, models: list[dict[str, Any]], sizes: tuple[int, int, int]) -> None:
    fans = [(sizes[0], sizes[1]), (sizes[1], sizes[2])]
    for index, (fan_in, fan_out) in enumerate(fans):
        stds = np.array([m["weight_std"][index] for m in models])
        means = np.array([m["weight_mean"][index] for m in models])
        pooled = float(np.sqrt(np.mean(stds**2)))
        count = fan_in * fan_out * len(models)
        he, xavier, default = math.sqrt(2 / fan_in), math.sqrt(2 / (fan_in + fan_out)), 1 / math.sqrt(3 * fan_in)
        where = f"{label}: layer {index + 1} ({fan_in} inputs, {fan_out} outputs)"
        if abs(pooled / he - 1) > 0.06:
            guess = ""
            if abs(pooled / xavier - 1) < 0.06:
                guess = " — that is Xavier (Glorot) initialisation, made for tanh/sigmoid"
            elif abs(pooled / default - 1) < 0.06:
                guess = " — that is PyTorch's default initialisation of nn.Linear"
            raise CheckFailed(f"{where}: the weights' standard deviation over {INIT_SEEDS} models is {pooled:.4f}"
                              f"{guess}; He initialisation gives sqrt(2 / fan_in) = {he:.4f}")
        if abs(float(np.mean(means))) > 5 * he / math.sqrt(count):
            raise CheckFailed(f"{where}: the weights' mean is {float(np.mean(means)):.4f}; He initialisation is "
                              "centred on 0")
        biggest = max((m["bias_max_abs"][index] for m in models), key=lambda v: -1 if v is None else v)
        if biggest is None or biggest != 0:
            raise CheckFailed(f"{where}: the biases should start at zero (largest |bias| {biggest})")


# --- 13 and 14. train_one_epoch and evaluate_accuracy ---------------------------------------------------


def _mixups(label: str, mixups: list[str]) -> None:
    if mixups:
        raise CheckFailed(f"{label}: a batch from the loader was used without .to(device) (in {', '.join(mixups[:3])}); "
                          "on a GPU this fails: move both the inputs and the labels with .to(device)")


def _batches(x: Any, y: Any, batch_size: int) -> list[tuple[Any, Any]]:
    return [(x[i:i + batch_size], y[i:i + batch_size]) for i in range(0, len(x), batch_size)]


@judge("train_one_epoch")
def _train_one_epoch(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        spec, x, y, batch_size, lr = case.args
        if got["accumulated"]:
            raise CheckFailed(f"{case.label} added up the loss tensors themselves, which keeps every step's graph "
                              "alive (memory grows with each batch); accumulate loss.item() instead")
        if not got["training_in_forward"] or not all(got["training_in_forward"]):
            raise CheckFailed(f"{case.label}: the model was in eval mode during training; call model.train() first")
        _mixups(case.label, got["mixups"])
        batches = _batches(x, y, batch_size)
        if got["loss_calls"] != len(batches):
            raise CheckFailed(f"{case.label} called the loss function {got['loss_calls']} times for {len(batches)} "
                              "batches; once per batch")
        losses, params = _train_reference(spec, [batches], lr, "ce")
        _, added_up = _train_reference(spec, [batches], lr, "ce", accumulate=True)
        _expect_params(got["params"], params, case.label, 1e-4, 1e-5, added_up)
        value = _number(got["returned"], case.label)
        batch_mean = None
        if len(x) % batch_size:
            per_batch = _train_reference(spec, [[b] for b in batches], lr, "ce")[0]
            batch_mean = float(np.mean(per_batch))
        if batch_mean is not None and math.isclose(value, batch_mean, rel_tol=1e-4) and not math.isclose(
                batch_mean, losses[0], rel_tol=1e-4):
            raise CheckFailed(f"{case.label} returned {value:.6g}, the mean of the batch losses; the last batch is "
                              "smaller, so weight each batch's loss by its size (mean loss per sample)")
        expect_scalar(value, losses[0], label=case.label + " (mean loss per sample)", rtol=1e-4, atol=1e-6)


@judge("evaluate_accuracy")
def _evaluate_accuracy(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        spec, x, y, batch_size, start_in_training = case.args
        if any(got["training_in_forward"]) or not got["training_in_forward"]:
            raise CheckFailed(f"{case.label}: the model was in training mode while evaluating (dropout was active); "
                              "call model.eval() first")
        if any(got["grad_in_forward"]):
            raise CheckFailed(f"{case.label}: gradients were recorded while evaluating; run the loop inside "
                              "torch.no_grad()")
        if not all(mode == start_in_training for mode in got["training_after"]):
            before = "training" if start_in_training else "eval"
            raise CheckFailed(f"{case.label}: afterwards the model is not in {before} mode as it was before; restore "
                              "the mode it had (remember model.training first)")
        _mixups(case.label, got["mixups"])
        if not got["params_unchanged"]:
            raise CheckFailed(f"{case.label} changed the model's parameters; evaluation must not train")
        value = _number(got["returned"], case.label)
        layers = spec["layers"]
        hidden = np.maximum(x.double().numpy() @ layers[0]["weight"].T + layers[0]["bias"], 0)
        predictions = (hidden @ layers[1]["weight"].T + layers[1]["bias"]).argmax(axis=1)
        correct = predictions == y.numpy()
        accuracy = float(correct.mean())
        per_batch = [float(correct[i:i + batch_size].mean()) for i in range(0, len(correct), batch_size)]
        if len(correct) % batch_size and math.isclose(value, float(np.mean(per_batch)), rel_tol=1e-9) and not \
                math.isclose(accuracy, float(np.mean(per_batch)), rel_tol=1e-9):
            raise CheckFailed(f"{case.label} returned {value:.6g}, the mean of the per-batch accuracies; the last "
                              "batch is smaller: count correct predictions and divide by the number of samples")
        expect_scalar(value, accuracy, label=case.label, rtol=1e-9, atol=1e-12)


# --- 15. mnist_recipe -------------------------------------------------------------------------------------


@judge("mnist_recipe")
def _mnist_recipe(ex: Exercise, results: Results) -> None:
    from helpers.datasets import DataError, load_mnist

    for case, outcome in results:
        raised = outcome.get("raised") or {}
        if raised.get("type") == "DataError":
            raise CannotJudge(f"MNIST could not be loaded in the grading kernel: {raised.get('message')}")
    try:
        labels = load_mnist("test", log=lambda _message: None).labels[RECIPE_TRAIN:]
    except DataError as error:
        raise CannotJudge(f"MNIST could not be loaded by the grader: {str(error).splitlines()[0]}") from None
    for case, got in each(ex, results):
        if got["problems"]:
            raise CheckFailed(f"{case.label}: {got['problems'][0]}")
        predictions = got["predictions"]
        if not isinstance(predictions, np.ndarray) or predictions.shape != labels.shape:
            raise CheckFailed(f"{case.label}: no predictions were recorded for the {len(labels)} test images")
        accuracy = float(np.mean(predictions == labels))
        if accuracy < RECIPE_THRESHOLD:
            raise CheckFailed(f"{case.label}: accuracy {accuracy:.2%}, below {RECIPE_THRESHOLD:.0%} "
                              f"(trained for {got.get('seconds')} s)")
        if not got["reloaded_same"]:
            raise CheckFailed(f"{case.label}: after saving the state_dict and loading it into a new model the "
                              "predictions changed; keep everything the model learns in parameters or buffers")
