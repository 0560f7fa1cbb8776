"""Real nbgrader runs over the example submissions: scores, intake problems, feedback."""

from __future__ import annotations

import nbformat
import pytest

from autograder import grading
from autograder.examples import example_submissions
from conftest import CHAPTERS, grade_cells, require_mnist_for

pytestmark = pytest.mark.slow
#: Short per-cell limit so the never-ending-cell case is quick; real cells need ~1 s.
TEST_CELL_TIMEOUT = 20
LA = "01_linear_algebra"


def _points(course, chapter):
    nb = nbformat.read(grading.chapter_notebook(course, chapter), as_version=4)
    return {gid: float(c.metadata.nbgrader.points) for gid, c in grade_cells(nb).items()}


def _intake_cases(reference: nbformat.NotebookNode, blank: nbformat.NotebookNode) -> dict[str, str]:
    """Malformed and tampered submissions of chapter 1, as file contents."""
    import copy

    cases = {}
    tampered = copy.deepcopy(blank)
    for cell in tampered.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "naive_relu_tests":
            cell.source = "print('all tests passed')"
    cases["tampered"] = nbformat.writes(tampered)
    deleted = copy.deepcopy(blank)
    deleted.cells = [c for c in deleted.cells
                     if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") != "naive_add_tests"]
    cases["deleted-test"] = nbformat.writes(deleted)
    forever = copy.deepcopy(reference)
    for cell in forever.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "naive_relu":
            cell.source = "def naive_relu(x):\n    while True:\n        pass"
    cases["never-ends"] = nbformat.writes(forever)
    duplicated = copy.deepcopy(reference)
    index = next(i for i, c in enumerate(duplicated.cells)
                 if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "naive_relu")
    duplicated.cells.insert(index, copy.deepcopy(duplicated.cells[index]))
    duplicated.cells[index]["id"] = "copied-cell"
    cases["copied-cell"] = nbformat.writes(duplicated)
    stripped = copy.deepcopy(reference)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    cases["no-metadata"] = nbformat.writes(stripped)
    spoof = copy.deepcopy(blank)
    for cell in spoof.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "naive_relu":
            cell.source = ("import sys, types\n"
                           "fake = types.ModuleType('autograder.checks.linear_algebra')\n"
                           "fake.check_naive_relu = lambda f: None\n"
                           "sys.modules['autograder.checks.linear_algebra'] = fake\n\n"
                           "def naive_relu(x):\n    return x")
    cases["spoofs-checks"] = nbformat.writes(spoof)
    full = nbformat.writes(reference)
    cases["truncated"] = full[: len(full) // 2]
    return cases


@pytest.fixture(scope="session")
def graded(course_copy, tmp_path_factory):
    """Every chapter's examples (and chapter 1's intake cases) collected and autograded."""
    results = {}
    for chapter in CHAPTERS:
        try:
            require_mnist_for(chapter)
        except pytest.skip.Exception as skipped:
            results[chapter] = skipped
            continue
        inbox = tmp_path_factory.mktemp(f"inbox-{chapter}")
        examples = example_submissions(chapter, course_copy)
        for name, (nb, _) in examples.items():
            nbformat.write(nb, inbox / f"{name}.ipynb")
        if chapter == LA:
            for name, text in _intake_cases(examples["reference"][0], examples["blank"][0]).items():
                (inbox / f"intake-{name}.ipynb").write_text(text, encoding="utf-8")
        submissions = {s.student: s for s in grading.collect(course_copy, chapter, inbox)}
        grades = {g.student: g for g in grading.autograde(course_copy, chapter, cell_timeout=TEST_CELL_TIMEOUT)}
        results[chapter] = (examples, submissions, grades)
    return results


def _results(graded, chapter):
    if isinstance(graded[chapter], BaseException):
        pytest.skip(str(graded[chapter]))
    return graded[chapter]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_example_scores_exactly_as_designed(graded, course_copy, chapter):
    examples, _, grades = _results(graded, chapter)
    points = _points(course_copy, chapter)
    assert len(examples) >= 2 + len(points), "at least one mistake per graded exercise"
    for name, (_, breaks) in examples.items():
        grade = grades[name]
        assert not grade.problems, f"{name}: {grade.problems}"
        broken = set(points) if breaks is None else set(breaks)
        expected = {gid: (0.0 if gid in broken else p) for gid, p in points.items()}
        assert grade.tests == expected, f"{chapter}/{name}: got {grade.tests}, expected {expected}"
        assert grade.max_score == sum(points.values())
    assert grades["reference"].score == sum(points.values())
    assert grades["blank"].score == 0


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_exercise_has_a_mistake_that_breaks_it(graded, course_copy, chapter):
    examples, _, _ = _results(graded, chapter)
    broken = {gid for _, breaks in examples.values() if breaks for gid in breaks}
    assert broken == set(_points(course_copy, chapter))


def test_tampered_and_deleted_test_cells_are_restored_and_reported(graded):
    _, submissions, grades = _results(graded, LA)
    assert grades["intake-tampered"].tests["naive_relu_tests"] == 0
    assert any("edited" in w and "naive_relu_tests" in w for w in submissions["intake-tampered"].warnings)
    assert grades["intake-deleted-test"].tests["naive_add_tests"] == 0
    assert any("deleted" in w and "naive_add_tests" in w for w in submissions["intake-deleted-test"].warnings)


def test_code_that_tampers_with_the_grader_is_flagged_for_review(graded):
    _, submissions, _ = _results(graded, LA)
    warnings = submissions["intake-spoofs-checks"].warnings
    assert any("REVIEW BY HAND" in w and "naive_relu" in w for w in warnings), warnings
    for name in ("reference", "blank", "mistake-relu_shortcut"):
        assert not any("REVIEW" in w for w in submissions[name].warnings), name


def test_a_cell_that_never_ends_costs_only_its_exercise(graded, course_copy):
    _, _, grades = _results(graded, LA)
    points = _points(course_copy, LA)
    grade = grades["intake-never-ends"]
    assert grade.tests["naive_relu_tests"] == 0
    assert grade.score == sum(points.values()) - points["naive_relu_tests"]


@pytest.mark.parametrize("case, phrase", [
    ("copied-cell", "more than once"),
    ("no-metadata", "no cell carries nbgrader metadata"),
    ("truncated", "not a notebook"),
])
def test_unusable_submissions_are_refused_with_a_reason_and_others_still_graded(graded, course_copy, case, phrase):
    _, submissions, grades = _results(graded, LA)
    sub = submissions[f"intake-{case}"]
    assert any(phrase in e for e in sub.errors), sub.errors
    assert f"intake-{case}" not in grades
    assert grades["reference"].score > 0
    assert sub.path.exists(), "the student's file is never removed"


def test_feedback_shows_results_but_no_hidden_test_code(graded, course_copy):
    paths = grading.feedback(course_copy, LA, ["mistake-relu_shortcut", "reference"])
    assert len(paths) == 2
    html = paths[0].read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in html and "autograder.checks" not in html
    assert "check_naive_relu" not in html
    assert "naive_relu has no loop" in html, "the hidden check's message reaches the student"


def test_exported_csv_has_one_row_per_graded_student(graded, course_copy, tmp_path):
    _, _, grades = _results(graded, LA)
    out = grading.export_csv(course_copy, LA, list(grades.values()), tmp_path / "grades.csv")
    rows = out.read_text(encoding="utf-8").strip().splitlines()
    assert rows[0].startswith("student,chapter,score,max_score,")
    assert len(rows) == 1 + len(grades)
    assert any(r.startswith("reference,01_linear_algebra,25.0,25.0") for r in rows)


def test_cli_reports_unknown_chapter(capsys):
    from autograder.__main__ import main

    with pytest.raises(SystemExit):
        main(["export", "99_nothing"])
    assert "unknown chapter" in capsys.readouterr().err


def test_submission_json_error_names_the_position(tmp_path, course_copy):
    (tmp_path / "bob.ipynb").write_text('{"cells": [}', encoding="utf-8")
    (sub,) = grading.collect(course_copy, LA, tmp_path)
    assert sub.errors and "not a notebook" in sub.errors[0], sub.errors
