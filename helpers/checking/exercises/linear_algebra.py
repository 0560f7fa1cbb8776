"""Chapter 1 (linear algebra): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried. The expected results are computed
only by the instructor's judge (in the instructor edition).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, LOOPS_ONLY, Case, Exercise, Rule, forbids

SHAPES_2D = [(1, 1), (1, 4), (5, 1), (3, 7), (6, 6)]

DTYPE_KEPT = Rule("dtype", "return an array of the same dtype as x", (r"dtype",))
VALUE_ERROR = Rule("value_error", "raise ValueError when the shapes do not fit", (r"ValueError",))
BOTH_SHAPES = Rule("both_shapes", "the ValueError's message shows both shapes as tuples, e.g. (2, 3)",
                   (r"both shapes", r"\(\d+, \d+\)"))


def _raises(label: str, *args: np.ndarray, names: tuple[str, ...], mentions: tuple[str, ...] = ()) -> Case:
    return Case(label, args, names, note={"raises": "ValueError", "mentions": mentions})


def _relu(rng: np.random.Generator) -> Iterator[Case]:
    for shape in SHAPES_2D:
        x = rng.normal(size=shape)
        x[0, 0] = 0.0
        yield Case(f"naive_relu(x) with x of shape {shape}", (x,), ("x",))
    yield Case("naive_relu(x) with an integer x", (rng.integers(-5, 5, size=(3, 4)),), ("x",))
    yield Case("naive_relu(x) with a float32 x", (rng.normal(size=(4, 3)).astype(np.float32),), ("x",))


def _add(rng: np.random.Generator) -> Iterator[Case]:
    for shape in SHAPES_2D:
        yield Case(f"naive_add(x, y) for shape {shape}", (rng.normal(size=shape), rng.normal(size=shape)), ("x", "y"))
    yield Case("naive_add(x, y) for integer arrays", tuple(rng.integers(-9, 9, size=(2, 3)) for _ in "xy"), ("x", "y"))
    for xs, ys in [((2, 3), (3, 2)), ((4, 4), (4, 5))]:
        yield _raises(f"naive_add for shapes {xs} and {ys}", np.ones(xs), np.ones(ys), names=("x", "y"),
                      mentions=(str(xs), str(ys)))


def _add_vector(rng: np.random.Generator) -> Iterator[Case]:
    for shape in SHAPES_2D:
        x, y = rng.normal(size=shape), rng.normal(size=shape[1])
        yield Case(f"naive_add_matrix_and_vector(x, y) with x {shape} and y {y.shape}", (x, y), ("x", "y"))
    for xs, ys in [((3, 4), (3,)), ((2, 5), (4,)), ((2, 3), (1, 3))]:
        yield _raises(f"naive_add_matrix_and_vector for x {xs} and y {ys}", np.ones(xs), np.ones(ys), names=("x", "y"))


def _vector_dot(rng: np.random.Generator) -> Iterator[Case]:
    for n in [1, 2, 5, 17]:
        yield Case(f"naive_vector_dot(x, y) for vectors of length {n}", (rng.normal(size=n), rng.normal(size=n)),
                   ("x", "y"))
    yield Case("naive_vector_dot(x, y) for float32 vectors of length 4",
               tuple(rng.normal(size=4).astype(np.float32) for _ in "xy"), ("x", "y"))
    yield _raises("naive_vector_dot for lengths 3 and 4", np.ones(3), np.ones(4), names=("x", "y"))


def _matrix_vector(rng: np.random.Generator) -> Iterator[Case]:
    for shape in SHAPES_2D:
        x, y = rng.normal(size=shape), rng.normal(size=shape[1])
        yield Case(f"naive_matrix_vector_dot(x, y) with x {shape} and y {y.shape}", (x, y), ("x", "y"))
    for xs, ys in [((3, 4), (3,)), ((2, 2), (5,))]:
        yield _raises(f"naive_matrix_vector_dot for x {xs} and y {ys}", np.ones(xs), np.ones(ys), names=("x", "y"))


def _matrix_dot(rng: np.random.Generator) -> Iterator[Case]:
    for n, m, p in [(1, 1, 1), (2, 3, 4), (4, 3, 2), (5, 1, 3), (3, 6, 3)]:
        x, y = rng.normal(size=(n, m)), rng.normal(size=(m, p))
        yield Case(f"naive_matrix_dot(x, y) with x {(n, m)} and y {(m, p)}", (x, y), ("x", "y"))
    for xs, ys in [((2, 3), (2, 3)), ((4, 1), (2, 4))]:
        yield _raises(f"naive_matrix_dot for {xs} and {ys}", np.ones(xs), np.ones(ys), names=("x", "y"),
                      mentions=(str(xs), str(ys)))


def _p_norm(rng: np.random.Generator) -> Iterator[Case]:
    for n in [1, 3, 10]:
        x = rng.normal(size=n)
        for p in [1, 1.5, 2, 3, np.inf]:
            yield Case(f"p_norm(x, {p}) for a vector of length {n}", (x, p), ("x", "p"))
    yield Case("p_norm of the zero vector", (np.zeros(4), 2), ("x", "p"))
    yield Case("p_norm(x, 2) for an integer vector", (np.array([3, -4, 12]), 2), ("x", "p"))
    for p in [0.5, 0, -1]:
        yield _raises(f"p_norm with p = {p}", np.ones(3), p, names=("x", "p"))


def _frobenius(rng: np.random.Generator) -> Iterator[Case]:
    for shape in SHAPES_2D:
        yield Case(f"frobenius_norm(a) for a of shape {shape}", (rng.normal(size=shape),), ("a",))
    yield Case("frobenius_norm(a) for an integer a", (np.array([[1, 2], [2, 4]]),), ("a",))


def _rotation(rng: np.random.Generator) -> Iterator[Case]:
    for theta in [0.3, -1.2, np.pi, 2.5 * np.pi, 1e-3, float(rng.uniform(-7, 7))]:
        yield Case(f"rotation_matrix({theta:.4g})", (theta,), ("theta",))
    yield Case("rotation_matrix(1) with an integer angle", (1,), ("theta",))


def _positive_definite(rng: np.random.Generator) -> Iterator[Case]:
    for n in [1, 2, 4, 6]:
        a = rng.normal(size=(n, n))
        yield Case(f"is_positive_definite for AᵀA + I ({n}x{n})", (a.T @ a + np.eye(n),), ("a",))
    low_rank = rng.normal(size=(2, 4))
    yield Case("is_positive_definite for a rank-2 AᵀA (4x4, semi-definite)", (low_rank.T @ low_rank,), ("a",))
    yield Case("is_positive_definite for an indefinite symmetric 3x3", (np.diag([2.0, -1.0, 3.0]),), ("a",))
    yield Case("is_positive_definite for a negative-definite 2x2", (-np.eye(2),), ("a",))
    yield Case("is_positive_definite for a non-symmetric matrix with positive eigenvalues",
               (np.array([[1.0, 5.0], [0.0, 1.0]]),), ("a",))
    yield Case("is_positive_definite for a 1x1 matrix [[-0.5]]", (np.array([[-0.5]]),), ("a",))
    yield Case("is_positive_definite for diag(1e-12, 1) with tol=1e-10", (np.diag([1e-12, 1.0]),), ("a",))
    yield Case("is_positive_definite for diag(1e-12, 1) with tol=1e-14", (np.diag([1e-12, 1.0]), 1e-14), ("a", "tol"))
    for shape in [(2, 3), (4,)]:
        yield _raises(f"is_positive_definite for shape {shape}", np.ones(shape), names=("a",))


def _pinv(rng: np.random.Generator) -> Iterator[Case]:
    cases = [rng.normal(size=s) for s in [(3, 3), (5, 2), (2, 5), (1, 4)]]
    cases += [np.outer(rng.normal(size=4), rng.normal(size=3)), np.zeros((2, 3))]
    for a in cases:
        yield Case(f"pinv_svd(a) for a of shape {a.shape} and rank {np.linalg.matrix_rank(a)}", (a,), ("a",))
    yield Case("pinv_svd(a, rcond=0.1) for diag(1, 0.05, 2)", (np.diag([1.0, 0.05, 2.0]), 0.1), ("a", "rcond"))
    # The cutoff is relative: 0.5 is above rcond = 0.1 but at most 0.1 * 10, so it counts as zero.
    yield Case("pinv_svd(a, rcond=0.1) for diag(10, 0.5)", (np.diag([10.0, 0.5]), 0.1), ("a", "rcond"))


def _chain(rng: np.random.Generator) -> Iterator[Case]:
    for dims in [(2, 3, 4, 1, 5), (1, 1, 1, 1, 1), (4, 2, 6, 3, 2)]:
        mats = tuple(rng.normal(size=(dims[i], dims[i + 1])) for i in range(4))
        yield Case(f"chain_product for shapes {[m.shape for m in mats]}", mats, ("a", "b", "c", "d"))
    bad = [("A-B", [(2, 3), (4, 2), (2, 2), (2, 2)], ""),
           ("B-C", [(2, 3), (3, 4), (5, 2), (2, 2)], ""),
           ("C-D", [(1, 2), (2, 2), (2, 6), (3, 1)], ""),
           ("A-B", [(2, 3), (4, 2), (5, 2), (2, 2)], " (A-B and B-C both do not fit: name the first)")]
    for pair, shapes, why in bad:
        i = "ABCD".index(pair[0])
        yield _raises(f"chain_product for shapes {shapes}{why}", *(np.ones(s) for s in shapes),
                      names=("a", "b", "c", "d"), mentions=(str(shapes[i]), str(shapes[i + 1])))
    yield _raises("chain_product with a 1-D first argument", np.ones(3), np.ones((3, 2)), np.ones((2, 2)),
                  np.ones((2, 2)), names=("a", "b", "c", "d"))


NO_NORM = forbids("forbid_norm", "compute the norm from its definition, without a library norm function",
                  r"np\.linalg\.norm")
NO_INVERSE = forbids("forbid_inverse", "build the pseudo-inverse from np.linalg.svd, without a ready-made "
                     "inverse or solver", r"np\.linalg\.pinv", r"np\.linalg\.inv", r"lstsq", r"solve")
NORMS = ("numpy.linalg.norm", "scipy.linalg.norm")
INVERSES = tuple(f"{lib}.{f}" for lib in ("numpy.linalg", "scipy.linalg") for f in ("pinv", "inv", "lstsq", "solve"))

EXERCISES = [
    Exercise("naive_relu", _relu, (LOOPS_ONLY, KEEPS_INPUTS, DTYPE_KEPT), loops_only=True),
    Exercise("naive_add", _add, (LOOPS_ONLY, KEEPS_INPUTS, VALUE_ERROR, BOTH_SHAPES), loops_only=True),
    Exercise("naive_add_matrix_and_vector", _add_vector, (LOOPS_ONLY, KEEPS_INPUTS, VALUE_ERROR), loops_only=True),
    Exercise("naive_vector_dot", _vector_dot, (LOOPS_ONLY, KEEPS_INPUTS, VALUE_ERROR), loops_only=True),
    Exercise("naive_matrix_vector_dot", _matrix_vector, (LOOPS_ONLY, KEEPS_INPUTS, VALUE_ERROR), loops_only=True),
    Exercise("naive_matrix_dot", _matrix_dot, (LOOPS_ONLY, KEEPS_INPUTS, VALUE_ERROR, BOTH_SHAPES), loops_only=True),
    Exercise("p_norm", _p_norm, (NO_NORM, KEEPS_INPUTS, Rule("p_below_1", "raise ValueError for p < 1",
                                                            (r"ValueError", r"p\s*<\s*1|p < 1"))), forbidden=NORMS),
    Exercise("frobenius_norm", _frobenius, (NO_NORM, KEEPS_INPUTS), forbidden=NORMS),
    Exercise("rotation_matrix", _rotation, (Rule("array", "return a 2x2 NumPy array", (r"2×2|2x2",)),)),
    Exercise("is_positive_definite", _positive_definite,
             (KEEPS_INPUTS, Rule("bool", "return True or False", (r"True", r"False")),
              Rule("square", "raise ValueError if a is not a square 2-D array", (r"ValueError", r"square")))),
    Exercise("pinv_svd", _pinv, (NO_INVERSE, KEEPS_INPUTS, Rule("rcond", "singular values at most rcond * max "
                                                                 "count as zero", (r"rcond",))), forbidden=INVERSES),
    Exercise("chain_product", _chain, (KEEPS_INPUTS, VALUE_ERROR, BOTH_SHAPES,
                                       Rule("two_d", "all four arguments must be 2-D", (r"2-D",)))),
]
