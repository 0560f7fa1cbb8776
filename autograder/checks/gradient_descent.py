"""Hidden-test checks of chapter 3 (gradient descent).

References are written here, independently of the model solutions in ``solutions/`` and of the
demo optimizers in ``helpers``; they are compared with the student's code on fixed-seed random
problems of several shapes. Optimizer checks run several steps on dictionaries of parameters of
different shapes, including two parameters of the same shape with different gradients (state
must be kept per name), a parameter that first appears after a few steps (fresh state), and a
second optimizer object (no state shared between objects).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._legacy_common import (
    CheckFailed,
    call,
    check,
    describe,
    expect_array,
    expect_scalar,
    rng_for,
    source_tree,
)

#: Library routines that would do the exercise's work (np.gradient, scipy's approx_fprime, ...).
SHORTCUT_ATTRIBUTES = {"gradient", "diff", "approx_fprime", "derivative", "jacobian", "check_grad"}
#: Automatic-differentiation frameworks.
SHORTCUT_MODULES = {"torch", "jax", "autograd", "tensorflow", "tf", "scipy", "sympy"}


def _forbid_shortcuts(func: Callable, *, label: str) -> None:
    """Fail if the source calls a library differentiator (``np.gradient``, ``torch``, ...).

    Only attribute access (``np.gradient``) and module names count, so that a local variable
    called ``gradient`` or ``grad`` is fine.
    """
    tree = source_tree(func)
    if tree is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in SHORTCUT_ATTRIBUTES:
            raise CheckFailed(f"{label} uses .{node.attr}; compute the central differences yourself.")
        if isinstance(node, ast.Name) and node.id in SHORTCUT_MODULES:
            raise CheckFailed(f"{label} uses {node.id}; compute the central differences yourself.")
        modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                   else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for module in modules:
            if module.split(".")[0] in SHORTCUT_MODULES:
                raise CheckFailed(f"{label} imports {module}; compute the central differences yourself.")


# --- 1. numerical gradient ---------------------------------------------------------------------


def _central_reference(f: Callable[[np.ndarray], Any], x: np.ndarray, h: float) -> np.ndarray:
    base = np.asarray(x, dtype=float)
    out = np.empty(base.shape)
    for index in np.ndindex(*base.shape):
        up, down = base.copy(), base.copy()
        up[index] += h
        down[index] -= h
        out[index] = (float(f(up)) - float(f(down))) / (2.0 * h)
    return out


def _scalar_functions(rng: np.random.Generator, shape: tuple[int, ...]):
    """Test functions R^shape -> R with their analytic gradients."""
    size = int(np.prod(shape, dtype=int))
    a = rng.normal(size=(size, size))
    sym = a @ a.T / max(size, 1) + np.eye(size)
    c = rng.normal(size=shape)

    def quad(x):
        v = np.asarray(x, dtype=float).reshape(-1)
        return 0.5 * v @ sym @ v

    def quad_grad(x):
        return (sym @ np.asarray(x, dtype=float).reshape(-1)).reshape(shape)

    def wave(x):
        x = np.asarray(x, dtype=float)
        return float(np.sum(np.sin(c * x)) + 0.5 * np.sum(x**3))

    def wave_grad(x):
        return c * np.cos(c * x) + 1.5 * np.asarray(x, dtype=float) ** 2

    def softplus_sum(x):
        x = np.asarray(x, dtype=float)
        return float(np.sum(np.logaddexp(0.0, 2.0 * x)) + np.exp(0.3 * np.sum(x)))

    def softplus_sum_grad(x):
        x = np.asarray(x, dtype=float)
        return 2.0 / (1.0 + np.exp(-2.0 * x)) + 0.3 * np.exp(0.3 * np.sum(x)) * np.ones(shape)

    return [("a quadratic form", quad, quad_grad), ("sum(sin(c*x)) + sum(x**3)/2", wave, wave_grad),
            ("a softplus/exp mix", softplus_sum, softplus_sum_grad)]


@check
def check_numerical_gradient(numerical_gradient: Callable) -> None:
    _forbid_shortcuts(numerical_gradient, label="numerical_gradient")
    rng = rng_for("numerical_gradient")
    for shape in [(), (1,), (4,), (2, 3), (2, 1, 3)]:
        for name, f, grad in _scalar_functions(rng, shape):
            x = rng.normal(size=shape)
            label = f"numerical_gradient(f, x) for f = {name}, x of shape {shape}"
            got = call(lambda x_: numerical_gradient(f, x_), x, label=label, arg_names=["x"])
            expect_array(got, grad(x),
                         label=label + " (compared with the exact gradient)", rtol=1e-6, atol=1e-7)
            h = 1e-3
            label_h = f"numerical_gradient(f, x, h={h}) for f = {name}, x of shape {shape}"
            got = call(lambda x_: numerical_gradient(f, x_, h), x, label=label_h, arg_names=["x"])
            expect_array(got, _central_reference(f, x, h),
                         label=label_h + " (compared with central differences of step h)", rtol=1e-6, atol=1e-9)
    x = np.array([[1, -2], [3, 0]])
    label = "numerical_gradient(f, x) for an integer x"
    got = call(lambda x_: numerical_gradient(lambda v: float(np.sum(v**2)), x_), x, label=label, arg_names=["x"])
    expect_array(got, 2.0 * x, label=label, rtol=1e-6, atol=1e-7)


# --- 2. Jacobian -------------------------------------------------------------------------------


def _vector_functions(rng: np.random.Generator, n: int, m: int):
    a = rng.normal(size=(m, n))
    b = rng.normal(size=m)
    c = rng.normal(size=(m, n))

    def linear(x):
        return a @ x + b

    def nonlinear(x):
        return np.tanh(c @ x) + 0.5 * (a @ x) ** 2

    def nonlinear_jac(x):
        return (1.0 - np.tanh(c @ x) ** 2)[:, None] * c + (a @ x)[:, None] * a

    return [("an affine map A x + b", linear, lambda x: a), ("tanh(C x) + (A x)²/2", nonlinear, nonlinear_jac)]


@check
def check_jacobian(jacobian: Callable) -> None:
    _forbid_shortcuts(jacobian, label="jacobian")
    rng = rng_for("jacobian")
    for n, m in [(1, 1), (3, 1), (1, 4), (3, 2), (2, 5), (4, 4)]:
        for name, f, jac in _vector_functions(rng, n, m):
            x = rng.normal(size=n)
            label = f"jacobian(f, x) for f = {name} from R^{n} to R^{m}"
            got = call(lambda x_: jacobian(f, x_), x, label=label, arg_names=["x"])
            if isinstance(got, np.ndarray) and got.shape == (n, m) and n != m:
                raise CheckFailed(f"{label} returned shape {got.shape}: row i should hold the "
                                  f"derivatives of output i, so the shape is (m, n) = {(m, n)}")
            expect_array(got, jac(x), label=label, rtol=1e-6, atol=1e-7)
            h = 1e-3
            reference = np.stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(n)], axis=1)
            label_h = f"jacobian(f, x, h={h}) for f = {name} from R^{n} to R^{m}"
            got = call(lambda x_: jacobian(f, x_, h), x, label=label_h, arg_names=["x"])
            expect_array(got, reference, label=label_h + " (compared with central differences of step h)",
                         rtol=1e-6, atol=1e-9)


# --- 3. gradient descent path --------------------------------------------------------------------


@check
def check_gradient_descent(gradient_descent: Callable) -> None:
    rng = rng_for("gradient_descent")
    for shape, steps in [((), 5), ((2,), 0), ((2,), 7), ((3, 2), 4)]:
        a = rng.uniform(0.5, 2.0, size=shape)
        target = rng.normal(size=shape)
        lr = float(rng.uniform(0.05, 0.4))

        def grad(x, a=a, target=target):
            return a * (np.asarray(x, dtype=float) - target)

        x0 = rng.normal(size=shape)
        expected = [x0.copy()]
        for _ in range(steps):
            expected.append(expected[-1] - lr * grad(expected[-1]))
        label = f"gradient_descent(grad, x0, lr={lr:.3f}, steps={steps}) with x0 of shape {shape}"
        got = call(lambda x0_: gradient_descent(grad, x0_, lr, steps), x0, label=label, arg_names=["x0"])
        expect_array(got, np.array(expected), label=label, rtol=1e-9, atol=1e-12)


# --- 4. linear regression gradients ----------------------------------------------------------------


def _mse_reference(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: float):
    residual = x @ w + b - y
    n = x.shape[0]
    return float(np.mean(residual**2)), 2.0 / n * x.T @ residual, 2.0 / n * float(residual.sum())


@check
def check_mse_gradients(mse_gradients: Callable) -> None:
    rng = rng_for("mse_gradients")
    for n, d in [(1, 1), (5, 1), (7, 3), (20, 4)]:
        x, y = rng.normal(size=(n, d)), rng.normal(size=n)
        w, b = rng.normal(size=d), float(rng.normal())
        label = f"mse_gradients(x, y, w, b) with x of shape {(n, d)}"
        got = call(mse_gradients, x, y, w, b, label=label, arg_names=["x", "y", "w", "b"])
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed(f"{label} should return a tuple (loss, grad_w, grad_b), got {describe(got)}")
        loss, grad_w, grad_b = _mse_reference(x, y, w, b)
        expect_scalar(got[0], loss, label=label + ": the loss", rtol=1e-9)
        expect_array(got[1], grad_w, label=label + ": grad_w", rtol=1e-9, atol=1e-12)
        expect_scalar(got[2], grad_b, label=label + ": grad_b", rtol=1e-9, atol=1e-12)


# --- 5. mini-batch gradient descent ------------------------------------------------------------------


def _minibatch_reference(x, y, lr, epochs, batch_size, seed):
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


@check
def check_minibatch_gd(minibatch_gd: Callable) -> None:
    rng = rng_for("minibatch_gd")
    cases = [(12, 1, 12, 3), (12, 2, 5, 3), (10, 3, 1, 2), (9, 2, 4, 4), (8, 2, 20, 2), (1, 1, 1, 3)]
    for n, d, batch_size, epochs in cases:
        x = rng.normal(size=(n, d))
        y = x @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)
        lr, seed = 0.05, int(rng.integers(1000))
        label = (f"minibatch_gd(x, y, lr={lr}, epochs={epochs}, batch_size={batch_size}, rng) "
                 f"with x of shape {(n, d)}")
        student_rng = np.random.default_rng(seed)
        got = call(lambda x_, y_: minibatch_gd(x_, y_, lr, epochs, batch_size, student_rng), x, y,
                   label=label, arg_names=["x", "y"])
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed(f"{label} should return a tuple (w, b, losses), got {describe(got)}")
        w, b, losses = _minibatch_reference(x, y, lr, epochs, batch_size, seed)
        expect_array(got[0], w, label=label + ": w", rtol=1e-8, atol=1e-10)
        expect_scalar(got[1], b, label=label + ": b", rtol=1e-8, atol=1e-10)
        expect_array(np.asarray(got[2]) if isinstance(got[2], list) else got[2], losses,
                     label=label + ": losses", rtol=1e-8, atol=1e-10)
        follow = np.random.default_rng(seed)
        for _ in range(epochs):
            follow.permutation(n)
        if student_rng.integers(1 << 30) != follow.integers(1 << 30):
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


SHAPES = {"W": (3, 4), "W_twin": (3, 4), "b": (4,), "k": (2, 1, 3), "s": (1,)}


def _make(cls: Callable, hp: dict[str, float], label: str) -> Any:
    try:
        return cls(**hp)
    except Exception as error:  # noqa: BLE001
        args = ", ".join(f"{k}={v}" for k, v in hp.items())
        raise CheckFailed(f"{label}({args}) raised {type(error).__name__}: {error}") from None


def _step(opt: Any, params: dict, grads: dict, label: str) -> None:
    before_grads = {k: v.copy() for k, v in grads.items()}
    objects = dict(params)
    try:
        result = opt.step(params, grads)
    except Exception as error:  # noqa: BLE001
        raise CheckFailed(f"{label} raised {type(error).__name__}: {error}") from None
    if result is not None:
        raise CheckFailed(f"{label} returned {describe(result)}; step should return None "
                          "(it updates the arrays in params in place).")
    for name, array in objects.items():
        if params.get(name) is not array:
            raise CheckFailed(f"{label} replaced params[{name!r}] by a new array; update the existing "
                              "array in place (p -= ..., or p[...] = ...).")
    for name, old in before_grads.items():
        if not np.array_equal(grads[name], old):
            raise CheckFailed(f"{label} changed grads[{name!r}]; leave the gradients as they are.")


def _check_optimizer(cls: Callable, cls_name: str, reference: Callable, settings: list[dict[str, float]]) -> None:
    if not isinstance(cls, type):
        raise CheckFailed(f"{cls_name} should be a class, got {describe(cls)}")
    rng = rng_for(cls_name)
    for hp in settings:
        args = ", ".join(f"{k}={v}" for k, v in hp.items())
        opt = _make(cls, hp, cls_name)
        params = {name: rng.normal(size=shape) for name, shape in SHAPES.items()}
        expected = {name: p.copy() for name, p in params.items()}
        states: dict[str, dict] = {name: {} for name in SHAPES}
        steps = 6
        for t in range(1, steps + 1):
            if t == 3:  # a parameter that appears late gets fresh state
                params["late"] = rng.normal(size=(2, 2))
                expected["late"] = params["late"].copy()
                states["late"] = {}
            grads = {name: rng.normal(scale=rng.uniform(0.1, 3.0), size=p.shape) for name, p in params.items()}
            grads["W_twin"] = -0.5 * grads["W"] + 0.1
            label = f"{cls_name}({args}).step(params, grads) at step {t}"
            _step(opt, params, grads, label)
            for name in params:
                expected[name] = reference(expected[name], grads[name], states[name], hp)
            for name in params:
                note = ""
                if name == "W_twin":
                    note = " (its gradient differs from params['W']'s: keep state per parameter name)"
                elif name == "late":
                    note = " (it first appeared at step 3 and starts with fresh state)"
                expect_array(params[name], expected[name], label=f"{label}: params[{name!r}]{note}",
                             rtol=1e-7, atol=1e-10)
        # A second object must start from scratch (no state shared through the class).
        fresh = _make(cls, hp, cls_name)
        params = {"W": rng.normal(size=(3, 4))}
        grads = {"W": rng.normal(size=(3, 4))}
        expected_w = reference(params["W"].copy(), grads["W"], {}, hp)
        label = f"the first step of a second {cls_name}({args}) object"
        _step(fresh, params, grads, label)
        expect_array(params["W"], expected_w, label=label + " (state must belong to the object, not the class)",
                     rtol=1e-7, atol=1e-10)


@check
def check_momentum(cls: Callable) -> None:
    _check_optimizer(cls, "Momentum", _ref_momentum, [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.03, "momentum": 0.5}])


@check
def check_nesterov(cls: Callable) -> None:
    _check_optimizer(cls, "Nesterov", _ref_nesterov, [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.03, "momentum": 0.5}])


@check
def check_adagrad(cls: Callable) -> None:
    _check_optimizer(cls, "Adagrad", _ref_adagrad, [{"lr": 0.1, "eps": 0.3}, {"lr": 0.5, "eps": 1e-8}])


@check
def check_rmsprop(cls: Callable) -> None:
    _check_optimizer(cls, "RMSProp", _ref_rmsprop,
                     [{"lr": 0.1, "rho": 0.7, "eps": 0.3}, {"lr": 0.01, "rho": 0.9, "eps": 1e-8}])


@check
def check_adam(cls: Callable) -> None:
    _check_optimizer(cls, "Adam", _ref_adam,
                     [{"lr": 0.1, "beta1": 0.8, "beta2": 0.9, "eps": 0.2},
                      {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}])


@check
def check_adadelta(cls: Callable) -> None:
    _check_optimizer(cls, "Adadelta", _ref_adadelta,
                     [{"lr": 0.5, "rho": 0.8, "eps": 0.1}, {"lr": 1.0, "rho": 0.95, "eps": 1e-6}])


__all__ = [
    "check_adadelta", "check_adagrad", "check_adam", "check_gradient_descent", "check_jacobian",
    "check_minibatch_gd", "check_momentum", "check_mse_gradients", "check_nesterov",
    "check_numerical_gradient", "check_rmsprop",
]
