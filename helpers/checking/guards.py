"""What a student's function may call, enforced on the objects it calls, not on the names it uses.

Two guards run while a check calls a student's function:

- **Loops only.** Array arguments are passed as :class:`LoopsOnlyArray`, which refuses any
  whole-array NumPy operation (``x + y``, ``np.maximum(x, 0)``, ``x.sum()``, ``np.dot``) and
  stays a ``LoopsOnlyArray`` through ``np.asarray``, ``x.copy()`` or ``astype``, and through
  ``np.array(x.tolist())`` or ``np.array(list(x))``. Functions that only view or rearrange the
  values (``np.transpose``, ``np.ravel``, ``np.reshape``, ...) pass like the methods ``x.T``,
  ``x.ravel()``, ``x.reshape()``, and their results stay guarded. Single elements are ordinary
  NumPy scalars, so element-by-element code works.
- **Forbidden library functions.** Each forbidden callable (``numpy.linalg.norm``,
  ``scipy.special.rel_entr``, ...) is replaced, for the duration of the call, by a tripwire in
  every module that holds it and in the student's own namespace (globals, dict and list
  values, closures, default arguments), so ``import numpy.linalg as la``, ``from numpy.linalg
  import norm as n``, ``getattr(np.linalg, "norm")`` or a dict of functions all reach the
  tripwire. A tripwire fires only when student code (the notebook's ``__main__``) calls it;
  a library that uses the same function internally is not affected. Names are never looked
  at: a local variable called ``norm`` or ``dot`` is just a variable.

A broken rule raises :class:`RuleBroken`, a ``BaseException`` so that ``except Exception`` in
student code cannot swallow it, and is also written to the event list, so that swallowing it
with a bare ``except`` changes nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

STUDENT_MODULE = "__main__"


class RuleBroken(BaseException):
    """Student code did what its exercise forbids; ``what`` names it (``np.add``, ``numpy.linalg.norm``)."""

    def __init__(self, kind: str, what: str) -> None:
        super().__init__(f"{kind}: {what}")
        self.kind, self.what = kind, what


_LOOPS_ONLY: contextvars.ContextVar[list[tuple[str, str]] | None] = contextvars.ContextVar(
    "loops_only_events", default=None)

#: Array functions that allocate or inspect but compute nothing from the values.
_ALLOCATE_OR_INSPECT = {
    np.zeros_like, np.empty_like, np.ones_like, np.full_like, np.copy, np.shape, np.ndim,
    np.size, np.result_type, np.can_cast, np.may_share_memory, np.shares_memory, np.ndindex,
}
#: Array functions that only view or rearrange the values (new shape, order of axes, repeated
#: views), computing nothing from them: allowed like their methods (``x.T``, ``x.ravel()``,
#: ``x.reshape()``), their results stay guarded. Anything that compares, sorts or combines values
#: (``np.sort``, ``np.where``, ``np.sum``, ...) stays refused.
_REARRANGE = {
    getattr(np, name) for name in (
        "transpose", "permute_dims", "matrix_transpose", "ravel", "reshape", "swapaxes", "moveaxis",
        "rollaxis", "squeeze", "expand_dims", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_to",
        "broadcast_arrays",
    ) if hasattr(np, name)  # permute_dims and matrix_transpose are NumPy 2 names
}
_ALLOWED_ARRAY_FUNCTIONS = _ALLOCATE_OR_INSPECT | _REARRANGE


def _from_student() -> bool:
    """Whether the code calling the current function is the student's (the notebook's __main__)."""
    frame = sys._getframe(2)
    return frame.f_globals.get("__name__") == STUDENT_MODULE


def _vectorised(what: str) -> RuleBroken:
    events = _LOOPS_ONLY.get()
    if events is not None:
        events.append(("vectorised", what))
    return RuleBroken("vectorised", what)


def _plain(value: Any) -> Any:
    return value.view(np.ndarray) if isinstance(value, LoopsOnlyArray) else value


class LoopsOnlyArray(np.ndarray):
    """An ndarray that refuses whole-array arithmetic while a loops-only guard is active."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):  # type: ignore[override]
        out = kwargs.get("out") or ()
        if _LOOPS_ONLY.get() is not None and any(
                isinstance(o, np.ndarray) and o.ndim > 0 for o in (*inputs, *out)):
            raise _vectorised(f"np.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}"))
        if out:
            kwargs["out"] = tuple(_plain(o) for o in out)
        return getattr(ufunc, method)(*(_plain(x) for x in inputs), **kwargs)

    def __array_function__(self, func, types, args, kwargs):  # type: ignore[override]
        if _LOOPS_ONLY.get() is not None and func not in _ALLOWED_ARRAY_FUNCTIONS:
            raise _vectorised(f"np.{func.__name__}")
        result = func(*(_plain(a) for a in args), **kwargs)
        if _LOOPS_ONLY.get() is None:
            return result
        if isinstance(result, np.ndarray):
            return result.view(LoopsOnlyArray)
        if isinstance(result, (tuple, list)):  # np.atleast_2d(x, y), np.broadcast_arrays(x, y)
            return type(result)(r.view(LoopsOnlyArray) if isinstance(r, np.ndarray) else r for r in result)
        return result

    def dot(self, *args: Any, **kwargs: Any) -> Any:  # ndarray.dot bypasses both protocols
        if _LOOPS_ONLY.get() is not None:
            raise _vectorised("ndarray.dot")
        return self.view(np.ndarray).dot(*(_plain(a) for a in args), **kwargs)

    def tolist(self) -> Any:  # a plain copy of the values, turned back into an array, must stay guarded
        values = self.view(np.ndarray).tolist()
        return _guarded_list(values) if _LOOPS_ONLY.get() is not None else values


class GuardedList(list):
    """``LoopsOnlyArray.tolist()`` while guarded: an ordinary list, except that ``np.array`` and
    friends turn it back into a :class:`LoopsOnlyArray`, and a whole-array NumPy operation on it
    (``np.maximum(x.tolist(), 0)``) is refused like one on the array (looping over it works as usual)."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):  # type: ignore[no-untyped-def]
        if _LOOPS_ONLY.get() is not None:
            raise _vectorised(f"np.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}"))
        return getattr(ufunc, method)(*(_plain_list(x) for x in inputs), **kwargs)

    def __array_function__(self, func, types, args, kwargs):  # type: ignore[no-untyped-def]
        if _LOOPS_ONLY.get() is not None and func not in _ALLOWED_ARRAY_FUNCTIONS:
            raise _vectorised(f"np.{func.__name__}")
        return func(*(_plain_list(a) for a in args), **kwargs)


def _plain_list(value: Any) -> Any:
    return [_plain_list(v) for v in value] if isinstance(value, GuardedList) else value


def _guarded_list(values: Any) -> Any:
    return GuardedList(_guarded_list(v) for v in values) if isinstance(values, list) else values


def _from_guarded(value: Any) -> bool:
    """An array, a ``tolist()`` of one, or a list or tuple of guarded rows (``list(x)``)."""
    if isinstance(value, (LoopsOnlyArray, GuardedList)):
        return True
    return isinstance(value, (list, tuple)) and any(isinstance(v, (LoopsOnlyArray, GuardedList)) for v in value)


def guard_arrays(values: Iterable[Any]) -> list[Any]:
    """The values with every ndarray viewed as a :class:`LoopsOnlyArray` (same memory)."""
    return [v.view(LoopsOnlyArray) if type(v) is np.ndarray else v for v in values]


def _keeps_guard(original: Callable[..., Any]) -> Callable[..., Any]:
    """``np.asarray`` and friends: keep a LoopsOnlyArray guarded when the student converts it."""

    def converter(value: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(value, *args, **kwargs)
        if _from_guarded(value) and isinstance(result, np.ndarray) and _from_student():
            return result.view(LoopsOnlyArray)
        return result

    return converter


_CONVERTERS = ("array", "asarray", "asanyarray", "ascontiguousarray", "asfortranarray", "copy")


class Tripwire:
    """Stands in for a forbidden callable: student calls are refused, library calls pass."""

    def __init__(self, original: Any, dotted: str, events: list[tuple[str, str]]) -> None:
        self._original, self._dotted, self._events = original, dotted, events

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if _from_student():
            self._events.append(("forbidden", self._dotted))
            raise RuleBroken("forbidden", self._dotted)
        return self._original(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # ufunc.outer, .reduce, ...: refused the same way
        attribute = getattr(self._original, name)
        if callable(attribute):
            return Tripwire(attribute, f"{self._dotted}.{name}", self._events)
        return attribute


def resolve(dotted: str) -> Any:
    """The object a dotted name refers to, importing its module (``"scipy.special.rel_entr"``)."""
    module_name, _, attribute = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        parent = resolve(module_name)
        return getattr(parent, attribute)
    return getattr(module, attribute)


#: Forbidden names from these packages are imported up front (cheap, and a student could import
#: them inside the function). Others (torch, jax, ...) are guarded only once they are loaded:
#: importing a framework into every grading kernel would cost seconds per submission.
_IMPORT_UP_FRONT = ("numpy", "scipy", "math")


def _loadable_now(dotted: str) -> bool:
    top = dotted.split(".")[0]
    return top in _IMPORT_UP_FRONT or top in sys.modules


class _Patches:
    """Replacements made for one guarded call, undone in reverse order."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []

    def item(self, container: Any, key: Any, value: Any) -> None:
        old = container[key]
        container[key] = value
        self._undo.append(lambda: container.__setitem__(key, old))

    def closure_cell(self, cell: types.CellType, value: Any) -> None:
        old = cell.cell_contents
        cell.cell_contents = value
        self._undo.append(lambda: setattr(cell, "cell_contents", old))

    def defaults(self, func: types.FunctionType, replace: Callable[[Any], Any]) -> None:
        old = func.__defaults__
        if old:
            new = tuple(replace(v) for v in old)
            if any(a is not b for a, b in zip(new, old)):
                func.__defaults__ = new
                self._undo.append(lambda: setattr(func, "__defaults__", old))

    def undo(self) -> None:
        while self._undo:
            self._undo.pop()()


def _student_namespaces(student: Any) -> list[dict[str, Any]]:
    """The notebook's namespace (``__main__``) and the globals the student's code runs in."""
    found: list[dict[str, Any]] = []
    main = sys.modules.get(STUDENT_MODULE)
    if main is not None and isinstance(getattr(main, "__dict__", None), dict):
        found.append(vars(main))
    own = getattr(student, "__globals__", None)
    if own is None and isinstance(student, type):
        own = next((f.__globals__ for f in vars(student).values() if isinstance(f, types.FunctionType)), None)
    if isinstance(own, dict) and all(own is not n for n in found):
        found.append(own)
    return found


def _install(replacements: dict[int, Any], patches: _Patches, student: Any = None) -> None:
    """Swap every reference to a replaced object in loaded modules and the student's namespace."""

    def swap(value: Any) -> Any:
        return replacements.get(id(value), value)

    namespaces = _student_namespaces(student)
    modules = [vars(m) for m in list(sys.modules.values()) if isinstance(getattr(m, "__dict__", None), dict)]
    for namespace in modules + [n for n in namespaces if all(n is not m for m in modules)]:
        for key, value in list(namespace.items()):
            if id(value) in replacements:
                patches.item(namespace, key, replacements[id(value)])
    for namespace in namespaces:
        _install_in_student_values(namespace, replacements, patches, swap)


def _install_in_student_values(namespace: dict[str, Any], replacements: dict[int, Any], patches: _Patches,
                               swap: Callable[[Any], Any]) -> None:
    for value in list(namespace.values()):
        if type(value) is dict:
            for key, item in list(value.items()):
                if id(item) in replacements:
                    patches.item(value, key, replacements[id(item)])
        elif type(value) is list:
            for index, item in enumerate(list(value)):
                if id(item) in replacements:
                    patches.item(value, index, replacements[id(item)])
        elif isinstance(value, types.FunctionType) or isinstance(value, type):
            functions = [value] if isinstance(value, types.FunctionType) else [
                v for v in vars(value).values() if isinstance(v, types.FunctionType)]
            for func in functions:
                for cell in func.__closure__ or ():
                    try:
                        contents = cell.cell_contents
                    except ValueError:
                        continue
                    if id(contents) in replacements:
                        patches.closure_cell(cell, replacements[id(contents)])
                patches.defaults(func, swap)


@contextlib.contextmanager
def guarded(*, loops_only: bool = False, forbidden: Iterable[str] = (),
            events: list[tuple[str, str]] | None = None, student: Any = None) -> Iterator[list[tuple[str, str]]]:
    """Enforce an exercise's call rules on student code run inside the block.

    ``student`` (the function or class under test) adds its own globals to the namespaces
    searched for aliases. Yields the list of rule-breaking events (``("vectorised", "np.add")``,
    ``("forbidden", "numpy.linalg.norm")``); they are recorded even if student code catches
    the :class:`RuleBroken` raised at the time.
    """
    events = [] if events is None else events
    replacements: dict[int, Any] = {}
    originals = {}
    for dotted in forbidden:
        original = resolve(dotted) if _loadable_now(dotted) else None
        if original is None:
            continue
        originals[id(original)] = original  # keep alive while the ids are in use
        replacements[id(original)] = Tripwire(original, dotted, events)
    if loops_only:
        for name in _CONVERTERS:
            original = getattr(np, name)
            originals[id(original)] = original
            replacements.setdefault(id(original), _keeps_guard(original))
    patches = _Patches()
    token = _LOOPS_ONLY.set(events if loops_only else None)
    try:
        if replacements:
            _install(replacements, patches, student)
        yield events
    finally:
        patches.undo()
        _LOOPS_ONLY.reset(token)
