"""Chapter 4 (perceptrons and backpropagation): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried, including the loss functions handed
to ``numerical_param_gradient`` (they are inputs, written here). The expected results are computed
only by the instructor's judge (in the instructor edition), which compares every backward pass with
a numerical gradient of its own on the same random data.

Perceptron data are built from small integers and step sizes that are powers of two, so every sum
is exact and a point that lies exactly on the decision line (score 0) is judged the same way by
every correct answer. ``TwoLayerNet`` is a class, driven through ``__init__``, ``forward``,
``backward`` and ``step`` by :func:`drive_net`, which records what each call did.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, Case, Exercise, Rule

#: The four points of OR/AND/XOR, in the order a = (0, 0), b = (1, 0), c = (0, 1), d = (1, 1).
CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
GATES = {"OR": np.array([-1, 1, 1, 1]), "AND": np.array([-1, -1, -1, 1]), "XOR": np.array([-1, 1, 1, -1])}
#: Points for w = (1, -1), b = 0: the first and the third lie exactly on the line.
ON_LINE = np.array([[1.0, 1.0], [2.0, 0.0], [0.0, 0.0], [1.0, -1.0]])
#: The starting point of seed 004's OR example.
SEED_W0, SEED_B0, SEED_RHO = np.array([-0.5, 0.75]), 0.375, 0.4
#: Parameter names of TwoLayerNet, in order.
NET_PARAMS = ("W1", "b1", "W2", "b2")
#: Smallest |pre-activation| the plans allow next to a ReLU, so that central differences with a
#: step far below it never straddle the kink.
KINK_MARGIN = 1e-3


# --- rules -----------------------------------------------------------------------------------

PLUS_MINUS = Rule("plus_minus", "return an array of shape (n,) holding -1 and +1, with +1 where w·x + b >= 0 "
                  "(a point on the line counts as +1)", (r"\(n,\)", r"≥ 0|>= 0", r"\+1", r"-1|−1"))
BATCH_RULE = Rule("batch", "judge every point with the weights from the start of the epoch, then add rho·y·x "
                  "of every misclassified point to w (and rho·y to b)", (r"start of the epoch", r"misclassified",
                                                                           r"rho"))
EPOCH_TUPLE = Rule("epoch_tuple", "return the tuple (w_new, b_new, n_updates): n_updates is the number of "
                   "misclassified points", (r"\(w_new, b_new, n_updates\)",))
TRAIN_TUPLE = Rule("train_tuple", "return (w, b, errors): errors[k] is the number of updates in epoch k; stop after "
                   "the first epoch with no update (its 0 is the last entry) or after max_epochs epochs",
                   (r"\(w, b, errors\)", r"max_epochs", r"first epoch with(out| no)"))
XOR_WEIGHTS = Rule("xor_weights", "return (W1, b1, w2, b2): W1 of shape (2, 2), column j the weights of hidden "
                   "unit j; b1 of shape (2,); w2 of shape (2,); b2 a number", (r"\(W1, b1, w2, b2\)", r"\(2, 2\)",
                                                                              r"column"))
SAME_SHAPE = Rule("same_shape", "return the gradient as an array of param's shape", (r"shape of `?param",))
IN_PLACE_PROBE = Rule("in_place_probe", "change param itself (loss_fn reads it), then put back every original "
                      "value exactly", (r"in place", r"exactly"))
REL_ERROR = Rule("rel_error", "return ||a - b|| / (||a|| + ||b||) as a number, 0.0 when both are zero",
                 (r"\|\|a - b\|\|", r"0\.0"))
REL_SHAPES = Rule("rel_shapes", "raise ValueError when the shapes differ", (r"ValueError", r"shapes differ"))
GRAPH_TUPLE = Rule("graph_tuple", "return (c, grad_x, grad_y, grad_z): c a number, each gradient of its input's "
                   "shape", (r"\(c, grad_x, grad_y, grad_z\)",))
L2_TUPLE = Rule("l2_tuple", "return (loss, grad_w1, grad_w2): the loss as a number, the gradients of the shapes of "
                "w1 and w2", (r"\(loss, grad_w1, grad_w2\)",))
DENSE_CACHE = Rule("dense_cache", "return (out, cache) with cache the tuple (x, W, b)", (r"\(out, cache\)",
                                                                                        r"\(x, W, b\)"))
DENSE_GRADS = Rule("dense_grads", "return (dx, dW, db) of the shapes of x, W and b", (r"\(dx, dW, db\)",))
KEEPS_DTYPE = Rule("dtype", "float32 inputs give float32 results (keep the dtype of the inputs)",
                   (r"float32", r"dtype"))
RELU_ZERO = Rule("relu_zero", "the ReLU's derivative at exactly 0 counts as 0", (r"exactly 0",))
SIGMOID_OUTPUT = Rule("sigmoid_output", "s is the sigmoid's output, not its input", (r"output",))
SOFTMAX_MEAN = Rule("softmax_mean", "the loss is the mean over the batch, so dlogits carries the factor 1/N",
                    (r"mean over the batch", r"1/N"))
SOFTMAX_TUPLE = Rule("softmax_tuple", "return (loss, dlogits): the loss as a number, dlogits of the shape and dtype "
                     "of logits", (r"\(loss, dlogits\)",))
STABLE = Rule("stable", "no overflow (and no warning about it) for logits as large as ±1000", (r"1000", r"overflow"))
NET_LAYOUT = Rule("net_layout", "keep the parameters in self.params (keys W1, b1, W2, b2) and the gradients of "
                  "backward in self.grads (same keys and shapes); forward, backward and step use self.params",
                  (r"self\.params", r"self\.grads", r"W1", r"b2"))
NET_INIT = Rule("net_init", "W1 ~ N(0, 2/n_in) (He), W2 ~ N(0, 2/(n_hidden + n_out)) (Xavier), biases zero",
                (r"He", r"Xavier", r"2\s*/\s*\(?n_in", r"zero"))
NET_OWN = Rule("net_own", "every parameter is an array of its own: no two layers, and no two networks, share an "
               "array", (r"own", r"share"))
NET_RNG = Rule("net_rng", "draw W1 and W2 with the generator rng: generators with the same seed give the same "
              "weights, other seeds other weights, and np.random's global state plays no part",
              (r"drawn with the generator `?rng",))
NET_RELU_ZERO = Rule("net_relu_zero", "in backward, the ReLU's derivative at a pre-activation of exactly 0 counts as 0",
                     (r"derivative at 0 counts as 0",))
NET_GRADS_OF_MEAN = Rule("net_dlogits", "backward receives dlogits = dL/dlogits as given (it already holds the "
                         "1/N); backward does not divide again", (r"does not divide",))


# --- 1. perceptron prediction --------------------------------------------------------------------


def _integer_problem(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Integer points, weights and bias: scores are exact integers, many of them exactly 0."""
    x = rng.integers(-3, 4, size=(n, d)).astype(float)
    w = rng.integers(-2, 3, size=d).astype(float)
    if not w.any():
        w[0] = 1.0
    return x, w, float(rng.integers(-2, 3))


def _perceptron_predict(rng: np.random.Generator) -> Iterator[Case]:
    for n, d in [(1, 1), (1, 3), (7, 2), (9, 5), (12, 3)]:
        x, w, b = _integer_problem(rng, n, d)
        zeros = int(np.sum(x @ w + b == 0))
        yield Case(f"perceptron_predict(w, b, X) with integer-valued X of shape {(n, d)} ({zeros} of the points "
                   "exactly on the line)", (w, b, x), ("w", "b", "X"))
    x, w = rng.normal(size=(6, 4)), rng.normal(size=4)
    yield Case("perceptron_predict(w, b, X) with random X of shape (6, 4)", (w, float(rng.normal()), x), ("w", "b", "X"))
    x32 = rng.integers(-3, 4, size=(5, 3)).astype(np.float32)
    yield Case("perceptron_predict(w, b, X) with a float32 X of shape (5, 3) and an int bias",
               (np.array([1.0, -1.0, 2.0]), 1, x32), ("w", "b", "X"))
    yield Case("perceptron_predict with w = (1, -1), b = 0 and two of four points exactly on the line",
               (np.array([1.0, -1.0]), 0.0, ON_LINE.copy()), ("w", "b", "X"))
    yield Case("perceptron_predict on the OR points with d(x) = x1 + x2 - 1/2",
               (np.array([1.0, 1.0]), -0.5, CORNERS.copy()), ("w", "b", "X"))


# --- 2. one epoch of the perceptron rule -----------------------------------------------------------


def _labels_with_noise(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    w_true = rng.integers(-2, 3, size=x.shape[1])
    y = np.where(x @ w_true + rng.integers(-1, 2) >= 0, 1, -1)
    flip = rng.random(len(y)) < 0.2
    return np.where(flip, -y, y)


def _perceptron_epoch(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("perceptron_epoch on seed 004's OR example (w0 = (-0.5, 0.75), b0 = 0.375, rho = 0.4)",
               (SEED_W0.copy(), SEED_B0, CORNERS.copy(), GATES["OR"].copy(), SEED_RHO), ("w", "b", "X", "y", "rho"))
    for n, d, rho in [(1, 1, 0.5), (1, 2, 1.0), (6, 2, 0.25), (9, 3, 0.5), (11, 4, 0.125), (15, 5, 0.5)]:
        x, w, b = _integer_problem(rng, n, d)
        y = _labels_with_noise(rng, x)
        if n == 1:
            y = -np.where(x @ w + b >= 0, 1, -1)  # the single point is misclassified
        yield Case(f"perceptron_epoch with integer-valued X of shape {(n, d)}, rho = {rho}",
                   (w, b, x, y, rho), ("w", "b", "X", "y", "rho"))
    x = rng.normal(size=(10, 3))
    y = np.where(x @ rng.normal(size=3) + 0.3 > 0, 1, -1)
    yield Case("perceptron_epoch with random X of shape (10, 3), rho = 0.1",
               (rng.normal(size=3), float(rng.normal()), x, y, 0.1), ("w", "b", "X", "y", "rho"))
    yield Case("perceptron_epoch with w = (1, -1), b = 0 and points exactly on the line (labels +1 and -1)",
               (np.array([1.0, -1.0]), 0.0, ON_LINE.copy(), np.array([1, -1, -1, 1]), 0.5),
               ("w", "b", "X", "y", "rho"))
    x, w, b = _integer_problem(rng, 7, 3)
    y = np.where(x @ w + b >= 0, 1, -1)
    yield Case("perceptron_epoch when every point is already classified correctly (shape (7, 3))",
               (w, b, x, y, 0.5), ("w", "b", "X", "y", "rho"))
    x, w, b = _integer_problem(rng, 8, 2)
    yield Case("perceptron_epoch with a float32 X of shape (8, 2), rho = 0.5",
               (w, b, x.astype(np.float32), _labels_with_noise(rng, x), 0.5), ("w", "b", "X", "y", "rho"))


# --- 3. training to convergence ---------------------------------------------------------------------


def _train_perceptron(rng: np.random.Generator) -> Iterator[Case]:
    for gate, cap in [("OR", 20), ("AND", 30), ("XOR", 15)]:
        yield Case(f"train_perceptron on {gate} from w0 = (-0.5, 0.75), b0 = 0.375, rho = 0.4, max_epochs = {cap}",
                   (SEED_W0.copy(), SEED_B0, CORNERS.copy(), GATES[gate].copy(), SEED_RHO, cap),
                   ("w", "b", "X", "y", "rho", "max_epochs"))
    for n, d in [(5, 2), (12, 3)]:
        x = rng.integers(-3, 4, size=(n, d)).astype(float)
        w_true = rng.integers(-2, 3, size=d).astype(float)
        if not w_true.any():
            w_true[0] = 1.0
        score = x @ w_true + 0.5  # never 0: a margin of at least 1/2, so training converges
        y = np.where(score > 0, 1, -1)
        w0 = rng.integers(-2, 3, size=d).astype(float)
        yield Case(f"train_perceptron on separable integer-valued data of shape {(n, d)}, rho = 0.5, max_epochs = 200",
                   (w0, 0.0, x, y, 0.5, 200), ("w", "b", "X", "y", "rho", "max_epochs"))
    yield Case("train_perceptron on OR with max_epochs = 1",
               (SEED_W0.copy(), SEED_B0, CORNERS.copy(), GATES["OR"].copy(), SEED_RHO, 1),
               ("w", "b", "X", "y", "rho", "max_epochs"))
    yield Case("train_perceptron on XOR with max_epochs = 0 (no epoch at all)",
               (SEED_W0.copy(), SEED_B0, CORNERS.copy(), GATES["XOR"].copy(), SEED_RHO, 0),
               ("w", "b", "X", "y", "rho", "max_epochs"))


# --- 4. XOR by hand ----------------------------------------------------------------------------------


def _xor_network(rng: np.random.Generator) -> Iterator[Case]:
    yield Case("xor_network()")


# --- 5. numerical gradient of a parameter array ----------------------------------------------------


class ParamLoss:
    """A loss of one parameter array, read at every call: f(p) = sum(sin(c * p)) + ½ v·S·v (v = p flattened)."""

    def __init__(self, param: np.ndarray, c: np.ndarray, matrix: np.ndarray) -> None:
        self.param, self.c, self.matrix = param, c, matrix

    def __call__(self) -> float:
        v = self.param.reshape(-1)
        return float(np.sum(np.sin(self.c * self.param)) + 0.5 * v @ self.matrix @ v)

    def __repr__(self) -> str:
        return "sum(sin(c*p)) + ½ pᵀSp"


class CubeLoss:
    """f(p) = sum(p**3) / 3 + sum(p) * k, read at every call."""

    def __init__(self, param: np.ndarray, k: float) -> None:
        self.param, self.k = param, k

    def __call__(self) -> float:
        return float(np.sum(self.param**3) / 3.0 + self.k * np.sum(self.param))

    def __repr__(self) -> str:
        return "sum(p**3)/3 + k*sum(p)"


def _numerical_param_gradient(rng: np.random.Generator) -> Iterator[Case]:
    for shape in [(1,), (5,), (3, 4), (2, 1, 3)]:
        size = int(np.prod(shape))
        a = rng.normal(size=(size, size))
        param = rng.normal(size=shape)
        loss = ParamLoss(param, rng.normal(size=shape), a @ a.T / size + np.eye(size))
        yield Case(f"numerical_param_gradient(loss_fn, param) for loss_fn = {loss!r}, param of shape {shape}",
                   (loss, param), ("loss_fn", "param"))
        cube_param = rng.normal(size=shape)
        cube = CubeLoss(cube_param, float(rng.normal()))
        yield Case(f"numerical_param_gradient(loss_fn, param, h=0.001) for loss_fn = {cube!r}, param of shape {shape}",
                   (cube, cube_param, 1e-3), ("loss_fn", "param", "h"))


# --- 6. relative error -------------------------------------------------------------------------------


def _relative_error(rng: np.random.Generator) -> Iterator[Case]:
    for shape in [(1,), (7,), (3, 5), (2, 3, 2)]:
        a = rng.normal(size=shape)
        yield Case(f"relative_error(a, b) for random a, b of shape {shape}", (a, rng.normal(size=shape)), ("a", "b"))
        yield Case(f"relative_error(a, b) for b = a + tiny noise, shape {shape}",
                   (a, a + 1e-7 * rng.normal(size=shape)), ("a", "b"))
    a = rng.normal(size=(4, 3))
    yield Case("relative_error(a, a)", (a, a.copy()), ("a", "b"))
    yield Case("relative_error(a, zeros)", (a, np.zeros((4, 3))), ("a", "b"))
    yield Case("relative_error(zeros, zeros)", (np.zeros(3), np.zeros(3)), ("a", "b"))
    yield Case("relative_error(a, -a)", (a, -a), ("a", "b"))
    yield Case("relative_error for float32 arrays of shape (6,)",
               (rng.normal(size=6).astype(np.float32), rng.normal(size=6).astype(np.float32)), ("a", "b"))
    for sa, sb in [((3,), (3, 1)), ((2, 3), (3, 2))]:
        yield Case(f"relative_error for shapes {sa} and {sb}", (np.ones(sa), np.ones(sb)), ("a", "b"),
                   note={"raises": "ValueError"})


# --- 7. the graph c = sum(x * y + z) ----------------------------------------------------------------------


def _float_arrays(rng: np.random.Generator, shape: tuple[int, ...], count: int, dtype: Any = np.float64):
    return tuple(rng.normal(size=shape).astype(dtype) for _ in range(count))


def _xyz_graph(rng: np.random.Generator) -> Iterator[Case]:
    for shape in [(1, 1), (1, 4), (3, 4), (5, 3), (2, 7)]:
        yield Case(f"xyz_graph(x, y, z) for arrays of shape {shape}", _float_arrays(rng, shape, 3), ("x", "y", "z"))
    yield Case("xyz_graph(x, y, z) for float32 arrays of shape (3, 5)", _float_arrays(rng, (3, 5), 3, np.float32),
               ("x", "y", "z"))


# --- 8. two-layer ReLU net with the L2 loss ----------------------------------------------------------------


def away_from_kinks(rng: np.random.Generator, x: np.ndarray, w: np.ndarray, shift: np.ndarray | None = None
                    ) -> np.ndarray:
    """Redraw columns of ``w`` until every pre-activation x·w (+ shift) is at least KINK_MARGIN from 0."""
    w = w.copy()
    for _ in range(100):
        pre = np.dot(x.astype(float), w.astype(float)) + (0.0 if shift is None else shift)
        close = np.any(np.abs(pre) < KINK_MARGIN, axis=0)
        if not close.any():
            return w
        w[:, close] = rng.normal(size=(w.shape[0], int(close.sum()))).astype(w.dtype)
    raise RuntimeError("could not draw weights away from the ReLU's kink")


def _two_layer_l2(rng: np.random.Generator) -> Iterator[Case]:
    for n, d_in, hidden, d_out, dtype in [(1, 3, 4, 2, np.float64), (4, 5, 3, 3, np.float64),
                                          (7, 2, 6, 1, np.float64), (3, 4, 4, 4, np.float64),
                                          (6, 5, 7, 3, np.float32)]:
        x = rng.normal(size=(n, d_in)).astype(dtype)
        y = rng.normal(size=(n, d_out)).astype(dtype)
        w1 = away_from_kinks(rng, x, rng.normal(size=(d_in, hidden)).astype(dtype))
        w2 = rng.normal(size=(hidden, d_out)).astype(dtype)
        kind = "" if dtype == np.float64 else " (float32)"
        yield Case(f"two_layer_l2(x, y, w1, w2) with N={n}, D_in={d_in}, H={hidden}, D_out={d_out}{kind}",
                   (x, y, w1, w2), ("x", "y", "w1", "w2"))


# --- 9-12. layers -------------------------------------------------------------------------------------------

LAYER_SHAPES = [(1, 3, 5), (7, 1, 4), (5, 9, 1), (4, 6, 6), (3, 5, 2)]


def _dense_forward(rng: np.random.Generator) -> Iterator[Case]:
    for (n, d, m), dtype in zip(LAYER_SHAPES, [np.float64] * 4 + [np.float32]):
        x, w = rng.normal(size=(n, d)).astype(dtype), rng.normal(size=(d, m)).astype(dtype)
        b = rng.normal(size=m).astype(dtype)
        yield Case(f"dense_forward(x, W, b) with x {(n, d)}, W {(d, m)}, b {(m,)} ({np.dtype(dtype).name})",
                   (x, w, b), ("x", "W", "b"))


def _dense_backward(rng: np.random.Generator) -> Iterator[Case]:
    for (n, d, m), dtype in zip(LAYER_SHAPES + [(1, 1, 1), (2, 4, 3)], [np.float64] * 4 + [np.float32] * 3):
        x, w = rng.normal(size=(n, d)).astype(dtype), rng.normal(size=(d, m)).astype(dtype)
        b, dout = rng.normal(size=m).astype(dtype), rng.normal(size=(n, m)).astype(dtype)
        yield Case(f"dense_backward(dout, cache) with x {(n, d)}, W {(d, m)}, dout {(n, m)} "
                   f"({np.dtype(dtype).name})", (dout, (x, w, b)), ("dout", "cache"))


def _relu_input(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """Entries at least 0.05 from 0 (half of them negative, positives far from 1), and some exactly 0."""
    magnitude = rng.uniform(0.05, 3.0, size=shape)
    x = np.where(rng.random(shape) < 0.5, -magnitude, magnitude + 0.2 * (np.abs(magnitude - 1.0) < 0.1))
    x[rng.random(shape) < 0.2] = 0.0
    x.flat[0] = 0.0
    x.flat[-1] = -abs(x.flat[-1]) - 0.5
    return x.astype(dtype)


def _relu_backward(rng: np.random.Generator) -> Iterator[Case]:
    for shape, dtype in [((1, 1), np.float64), ((1, 5), np.float64), ((4, 3), np.float64), ((7, 6), np.float64),
                         ((3, 2, 4), np.float64), ((5, 5), np.float32)]:
        x = _relu_input(rng, shape, dtype)
        if x.size == 1:
            x[...] = 2.5
        dout = rng.normal(size=shape).astype(dtype)
        yield Case(f"relu_backward(dout, x) for shape {shape} ({np.dtype(dtype).name}, {int(np.sum(x == 0))} "
                   "entries of x exactly 0)", (dout, x), ("dout", "x"))


def _sigmoid_backward(rng: np.random.Generator) -> Iterator[Case]:
    for shape, dtype, scale in [((1, 1), np.float64, 1.0), ((1, 6), np.float64, 2.0), ((5, 3), np.float64, 3.0),
                                ((4, 7), np.float64, 8.0), ((3, 4), np.float32, 2.0)]:
        x = np.clip(rng.normal(scale=scale, size=shape), -30.0, 30.0)
        s = (1.0 / (1.0 + np.exp(-x))).astype(dtype)
        yield Case(f"sigmoid_backward(dout, s) for s = sigmoid(x), shape {shape} ({np.dtype(dtype).name})",
                   (rng.normal(size=shape).astype(dtype), s), ("dout", "s"))


def _softmax_cross_entropy(rng: np.random.Generator) -> Iterator[Case]:
    for n, c, scale, dtype in [(1, 3, 1.0, np.float64), (5, 2, 1.0, np.float64), (7, 10, 3.0, np.float64),
                               (4, 5, 1.0, np.float32), (9, 3, 10.0, np.float64)]:
        logits = (scale * rng.normal(size=(n, c))).astype(dtype)
        y = rng.integers(0, c, size=n)
        yield Case(f"softmax_cross_entropy(logits, y) with logits of shape {(n, c)} ({np.dtype(dtype).name})",
                   (logits, y), ("logits", "y"))
    big = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 999.0], [0.0, -1000.0, 0.5], [999.5, 1000.0, -3.0]])
    yield Case("softmax_cross_entropy(logits, y) with logits of ±1000", (big, np.array([0, 2, 1, 0])),
               ("logits", "y"))
    yield Case("softmax_cross_entropy(logits, y) with float32 logits of ±1000",
               (big.astype(np.float32), np.array([2, 1, 0, 1])), ("logits", "y"))
    yield Case("softmax_cross_entropy(logits, y) for one sample with logits of ±1000",
               (np.array([[-1000.0, 1000.0]]), np.array([0])), ("logits", "y"))


# --- 13. the two-layer network class --------------------------------------------------------------------------


def _copy(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        return np.array(value, copy=True)
    return None


def _describe(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a student's object may fail to describe itself
        text = ""
    return text if 0 < len(text) < 60 else f"a {type(value).__name__}"


def _summary(value: Any) -> Any:
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
        return {"type": _describe(value)}
    data = value.astype(float)
    return {"shape": list(value.shape), "mean": float(data.mean()) if data.size else 0.0,
            "std": float(data.std()) if data.size else 0.0, "all_zero": bool(not data.any())}


def _params_of(net: Any) -> dict[str, Any]:
    params = getattr(net, "params", None)
    if not isinstance(params, dict):
        raise TypeError(f"the network has no dict self.params (found {_describe(params)})")
    missing = [name for name in NET_PARAMS if name not in params]
    if missing:
        raise KeyError(f"self.params has no {', '.join(missing)}")
    return params


def _same(value: Any, reference: np.ndarray) -> bool:
    """Whether ``value`` is an array equal to ``reference`` (same shape, same entries)."""
    return isinstance(value, np.ndarray) and value.shape == reference.shape and bool(np.array_equal(value, reference))


def _sharing(arrays: dict[str, Any]) -> list[list[str]]:
    names = [n for n in NET_PARAMS if isinstance(arrays.get(n), np.ndarray)]
    return [[a, b] for i, a in enumerate(names) for b in names[i + 1:]
            if np.may_share_memory(arrays[a], arrays[b])]


def drive_net(cls: Any, sizes: tuple[int, int, int], scenario: dict[str, Any]) -> dict[str, Any]:
    """Build the student's network and take it through forward, backward, step and forward again.

    Records: the initial parameters' summaries (shape, mean, std, all zero) and which of them share
    memory; after the scenario's parameters are copied into the network's own arrays, the logits of
    ``forward(x)``, copies of ``self.grads`` after ``backward(dlogits)``, the parameters after
    ``step(lr)``, the logits of ``forward(x2)``; and, for the scenario ``init_only``, whether building a
    second network (another seed) changed the first or drew the same weights, and whether a third one
    built from a generator with the first one's seed (np.random's global state reseeded in between)
    drew other weights. np.random's global state is given back afterwards. An exception ends the run
    and is noted with the call where it happened.
    """
    if not isinstance(cls, type):
        return {"not_a_class": _describe(cls)}
    n_in, n_hidden, n_out = sizes
    observed: dict[str, Any] = {}
    where = "__init__"
    global_state = np.random.get_state()  # the notebook's global NumPy generator, given back at the end
    try:
        if scenario.get("init_only"):
            np.random.seed(scenario["global_seeds"][0])
        net = cls(n_in, n_hidden, n_out, np.random.default_rng(scenario["seed"]))
        where = "self.params after __init__"
        params = _params_of(net)
        observed["init"] = {name: _summary(params[name]) for name in NET_PARAMS}
        observed["shared"] = _sharing(params)
        if scenario.get("init_only"):
            where = "building a second network"
            before = {name: _copy(params[name]) for name in NET_PARAMS}
            other = cls(n_in, n_hidden, n_out, np.random.default_rng(scenario["seed"] + 1))
            mine = _params_of(net)
            observed["first_changed"] = [name for name in NET_PARAMS if not isinstance(mine.get(name), np.ndarray)
                                         or mine[name].shape != before[name].shape
                                         or not np.array_equal(mine[name], before[name])]
            theirs = _params_of(other)
            observed["shared_between_networks"] = [name for name in NET_PARAMS if np.may_share_memory(
                np.asarray(mine[name]), np.asarray(theirs[name]))]
            observed["other_seed_same"] = [name for name in ("W1", "W2") if before[name] is not None
                                           and _same(theirs.get(name), before[name])]
            where = "building a third network from a generator with the first one's seed"
            np.random.seed(scenario["global_seeds"][1])
            twin = _params_of(cls(n_in, n_hidden, n_out, np.random.default_rng(scenario["seed"])))
            observed["same_seed_differs"] = [name for name in ("W1", "W2") if before[name] is not None
                                             and not _same(twin.get(name), before[name])]
            return observed
        where = "copying the test's parameters into self.params"
        for name in NET_PARAMS:
            params[name][...] = scenario["params"][name]
        where = "forward(x)"
        observed["logits"] = _copy(net.forward(scenario["x"]))
        where = "backward(dlogits)"
        net.backward(scenario["dlogits"])
        grads = getattr(net, "grads", None)
        if not isinstance(grads, dict):
            raise TypeError(f"after backward, self.grads is {_describe(grads)}, not a dict")
        observed["grads"] = {name: _copy(grads.get(name)) for name in NET_PARAMS}
        where = "step(lr)"
        net.step(scenario["lr"])
        observed["after_step"] = {name: _copy(_params_of(net)[name]) for name in NET_PARAMS}
        where = "forward(x2) after the step"
        observed["logits_after_step"] = _copy(net.forward(scenario["x2"]))
    except Exception as error:  # noqa: BLE001 - the student's exception is an observation
        observed["error"] = {"at": where, "type": type(error).__name__, "message": str(error)[:300]}
    finally:
        np.random.set_state(global_state)
    return observed


def _net_scenario(rng: np.random.Generator, n: int, n_in: int, n_hidden: int, n_out: int,
                  x_dtype: Any = np.float64) -> dict[str, Any]:
    x = rng.normal(size=(n, n_in)).astype(x_dtype)
    x2 = rng.normal(size=(n + 1, n_in)).astype(x_dtype)
    b1 = rng.normal(scale=0.5, size=n_hidden)
    w1 = away_from_kinks(rng, x, rng.normal(scale=0.8, size=(n_in, n_hidden)), b1)
    params = {"W1": w1, "b1": b1, "W2": rng.normal(scale=0.8, size=(n_hidden, n_out)),
              "b2": rng.normal(scale=0.5, size=n_out)}
    return {"seed": int(rng.integers(1 << 30)), "params": params, "x": x, "x2": x2,
            "dlogits": rng.normal(size=(n, n_out)) / n, "lr": float(rng.uniform(0.05, 0.5))}


def _net_scenario_on_kinks(rng: np.random.Generator, n: int, n_in: int, n_hidden: int, n_out: int
                          ) -> tuple[dict[str, Any], int]:
    """A scenario where some pre-activations x @ W1 + b1 are exactly 0 (and the others at least 1/32 from 0).

    x holds multiples of 1/4 (at most 2 in size), W1 and b1 multiples of 1/8 (at most 1), so every
    product and partial sum of x @ W1 + b1 is a small multiple of 1/32, exact in float32 and float64
    in any order of summation; for about half of the hidden units j, b1[j] is set to cancel
    x[r] @ W1[:, j] for one row r.
    """
    x = rng.integers(-8, 9, size=(n, n_in)) / 4.0
    x[np.all(x == 0, axis=1), 0] = 1.0
    w1 = rng.integers(-8, 9, size=(n_in, n_hidden)) / 8.0
    w1[0, np.all(w1 == 0, axis=0)] = 0.5
    b1 = rng.integers(-8, 9, size=n_hidden) / 8.0
    units = rng.choice(n_hidden, size=max(1, n_hidden // 2), replace=False)
    for j in units:
        b1[j] = -(x[int(rng.integers(n))] @ w1[:, j])
    params = {"W1": w1, "b1": b1, "W2": rng.normal(scale=0.8, size=(n_hidden, n_out)),
              "b2": rng.normal(scale=0.5, size=n_out)}
    zeros = int(np.sum(x @ w1 + b1 == 0))
    return {"seed": int(rng.integers(1 << 30)), "params": params, "x": x,
            "x2": rng.normal(size=(n + 1, n_in)), "dlogits": rng.normal(size=(n, n_out)) / n,
            "lr": float(rng.uniform(0.05, 0.5))}, zeros


def _two_layer_net(rng: np.random.Generator) -> Iterator[Case]:
    sizes = (120, 80, 10)
    seed = int(rng.integers(1 << 30))
    global_seeds = [int(v) for v in rng.choice(1 << 30, size=2, replace=False)]
    yield Case(f"TwoLayerNet{sizes}: the initial parameters, then networks from generators with another seed and "
               "with the same seed",
               (sizes, {"seed": seed, "init_only": True, "global_seeds": global_seeds}), ("sizes", "scenario"),
               run=drive_net)
    for n, n_in, n_hidden, n_out, dtype in [(1, 3, 5, 2, np.float64), (5, 4, 7, 3, np.float64),
                                            (3, 5, 5, 5, np.float64), (2, 6, 1, 4, np.float64),
                                            (4, 2, 3, 3, np.float32)]:
        kind = "" if dtype == np.float64 else ", float32 x"
        yield Case(f"TwoLayerNet({n_in}, {n_hidden}, {n_out}) through forward, backward, step and forward with a "
                   f"batch of {n}{kind}", ((n_in, n_hidden, n_out), _net_scenario(rng, n, n_in, n_hidden, n_out, dtype)),
                   ("sizes", "scenario"), run=drive_net)
    for n, n_in, n_hidden, n_out in [(4, 3, 4, 2), (6, 5, 6, 3)]:
        scenario, zeros = _net_scenario_on_kinks(rng, n, n_in, n_hidden, n_out)
        yield Case(f"TwoLayerNet({n_in}, {n_hidden}, {n_out}) through forward, backward, step and forward with a "
                   f"batch of {n} where {zeros} pre-activations x @ W1 + b1 are exactly 0",
                   ((n_in, n_hidden, n_out), scenario), ("sizes", "scenario"), run=drive_net)


EXERCISES = [
    Exercise("perceptron_predict", _perceptron_predict, (KEEPS_INPUTS, PLUS_MINUS)),
    Exercise("perceptron_epoch", _perceptron_epoch, (KEEPS_INPUTS, BATCH_RULE, EPOCH_TUPLE)),
    Exercise("train_perceptron", _train_perceptron, (KEEPS_INPUTS, TRAIN_TUPLE)),
    Exercise("xor_network", _xor_network, (XOR_WEIGHTS,)),
    Exercise("numerical_param_gradient", _numerical_param_gradient, (KEEPS_INPUTS, SAME_SHAPE, IN_PLACE_PROBE)),
    Exercise("relative_error", _relative_error, (KEEPS_INPUTS, REL_ERROR, REL_SHAPES)),
    Exercise("xyz_graph", _xyz_graph, (KEEPS_INPUTS, GRAPH_TUPLE)),
    Exercise("two_layer_l2", _two_layer_l2, (KEEPS_INPUTS, L2_TUPLE)),
    Exercise("dense_forward", _dense_forward, (KEEPS_INPUTS, DENSE_CACHE, KEEPS_DTYPE)),
    Exercise("dense_backward", _dense_backward, (KEEPS_INPUTS, DENSE_GRADS, KEEPS_DTYPE)),
    Exercise("relu_backward", _relu_backward, (KEEPS_INPUTS, KEEPS_DTYPE, RELU_ZERO)),
    Exercise("sigmoid_backward", _sigmoid_backward, (KEEPS_INPUTS, KEEPS_DTYPE, SIGMOID_OUTPUT)),
    Exercise("softmax_cross_entropy", _softmax_cross_entropy, (KEEPS_INPUTS, SOFTMAX_TUPLE, SOFTMAX_MEAN, STABLE)),
    Exercise("TwoLayerNet", _two_layer_net, (KEEPS_INPUTS, NET_LAYOUT, NET_INIT, NET_RNG, NET_OWN, NET_GRADS_OF_MEAN,
                                             NET_RELU_ZERO)),
]
