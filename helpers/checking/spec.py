"""How an exercise is checked, as public data: its stated rules and the inputs its checks try.

An :class:`Exercise` holds everything about a check that is not a reference answer: the rules
the exercise's text states (each with the words that text must contain, so a test can prove
every enforced rule is written down), which rules the grading kernel enforces while it calls
the student's code (loops only, forbidden library functions, inputs left unchanged), and a
*plan*: the inputs to try, drawn from a seeded generator. The expected results live only in the
instructor's judge (in the instructor edition), which regenerates the same inputs from the same seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Rule:
    """A rule of an exercise, as its text states it.

    ``says`` is the rule in a student's words, used in messages; ``mentions`` are regular
    expressions (case-insensitive) that the exercise's markdown or docstring must each match.
    """

    key: str
    says: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """One call of the student's code.

    ``run(student, *args)`` replaces the plain call ``student(*args)`` where a check drives an
    object through several steps; whatever it returns is recorded. ``may_change`` names the
    arguments the student's code is meant to modify (everything else must come back unchanged).
    ``note`` carries plan details the judge needs (never a reference value).
    """

    label: str
    args: tuple[Any, ...] = ()
    arg_names: tuple[str, ...] = ()
    run: Callable[..., Any] | None = None
    may_change: tuple[str, ...] = ()
    note: dict[str, Any] = field(default_factory=dict)

    def names(self) -> list[str]:
        return list(self.arg_names) + [f"argument {i + 1}" for i in range(len(self.arg_names), len(self.args))]


Plan = Callable[[np.random.Generator], Iterable[Case]]


@dataclass(frozen=True)
class Exercise:
    """An exercise's public check specification (see the module docstring)."""

    name: str
    plan: Plan
    rules: tuple[Rule, ...] = ()
    loops_only: bool = False
    forbidden: tuple[str, ...] = ()
    quiet: bool = False  # silence NumPy's warnings (log 0 is allowed to warn)

    def rule(self, key: str) -> Rule | None:
        return next((r for r in self.rules if r.key == key), None)


# --- rules many exercises share ----------------------------------------------------------------

LOOPS_ONLY = Rule(
    "loops_only",
    "this exercise asks for explicit Python loops over the elements: no whole-array NumPy "
    "operation (x + y, np.maximum, x.sum(), np.dot, @) on the arrays",
    (r"loops?",),
)
KEEPS_INPUTS = Rule("keeps_inputs", "do not change the input arrays: work on a copy",
                    (r"(do not|don't|never|must not|without) (chang|modif|mutat)",))


def forbids(key: str, says: str, *mentions: str) -> Rule:
    """A rule that some library functions may not be used (the text must name them)."""
    return Rule(key, says, tuple(mentions))
