"""Building blocks of the reference checks: calling student code safely and comparing results.

A check never lets an exception from student code escape (it becomes a message naming the
input that triggered it), never prints reference values beyond the one differing entry, and
uses fixed seeds so that regrading a submission gives the same score.
"""

from __future__ import annotations

import ast
import contextvars
import copy
import functools
import inspect
import textwrap
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np


class CheckFailed(Exception):
    """A student's function gave a wrong answer; the message says how."""


def check(func: Callable[..., None]) -> Callable[..., str | None]:
    """Turn a check that raises :class:`CheckFailed` into one that returns the message."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str | None:
        try:
            func(*args, **kwargs)
        except CheckFailed as failure:
            return str(failure)
        return None

    return wrapper


def rng_for(name: str) -> np.random.Generator:
    """A generator seeded from the check's name: fixed across runs, different per check."""
    return np.random.default_rng(zlib.crc32(name.encode()))


def describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} ({value.dtype})"
    return repr(value) if len(repr(value)) < 60 else type(value).__name__


# --- calling student code -------------------------------------------------------------------

_GUARD_ACTIVE: contextvars.ContextVar[bool] = contextvars.ContextVar("loops_only", default=False)

# Array functions that allocate or inspect but compute nothing element-wise.
_ALLOWED_ARRAY_FUNCTIONS = {
    np.zeros_like, np.empty_like, np.ones_like, np.full_like, np.copy, np.shape, np.ndim,
    np.size, np.result_type, np.can_cast, np.may_share_memory, np.shares_memory,
}


class VectorizedOperation(BaseException):
    """Raised inside student code that used a whole-array operation in a loops-only exercise.

    A ``BaseException`` so that a student's ``except Exception`` cannot swallow it.
    """


class LoopsOnlyArray(np.ndarray):
    """An ndarray that refuses whole-array arithmetic while a loops-only check runs.

    Indexing single elements yields ordinary NumPy scalars, so element-by-element code works;
    ``x + y``, ``np.maximum(x, 0)``, ``x @ y``, ``np.dot``, ``x.sum()`` on these arrays raise.
    """

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):  # type: ignore[override]
        operands = inputs + tuple(kwargs.get("out", ()) or ())
        if _GUARD_ACTIVE.get() and any(np.ndim(o) > 0 for o in operands if isinstance(o, np.ndarray)):
            raise VectorizedOperation(f"np.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}"))
        plain = tuple(np.asarray(x) if isinstance(x, LoopsOnlyArray) else x for x in inputs)
        if "out" in kwargs and kwargs["out"]:
            kwargs["out"] = tuple(np.asarray(x) if isinstance(x, LoopsOnlyArray) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_function__(self, func, types, args, kwargs):  # type: ignore[override]
        if _GUARD_ACTIVE.get() and func not in _ALLOWED_ARRAY_FUNCTIONS:
            raise VectorizedOperation(f"np.{func.__name__}")
        plain_args = [np.asarray(a) if isinstance(a, LoopsOnlyArray) else a for a in args]
        return func(*plain_args, **kwargs)

    def dot(self, *args, **kwargs):  # ndarray.dot bypasses both protocols
        if _GUARD_ACTIVE.get():
            raise VectorizedOperation("ndarray.dot")
        return np.asarray(self).dot(*args, **kwargs)


def _snapshot(args: Sequence[Any]) -> list[Any]:
    return [copy.deepcopy(np.asarray(a) if isinstance(a, LoopsOnlyArray) else a) for a in args]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    return a == b


def call(
    func: Callable[..., Any],
    *args: Any,
    label: str,
    arg_names: Sequence[str] = (),
    loops_only: bool = False,
) -> Any:
    """Call student code; turn its exceptions, input mutation or shortcuts into CheckFailed.

    ``label`` names the call in messages ("naive_relu(x) with x of shape (3, 4)").
    ``loops_only`` passes array arguments as :class:`LoopsOnlyArray` and fails the check if
    the function computes with whole arrays instead of looping over elements.
    """
    before = _snapshot(args)
    passed = [a.view(LoopsOnlyArray) if loops_only and isinstance(a, np.ndarray) else a for a in args]
    token = _GUARD_ACTIVE.set(loops_only)
    try:
        result = func(*passed)
    except VectorizedOperation as op:
        raise CheckFailed(
            f"{label} used the whole-array operation {op}; this exercise asks for explicit "
            "Python loops over the elements."
        ) from None
    except Exception as error:  # noqa: BLE001 - any student error becomes a message
        raise CheckFailed(f"{label} raised {type(error).__name__}: {error}") from None
    finally:
        _GUARD_ACTIVE.reset(token)
    names = list(arg_names) + [f"argument {i + 1}" for i in range(len(arg_names), len(args))]
    for name, old, new in zip(names, before, args):
        if not _same(old, np.asarray(new) if isinstance(new, LoopsOnlyArray) else new):
            raise CheckFailed(f"{label} changed its input {name}; work on a copy instead.")
    if isinstance(result, LoopsOnlyArray):
        result = np.asarray(result)
    return result


def expect_raises(
    func: Callable[..., Any],
    *args: Any,
    label: str,
    error: type[BaseException] = ValueError,
    mentions: Iterable[str] = (),
) -> str:
    """Check that ``func(*args)`` raises ``error`` whose message mentions each of ``mentions``."""
    try:
        func(*args)
    except error as raised:
        message = str(raised)
        missing = [m for m in mentions if m not in message]
        if missing:
            raise CheckFailed(
                f"{label} raised {error.__name__}({message!r}), but the message should mention "
                + ", ".join(repr(m) for m in missing)
            ) from None
        return message
    except Exception as other:  # noqa: BLE001
        raise CheckFailed(
            f"{label} should raise {error.__name__}, but raised {type(other).__name__}: {other}"
        ) from None
    raise CheckFailed(f"{label} should raise {error.__name__}, but returned normally")


# --- comparing results ------------------------------------------------------------------------


def expect_array(
    got: Any,
    expected: np.ndarray,
    *,
    label: str,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    dtype: bool | np.dtype = False,
) -> None:
    """Compare an array result with the reference: type, shape, (optionally) dtype, values."""
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"{label} should return a NumPy array, got {describe(got)}")
    if got.shape != expected.shape:
        raise CheckFailed(f"{label} returned shape {got.shape}, expected {expected.shape}")
    wanted = expected.dtype if dtype is True else (np.dtype(dtype) if dtype else None)
    if wanted is not None and got.dtype != wanted:
        raise CheckFailed(f"{label} returned dtype {got.dtype}, expected {wanted}")
    if not np.issubdtype(got.dtype, np.number) and got.dtype != np.bool_:
        raise CheckFailed(f"{label} returned a non-numeric array ({got.dtype})")
    close = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        bad = np.argwhere(~close)
        first = tuple(int(i) for i in bad[0])
        raise CheckFailed(
            f"{label}: {len(bad)} of {expected.size} entries are wrong (first at index {first}: "
            f"got {got[first]:.6g}, expected {expected[first]:.6g})"
        )


def expect_scalar(got: Any, expected: float, *, label: str, rtol: float = 1e-7, atol: float = 1e-9) -> None:
    """Compare a number (Python or NumPy scalar, or 0-d array) with the reference."""
    if isinstance(got, (bool, np.bool_)) or not np.isscalar(got) and np.ndim(got) != 0:
        raise CheckFailed(f"{label} should return a number, got {describe(got)}")
    try:
        value = float(got)
    except (TypeError, ValueError):
        raise CheckFailed(f"{label} should return a number, got {describe(got)}") from None
    if not np.isclose(value, expected, rtol=rtol, atol=atol, equal_nan=True):
        raise CheckFailed(f"{label} returned {value:.6g}, expected {expected:.6g}")


def expect_bool(got: Any, expected: bool, *, label: str) -> None:
    if not isinstance(got, (bool, np.bool_)):
        raise CheckFailed(f"{label} should return True or False, got {describe(got)}")
    if bool(got) != expected:
        raise CheckFailed(f"{label} returned {bool(got)}, expected {expected}")


# --- looking at the source --------------------------------------------------------------------


def source_tree(func: Callable[..., Any]) -> ast.AST | None:
    """The function's syntax tree, or None when its source is not available."""
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return None


def forbid_names(func: Callable[..., Any], names: Iterable[str], *, label: str, why: str) -> None:
    """Fail if the function's source uses any of ``names`` (as a name or attribute) or ``@``."""
    tree = source_tree(func)
    if tree is None:
        return
    names = set(names)
    for node in ast.walk(tree):
        used = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if used in names:
            raise CheckFailed(f"{label} uses {used}; {why}")
        if "@" in names and isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            raise CheckFailed(f"{label} uses the @ operator; {why}")


def require_loop(func: Callable[..., Any], *, label: str) -> None:
    """Fail unless the function's source contains a ``for``/``while`` loop or a comprehension."""
    tree = source_tree(func)
    if tree is None:
        return
    loops = (ast.For, ast.While, ast.comprehension)
    if not any(isinstance(node, loops) for node in ast.walk(tree)):
        raise CheckFailed(f"{label} has no loop; this exercise asks for explicit Python loops.")
