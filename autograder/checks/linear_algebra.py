"""Judges of chapter 1 (linear algebra): reference answers for the recorded outcomes.

The inputs come from the exercises' public plans (``helpers/checking/exercises/linear_algebra.py``),
regenerated here from the same seed; the references are NumPy's own operations, written
independently of the model solutions in ``solutions/``.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.common import (
    CheckFailed,
    Results,
    describe,
    each,
    expect_array,
    expect_bool,
    expect_scalar,
    judge,
)
from helpers.checking import Exercise


@judge("naive_relu")
def _relu(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        (x,) = case.args
        expect_array(got, np.maximum(x, 0), label=case.label, dtype=True)


@judge("naive_add")
def _add(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y = case.args
        expect_array(got, x + y, label=case.label)


@judge("naive_add_matrix_and_vector")
def _add_vector(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y = case.args
        expect_array(got, x + y, label=case.label)


@judge("naive_vector_dot")
def _vector_dot(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y = case.args
        terms = x.astype(float) * y.astype(float)
        # float32 sums round at about 1e-7 of the size of the terms, not of the (maybe tiny) total.
        scale = 1e-12 if x.dtype == np.float64 else 1e-6
        expect_scalar(got, float(terms.sum()), label=case.label, rtol=1e-9,
                      atol=scale * float(np.abs(terms).sum()))


@judge("naive_matrix_vector_dot")
def _matrix_vector(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y = case.args
        expect_array(got, x @ y, label=case.label, rtol=1e-9)


@judge("naive_matrix_dot")
def _matrix_dot(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, y = case.args
        expect_array(got, x @ y, label=case.label, rtol=1e-9)


@judge("p_norm")
def _p_norm(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        x, p = case.args
        expect_scalar(got, float(np.linalg.norm(np.asarray(x, dtype=float), ord=p)), label=case.label, rtol=1e-9)


@judge("frobenius_norm")
def _frobenius(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        (a,) = case.args
        expect_scalar(got, float(np.linalg.norm(np.asarray(a, dtype=float), "fro")), label=case.label, rtol=1e-9)


@judge("rotation_matrix")
def _rotation(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        (theta,) = case.args
        c, s = np.cos(theta), np.sin(theta)
        expect_array(got, np.array([[c, -s], [s, c]]), label=case.label, rtol=1e-9, atol=1e-12)


@judge("is_positive_definite")
def _positive_definite(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        a = case.args[0]
        tol = case.args[1] if len(case.args) > 1 else 1e-10
        expected = bool(np.allclose(a, a.T) and np.all(np.linalg.eigvalsh(a) > tol))
        expect_bool(got, expected, label=case.label)


@judge("pinv_svd")
def _pinv(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        a = case.args[0]
        rcond = case.args[1] if len(case.args) > 1 else 1e-12
        expect_array(got, np.linalg.pinv(a, rcond=rcond), label=case.label, rtol=1e-6, atol=1e-9)


@judge("chain_product")
def _chain(ex: Exercise, results: Results) -> None:
    for case, got in each(ex, results):
        a, b, c, d = case.args
        if not isinstance(got, np.ndarray):
            raise CheckFailed(f"{case.label} should return a NumPy array, got {describe(got)}")
        expect_array(got, a @ b @ c @ d, label=case.label, rtol=1e-9)
