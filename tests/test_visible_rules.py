"""Every example mistake that breaks a rule a student can check fails a visible test that names the rule.

The rules a student can check while working are the call rules that ``check_rules`` runs: loops
only, forbidden library functions, inputs left unchanged. For each mistake of
``autograder/examples/`` (chapters 1–3), its code runs in a module registered as ``__main__``
(what a notebook kernel's namespace is), with the released notebook's imports and the reference
answers of the other exercises. Every call that the visible part of the exercise's test cell
makes to the student's function is replayed through :func:`helpers.checking.check_rules`: when
one of them breaks a rule, the visible test cell itself, executed in that namespace (no kernel,
no nbgrader), must fail with an ``AssertionError`` whose message names the rule.
"""

from __future__ import annotations

import ast
import copy
import sys
import types
from typing import Any

import nbformat
import pytest

from conftest import CHAPTERS, REPO
from helpers.checking import check_rules, exercise

#: Words that name each rule in a visible test's message (``helpers.checking.recording``).
RULE_WORDS = {"whole-array operation": "loops", " called ": "called", "changed its input": "changed its input"}
CHECKED = [c for c in CHAPTERS if c[:2] in {"01", "02", "03"} and (REPO / "notebooks" / c).is_dir()]
SHARED_CELLS = {"setup", "fast_mode"}


def _released(chapter: str) -> nbformat.NotebookNode:
    (path,) = (REPO / "notebooks" / chapter).glob("*.ipynb")
    return nbformat.read(path, as_version=4)


def _grade_id(cell: nbformat.NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _visible_test(nb: nbformat.NotebookNode, answer: str) -> tuple[str, str]:
    """The grade id and the visible source of the test cell that follows answer cell ``answer``."""
    index = next(i for i, c in enumerate(nb.cells) if _grade_id(c) == answer)
    cell = next(c for c in nb.cells[index + 1:] if c.get("metadata", {}).get("nbgrader", {}).get("grade"))
    return _grade_id(cell), cell.source.split("### BEGIN HIDDEN TESTS")[0]


def _imports(nb: nbformat.NotebookNode) -> list[str]:
    """The code cells before the first exercise that import something (not the shared setup cells)."""
    first = next(i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    return [c.source for c in nb.cells[:first] if c.cell_type == "code" and _grade_id(c) not in SHARED_CELLS
            and any(line.startswith(("import ", "from ")) for line in c.source.splitlines())]


@pytest.fixture
def kernel(monkeypatch):
    """A fresh ``__main__`` namespace with the notebook's imports and the given answer cells run in it."""
    monkeypatch.setenv("MPLBACKEND", "Agg")

    def make(nb: nbformat.NotebookNode, answers: list[str]) -> dict[str, Any]:
        module = types.ModuleType("__main__")
        monkeypatch.setitem(sys.modules, "__main__", module)
        namespace = module.__dict__
        exec("import helpers\nFAST = True", namespace)
        for source in _imports(nb) + answers:
            exec(compile(source, "<cell>", "exec"), namespace)
        return namespace

    return make


def _calls_made(namespace: dict[str, Any], name: str, visible: str) -> list[tuple[Any, ...]]:
    """The arguments of every call the visible test makes to ``name`` (copied before the call).

    Every top-level statement runs, even after one fails, and ``check_rules`` only calls the
    function, so that the calls after a failing assertion are seen too.
    """
    student, calls = namespace[name], []

    def recorder(*args: Any, **kwargs: Any) -> Any:
        if not kwargs:
            calls.append(copy.deepcopy(args))
        return student(*args, **kwargs)

    namespace[name] = recorder
    namespace["check_rules"] = lambda _name, func, *args, label=None: func(*args)
    for statement in ast.parse(visible).body:
        try:
            exec(compile(ast.Module([statement], type_ignores=[]), "<visible test>", "exec"), namespace)
        except Exception:  # noqa: BLE001 - the statements after a failure still run
            pass
    namespace[name], namespace["check_rules"] = student, check_rules
    return calls


def _broken_rule(name: str, student: Any, calls: list[tuple[Any, ...]]) -> str | None:
    """The message of the first rule that one of the calls breaks under ``check_rules``, if any."""
    for args in calls:
        try:
            check_rules(name, student, *copy.deepcopy(args))
        except AssertionError as error:
            return str(error)
        except Exception:  # noqa: BLE001 - the student's own errors are not broken rules
            continue
    return None


def _rule_word(message: str) -> str:
    return next(word for key, word in RULE_WORDS.items() if key in message)


def _mistakes(chapter: str) -> list:
    from autograder.examples import mistakes_for

    return mistakes_for(chapter)


def _rule_breaking(chapter: str, mistake, kernel) -> tuple[dict[str, Any], str, str, str] | None:
    """(namespace, test cell, visible source, rule message) when the mistake breaks a checkable rule."""
    from autograder.examples import reference_answers

    nb = _released(chapter)
    answers = {**reference_answers(chapter), mistake.cell: mistake.code}
    namespace = kernel(nb, list(answers.values()))
    student = namespace[mistake.cell]
    if not isinstance(student, types.FunctionType):
        return None  # a class (an optimizer): its rules are not call rules that check_rules runs
    test_cell, visible = _visible_test(nb, mistake.cell)
    message = _broken_rule(exercise(mistake.cell).name, student,
                           _calls_made(namespace, mistake.cell, visible))
    if message is None:
        return None
    return kernel(nb, list(answers.values())), test_cell, visible, message


@pytest.mark.parametrize("chapter, name", [(c, m.name) for c in CHECKED for m in _mistakes(c)])
def test_a_mistake_that_breaks_a_checkable_rule_fails_its_visible_test_naming_the_rule(chapter, name, kernel):
    mistake = next(m for m in _mistakes(chapter) if m.name == name)
    found = _rule_breaking(chapter, mistake, kernel)
    if found is None:
        pytest.skip("breaks no rule that check_rules can see on the visible test's examples")
    namespace, test_cell, visible, message = found
    word = _rule_word(message)
    assert test_cell in mistake.breaks, f"{name} breaks a rule ({message}) but does not list {test_cell}"
    try:
        exec(compile(visible, f"<{test_cell}>", "exec"), namespace)
    except AssertionError as error:
        assert word in str(error), (f"the visible test {test_cell} fails on {name}, but its message does not name "
                                    f"the rule ({word!r}): {error}\n(check_rules says: {message})")
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"the visible test {test_cell} raised {type(error).__name__}: {error} on {name}, "
                    f"instead of an AssertionError naming the rule: {message}")
    else:
        pytest.fail(f"the visible test {test_cell} passes on {name}, which breaks a rule: {message}")


@pytest.mark.parametrize("chapter", CHECKED)
def test_the_rule_breaking_mistakes_are_found(chapter, kernel):
    """A chapter whose exercises enforce call rules has mistakes that break them (the search works)."""
    from helpers.checking import chapter_exercises

    topic = chapter.split("_", 1)[1]
    if not any(ex.loops_only or ex.forbidden for ex in chapter_exercises(topic)):
        pytest.skip("no exercise of this chapter enforces loops only or forbidden functions")
    found = [m.name for m in _mistakes(chapter) if _rule_breaking(chapter, m, kernel)]
    assert found, f"{chapter}: no example mistake breaks a rule that check_rules can see"
