"""Chapter 3 (gradient descent): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried, including the test functions handed
to ``numerical_gradient`` and ``jacobian`` (they are inputs, written here). The expected results
are computed only by the instructor's judge (in the instructor edition).

Two kinds of exercise need more than one call: ``minibatch_gd`` consumes a random generator (the
case builds it from a seed and records the generator's next draw after the call), and the
optimizers are classes driven through several ``step`` calls (:func:`drive_optimizer` records,
after each step, copies of the parameters, what ``step`` returned, which parameter arrays were
replaced and which gradients were changed).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, Case, Exercise, Rule, forbids

# --- test functions (inputs of numerical_gradient and jacobian) ---------------------------------


class QuadraticForm:
    """f(x) = ½ vᵀ S v for v = x flattened, S symmetric positive definite."""

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix

    def __call__(self, x: Any) -> float:
        v = np.asarray(x, dtype=float).reshape(-1)
        return 0.5 * v @ self.matrix @ v

    def __repr__(self) -> str:
        return "a quadratic form ½ xᵀSx"


class SineCubic:
    """f(x) = sum(sin(c * x)) + sum(x**3) / 2."""

    def __init__(self, c: np.ndarray) -> None:
        self.c = c

    def __call__(self, x: Any) -> float:
        x = np.asarray(x, dtype=float)
        return float(np.sum(np.sin(self.c * x)) + 0.5 * np.sum(x**3))

    def __repr__(self) -> str:
        return "sum(sin(c*x)) + sum(x**3)/2"


class SoftplusExp:
    """f(x) = sum(log(1 + exp(2x))) + exp(0.3 * sum(x))."""

    def __call__(self, x: Any) -> float:
        x = np.asarray(x, dtype=float)
        return float(np.sum(np.logaddexp(0.0, 2.0 * x)) + np.exp(0.3 * np.sum(x)))

    def __repr__(self) -> str:
        return "a softplus/exp mix"


class SquareSum:
    """f(x) = sum(x**2)."""

    def __call__(self, x: Any) -> float:
        return float(np.sum(np.asarray(x, dtype=float) ** 2))

    def __repr__(self) -> str:
        return "sum(x**2)"


class AffineMap:
    """f(x) = A x + b."""

    def __init__(self, a: np.ndarray, b: np.ndarray) -> None:
        self.a, self.b = a, b

    def __call__(self, x: Any) -> np.ndarray:
        return self.a @ np.asarray(x, dtype=float) + self.b

    def __repr__(self) -> str:
        return "an affine map A x + b"


class TanhMix:
    """f(x) = tanh(C x) + (A x)² / 2."""

    def __init__(self, a: np.ndarray, c: np.ndarray) -> None:
        self.a, self.c = a, c

    def __call__(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        return np.tanh(self.c @ x) + 0.5 * (self.a @ x) ** 2

    def __repr__(self) -> str:
        return "tanh(C x) + (A x)²/2"


class PullTowards:
    """The gradient a * (x - target) of the bowl sum(a * (x - target)**2) / 2."""

    def __init__(self, a: np.ndarray, target: np.ndarray) -> None:
        self.a, self.target = a, target

    def __call__(self, x: Any) -> np.ndarray:
        return self.a * (np.asarray(x, dtype=float) - self.target)

    def __repr__(self) -> str:
        return "the gradient a * (x - target) of a bowl"


# --- rules -----------------------------------------------------------------------------------

#: Library differentiators. Names of frameworks that are not loaded when a check runs are not
#: guarded (see helpers.checking.guards._loadable_now); SciPy's new ``differentiate`` module only
#: where the installed SciPy has it.
DIFFERENTIATORS = (
    "numpy.gradient", "scipy.optimize.approx_fprime", "scipy.optimize.check_grad",
    *(() if importlib.util.find_spec("scipy.differentiate") is None else
      tuple(f"scipy.differentiate.{f}" for f in ("derivative", "jacobian", "hessian"))),
    "torch.autograd.grad", "torch.autograd.functional.jacobian", "torch.autograd.functional.hessian",
    "jax.grad", "jax.jacobian", "jax.jacfwd", "jax.jacrev", "jax.hessian",
)
NO_DIFFERENTIATORS = forbids(
    "forbid_differentiators", "compute the central differences yourself, without a library differentiator "
    "(np.gradient, SciPy's approx_fprime/check_grad/scipy.differentiate, torch.autograd, JAX)",
    r"np\.gradient", r"scipy", r"autograd")
ANY_SHAPE = Rule("any_shape", "x may have any shape, a 0-d array included; grad has the shape of x",
                 (r"any shape", r"0-d"))
FLOAT64 = Rule("float64", "x may hold integers or float32 numbers: compute in float64",
               (r"integers", r"float32", r"float64"))
M_BY_N = Rule("m_by_n", "return the (m, n) array: row i holds the derivatives of output i", (r"\(m, n\)",))
PATH = Rule("path", "return the whole path, an array of shape (steps + 1, *x0.shape) whose row 0 is x0",
            (r"steps \+ 1", r"row 0"))
MSE_TUPLE = Rule("tuple", "return the tuple (loss, grad_w, grad_b): the loss and grad_b as numbers, "
                 "grad_w as an array of shape (d,)", (r"\(loss, grad_w, grad_b\)",))
MINIBATCH_TUPLE = Rule("tuple", "return the tuple (w, b, losses): w of shape (d,), b a number, losses of "
                       "shape (epochs,)", (r"\(w, b, losses\)",))
CONVENTION = Rule("convention", "follow the text's convention exactly: start from zeros, batches in order, "
                  "the last smaller batch kept, gradients averaged over each batch",
                  (r"convention exactly", r"np\.zeros\(d\)", r"last batch may be smaller", r"over that batch"))
RNG_USE = Rule("rng", "draw exactly one rng.permutation(n) per epoch from rng, and nothing else",
               (r"exactly once per epoch", r"draw nothing else"))

A_CLASS = Rule("class", "write a class whose __init__ takes the hyper-parameters as keyword arguments",
               (r"class", r"lr="))
IN_PLACE = Rule("in_place", "step updates every params[name] in place (p -= ..., p[...] = ...) and never "
                "puts a new array into params", (r"in place",))
RETURNS_NONE = Rule("returns_none", "step returns None", (r"returns? `?None",))
GRADS_KEPT = Rule("grads_unchanged", "step leaves grads unchanged", (r"leaves? `?grads`? unchanged",))
PER_NAME = Rule("per_name", "keep the state per parameter name", (r"per parameter name",))
FRESH_STATE = Rule("fresh_state", "a name seen for the first time starts with zero state", (r"zero state",))
PER_OBJECT = Rule("per_object", "the state belongs to the object: two optimizer objects never share state",
                  (r"never share state",))
OPTIMIZER_RULES = (A_CLASS, IN_PLACE, RETURNS_NONE, GRADS_KEPT, PER_NAME, FRESH_STATE, PER_OBJECT)


# --- 1. numerical gradient -------------------------------------------------------------------


def call_noting_shape(student: Any, *args: Any) -> dict[str, Any]:
    """``student(*args)``, with the shape of an array result noted beside it (a 0-d result stays 0-d)."""
    result = student(*args)
    return {"result": result, "shape": list(result.shape) if isinstance(result, np.ndarray) else None}


def _scalar_functions(rng: np.random.Generator, shape: tuple[int, ...]) -> list[Any]:
    size = int(np.prod(shape, dtype=int))
    a = rng.normal(size=(size, size))
    return [QuadraticForm(a @ a.T / max(size, 1) + np.eye(size)), SineCubic(rng.normal(size=shape)), SoftplusExp()]


def _numerical_gradient(rng: np.random.Generator) -> Iterator[Case]:
    for shape in [(), (1,), (4,), (2, 3), (2, 1, 3)]:
        for f in _scalar_functions(rng, shape):
            x = rng.normal(size=shape)
            yield Case(f"numerical_gradient(f, x) for f = {f!r}, x of shape {shape}", (f, x), ("f", "x"),
                       run=call_noting_shape)
            yield Case(f"numerical_gradient(f, x, h=0.001) for f = {f!r}, x of shape {shape}", (f, x, 1e-3),
                       ("f", "x", "h"), run=call_noting_shape)
    yield Case("numerical_gradient(f, x) for f = sum(x**2) and an integer x", (SquareSum(), np.array([[1, -2], [3, 0]])),
               ("f", "x"), run=call_noting_shape)
    x32 = rng.normal(size=(2, 3)).astype(np.float32)
    yield Case("numerical_gradient(f, x) for f = sum(sin(c*x)) + sum(x**3)/2 and a float32 x of shape (2, 3)",
               (SineCubic(rng.normal(size=(2, 3))), x32), ("f", "x"), run=call_noting_shape)


# --- 2. Jacobian -----------------------------------------------------------------------------


def _jacobian(rng: np.random.Generator) -> Iterator[Case]:
    for n, m in [(1, 1), (3, 1), (1, 4), (3, 2), (2, 5), (4, 4)]:
        a, b, c = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=(m, n))
        for f in (AffineMap(a, b), TanhMix(a, c)):
            x = rng.normal(size=n)
            yield Case(f"jacobian(f, x) for f = {f!r} from R^{n} to R^{m}", (f, x), ("f", "x"))
            yield Case(f"jacobian(f, x, h=0.001) for f = {f!r} from R^{n} to R^{m}", (f, x, 1e-3), ("f", "x", "h"))


# --- 3. gradient descent path ------------------------------------------------------------------


def _gradient_descent(rng: np.random.Generator) -> Iterator[Case]:
    for shape, steps, dtype in [((), 5, None), ((2,), 0, None), ((2,), 7, None), ((3, 2), 4, None),
                                ((2, 3), 3, np.float32)]:
        grad = PullTowards(rng.uniform(0.5, 2.0, size=shape), rng.normal(size=shape))
        lr = float(rng.uniform(0.05, 0.4))
        x0 = rng.normal(size=shape)
        kind = "x0"
        if dtype is not None:
            x0, kind = x0.astype(dtype), f"a {np.dtype(dtype).name} x0"
        yield Case(f"gradient_descent(grad, x0, lr={lr:.3f}, steps={steps}) with {kind} of shape {shape}",
                   (grad, x0, lr, steps), ("grad", "x0", "lr", "steps"))


# --- 4. linear regression gradients ------------------------------------------------------------


def _mse_gradients(rng: np.random.Generator) -> Iterator[Case]:
    for n, d in [(1, 1), (5, 1), (7, 3), (20, 4)]:
        x, y = rng.normal(size=(n, d)), rng.normal(size=n)
        w, b = rng.normal(size=d), float(rng.normal())
        yield Case(f"mse_gradients(x, y, w, b) with x of shape {(n, d)}", (x, y, w, b), ("x", "y", "w", "b"))
    x, y, w = rng.integers(-4, 5, size=(6, 2)), rng.integers(-4, 5, size=6), rng.integers(-2, 3, size=2)
    yield Case("mse_gradients(x, y, w, b) with integer x, y, w and b = 1", (x, y, w, 1), ("x", "y", "w", "b"))
    x, y, w = (rng.normal(size=s).astype(np.float32) for s in [(10, 3), 10, 3])
    yield Case("mse_gradients(x, y, w, b) with float32 x, y, w of shapes (10, 3), (10,), (3,)",
               (x, y, w, float(rng.normal())), ("x", "y", "w", "b"))


# --- 5. mini-batch gradient descent --------------------------------------------------------------


def replay_minibatch(student: Any, x: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int,
                     seed: int) -> dict[str, Any]:
    """Call ``minibatch_gd`` with a generator seeded by ``seed``; note its result and the generator's next draw."""
    rng = np.random.default_rng(seed)
    result = student(x, y, lr, epochs, batch_size, rng)
    return {"result": result, "next_draw": int(rng.integers(1 << 30))}


def _minibatch_gd(rng: np.random.Generator) -> Iterator[Case]:
    cases = [(12, 1, 12, 3, None), (12, 2, 5, 3, None), (10, 3, 1, 2, None), (9, 2, 4, 4, None),
             (8, 2, 20, 2, None), (1, 1, 1, 3, None), (10, 2, 3, 2, np.float32)]
    for n, d, batch_size, epochs, dtype in cases:
        x = rng.normal(size=(n, d))
        y = x @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)
        kind = ""
        if dtype is not None:
            x, y, kind = x.astype(dtype), y.astype(dtype), f" ({np.dtype(dtype).name} x and y)"
        lr, seed = 0.05, int(rng.integers(1000))
        yield Case(f"minibatch_gd(x, y, lr={lr}, epochs={epochs}, batch_size={batch_size}, rng) with x of shape "
                   f"{(n, d)}{kind}", (x, y, lr, epochs, batch_size, seed),
                   ("x", "y", "lr", "epochs", "batch_size", "seed"), run=replay_minibatch)


# --- 6-11. optimizers ----------------------------------------------------------------------------

#: The parameters of an optimizer scenario: two of the same shape ("W_twin" gets a gradient that
#: differs from "W"'s), several shapes, and a float32 array. "late" joins at LATE_STEP.
PARAMETER_SHAPES = {"W": (3, 4), "W_twin": (3, 4), "b": (4,), "k": (2, 1, 3), "s": (1,), "f32": (2, 3)}
FLOAT32_PARAMETERS = ("f32",)
STEPS, LATE_STEP, LATE_SHAPE = 6, 3, (2, 2)


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a student's object may fail to describe itself
        text = ""
    return text if 0 < len(text) < 60 else f"a {type(value).__name__}"


def _error(error: Exception) -> dict[str, str]:
    return {"type": type(error).__name__, "message": str(error)[:300]}


def _snapshot(value: Any) -> Any:
    return np.array(value, copy=True) if isinstance(value, np.ndarray) and value.dtype.kind in "biufc" else None


def _observe_step(opt: Any, params: dict[str, Any], grads: dict[str, np.ndarray]) -> dict[str, Any]:
    """Call ``opt.step(params, grads)`` (on copies of the gradients) and note what happened."""
    objects = dict(params)
    given = {name: g.copy() for name, g in grads.items()}
    result = opt.step(params, given)
    changed = []
    for name, g in grads.items():
        try:
            same = np.array_equal(given.get(name), g)
        except Exception:  # noqa: BLE001
            same = False
        if not same:
            changed.append(name)
    return {"returned": None if result is None else _short(result),
            "replaced": [name for name, array in objects.items() if params.get(name) is not array],
            "grads_changed": changed,
            "params": {name: _snapshot(params.get(name)) for name in objects}}


def drive_optimizer(cls: Any, hyper: dict[str, float], scenario: dict[str, Any]) -> dict[str, Any]:
    """Run the scenario on the student's optimizer class; the observations, step by step.

    One object takes ``STEPS`` steps on copies of ``scenario["params"]`` (``"late"`` joins at
    step ``LATE_STEP``); then a second object of the class takes one step on ``"second_params"``.
    An exception ends the run and is noted with where it happened (``"init"``, a step number,
    ``"second init"`` or ``"second"``).
    """
    if not isinstance(cls, type):
        return {"not_a_class": _short(cls)}
    observed: dict[str, Any] = {"steps": []}
    where: Any = "init"
    try:
        opt = cls(**hyper)
        params = {name: p.copy() for name, p in scenario["params"].items()}
        for t, grads in enumerate(scenario["grads"], start=1):
            where = t
            if t == LATE_STEP:
                params["late"] = scenario["late"].copy()
            observed["steps"].append(_observe_step(opt, params, grads))
        where = "second init"
        second = cls(**hyper)
        where = "second"
        observed["second"] = _observe_step(second, {name: p.copy() for name, p in scenario["second_params"].items()},
                                           scenario["second_grads"])
    except Exception as error:  # noqa: BLE001 - the student's exception is an observation
        observed["error"] = {"at": where, **_error(error)}
    return observed


def hyper_text(hyper: dict[str, float]) -> str:
    return ", ".join(f"{k}={v}" for k, v in hyper.items())


def _optimizer_plan(cls_name: str, settings: list[dict[str, float]]):
    def plan(rng: np.random.Generator) -> Iterator[Case]:
        for hyper in settings:
            params = {}
            for name, shape in PARAMETER_SHAPES.items():
                params[name] = rng.normal(size=shape)
                if name in FLOAT32_PARAMETERS:
                    params[name] = params[name].astype(np.float32)
            late = rng.normal(size=LATE_SHAPE)
            steps = []
            for t in range(1, STEPS + 1):
                shapes = {name: p.shape for name, p in params.items()}
                if t >= LATE_STEP:
                    shapes["late"] = LATE_SHAPE
                grads = {name: rng.normal(scale=rng.uniform(0.1, 3.0), size=shape) for name, shape in shapes.items()}
                grads["W_twin"] = -0.5 * grads["W"] + 0.1
                for name in FLOAT32_PARAMETERS:
                    grads[name] = grads[name].astype(np.float32)
                steps.append(grads)
            scenario = {"params": params, "late": late, "grads": steps,
                        "second_params": {"W": rng.normal(size=(3, 4))}, "second_grads": {"W": rng.normal(size=(3, 4))}}
            yield Case(f"{cls_name}({hyper_text(hyper)}): {STEPS} steps on params {', '.join(PARAMETER_SHAPES)} "
                       f"(and 'late' from step {LATE_STEP}), then one step of a second object",
                       (hyper, scenario), ("hyper-parameters", "scenario"), run=drive_optimizer)

    return plan


OPTIMIZER_SETTINGS = {
    "Momentum": [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.03, "momentum": 0.5}],
    "Nesterov": [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.03, "momentum": 0.5}],
    "Adagrad": [{"lr": 0.1, "eps": 0.3}, {"lr": 0.5, "eps": 1e-8}],
    "RMSProp": [{"lr": 0.1, "rho": 0.7, "eps": 0.3}, {"lr": 0.01, "rho": 0.9, "eps": 1e-8}],
    "Adam": [{"lr": 0.1, "beta1": 0.8, "beta2": 0.9, "eps": 0.2},
             {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}],
    "Adadelta": [{"lr": 0.5, "rho": 0.8, "eps": 0.1}, {"lr": 1.0, "rho": 0.95, "eps": 1e-6}],
}

EXERCISES = [
    Exercise("numerical_gradient", _numerical_gradient, (NO_DIFFERENTIATORS, KEEPS_INPUTS, ANY_SHAPE, FLOAT64),
             forbidden=DIFFERENTIATORS),
    Exercise("jacobian", _jacobian, (NO_DIFFERENTIATORS, KEEPS_INPUTS, M_BY_N), forbidden=DIFFERENTIATORS),
    Exercise("gradient_descent", _gradient_descent, (KEEPS_INPUTS, PATH)),
    Exercise("mse_gradients", _mse_gradients, (KEEPS_INPUTS, MSE_TUPLE)),
    Exercise("minibatch_gd", _minibatch_gd, (KEEPS_INPUTS, MINIBATCH_TUPLE, CONVENTION, RNG_USE)),
    *(Exercise(name, _optimizer_plan(name, settings), OPTIMIZER_RULES) for name, settings in OPTIMIZER_SETTINGS.items()),
]
