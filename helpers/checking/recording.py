"""Run an exercise's plan against a student's function in the kernel, and write down what happened.

:func:`record` is what a hidden test cell calls. It decides nothing: for each case of the plan it
calls the student's code under the exercise's guards and notes, as plain data, the value returned
(or the exception raised, the forbidden call made, the inputs changed, the warnings emitted). The
notes are displayed as one JSON output of the test cell, which the grader's judge reads after the
kernel has finished, in a process of its own. :func:`check_rules` runs the same guards on one call
for a visible test, so a student sees a broken rule while working, not after grading.
"""

from __future__ import annotations

import json
import os
import warnings
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.checking.encoding import encode
from helpers.checking.guards import LoopsOnlyArray, RuleBroken, guard_arrays, guarded
from helpers.checking.registry import exercise
from helpers.checking.spec import Case, Exercise

#: MIME type of the record a hidden test cell displays.
MIME = "application/vnd.dlcourse.record+json"
#: The grader sets this variable in the grading kernel (a fresh secret seed per submission).
SEED_VARIABLE = "DLCOURSE_CHECK_SEED"
RECORD_VERSION = 1

# Captured when the course's setup cell imports helpers, before any student cell runs.
_dumps, _crc32, _errstate, _catch_warnings = json.dumps, zlib.crc32, np.errstate, warnings.catch_warnings


def check_seed() -> int:
    value = os.environ.get(SEED_VARIABLE, "0")
    return int(value) if value.isdigit() else 0


def plan_rng(name: str, seed: int) -> np.random.Generator:
    """The generator a plan draws from: the same in the kernel and in the judge."""
    return np.random.default_rng([seed, _crc32(name.encode())])


def cases_of(ex: Exercise, seed: int) -> list[Case]:
    return list(ex.plan(plan_rng(ex.name, seed)))


def _fingerprint(value: Any) -> str:
    if isinstance(value, LoopsOnlyArray):
        value = value.view(np.ndarray)
    return _dumps(encode(value), sort_keys=True)


def run_case(ex: Exercise, case: Case, student: Any) -> dict[str, Any]:
    """Call the student's code for one case under the exercise's guards; the outcome as plain data."""
    before = [_fingerprint(a) for a in case.args]
    args = guard_arrays(case.args) if ex.loops_only else list(case.args)
    outcome: dict[str, Any] = {"label": case.label}
    events: list[tuple[str, str]] = []
    with _catch_warnings(record=True) as caught, _errstate(all="ignore" if ex.quiet else "warn", under="ignore"):
        warnings.simplefilter("ignore" if ex.quiet else "always")
        try:
            with guarded(loops_only=ex.loops_only, forbidden=ex.forbidden, events=events, student=student):
                value = case.run(student, *args) if case.run else student(*args)
            if isinstance(value, LoopsOnlyArray):
                value = value.view(np.ndarray)
            outcome["value"] = encode(value)
        except RuleBroken:
            pass
        except Exception as error:  # noqa: BLE001 - the student's exception is the outcome
            outcome["raised"] = {"type": type(error).__name__,
                                 "bases": [k.__name__ for k in type(error).__mro__],
                                 "message": str(error)[:500]}
    if events:
        outcome["broke"] = [list(e) for e in events[:5]]
    changed = [name for name, old, arg in zip(case.names(), before, case.args)
               if name not in case.may_change and _fingerprint(arg) != old]
    if changed:
        outcome["changed"] = changed
    if caught:
        outcome["warnings"] = [f"{w.category.__name__}: {w.message}"[:200] for w in caught[:5]]
    return outcome


def record(name: str, student: Any) -> None:
    """Hidden test: run exercise ``name``'s plan on ``student`` and display the outcomes for the judge."""
    ex = exercise(name)
    seed = check_seed()
    outcomes = [run_case(ex, case, student) for case in cases_of(ex, seed)]
    payload = {"exercise": name, "seed": str(seed), "version": RECORD_VERSION, "cases": outcomes}
    from IPython.display import display

    display({MIME: payload, "text/plain": f"{name}: {len(outcomes)} hidden cases recorded for grading"},
            raw=True)


def explain(ex: Exercise, label: str, kind: str, what: str) -> str:
    """The message for a broken rule, the same in visible tests and in grading feedback."""
    if kind == "vectorised":
        rule = ex.rule("loops_only")
        return f"{label} used the whole-array operation {what}; {rule.says if rule else 'loops only'}."
    says = next((r.says for r in ex.rules if r.key.startswith("forbid")), "it is not allowed here")
    return f"{label} called {what}; {says}."


def check_rules(name: str, student: Callable[..., Any], *args: Any, label: str | None = None) -> Any:
    """Visible test: call ``student(*args)`` under exercise ``name``'s rules and return its result.

    Raises ``AssertionError`` naming the rule when the call breaks one (a whole-array operation
    in a loops-only exercise, a forbidden function, a changed input); the student's own
    exceptions (``NotImplementedError`` included) pass through unchanged.
    """
    ex = exercise(name)
    label = label or f"{name}(...)"
    before = [_fingerprint(a) for a in args]
    guarded_args = guard_arrays(args) if ex.loops_only else list(args)
    events: list[tuple[str, str]] = []
    try:
        with guarded(loops_only=ex.loops_only, forbidden=ex.forbidden, events=events, student=student):
            value = student(*guarded_args)
    except RuleBroken:
        pass
    if events:
        kind, what = events[0]
        raise AssertionError(explain(ex, label, kind, what)) from None
    for index, (old, arg) in enumerate(zip(before, args)):
        if _fingerprint(arg) != old:
            raise AssertionError(f"{label} changed its input (argument {index + 1}); "
                                 "do not change the inputs: work on a copy.")
    return value.view(np.ndarray) if isinstance(value, LoopsOnlyArray) else value
