"""Hidden-test checks of chapter 1 (linear algebra).

References are written with NumPy's own vectorised operations, independently of the model
solutions in ``solutions/``, and compared on fixed-seed random inputs of several shapes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.checks.common import (
    CheckFailed,
    call,
    check,
    expect_array,
    expect_bool,
    expect_raises,
    expect_scalar,
    forbid_names,
    require_loop,
    rng_for,
)

SHAPES_2D = [(1, 1), (1, 4), (5, 1), (3, 7), (6, 6)]
MATMUL_NAMES = {"dot", "matmul", "einsum", "tensordot", "inner", "vdot", "@", "multi_dot"}
LOOPS_WHY = "this exercise asks for explicit Python loops, not NumPy's vectorised operations."


def _loops_only(func: Callable, label: str, extra_forbidden: set[str] = frozenset()) -> None:
    require_loop(func, label=label)
    forbid_names(func, MATMUL_NAMES | set(extra_forbidden), label=label, why=LOOPS_WHY)


@check
def check_naive_relu(naive_relu: Callable) -> None:
    _loops_only(naive_relu, "naive_relu", {"maximum", "clip", "where", "fmax"})
    rng = rng_for("naive_relu")
    for shape in SHAPES_2D:
        x = rng.normal(size=shape)
        x[0, 0] = 0.0
        got = call(naive_relu, x, label=f"naive_relu(x) with x of shape {shape}", arg_names=["x"], loops_only=True)
        expect_array(got, np.maximum(x, 0), label=f"naive_relu(x) with x of shape {shape}", dtype=True)
    x = rng.integers(-5, 5, size=(3, 4))
    got = call(naive_relu, x, label="naive_relu(x) with an integer x", arg_names=["x"], loops_only=True)
    expect_array(got, np.maximum(x, 0), label="naive_relu(x) with an integer x", dtype=True)


@check
def check_naive_add(naive_add: Callable) -> None:
    _loops_only(naive_add, "naive_add", {"add", "sum"})
    rng = rng_for("naive_add")
    for shape in SHAPES_2D:
        x, y = rng.normal(size=shape), rng.normal(size=shape)
        label = f"naive_add(x, y) for shape {shape}"
        got = call(naive_add, x, y, label=label, arg_names=["x", "y"], loops_only=True)
        expect_array(got, x + y, label=label, dtype=True)
    for xs, ys in [((2, 3), (3, 2)), ((4, 4), (4, 5))]:
        expect_raises(naive_add, np.ones(xs), np.ones(ys), label=f"naive_add for shapes {xs} and {ys}",
                      mentions=[str(xs), str(ys)])


@check
def check_naive_add_matrix_and_vector(func: Callable) -> None:
    _loops_only(func, "naive_add_matrix_and_vector", {"add", "tile", "repeat", "broadcast_to"})
    rng = rng_for("naive_add_matrix_and_vector")
    for shape in SHAPES_2D:
        x, y = rng.normal(size=shape), rng.normal(size=shape[1])
        label = f"naive_add_matrix_and_vector(x, y) with x {shape} and y {y.shape}"
        got = call(func, x, y, label=label, arg_names=["x", "y"], loops_only=True)
        expect_array(got, x + y, label=label, dtype=True)
    for xs, ys in [((3, 4), (3,)), ((2, 5), (4,)), ((2, 3), (1, 3))]:
        expect_raises(func, np.ones(xs), np.ones(ys), label=f"naive_add_matrix_and_vector for x {xs} and y {ys}")


@check
def check_naive_vector_dot(func: Callable) -> None:
    _loops_only(func, "naive_vector_dot", {"sum", "multiply"})
    rng = rng_for("naive_vector_dot")
    for n in [1, 2, 5, 17]:
        x, y = rng.normal(size=n), rng.normal(size=n)
        label = f"naive_vector_dot(x, y) for vectors of length {n}"
        got = call(func, x, y, label=label, arg_names=["x", "y"], loops_only=True)
        expect_scalar(got, float(np.dot(x, y)), label=label)
    expect_raises(func, np.ones(3), np.ones(4), label="naive_vector_dot for lengths 3 and 4")


@check
def check_naive_matrix_vector_dot(func: Callable) -> None:
    _loops_only(func, "naive_matrix_vector_dot")
    rng = rng_for("naive_matrix_vector_dot")
    for shape in SHAPES_2D:
        x, y = rng.normal(size=shape), rng.normal(size=shape[1])
        label = f"naive_matrix_vector_dot(x, y) with x {shape} and y {y.shape}"
        got = call(func, x, y, label=label, arg_names=["x", "y"], loops_only=True)
        expect_array(got, x @ y, label=label, rtol=1e-9)
    for xs, ys in [((3, 4), (3,)), ((2, 2), (5,))]:
        expect_raises(func, np.ones(xs), np.ones(ys), label=f"naive_matrix_vector_dot for x {xs} and y {ys}")


@check
def check_naive_matrix_dot(func: Callable) -> None:
    _loops_only(func, "naive_matrix_dot")
    rng = rng_for("naive_matrix_dot")
    for n, m, p in [(1, 1, 1), (2, 3, 4), (4, 3, 2), (5, 1, 3), (3, 6, 3)]:
        x, y = rng.normal(size=(n, m)), rng.normal(size=(m, p))
        label = f"naive_matrix_dot(x, y) with x {(n, m)} and y {(m, p)}"
        got = call(func, x, y, label=label, arg_names=["x", "y"], loops_only=True)
        expect_array(got, x @ y, label=label, rtol=1e-9)
    for xs, ys in [((2, 3), (2, 3)), ((4, 1), (2, 4))]:
        expect_raises(func, np.ones(xs), np.ones(ys), label=f"naive_matrix_dot for {xs} and {ys}",
                      mentions=[str(xs), str(ys)])


@check
def check_p_norm(p_norm: Callable) -> None:
    forbid_names(p_norm, {"norm"}, label="p_norm", why="compute the norm from its definition.")
    rng = rng_for("p_norm")
    for n in [1, 3, 10]:
        x = rng.normal(size=n)
        for p in [1, 1.5, 2, 3, np.inf]:
            label = f"p_norm(x, {p}) for a vector of length {n}"
            got = call(p_norm, x, p, label=label, arg_names=["x", "p"])
            expect_scalar(got, float(np.linalg.norm(x, ord=p)), label=label, rtol=1e-9)
    zero = np.zeros(4)
    expect_scalar(call(p_norm, zero, 2, label="p_norm of the zero vector"), 0.0, label="p_norm of the zero vector")
    for p in [0.5, 0, -1]:
        expect_raises(p_norm, np.ones(3), p, label=f"p_norm with p = {p}")


@check
def check_frobenius_norm(func: Callable) -> None:
    forbid_names(func, {"norm"}, label="frobenius_norm", why="compute the norm from its definition.")
    rng = rng_for("frobenius_norm")
    for shape in SHAPES_2D:
        a = rng.normal(size=shape)
        label = f"frobenius_norm(a) for a of shape {shape}"
        got = call(func, a, label=label, arg_names=["a"])
        expect_scalar(got, float(np.linalg.norm(a, "fro")), label=label, rtol=1e-9)


@check
def check_rotation_matrix(rotation_matrix: Callable) -> None:
    for theta in [0.3, -1.2, np.pi, 2.5 * np.pi, 1e-3]:
        label = f"rotation_matrix({theta:.4g})"
        got = call(rotation_matrix, theta, label=label)
        c, s = np.cos(theta), np.sin(theta)
        expect_array(np.asarray(got, dtype=float) if isinstance(got, np.ndarray) else got,
                     np.array([[c, -s], [s, c]]), label=label, rtol=1e-9, atol=1e-12)


@check
def check_is_positive_definite(func: Callable) -> None:
    rng = rng_for("is_positive_definite")
    cases: list[tuple[str, np.ndarray, bool]] = []
    for n in [1, 2, 4, 6]:
        a = rng.normal(size=(n, n))
        cases.append((f"AᵀA + I ({n}x{n})", a.T @ a + np.eye(n), True))
    low_rank = rng.normal(size=(2, 4))
    cases.append(("a rank-2 AᵀA (4x4, semi-definite)", low_rank.T @ low_rank, False))
    cases.append(("an indefinite symmetric 3x3", np.diag([2.0, -1.0, 3.0]), False))
    cases.append(("a negative-definite 2x2", -np.eye(2), False))
    cases.append(("a non-symmetric matrix with positive eigenvalues", np.array([[1.0, 5.0], [0.0, 1.0]]), False))
    cases.append(("a 1x1 matrix [[-0.5]]", np.array([[-0.5]]), False))
    for name, a, expected in cases:
        label = f"is_positive_definite for {name}"
        expect_bool(call(func, a, label=label, arg_names=["a"]), expected, label=label)
    for shape in [(2, 3), (4,)]:
        expect_raises(func, np.ones(shape), label=f"is_positive_definite for shape {shape}")


@check
def check_pinv_svd(pinv_svd: Callable) -> None:
    forbid_names(pinv_svd, {"pinv", "inv", "lstsq", "solve"}, label="pinv_svd",
                 why="build the pseudo-inverse from np.linalg.svd.")
    rng = rng_for("pinv_svd")
    cases = [rng.normal(size=s) for s in [(3, 3), (5, 2), (2, 5), (1, 4)]]
    rank_one = np.outer(rng.normal(size=4), rng.normal(size=3))
    cases += [rank_one, np.zeros((2, 3))]
    for a in cases:
        label = f"pinv_svd(a) for a of shape {a.shape} and rank {np.linalg.matrix_rank(a)}"
        got = call(pinv_svd, a, label=label, arg_names=["a"])
        expect_array(got, np.linalg.pinv(a, rcond=1e-12), label=label, rtol=1e-6, atol=1e-9)


@check
def check_chain_product(chain_product: Callable) -> None:
    rng = rng_for("chain_product")
    for dims in [(2, 3, 4, 1, 5), (1, 1, 1, 1, 1), (4, 2, 6, 3, 2)]:
        mats = [rng.normal(size=(dims[i], dims[i + 1])) for i in range(4)]
        label = f"chain_product for shapes {[m.shape for m in mats]}"
        got = call(chain_product, *mats, label=label, arg_names=["a", "b", "c", "d"])
        expect_array(got, mats[0] @ mats[1] @ mats[2] @ mats[3], label=label, rtol=1e-9)
    bad = {
        "A-B": [(2, 3), (4, 2), (2, 2), (2, 2)],
        "B-C": [(2, 3), (3, 4), (5, 2), (2, 2)],
        "C-D": [(1, 2), (2, 2), (2, 6), (3, 1)],
    }
    for pair, shapes in bad.items():
        i = "ABCD".index(pair[0])
        mats = [np.ones(s) for s in shapes]
        expect_raises(chain_product, *mats, label=f"chain_product for shapes {shapes}",
                      mentions=[str(shapes[i]), str(shapes[i + 1])])
    expect_raises(chain_product, np.ones(3), np.ones((3, 2)), np.ones((2, 2)), np.ones((2, 2)),
                  label="chain_product with a 1-D first argument")


__all__ = [name for name in dir() if name.startswith("check_")] + ["CheckFailed"]
