"""The building blocks of hidden tests catch what they promise to, with short messages."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.checks.common import (
    CheckFailed, call, check, expect_array, expect_bool, expect_raises, expect_scalar, forbid_names, require_loop,
)


def looped_relu(x):
    out = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[i, j] = max(x[i, j], 0)
    return out


def vectorised_relu(x):
    return np.maximum(x, 0)


def row_sums(x):
    return np.array([row.sum() for row in x])


def matmul_user(x):
    return x @ x


def dot_method_user(x):
    return x.dot(x)


def mutating(x):
    x[0, 0] = 99.0
    return x


def swallowing(x):
    try:
        return np.maximum(x, 0)
    except Exception:  # a student who catches everything still cannot hide the shortcut
        return looped_relu(x)


def test_loops_only_accepts_element_by_element_code():
    x = np.array([[1.0, -1.0], [-2.0, 3.0]])
    out = call(looped_relu, x, label="relu", loops_only=True)
    assert type(out) is np.ndarray
    np.testing.assert_array_equal(out, np.maximum(x, 0))


@pytest.mark.parametrize("func, op", [
    (vectorised_relu, "np.maximum"), (row_sums, "np.add.reduce"), (matmul_user, "np.matmul"),
    (dot_method_user, "ndarray.dot"), (swallowing, "np.maximum"),
])
def test_loops_only_catches_whole_array_operations(func, op):
    with pytest.raises(CheckFailed, match=f"whole-array operation {op}"):
        call(func, np.ones((2, 2)), label="f(x)", loops_only=True)


def test_mutation_and_exceptions_become_messages():
    with pytest.raises(CheckFailed, match="changed its input x"):
        call(mutating, np.zeros((2, 2)), label="f(x)", arg_names=["x"])
    with pytest.raises(CheckFailed, match="raised ZeroDivisionError"):
        call(lambda: 1 / 0, label="f()")


def test_expectations_report_the_first_difference():
    with pytest.raises(CheckFailed, match=r"1 of 4 entries are wrong \(first at index \(1, 0\)"):
        expect_array(np.array([[1.0, 2.0], [0.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), label="f")
    with pytest.raises(CheckFailed, match="returned shape"):
        expect_array(np.zeros(3), np.zeros(4), label="f")
    with pytest.raises(CheckFailed, match="dtype"):
        expect_array(np.zeros(3), np.zeros(3, dtype=int), label="f", dtype=True)
    with pytest.raises(CheckFailed, match="should return a NumPy array"):
        expect_array([1, 2], np.zeros(2), label="f")
    with pytest.raises(CheckFailed, match="should return a number"):
        expect_scalar(np.zeros(2), 0.0, label="f")
    with pytest.raises(CheckFailed, match="should return True or False"):
        expect_bool(1, True, label="f")
    expect_scalar(np.float32(0.5), 0.5, label="f", rtol=1e-6)


def test_expect_raises_checks_type_and_message():
    def raises_value(*_):
        raise ValueError("shapes (2, 3) and (4, 5)")

    assert "(2, 3)" in expect_raises(raises_value, label="f", mentions=["(2, 3)"])
    with pytest.raises(CheckFailed, match="should mention '\\(9, 9\\)'"):
        expect_raises(raises_value, label="f", mentions=["(9, 9)"])
    with pytest.raises(CheckFailed, match="returned normally"):
        expect_raises(lambda: None, label="f")
    with pytest.raises(CheckFailed, match="raised IndexError"):
        expect_raises(lambda: [][1], label="f")


def test_source_checks():
    with pytest.raises(CheckFailed, match="uses maximum"):
        forbid_names(vectorised_relu, {"maximum"}, label="relu", why="loops only")
    with pytest.raises(CheckFailed, match="@ operator"):
        forbid_names(matmul_user, {"@"}, label="f", why="loops only")
    with pytest.raises(CheckFailed, match="has no loop"):
        require_loop(vectorised_relu, label="relu")
    require_loop(row_sums, label="sums")  # a comprehension counts as a loop


def test_check_decorator_returns_none_or_the_message():
    @check
    def passing():
        pass

    @check
    def failing():
        raise CheckFailed("wrong")

    assert passing() is None and failing() == "wrong"
