"""Judges of chapter 4 (perceptrons and backpropagation): reference answers for the recorded outcomes.

The inputs come from the exercises' public plans (``helpers/checking/exercises/backprop.py``),
regenerated here from the same seed. The perceptron references are written here from the rule
the exercise states. Every backward pass (graphs, layers, loss, the network class) is compared
with central differences of the forward function computed here in float64 on the same random
data, never with one fixed answer; messages point at the usual cause when the pattern of the
error gives it away (a gradient N times too large, a ReLU mask taken from the wrong array, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograder.checks.common import (
    CheckFailed,
    Results,
    describe,
    each,
    expect_array,
    expect_pair,
    expect_raises,
    expect_scalar,
    is_number,
    judge,
    value_of,
)
from helpers.checking import Exercise
from helpers.checking.exercises.backprop import NET_PARAMS, CubeLoss, ParamLoss

# --- shared tools ------------------------------------------------------------------------------------


def numeric_gradient(f: Callable[..., float], args: Sequence[Any], k: int, h: float) -> np.ndarray:
    """Central differences of the scalar f(*args) with respect to args[k], all in float64."""
    base = [np.array(a, dtype=float) for a in args]
    grad = np.zeros(base[k].shape)
    for index in np.ndindex(*base[k].shape):
        old = base[k][index]
        base[k][index] = old + h
        up = float(f(*base))
        base[k][index] = old - h
        down = float(f(*base))
        base[k][index] = old
        grad[index] = (up - down) / (2.0 * h)
    return grad


def _tolerance(*arrays: Any) -> tuple[float, float]:
    """(rtol, atol as a fraction of the largest expected entry): looser when any input is float32."""
    low = any(isinstance(a, np.ndarray) and a.dtype == np.float32 for a in arrays)
    return (1e-4, 1e-5) if low else (1e-6, 1e-9)


def expect_gradient(got: Any, expected: np.ndarray, *, label: str, inputs: Sequence[Any], dtype: Any = None) -> None:
    """Compare a gradient with the numerical one: shape, (optionally) dtype, values."""
    rtol, atol = _tolerance(*inputs)
    scale = max(1.0, float(np.max(np.abs(expected)))) if expected.size else 1.0
    expect_array(got, expected, label=label, rtol=rtol, atol=atol * scale, dtype=np.dtype(dtype) if dtype else False)


def hint_if(got: Any, expected: np.ndarray, wrong: np.ndarray, message: str) -> None:
    """Raise ``message`` when ``got`` misses the reference but matches a known wrong answer."""
    if not isinstance(got, np.ndarray) or got.shape != expected.shape or got.dtype.kind not in "biuf":
        return
    scale = max(1.0, float(np.max(np.abs(expected)))) if expected.size else 1.0
    if not np.allclose(got, expected, rtol=1e-4, atol=1e-5 * scale) and np.allclose(
            got, wrong, rtol=1e-4, atol=1e-5 * scale):
        raise CheckFailed(message)


def _tuple_of(got: Any, size: int, *, label: str, what: str) -> Sequence[Any]:
    if not isinstance(got, (tuple, list)) or len(got) != size:
        raise CheckFailed(f"{label} should return {what}, got {describe(got)}")
    return got


def _integer(got: Any, *, label: str, what: str) -> int:
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise CheckFailed(f"{label}: {what} should be an integer, got {describe(got)}")
    return int(got)


# --- perceptron references ----------------------------------------------------------------------------


def _predict(w: Any, b: Any, x: Any) -> np.ndarray:
    scores = np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + float(b)
    return np.where(scores >= 0, 1, -1)


def _epoch(w: Any, b: Any, x: Any, y: Any, rho: float) -> tuple[np.ndarray, float, int]:
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    w, b = np.asarray(w, dtype=float).copy(), float(b)
    wrong = np.flatnonzero(_predict(w, b, x) != y)
    for k in wrong:
        w += rho * y[k] * x[k]
        b += rho * y[k]
    return w, b, len(wrong)


@judge("perceptron_predict")
def _perceptron_predict(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        w, b, x = case.args
        expected = _predict(w, b, x)
        if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind == "b":
            raise CheckFailed(f"{case.label} returned True/False; return -1 and +1")
        if isinstance(got, np.ndarray) and got.shape == expected.shape and np.any(got == 0):
            raise CheckFailed(f"{case.label} returned 0 for a point exactly on the line (np.sign?); the rule gives "
                              "+1 when w·x + b >= 0")
        expect_array(got, expected, label=case.label, rtol=0, atol=0)


@judge("perceptron_epoch")
def _perceptron_epoch(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        w, b, x, y, rho = case.args
        w_new, b_new, n_new = _tuple_of(got, 3, label=case.label, what="the tuple (w_new, b_new, n_updates)")
        ref_w, ref_b, ref_n = _epoch(w, b, x, y, rho)
        updates = _integer(n_new, label=case.label, what="n_updates")
        if updates != ref_n:
            raise CheckFailed(f"{case.label}: n_updates is {updates}, expected {ref_n} (the points misclassified "
                              "with the weights from the start of the epoch)")
        expect_array(w_new, ref_w, label=f"{case.label}: w_new", rtol=1e-9, atol=1e-12)
        expect_scalar(b_new, ref_b, label=f"{case.label}: b_new", rtol=1e-9, atol=1e-12)


@judge("train_perceptron")
def _train_perceptron(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        w, b, x, y, rho, max_epochs = case.args
        w_got, b_got, errors = _tuple_of(got, 3, label=case.label, what="the tuple (w, b, errors)")
        ref_w, ref_b, ref_errors = np.asarray(w, dtype=float), float(b), []
        while len(ref_errors) < max_epochs:
            ref_w, ref_b, count = _epoch(ref_w, ref_b, x, y, rho)
            ref_errors.append(count)
            if count == 0:
                break
        if isinstance(errors, np.ndarray) and errors.ndim == 1:
            errors = errors.tolist()
        if not isinstance(errors, (list, tuple)):
            raise CheckFailed(f"{case.label}: errors should be a list of update counts, got {describe(errors)}")
        counts = [_integer(e, label=case.label, what="each entry of errors") for e in errors]
        if counts != ref_errors:
            shown = counts if len(counts) <= 12 else counts[:12] + ["..."]
            wanted = ref_errors if len(ref_errors) <= 12 else ref_errors[:12] + ["..."]
            raise CheckFailed(f"{case.label}: errors is {shown} ({len(counts)} epochs), expected {wanted} "
                              f"({len(ref_errors)} epochs)")
        expect_array(w_got, ref_w, label=f"{case.label}: w", rtol=1e-9, atol=1e-12)
        expect_scalar(b_got, ref_b, label=f"{case.label}: b", rtol=1e-9, atol=1e-12)


def _vector_of_two(value: Any, *, label: str, name: str) -> np.ndarray:
    """b1 or w2 of xor_network as a float array of shape (2,): an array, or a list or tuple of two numbers."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(is_number(v) for v in value):
        return np.array([float(v) for v in value])
    if isinstance(value, np.ndarray) and value.shape == (2,) and value.dtype.kind in "biuf":
        return value.astype(float)
    raise CheckFailed(f"{label}: {name} should have shape (2,) (two numbers), got {describe(value)}")


@judge("xor_network")
def _xor_network(ex: Exercise, results: Results) -> None:
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    targets = np.array([-1, 1, 1, -1])
    for case, got in each(ex, results):
        w1, b1, w2, b2 = _tuple_of(got, 4, label=case.label, what="the tuple (W1, b1, w2, b2)")
        if not isinstance(w1, np.ndarray) or w1.shape != (2, 2) or w1.dtype.kind not in "biuf":
            raise CheckFailed(f"{case.label}: W1 should be a NumPy array of shape (2, 2), got {describe(w1)}")
        b1, w2 = _vector_of_two(b1, label=case.label, name="b1"), _vector_of_two(w2, label=case.label, name="w2")
        if isinstance(b2, np.ndarray) and b2.size == 1 and b2.dtype.kind in "biuf":
            b2 = float(b2.reshape(-1)[0])
        if not is_number(b2):
            raise CheckFailed(f"{case.label}: b2 should be a number, got {describe(b2)}")
        hidden = np.where(corners @ w1.astype(float) + b1 >= 0, 1, -1)
        out = np.where(hidden @ w2 + float(b2) >= 0, 1, -1)
        wrong = np.flatnonzero(out != targets)
        if wrong.size:
            k = int(wrong[0])
            point = tuple(int(v) for v in corners[k])
            raise CheckFailed(f"{case.label}: the network outputs {out[k]:+d} for x = {point}, expected "
                              f"{targets[k]:+d} (hidden units give {tuple(int(v) for v in hidden[k])})")


# --- gradient checking tools ---------------------------------------------------------------------------------


def _exact_param_gradient(loss: Any) -> np.ndarray:
    p = np.asarray(loss.param, dtype=float)
    if isinstance(loss, ParamLoss):
        return loss.c * np.cos(loss.c * p) + (loss.matrix @ p.reshape(-1)).reshape(p.shape)
    if isinstance(loss, CubeLoss):
        return p**2 + loss.k
    raise TypeError(f"no exact gradient for {loss!r}")


@judge("numerical_param_gradient")
def _numerical_param_gradient(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        loss, param = case.args[:2]
        if isinstance(got, np.ndarray) and got.shape == param.shape and got.size and not np.any(got):
            raise CheckFailed(f"{case.label} returned zeros: loss_fn reads param itself, so change param in "
                              "place (param[i] = ...), not a copy of it")
        if len(case.args) == 3:
            h = case.args[2]
            expected = numeric_gradient(lambda p: (setattr(loss, "param", p), loss())[1], [param], 0, h)
            loss.param = param
            expect_array(got, expected, label=case.label + " (compared with central differences of step h)",
                         rtol=1e-6, atol=1e-9)
        else:
            expect_array(got, _exact_param_gradient(loss), label=case.label + " (compared with the exact gradient)",
                         rtol=1e-6, atol=1e-7)


@judge("relative_error")
def _relative_error(ex: Exercise, results: Results) -> None:
    for case, outcome in results:
        if "raises" in case.note:
            expect_raises(ex, case, outcome)
            continue
        got = value_of(ex, case, outcome)
        a, b = (np.asarray(v, dtype=float) for v in case.args)
        total = np.linalg.norm(a) + np.linalg.norm(b)
        expected = 0.0 if total == 0 else float(np.linalg.norm(a - b) / total)
        rtol = 1e-4 if case.args[0].dtype == np.float32 else 1e-6
        expect_scalar(got, expected, label=case.label, rtol=rtol, atol=1e-15)


# --- computational graphs ---------------------------------------------------------------------------------------


def _xyz(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    return float(np.sum(x * y + z))


@judge("xyz_graph")
def _xyz_graph(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        c, *grads = _tuple_of(got, 4, label=case.label, what="the tuple (c, grad_x, grad_y, grad_z)")
        rtol, atol = _tolerance(*case.args)
        reference = _xyz(*(np.asarray(a, dtype=float) for a in case.args))
        expect_scalar(c, reference, label=f"{case.label}: c", rtol=rtol, atol=atol * max(1.0, abs(reference)))
        for k, name in enumerate(("grad_x", "grad_y", "grad_z")):
            expect_gradient(grads[k], numeric_gradient(_xyz, case.args, k, 1e-3),
                            label=f"{case.label}: {name}", inputs=case.args)


def _l2(x: np.ndarray, y: np.ndarray, w1: np.ndarray, w2: np.ndarray) -> float:
    return float(np.sum((np.maximum(x @ w1, 0.0) @ w2 - y) ** 2))


@judge("two_layer_l2")
def _two_layer_l2(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        loss, grad_w1, grad_w2 = _tuple_of(got, 3, label=case.label, what="the tuple (loss, grad_w1, grad_w2)")
        rtol, atol = _tolerance(*case.args)
        reference = _l2(*(np.asarray(a, dtype=float) for a in case.args))
        expect_scalar(loss, reference, label=f"{case.label}: loss", rtol=rtol, atol=atol * max(1.0, reference))
        expected_w2 = numeric_gradient(_l2, case.args, 3, 1e-4)
        hint_if(grad_w2, expected_w2, expected_w2 / 2.0,
                f"{case.label}: grad_w2 is half the numerical gradient; d/dp (p - y)² = 2 (p - y)")
        expect_gradient(grad_w2, expected_w2, label=f"{case.label}: grad_w2", inputs=case.args)
        expect_gradient(grad_w1, numeric_gradient(_l2, case.args, 2, 1e-4), label=f"{case.label}: grad_w1 "
                        "(the ReLU passes gradient only where x·w1 > 0)", inputs=case.args)


# --- layers ------------------------------------------------------------------------------------------------------


def _dense(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + np.asarray(b, dtype=float)


@judge("dense_forward")
def _dense_forward(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, w, b = case.args
        out, cache = expect_pair(got, label=case.label, what="the pair (out, cache)")
        rtol, atol = _tolerance(*case.args)
        expect_array(out, _dense(x, w, b), label=f"{case.label}: out", rtol=rtol, atol=atol * 10, dtype=x.dtype)
        cache = _tuple_of(cache, 3, label=f"{case.label}: cache", what="the tuple (x, W, b)")
        for name, given, kept in zip(("x", "W", "b"), case.args, cache):
            if not isinstance(kept, np.ndarray) or kept.shape != given.shape or not np.array_equal(kept, given):
                raise CheckFailed(f"{case.label}: cache should be the tuple (x, W, b); its entry for {name} is "
                                  f"{describe(kept)}")


@judge("dense_backward")
def _dense_backward(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        dout, (x, w, b) = case.args
        dx, dw, db = _tuple_of(got, 3, label=case.label, what="the tuple (dx, dW, db)")

        def loss(x_: np.ndarray, w_: np.ndarray, b_: np.ndarray) -> float:
            return float(np.sum(np.asarray(dout, dtype=float) * (x_ @ w_ + b_)))

        inputs = (x, w, b, dout)
        expected_dx = numeric_gradient(loss, (x, w, b), 0, 1e-3)
        if w.shape[0] == w.shape[1]:
            hint_if(dx, expected_dx, np.asarray(dout, dtype=float) @ np.asarray(w, dtype=float),
                    f"{case.label}: dx equals dout @ W; the gradient flows back through W transposed (dout @ W.T)")
        expect_gradient(dx, expected_dx, label=f"{case.label}: dx", inputs=inputs, dtype=x.dtype)
        expect_gradient(dw, numeric_gradient(loss, (x, w, b), 1, 1e-3), label=f"{case.label}: dW",
                        inputs=inputs, dtype=x.dtype)
        expected_db = numeric_gradient(loss, (x, w, b), 2, 1e-3)
        hint_if(db, expected_db, expected_db / x.shape[0],
                f"{case.label}: db is the mean of dout over the batch; it is the sum (the 1/N belongs to the loss, "
                "which dout already carries)")
        expect_gradient(db, expected_db, label=f"{case.label}: db", inputs=inputs, dtype=x.dtype)


@judge("relu_backward")
def _relu_backward(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        dout, x = case.args
        expected = numeric_gradient(lambda d, v: float(np.sum(d * np.maximum(v, 0.0))), (dout, x), 1, 1e-4)
        expected[x == 0] = 0.0
        if not isinstance(got, np.ndarray) or got.shape != x.shape:
            expect_array(got, expected, label=case.label)
        rtol, atol = _tolerance(dout, x)
        bad = ~np.isclose(got.astype(float), expected, rtol=rtol, atol=atol * 10) if got.dtype.kind in "biuf" else None
        if bad is not None and bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            where = ("x < 0, where the ReLU passes no gradient" if x[index] < 0 else
                     "x is exactly 0, where the ReLU's derivative counts as 0" if x[index] == 0 else
                     "x > 0, where the gradient passes through unchanged (dx = dout)")
            raise CheckFailed(f"{case.label}: at index {index}, x = {x[index]:.4g}: got {got[index]:.6g}, expected "
                              f"{expected[index]:.6g} ({where})")
        expect_gradient(got, expected, label=case.label, inputs=(dout, x), dtype=x.dtype)


@judge("sigmoid_backward")
def _sigmoid_backward(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        dout, s = case.args
        s64 = np.asarray(s, dtype=float)
        x = np.log(s64) - np.log1p(-s64)  # the input whose sigmoid is s

        def forward(d: np.ndarray, v: np.ndarray) -> float:
            return float(np.sum(d / (1.0 + np.exp(-v))))

        expect_gradient(got, numeric_gradient(forward, (dout, x), 1, 1e-5),
                        label=case.label + " (s is the sigmoid's output)", inputs=(dout, s), dtype=s.dtype)


def _softmax_loss(logits: np.ndarray, y: np.ndarray) -> float:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.sum(np.exp(shifted), axis=1))
    return float(np.mean(log_norm - shifted[np.arange(len(y)), y]))


@judge("softmax_cross_entropy")
def _softmax_cross_entropy(ex: Exercise, results: Results) -> None:
    for case, outcome in results:
        got = value_of(ex, case, outcome)
        logits, y = case.args
        overflow = [w for w in outcome.get("warnings", []) if "overflow" in str(w) or "invalid value" in str(w)]
        if overflow:
            raise CheckFailed(f"{case.label} warned {overflow[0]!r}: subtract each row's maximum before np.exp")
        loss, dlogits = expect_pair(got, label=case.label, what="the pair (loss, dlogits)")
        reference = _softmax_loss(np.asarray(logits, dtype=float), y)
        rtol, atol = _tolerance(logits)
        if is_number(loss) and len(y) > 1 and not np.isclose(float(loss), reference, rtol=1e-4) and np.isclose(
                float(loss), reference * len(y), rtol=1e-4):
            raise CheckFailed(f"{case.label}: the loss is the sum over the batch ({float(loss):.6g}); take the mean "
                              f"({reference:.6g})")
        expect_scalar(loss, reference, label=f"{case.label}: loss", rtol=rtol, atol=atol * max(1.0, reference))
        expected = numeric_gradient(lambda z: _softmax_loss(z, y), (logits,), 0, 1e-5)
        hint_if(dlogits, expected, expected * len(y),
                f"{case.label}: dlogits is N = {len(y)} times too large; the loss is the mean over the batch, so its "
                "gradient carries the factor 1/N")
        expect_gradient(dlogits, expected, label=f"{case.label}: dlogits", inputs=(logits,), dtype=logits.dtype)


# --- the network class -----------------------------------------------------------------------------------------


def _net_forward(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    hidden = np.maximum(np.asarray(x, dtype=float) @ params["W1"] + params["b1"], 0.0)
    return hidden @ params["W2"] + params["b2"]


def _net_gradients(params: dict[str, np.ndarray], x: np.ndarray, dlogits: np.ndarray, *,
                   active_at_zero: bool = False) -> dict[str, np.ndarray]:
    """Central differences of sum(dlogits * logits), with the ReLU's mask held at the given parameters.

    Holding the mask (pre-activation > 0, or >= 0 with ``active_at_zero``) fixed makes the logits
    linear in each parameter, so the differences are exact even where a pre-activation is exactly 0,
    and there they give the derivative the mask says (0 for the ReLU as the exercise defines it).
    """
    names = list(NET_PARAMS)
    x = np.asarray(x, dtype=float)
    pre = x @ params["W1"] + params["b1"]
    mask = (pre >= 0) if active_at_zero else (pre > 0)

    def loss(*arrays: np.ndarray) -> float:
        p = dict(zip(names, arrays))
        return float(np.sum(dlogits * (((x @ p["W1"] + p["b1"]) * mask) @ p["W2"] + p["b2"])))

    arrays = [params[n] for n in names]
    return {name: numeric_gradient(loss, arrays, k, 1e-5) for k, name in enumerate(names)}


def _check_init(label: str, sizes: tuple[int, int, int], init: dict[str, Any], statistics: bool) -> None:
    n_in, n_hidden, n_out = sizes
    shapes = {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}
    for name, shape in shapes.items():
        summary = init[name]
        if "shape" not in summary:
            raise CheckFailed(f"{label}: self.params['{name}'] should be a NumPy array, got {summary.get('type')}")
        if tuple(summary["shape"]) != shape:
            raise CheckFailed(f"{label}: self.params['{name}'] has shape {tuple(summary['shape'])}, expected {shape}")
    for name in ("b1", "b2"):
        if not init[name]["all_zero"]:
            raise CheckFailed(f"{label}: {name} should start at zero")
    if not statistics:
        return
    for name, fan, tol in [("W1", 2.0 / n_in, 0.1), ("W2", 2.0 / (n_hidden + n_out), 0.15)]:
        std, mean, count = init[name]["std"], init[name]["mean"], n_in * n_hidden if name == "W1" else n_hidden * n_out
        wanted = float(np.sqrt(fan))
        rule = "He: sqrt(2 / n_in)" if name == "W1" else "Xavier: sqrt(2 / (n_hidden + n_out))"
        if abs(std - wanted) > tol * wanted:
            raise CheckFailed(f"{label}: the entries of {name} have standard deviation {std:.4g}, expected about "
                              f"{wanted:.4g} ({rule})")
        if abs(mean) > 5.0 * wanted / np.sqrt(count):
            raise CheckFailed(f"{label}: the entries of {name} have mean {mean:.4g}; draw them from N(0, ...)")


@judge("TwoLayerNet")
def _two_layer_net(ex: Exercise, results: Results) -> None:
    for case, observed in each(ex, results):
        label = case.label
        if not isinstance(observed, dict):
            raise CheckFailed(f"{label}: nothing was recorded")
        if "not_a_class" in observed:
            raise CheckFailed(f"TwoLayerNet should be a class, got {observed['not_a_class']}")
        sizes, scenario = case.args
        if "init" in observed:
            _check_init(label, sizes, observed["init"], bool(scenario.get("init_only")))
        if observed.get("shared"):
            a, b = observed["shared"][0]
            raise CheckFailed(f"{label}: self.params['{a}'] and self.params['{b}'] share memory, so a step on one "
                              "changes the other; give every parameter an array of its own")
        error = observed.get("error")
        if error:
            raise CheckFailed(f"{label}: {error['at']} raised {error['type']}: {error['message']}")
        if scenario.get("init_only"):
            if observed.get("first_changed"):
                raise CheckFailed(f"{label}: building a second TwoLayerNet changed the first one's "
                                  f"{observed['first_changed'][0]}; keep the parameters on the object "
                                  "(self.params = {...} in __init__), not on the class")
            if observed.get("shared_between_networks"):
                raise CheckFailed(f"{label}: two networks share the array {observed['shared_between_networks'][0]}; "
                                  "each network needs arrays of its own")
            if observed.get("same_seed_differs"):
                raise CheckFailed(f"{label}: two networks built from generators with the same seed got different "
                                  f"{observed['same_seed_differs'][0]}; draw the weights with the generator rng, not "
                                  "with np.random's global functions")
            if observed.get("other_seed_same"):
                raise CheckFailed(f"{label}: two networks built from generators with different seeds got the same "
                                  f"{observed['other_seed_same'][0]}; draw the weights with the generator rng you "
                                  "are given")
            continue
        params = {name: np.asarray(scenario["params"][name], dtype=float) for name in NET_PARAMS}
        x, dlogits, lr = scenario["x"], scenario["dlogits"], scenario["lr"]
        expect_array(observed["logits"], _net_forward(params, x), label=f"{label}: forward(x)", rtol=1e-7, atol=1e-9)
        grads = _net_gradients(params, x, dlogits)
        on_kink = bool(np.any(np.asarray(x, dtype=float) @ params["W1"] + params["b1"] == 0))
        wrong = _net_gradients(params, x, dlogits, active_at_zero=True) if on_kink else None
        for name in reversed(NET_PARAMS):
            got = observed["grads"][name]
            if got is None:
                raise CheckFailed(f"{label}: after backward, self.grads has no array '{name}'")
            if wrong is not None and name in ("W1", "b1"):
                hint_if(got, grads[name], wrong[name],
                        f"{label}: self.grads['{name}'] lets gradient through where x @ W1 + b1 is exactly 0; "
                        "the ReLU's derivative at 0 counts as 0")
            hint = (" (the gradient that reaches the hidden layer: dlogits @ W2.T, then the ReLU's mask)"
                    if name in ("W1", "b1") else "")
            expect_array(got, grads[name], label=f"{label}: self.grads['{name}'] after backward{hint}",
                         rtol=1e-6, atol=1e-8)
        updated = {name: params[name] - lr * grads[name] for name in NET_PARAMS}
        for name in NET_PARAMS:
            expect_array(observed["after_step"][name], updated[name],
                         label=f"{label}: self.params['{name}'] after step(lr={lr:.3f}) (p - lr * grad)",
                         rtol=1e-6, atol=1e-8)
        expect_array(observed["logits_after_step"], _net_forward(updated, scenario["x2"]),
                     label=f"{label}: forward(x2) after the step", rtol=1e-6, atol=1e-8)
