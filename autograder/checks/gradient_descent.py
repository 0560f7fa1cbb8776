"""Judges of chapter 3 (gradient descent): reference answers for the recorded outcomes.

The inputs come from the exercises' public plans (``helpers/checking/exercises/gradient_descent.py``),
regenerated here from the same seed. The references are written here, independently of the model
solutions in ``solutions/`` and of the demo optimizers in ``helpers``: exact gradients and Jacobians
of the plan's test functions, central differences for an explicit step h, and the update formulas
of the optimizers. Optimizer scenarios check every step's parameters, with notes that point at the
usual causes: state shared between two parameters of the same shape, no fresh state for a
parameter that appears late, state kept on the class instead of the object.
"""

from __future__ import annotations

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
    judge,
)
from helpers.checking import Exercise
from helpers.checking.exercises.gradient_descent import (
    FLOAT32_PARAMETERS,
    LATE_STEP,
    AffineMap,
    QuadraticForm,
    SineCubic,
    SoftplusExp,
    SquareSum,
    TanhMix,
    hyper_text,
)

# --- 1. numerical gradient -------------------------------------------------------------------


def _exact_gradient(f: Any, x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if isinstance(f, QuadraticForm):
        return (f.matrix @ x.reshape(-1)).reshape(x.shape)
    if isinstance(f, SineCubic):
        return f.c * np.cos(f.c * x) + 1.5 * x**2
    if isinstance(f, SoftplusExp):
        return 2.0 / (1.0 + np.exp(-2.0 * x)) + 0.3 * np.exp(0.3 * np.sum(x)) * np.ones(x.shape)
    if isinstance(f, SquareSum):
        return 2.0 * x
    raise TypeError(f"no exact gradient for {f!r}")


def _central_differences(f: Callable[[np.ndarray], Any], x: np.ndarray, h: float) -> np.ndarray:
    base = np.asarray(x, dtype=float)
    out = np.empty(base.shape)
    for index in np.ndindex(*base.shape):
        up, down = base.copy(), base.copy()
        up[index] += h
        down[index] -= h
        out[index] = (float(f(up)) - float(f(down))) / (2.0 * h)
    return out


@judge("numerical_gradient")
def _numerical_gradient(ex: Exercise, results: Results) -> None:
    for case, observed in each(ex, results):
        f, x = case.args[:2]
        got = observed["result"]
        if isinstance(got, np.ndarray) and observed["shape"] is not None and got.size == np.prod(observed["shape"]):
            got = got.reshape(observed["shape"])  # the record flattens 0-d arrays to shape (1,)
        if len(case.args) == 3:
            expect_array(got, _central_differences(f, x, case.args[2]),
                         label=case.label + " (compared with central differences of step h)", rtol=1e-6, atol=1e-9)
        else:
            expect_array(got, _exact_gradient(f, x), label=case.label + " (compared with the exact gradient)",
                         rtol=1e-6, atol=1e-7)


# --- 2. Jacobian -----------------------------------------------------------------------------


def _exact_jacobian(f: Any, x: np.ndarray) -> np.ndarray:
    if isinstance(f, AffineMap):
        return f.a
    if isinstance(f, TanhMix):
        return (1.0 - np.tanh(f.c @ x) ** 2)[:, None] * f.c + (f.a @ x)[:, None] * f.a
    raise TypeError(f"no exact Jacobian for {f!r}")


@judge("jacobian")
def _jacobian(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        f, x = case.args[:2]
        m, n = np.shape(f(x))[0], x.shape[0]
        if isinstance(got, np.ndarray) and got.shape == (n, m) and n != m:
            raise CheckFailed(f"{case.label} returned shape {got.shape}: row i should hold the derivatives of "
                              f"output i, so the shape is (m, n) = {(m, n)}")
        if len(case.args) == 3:
            h = case.args[2]
            reference = np.stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(n)], axis=1)
            expect_array(got, reference, label=case.label + " (compared with central differences of step h)",
                         rtol=1e-6, atol=1e-9)
        else:
            expect_array(got, _exact_jacobian(f, x), label=case.label, rtol=1e-6, atol=1e-7)


# --- 3. gradient descent path ------------------------------------------------------------------


@judge("gradient_descent")
def _gradient_descent(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        grad, x0, lr, steps = case.args
        expected = [x0.astype(float)]
        for _ in range(steps):
            expected.append(expected[-1] - lr * grad.a * (expected[-1] - grad.target))  # grad is a PullTowards
        precise = x0.dtype == np.float64
        expect_array(got, np.array(expected), label=case.label,
                     rtol=1e-9 if precise else 1e-5, atol=1e-12 if precise else 1e-6)


# --- 4. linear regression gradients ----------------------------------------------------------------


def _mse_reference(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
    x, y, w, b = (np.asarray(v, dtype=float) for v in (x, y, w, b))
    residual = x @ w + b - y
    n = x.shape[0]
    return float(np.mean(residual**2)), 2.0 / n * x.T @ residual, 2.0 / n * float(residual.sum())


@judge("mse_gradients")
def _mse_gradients(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y, w, b = case.args
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed(f"{case.label} should return a tuple (loss, grad_w, grad_b), got {describe(got)}")
        loss, grad_w, grad_b = _mse_reference(x, y, w, b)
        single = x.dtype == np.float32
        rtol, atol = (1e-4, 1e-5) if single else (1e-9, 1e-12)
        expect_scalar(got[0], loss, label=case.label + ": the loss", rtol=rtol, atol=max(atol, 1e-9))
        expect_array(got[1], grad_w, label=case.label + ": grad_w", rtol=rtol, atol=atol)
        expect_scalar(got[2], grad_b, label=case.label + ": grad_b", rtol=rtol, atol=atol)


# --- 5. mini-batch gradient descent ------------------------------------------------------------------


def _minibatch_reference(x, y, lr, epochs, batch_size, seed):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    rng = np.random.default_rng(seed)
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            _, grad_w, grad_b = _mse_reference(x[idx], y[idx], w, b)
            w = w - lr * grad_w
            b = b - lr * grad_b
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)


@judge("minibatch_gd")
def _minibatch_gd(ex: Exercise, results: Results) -> None:
    for case, observed in each(ex, results):
        x, y, lr, epochs, batch_size, seed = case.args
        label = case.label
        got = observed["result"]
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed(f"{label} should return a tuple (w, b, losses), got {describe(got)}")
        w, b, losses = _minibatch_reference(x, y, lr, epochs, batch_size, seed)
        tol = {"rtol": 1e-8, "atol": 1e-10} if x.dtype == np.float64 else {"rtol": 1e-6, "atol": 1e-8}
        expect_array(got[0], w, label=label + ": w", **tol)
        expect_scalar(got[1], b, label=label + ": b", **tol)
        expect_array(np.asarray(got[2]) if isinstance(got[2], list) else got[2], losses,
                     label=label + ": losses", **tol)
        follow = np.random.default_rng(seed)
        for _ in range(epochs):
            follow.permutation(x.shape[0])
        if observed["next_draw"] != int(follow.integers(1 << 30)):
            raise CheckFailed(f"{label} used the random generator differently from the text: draw "
                              "exactly one rng.permutation(n) per epoch and nothing else.")


# --- 6-11. optimizers ----------------------------------------------------------------------------


def _ref_momentum(p, g, s, hp):
    s["v"] = hp["momentum"] * s.get("v", 0.0) - hp["lr"] * g
    return p + s["v"]


def _ref_nesterov(p, g, s, hp):
    mu = hp["momentum"]
    s["v"] = mu * s.get("v", 0.0) - hp["lr"] * g
    return p + mu * s["v"] - hp["lr"] * g


def _ref_adagrad(p, g, s, hp):
    s["G"] = s.get("G", 0.0) + g**2
    return p - hp["lr"] * g / (np.sqrt(s["G"]) + hp["eps"])


def _ref_rmsprop(p, g, s, hp):
    s["E"] = hp["rho"] * s.get("E", 0.0) + (1 - hp["rho"]) * g**2
    return p - hp["lr"] * g / (np.sqrt(s["E"]) + hp["eps"])


def _ref_adam(p, g, s, hp):
    s["t"] = s.get("t", 0) + 1
    s["m"] = hp["beta1"] * s.get("m", 0.0) + (1 - hp["beta1"]) * g
    s["v"] = hp["beta2"] * s.get("v", 0.0) + (1 - hp["beta2"]) * g**2
    m_hat = s["m"] / (1 - hp["beta1"] ** s["t"])
    v_hat = s["v"] / (1 - hp["beta2"] ** s["t"])
    return p - hp["lr"] * m_hat / (np.sqrt(v_hat) + hp["eps"])


def _ref_adadelta(p, g, s, hp):
    rho, eps = hp["rho"], hp["eps"]
    s["Eg"] = rho * s.get("Eg", 0.0) + (1 - rho) * g**2
    step = -np.sqrt(s.get("Ed", 0.0) + eps) / np.sqrt(s["Eg"] + eps) * g
    s["Ed"] = rho * s.get("Ed", 0.0) + (1 - rho) * step**2
    return p + hp["lr"] * step


def _check_step(observed: dict[str, Any], expected: dict[str, np.ndarray], label: str,
                notes: dict[str, str]) -> None:
    """One step's observations against the expected parameters after it."""
    if observed["returned"] is not None:
        raise CheckFailed(f"{label} returned {observed['returned']}; step should return None "
                          "(it updates the arrays in params in place).")
    for name in observed["replaced"]:
        raise CheckFailed(f"{label} replaced params[{name!r}] by a new array; update the existing "
                          "array in place (p -= ..., or p[...] = ...).")
    for name in observed["grads_changed"]:
        raise CheckFailed(f"{label} changed grads[{name!r}]; leave the gradients as they are.")
    for name, reference in expected.items():
        single = name in FLOAT32_PARAMETERS
        expect_array(observed["params"].get(name), reference, label=f"{label}: params[{name!r}]{notes.get(name, '')}",
                     rtol=1e-5 if single else 1e-7, atol=1e-6 if single else 1e-10)


def _judge_optimizer(cls_name: str, reference: Callable) -> Callable[[Exercise, Results], None]:
    def judge_optimizer(ex: Exercise, results: Results) -> None:
        for case, observed in each(ex, results):
            hp, scenario = case.args
            args = hyper_text(hp)
            if not isinstance(observed, dict):
                raise CheckFailed(f"{case.label}: no observations were recorded")
            if "not_a_class" in observed:
                raise CheckFailed(f"{cls_name} should be a class, got {observed['not_a_class']}")
            error = observed.get("error")
            failed_at = error["at"] if error else None
            if failed_at == "init":
                raise CheckFailed(f"{cls_name}({args}) raised {error['type']}: {error['message']}")
            expected = {name: np.asarray(p, dtype=float) for name, p in scenario["params"].items()}
            states: dict[str, dict] = {name: {} for name in expected}
            notes = {"W_twin": " (its gradient differs from params['W']'s: keep state per parameter name)",
                     "late": f" (it first appeared at step {LATE_STEP} and starts with fresh state)"}
            notes.update({name: " (a float32 array)" for name in FLOAT32_PARAMETERS})
            steps = observed["steps"]
            for t, grads in enumerate(scenario["grads"], start=1):
                label = f"{cls_name}({args}).step(params, grads) at step {t}"
                if t == LATE_STEP:
                    expected["late"] = np.asarray(scenario["late"], dtype=float)
                    states["late"] = {}
                if failed_at == t:
                    raise CheckFailed(f"{label} raised {error['type']}: {error['message']}")
                if len(steps) < t:
                    raise CheckFailed(f"{label}: no result was recorded")
                for name in expected:
                    expected[name] = reference(expected[name], np.asarray(grads[name], dtype=float), states[name], hp)
                _check_step(steps[t - 1], expected, label, notes)
            # A second object must start from scratch (no state shared through the class).
            label = f"the first step of a second {cls_name}({args}) object"
            if failed_at == "second init":
                raise CheckFailed(f"creating a second {cls_name}({args}) object raised {error['type']}: "
                                  f"{error['message']}")
            if failed_at == "second":
                raise CheckFailed(f"{label} raised {error['type']}: {error['message']}")
            if "second" not in observed:
                raise CheckFailed(f"{label}: no result was recorded")
            second = {"W": reference(np.asarray(scenario["second_params"]["W"], dtype=float),
                                     scenario["second_grads"]["W"], {}, hp)}
            _check_step(observed["second"], second, label,
                        {"W": " (state must belong to the object, not the class)"})

    return judge_optimizer


for _name, _reference in [("Momentum", _ref_momentum), ("Nesterov", _ref_nesterov), ("Adagrad", _ref_adagrad),
                          ("RMSProp", _ref_rmsprop), ("Adam", _ref_adam), ("Adadelta", _ref_adadelta)]:
    judge(_name)(_judge_optimizer(_name, _reference))
