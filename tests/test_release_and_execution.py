"""The committed student notebooks are nbgrader's output, and both versions execute as designed."""

from __future__ import annotations

import pytest

from conftest import CHAPTERS, REPO, autograded_notebook, errors, grade_cells

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_notebooks_are_regenerated_byte_for_byte(course_copy, chapter):
    for regenerated in (course_copy / "notebooks" / chapter).glob("*.ipynb"):
        committed = REPO / "notebooks" / chapter / regenerated.name
        assert committed.exists(), f"notebooks/{chapter}/{regenerated.name} is missing: run python -m autograder release"
        assert committed.read_bytes() == regenerated.read_bytes(), (
            f"notebooks/{chapter}/{regenerated.name} differs from solutions/: run python -m autograder release"
        )


def _graded(graded, chapter):
    if isinstance(graded[chapter], BaseException):
        pytest.skip(str(graded[chapter]))
    return graded[chapter]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solution_notebook_runs_and_passes_every_test(graded, course_copy, chapter):
    """The released notebook with the model answers, as nbgrader executed and judged it."""
    _graded(graded, chapter)
    nb = autograded_notebook(course_copy, chapter, "reference")
    failures = {f"cell {i}": errors(c) for i, c in enumerate(nb.cells) if errors(c)}
    assert not failures, f"{chapter} solution raised: {failures}"
    stderr = {c.metadata.nbgrader.grade_id: o.text for c in grade_cells(nb).values()
              for o in c.outputs if o.output_type == "stream" and o.name == "stderr"}
    assert not stderr, f"test cells wrote to stderr (nbgrader would score them 0): {stderr}"
    passed = [c for c in grade_cells(nb).values() if any("hidden checks passed" in o.get("text", "")
                                                             for o in c.outputs)]
    assert len(passed) == len(grade_cells(nb)), "every test cell's hidden checks ran and passed"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_notebook_fails_every_test_and_nothing_else(graded, course_copy, chapter):
    """The blank student notebook, as nbgrader executed it: only the test cells fail."""
    _graded(graded, chapter)
    nb = autograded_notebook(course_copy, chapter, "blank")
    tests = grade_cells(nb)
    passing = [gid for gid, cell in tests.items() if not errors(cell)]
    assert not passing, f"these tests pass on the blank student notebook: {passing}"
    for gid, cell in tests.items():
        assert any("NotImplementedError" in e and "not answered yet" in e for e in errors(cell)), \
            f"{gid}: {errors(cell)}"
    others = {i: errors(c) for i, c in enumerate(nb.cells) if errors(c) and c not in tests.values()}
    assert not others, f"cells other than tests failed in the student version: {others}"
