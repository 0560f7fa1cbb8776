"""The judge's comparisons say what differs, briefly; expected exceptions are checked by type and text."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.checks.common import CheckFailed, expect_array, expect_bool, expect_pair, expect_raises, expect_scalar
from helpers.checking import Case, exercise


def test_expectations_report_the_first_difference():
    with pytest.raises(CheckFailed, match=r"1 of 4 entries are wrong \(first at index \(1, 0\)"):
        expect_array(np.array([[1.0, 2.0], [0.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), label="f")
    with pytest.raises(CheckFailed, match="returned shape"):
        expect_array(np.zeros(3), np.zeros(4), label="f")
    with pytest.raises(CheckFailed, match="dtype"):
        expect_array(np.zeros(3), np.zeros(3, dtype=int), label="f", dtype=True)
    with pytest.raises(CheckFailed, match="should return a NumPy array, got a list"):
        expect_array([1, 2], np.zeros(2), label="f")
    with pytest.raises(CheckFailed, match="should return a number"):
        expect_scalar(np.zeros(2), 0.0, label="f")
    with pytest.raises(CheckFailed, match="should return True or False"):
        expect_bool(1, True, label="f")
    with pytest.raises(CheckFailed, match="should return a pair"):
        expect_pair((1, 2, 3), label="f")
    expect_scalar(np.float32(0.5), 0.5, label="f", rtol=1e-6)
    expect_scalar(np.array(0.5), 0.5, label="f")
    expect_bool(np.True_, True, label="f")
    assert expect_pair([1, 2], label="f") == (1, 2)


def _raising(message: str, kind: str = "ValueError", bases: tuple[str, ...] = ("ValueError", "Exception")) -> dict:
    return {"label": "f", "raised": {"type": kind, "bases": [kind, *bases], "message": message}}


def test_expected_exceptions_are_checked_by_type_and_message():
    ex = exercise("naive_add")
    case = Case("naive_add for shapes (2, 3) and (4, 5)", note={"raises": "ValueError", "mentions": ("(2, 3)", "(4, 5)")})
    assert "(4, 5)" in expect_raises(ex, case, _raising("shapes (2, 3) and (4, 5)"))
    with pytest.raises(CheckFailed, match=r"should show '\(4, 5\)'"):
        expect_raises(ex, case, _raising("shapes (2, 3) and (9, 9)"))
    with pytest.raises(CheckFailed, match="should raise ValueError, but returned"):
        expect_raises(ex, case, {"label": "f", "value": {"t": "none"}})
    with pytest.raises(CheckFailed, match="but raised IndexError"):
        expect_raises(ex, case, _raising("oops", "IndexError", ("LookupError", "Exception")))
    subclass = _raising("shapes (2, 3) and (4, 5)", "ShapeError", ("ValueError", "Exception"))
    expect_raises(ex, case, subclass)  # a subclass of ValueError is a ValueError
