"""The visible tests' assertions say what the student's code returned against what was expected,
and never reject what the hidden checks accept (NumPy booleans and numbers, lists of pairs)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checking.visible import assert_array, assert_bool, assert_number, assert_raises


def _message(func, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as raised:
        func(*args, **kwargs)
    return str(raised.value)


def test_a_list_is_told_to_be_an_array_with_the_shape_expected():
    message = _message(assert_array, [1.0, 2.0, 3.0], np.zeros(3), label="f(x)")
    assert "f(x) returned a list [1.0, 2.0, 3.0]" in message
    assert "return a NumPy array (np.array(...)) of shape (3,)" in message


def test_shape_dtype_and_value_mismatches_name_got_and_expected():
    assert _message(assert_array, np.zeros((2, 3)), np.zeros((3, 2)), label="f(x)") == \
        "f(x) returned shape (2, 3), expected shape (3, 2)"
    assert _message(assert_array, np.zeros(2, np.float32), np.zeros(2), label="f(x)", dtype=np.float64) == \
        "f(x) returned dtype float32, expected dtype float64"
    message = _message(assert_array, np.array([1.0, 2.5]), np.array([1.0, 2.0]), label="f(x)")
    assert message.startswith("f(x): got an array of shape (2,) and dtype float64")
    assert "expected an array of shape (2,)" in message and "first difference at index (1,): 2.5 against 2.0" in message


def test_numbers_and_booleans_of_numpy_are_accepted():
    assert_number(np.float32(0.5), 0.5, label="f(x)")
    assert_number(np.array(2), 2, label="f(x)")
    assert_bool(np.True_, True, label="f(x)")
    assert _message(assert_number, 0.25, 0.5, label="f(x)") == "f(x) returned 0.25, expected 0.5"
    assert _message(assert_number, np.array([0.5]), 0.5, label="f(x)").endswith("return a single number")
    assert _message(assert_bool, np.False_, True, label="f(x)") == "f(x) returned False, expected True"
    assert _message(assert_bool, "yes", True, label="f(x)").endswith("return True or False")


def test_an_error_names_the_missing_words_or_the_wrong_kind():
    def shapes(a, b):
        raise ValueError(f"shapes {a} and {b} do not match")

    assert assert_raises(shapes, (2, 3), (4,), label="g", mentions=("(2, 3)", "(4,)")) == \
        "shapes (2, 3) and (4,) do not match"
    assert "the message should show '(5, 5)'" in _message(assert_raises, shapes, (2, 3), (4,), label="g",
                                                           mentions=("(5, 5)",))
    assert _message(assert_raises, lambda: 1 / 0, label="g") == \
        "g raised ZeroDivisionError: division by zero; expected ValueError"
    assert _message(assert_raises, lambda: 7, label="g") == "g returned 7 (int); expected it to raise ValueError"
    with pytest.raises(NotImplementedError):  # an unanswered exercise says so, not "expected ValueError"
        assert_raises(lambda: (_ for _ in ()).throw(NotImplementedError("not answered yet")), label="g")
