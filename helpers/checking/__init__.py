"""Checking students' code: public rules and inputs, and the kernel half of grading.

Grading is split in two so that student code and scoring never share a process: a hidden test
cell calls :func:`record`, which runs the exercise's plan (the inputs to try, see
:mod:`helpers.checking.spec`) against the student's function in the student's kernel and displays
what happened as plain JSON; the instructor's grader then judges those notes against reference
answers that only it holds (in the instructor edition). Nothing in this package knows a right answer.

Visible tests use :func:`check_rules` to run the same call rules (loops only, forbidden
functions, inputs unchanged) while the student works, and :func:`progress` (the last cell of every
chapter) lists every exercise with the state of its visible tests and the points at stake.
"""

from helpers.checking.progress import progress
from helpers.checking.recording import MIME, SEED_VARIABLE, check_rules, explain, record
from helpers.checking.registry import all_exercises, chapter_exercises, exercise
from helpers.checking.spec import Case, Exercise, Rule
from helpers.checking.visible import assert_array, assert_bool, assert_number, assert_raises

__all__ = ["MIME", "SEED_VARIABLE", "Case", "Exercise", "Rule", "all_exercises", "assert_array", "assert_bool",
           "assert_number", "assert_raises", "chapter_exercises", "check_rules", "exercise", "explain",
           "progress", "record"]
