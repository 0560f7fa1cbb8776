"""Assertions for visible tests that say what the student's code returned against what was expected.

A visible test must never reject what grading accepts: these compare values with the same
tolerance idea as the judge (``np.isclose``), accept any number type where a number is asked
for (``np.float64``, ``float``, a 0-d array) and ``np.True_`` where a bool is, and only check a
dtype or a type where the exercise's text asks for it. Expected values are written in the test
cell itself; nothing here knows an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, threshold=12)
        return f"an array of shape {value.shape} and dtype {value.dtype}: {text}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} {value!r:.80}"
    return f"{value!r:.80} ({type(value).__name__})"


def assert_array(got: Any, expected: Any, *, label: str, rtol: float = 1e-7, atol: float = 1e-9,
                 dtype: Any = None) -> None:
    """``got`` is a NumPy array of ``expected``'s shape (and ``dtype``, when given) with close values."""
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        raise AssertionError(f"{label} returned {_describe(got)}; return a NumPy array "
                             f"(np.array(...)) of shape {expected.shape}")
    if got.shape != expected.shape:
        raise AssertionError(f"{label} returned shape {got.shape}, expected shape {expected.shape}")
    if dtype is not None and got.dtype != np.dtype(dtype):
        raise AssertionError(f"{label} returned dtype {got.dtype}, expected dtype {np.dtype(dtype)}")
    if got.dtype.kind not in "biufc":
        raise AssertionError(f"{label} returned an array of {got.dtype}, expected numbers")
    close = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        first = tuple(int(i) for i in np.argwhere(~close)[0])
        raise AssertionError(f"{label}: got {_describe(got)}\nexpected {_describe(expected)}\n"
                             f"(first difference at index {first}: {got[first].item()!r} against {expected[first].item()!r})")


def assert_number(got: Any, expected: float, *, label: str, rtol: float = 1e-7, atol: float = 1e-9) -> None:
    """``got`` is a number (any int/float type, or a 0-d array) close to ``expected``."""
    is_number = (isinstance(got, (int, float, np.integer, np.floating)) and not isinstance(got, (bool, np.bool_))
                 ) or (isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iuf")
    if not is_number:
        raise AssertionError(f"{label} returned {_describe(got)}; return a single number")
    if not np.isclose(float(got), expected, rtol=rtol, atol=atol, equal_nan=True):
        raise AssertionError(f"{label} returned {float(got)!r}, expected {expected!r}")


def assert_bool(got: Any, expected: bool, *, label: str) -> None:
    """``got`` is ``True``/``False`` (Python's or NumPy's) equal to ``expected``."""
    if not isinstance(got, (bool, np.bool_)):
        raise AssertionError(f"{label} returned {_describe(got)}; return True or False")
    if bool(got) != expected:
        raise AssertionError(f"{label} returned {bool(got)}, expected {expected}")


def assert_raises(func: Callable[..., Any], *args: Any, label: str, error: type[BaseException] = ValueError,
                  mentions: Iterable[str] = ()) -> str:
    """``func(*args)`` raises ``error`` whose message contains each of ``mentions``; returns the message."""
    try:
        result = func(*args)
    except error as raised:
        message = str(raised)
        missing = [m for m in mentions if m not in message]
        if missing:
            raise AssertionError(f"{label} raised {error.__name__}({message!r}); the message should show "
                                 + " and ".join(repr(m) for m in missing)) from None
        return message
    except NotImplementedError:
        raise
    except Exception as other:  # noqa: BLE001 - said against what was expected
        raise AssertionError(f"{label} raised {type(other).__name__}: {other}; expected {error.__name__}") from None
    raise AssertionError(f"{label} returned {_describe(result)}; expected it to raise {error.__name__}")
