"""The lint passes on the course and catches each nbgrader trap it exists for."""

from __future__ import annotations

import nbformat
import pytest

from autograder.lint import lint_course, lint_notebook
from conftest import REPO

SETUP = "import helpers\nhelpers.show_environment(['numpy'])"


def _meta(kind: str, gid: str, points: int = 1) -> dict:
    meta = {"schema_version": 3, "grade": kind == "tests", "solution": kind == "answer",
            "locked": kind != "answer", "grade_id": gid}
    if kind == "tests":
        meta["points"] = points
    return meta


def _notebook(tmp_path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(SETUP, metadata={"nbgrader": _meta("locked", "setup")}),
                nbformat.v4.new_code_cell("FAST = True", metadata={"nbgrader": _meta("locked", "fast_mode")})]
    for kind, gid, source in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"nbgrader": _meta(kind, gid)}))
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    return path


ANSWER = ("answer", "f", "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION")
GOOD_TEST = "assert f(1) == 1, 'f(1)'\n### BEGIN HIDDEN TESTS\nassert f(2) == 2\n### END HIDDEN TESTS\nprint('ok')"


def test_the_course_has_no_lint_problems():
    assert lint_course(REPO) == []


def test_a_well_formed_chapter_passes(tmp_path):
    assert lint_notebook(_notebook(tmp_path, [ANSWER, ("tests", "f_tests", GOOD_TEST)])) == []


@pytest.mark.parametrize("test_source, phrase", [
    ("assert f(1) == 1\nf(2) == 2", "bare expression"),
    ("assert f(1) == 1\n### BEGIN HIDDEN TESTS\nassert f(2) == 2\nf(3) == 4\n### END HIDDEN TESTS", "bare expression"),
    ("### BEGIN HIDDEN TESTS\nassert f(2) == 2\n### END HIDDEN TESTS\nprint('ok')", "no visible assertion"),
    ("from autograder.checks import x\nassert x(f) is None", "imports the autograder"),
    ("assert f(1) == 1\n### BEGIN HIDDEN TESTS\nassert f(2) == 2", "unbalanced"),
])
def test_test_cell_traps_are_caught(tmp_path, test_source, phrase):
    problems = lint_notebook(_notebook(tmp_path, [ANSWER, ("tests", "f_tests", test_source)]))
    assert any(phrase in p for p in problems), problems


def test_duplicate_ids_missing_points_and_top_level_answers_are_caught(tmp_path):
    path = _notebook(tmp_path, [ANSWER, ("tests", "f_tests", GOOD_TEST), ("tests", "f_tests", GOOD_TEST),
                                ("answer", "g", "### BEGIN SOLUTION\ny = 3\n### END SOLUTION")])
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].metadata.nbgrader["points"] = 0
    nbformat.write(nb, path)
    problems = "\n".join(lint_notebook(path))
    assert "duplicate grade_id" in problems
    assert "positive points" in problems
    assert "may only define functions" in problems


def test_outputs_and_missing_shared_cells_are_caught(tmp_path):
    path = _notebook(tmp_path, [ANSWER])
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="hi")]
    nb.cells = nb.cells[1:]
    nbformat.write(nb, path)
    problems = "\n".join(lint_notebook(path))
    assert "has outputs" in problems and "missing the locked 'setup' cell" in problems
