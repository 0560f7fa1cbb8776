"""The judge's building blocks: read a recorded outcome and compare it with a reference.

These run in the instructor's process, never in a student's kernel. An outcome is the plain
data that :func:`helpers.checking.record` wrote for one case (the value returned, or the
exception raised, a broken call rule, a changed input); :func:`value_of` turns it back into the
returned value or a :class:`CheckFailed` that says what went wrong, in the words of the
exercise's rules. Comparisons use NumPy functions of this process, which no student cell can
have replaced. Messages are short, name the case, and show at most one differing entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

from helpers.checking import Case, Exercise, explain
from helpers.checking.encoding import Described, TensorValue, decode

Results = list[tuple[Case, dict[str, Any]]]
Judge = Callable[[Exercise, Results], None]


class CheckFailed(Exception):
    """A student's function gave a wrong answer; the message says how."""


class CannotJudge(Exception):
    """The grader cannot decide here, through no fault of the answer (a data set it needs is missing).

    The test cell scores 0 with this message and the submission is flagged for review by hand,
    so the instructor grades it on a machine that has what is missing, instead of a silent 0.
    """


JUDGES: dict[str, Judge] = {}


def judge(name: str) -> Callable[[Judge], Judge]:
    """Register the judge of exercise ``name`` (it raises :class:`CheckFailed` on the first wrong case)."""

    def register(func: Judge) -> Judge:
        if name in JUDGES:
            raise ValueError(f"two judges for {name!r}")
        JUDGES[name] = func
        return func

    return register


def describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} ({value.dtype})"
    if isinstance(value, TensorValue):
        return f"a {value.framework} tensor of shape {tuple(value.values.shape)} ({value.dtype}, on {value.device})"
    if isinstance(value, Described):
        return f"a {value.type_name}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    text = repr(value)
    return f"{text} ({type(value).__name__})" if len(text) < 60 else type(value).__name__


def _common_problems(ex: Exercise, case: Case, outcome: dict[str, Any]) -> None:
    for kind, what in outcome.get("broke", [])[:1]:
        raise CheckFailed(explain(ex, case.label, str(kind), str(what)))
    changed = [str(n) for n in outcome.get("changed", [])]
    if changed:
        raise CheckFailed(f"{case.label} changed its input {', '.join(changed)}; do not change the inputs: "
                          "work on a copy.")


def value_of(ex: Exercise, case: Case, outcome: dict[str, Any]) -> Any:
    """What the student's code returned for ``case``, or CheckFailed saying why there is nothing to compare."""
    _common_problems(ex, case, outcome)
    raised = outcome.get("raised")
    if raised:
        raise CheckFailed(f"{case.label} raised {raised.get('type')}: {raised.get('message')}")
    if "value" not in outcome:
        raise CheckFailed(f"{case.label}: no result was recorded")
    return decode(outcome["value"])


def expect_raises(ex: Exercise, case: Case, outcome: dict[str, Any]) -> str:
    """Check a case whose plan says it must raise (``case.note["raises"]``, naming ``mentions``)."""
    error = case.note.get("raises", "ValueError")
    mentions = case.note.get("mentions", ())
    _common_problems(ex, case, outcome)
    raised = outcome.get("raised")
    if not raised:
        got = decode(outcome["value"]) if "value" in outcome else None
        raise CheckFailed(f"{case.label} should raise {error}, but returned {describe(got)}")
    if error not in raised.get("bases", []):
        raise CheckFailed(f"{case.label} should raise {error}, but raised {raised.get('type')}: "
                          f"{raised.get('message')}")
    message = str(raised.get("message", ""))
    missing = [m for m in mentions if m not in message]
    if missing:
        raise CheckFailed(f"{case.label} raised {error}({message!r}), but the message should show "
                          + ", ".join(repr(m) for m in missing))
    return message


def each(ex: Exercise, results: Results) -> Iterator[tuple[Case, Any]]:
    """The returned value of every case that should return (cases that should raise are checked here)."""
    for case, outcome in results:
        if "raises" in case.note:
            expect_raises(ex, case, outcome)
        else:
            yield case, value_of(ex, case, outcome)


# --- comparing results ------------------------------------------------------------------------


def expect_array(got: Any, expected: np.ndarray, *, label: str, rtol: float = 1e-7, atol: float = 1e-9,
                 dtype: bool | np.dtype | str = False) -> None:
    """Compare an array result with the reference: type, shape, (optionally) dtype, values."""
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"{label} should return a NumPy array, got {describe(got)}")
    if got.shape != expected.shape:
        raise CheckFailed(f"{label} returned shape {got.shape}, expected {expected.shape}")
    wanted = expected.dtype if dtype is True else (np.dtype(dtype) if dtype else None)
    if wanted is not None and got.dtype != wanted:
        raise CheckFailed(f"{label} returned dtype {got.dtype}, expected {wanted}")
    if got.dtype.kind not in "biufc":
        raise CheckFailed(f"{label} returned a non-numeric array ({got.dtype})")
    close = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        bad = np.argwhere(~close)
        first = tuple(int(i) for i in bad[0])
        raise CheckFailed(f"{label}: {len(bad)} of {expected.size} entries are wrong (first at index {first}: "
                          f"got {got[first]:.6g}, expected {expected[first]:.6g})")


def is_number(value: Any) -> bool:
    return (isinstance(value, (int, float, np.integer, np.floating))
            and not isinstance(value, (bool, np.bool_))) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf")


def expect_scalar(got: Any, expected: float, *, label: str, rtol: float = 1e-7, atol: float = 1e-9) -> None:
    """Compare a number (Python or NumPy scalar, or 0-d array) with the reference."""
    if not is_number(got):
        raise CheckFailed(f"{label} should return a number, got {describe(got)}")
    value = float(got)
    if not np.isclose(value, expected, rtol=rtol, atol=atol, equal_nan=True):
        raise CheckFailed(f"{label} returned {value:.6g}, expected {expected:.6g}")


def expect_bool(got: Any, expected: bool, *, label: str) -> None:
    if not isinstance(got, (bool, np.bool_)):
        raise CheckFailed(f"{label} should return True or False, got {describe(got)}")
    if bool(got) != expected:
        raise CheckFailed(f"{label} returned {bool(got)}, expected {expected}")


def expect_pair(got: Any, *, label: str, what: str = "a pair") -> tuple[Any, Any]:
    """A result that must be a tuple or list of two items."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckFailed(f"{label} should return {what}, got {describe(got)}")
    return got[0], got[1]


def chunks(results: Results, sizes: Iterable[int]) -> Iterator[Results]:
    start = 0
    for size in sizes:
        yield results[start:start + size]
        start += size
