"""Real nbgrader runs over the example submissions: scores, intake problems, feedback."""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder import grading
from conftest import CHAPTERS, LA, grade_cells

pytestmark = pytest.mark.slow


def _points(course, chapter):
    nb = nbformat.read(grading.chapter_notebook(course, chapter), as_version=4)
    return {gid: float(c.metadata.nbgrader.points) for gid, c in grade_cells(nb).items()}


def _results(graded, chapter):
    if isinstance(graded[chapter], BaseException):
        pytest.skip(str(graded[chapter]))
    return graded[chapter]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_example_scores_exactly_as_designed(graded, course_copy, chapter):
    examples, _, grades = _results(graded, chapter)
    points = _points(course_copy, chapter)
    for name, (_, breaks) in examples.items():
        grade = grades[name]
        assert not grade.problems and grade.status == "graded", f"{name}: {grade.problems} {grade.warnings}"
        assert not grade.warnings, f"{name}: an untouched released notebook draws no intake warning: {grade.warnings}"
        broken = set(points) if breaks is None else set(breaks)
        expected = {gid: (0.0 if gid in broken else p) for gid, p in points.items()}
        assert grade.tests == expected, f"{chapter}/{name}: got {grade.tests}, expected {expected}"
        assert grade.max_score == sum(points.values())
    assert grades["reference"].score == sum(points.values())
    assert grades["blank"].score == 0


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_exercise_has_a_mistake_that_breaks_it(chapter, course_copy):
    from autograder.examples import mistakes_for

    broken = {gid for m in mistakes_for(chapter) for gid in m.breaks}
    assert broken == set(_points(course_copy, chapter))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_alternative_correct_answers_keep_full_marks(graded, course_copy, chapter):
    from autograder.examples import alternatives_for

    _, alternatives, grades = _results(graded, chapter)
    points = _points(course_copy, chapter)
    answer_cells = {gid.removesuffix("_tests") for gid in points}
    styles: dict[str, set[str]] = {}
    for alternative in alternatives_for(chapter):
        styles.setdefault(alternative.cell, set()).add(alternative.style)
    thin = {cell: len(styles.get(cell, ())) for cell in answer_cells if len(styles.get(cell, ())) < 3}
    assert not thin, f"exercises with fewer than three alternative answers: {thin}"
    lost = {name: {gid: s for gid, s in grades[name].tests.items() if s < points[gid]}
            for name in alternatives if grades[name].score < sum(points.values())}
    assert not lost, f"correct answers lost points: {lost}"
    assert all(grades[name].status == "graded" for name in alternatives), \
        {n: grades[n].warnings for n in alternatives if grades[n].status != "graded"}


def test_no_attack_turns_a_wrong_answer_into_points_unnoticed(graded, course_copy):
    from autograder.examples.adversarial import ATTACKS

    _, _, grades = _results(graded, LA)
    points = _points(course_copy, LA)
    assert len(ATTACKS) >= 15
    wrong = []
    for attack in ATTACKS:
        grade = grades[f"attack-{attack.name}"]
        lost = not grade.graded or grade.tests.get("naive_relu_tests") == 0
        flagged = "review by hand" in grade.status
        others = {gid: s for gid, s in grade.tests.items() if gid != "naive_relu_tests" and s != points[gid]}
        if not grade.graded:  # its kernel broke down: no exercise scores, and the run says why
            others = {} if grade.problems else {"?": "not graded without a reason"}
        if not (lost or flagged):
            wrong.append(f"{attack.name}: the wrong answer kept its points without a flag")
        if (lost, flagged) != (attack.loses, attack.flagged):
            wrong.append(f"{attack.name}: lost {lost}, flagged {flagged}; expected {attack.loses}, {attack.flagged}: "
                         f"{grade.warnings}")
        if attack.contained and others:
            wrong.append(f"{attack.name} changed the scores of other exercises: {others}")
    assert not wrong, "\n".join(wrong)
    assert grades["reference"].score == sum(points.values()), "other students in the same run are unaffected"


def test_ending_the_kernel_or_killing_the_grader_costs_only_that_submission(graded, course_copy):
    _, _, grades = _results(graded, LA)
    for name, says in (("attack-exit_kernel", "the kernel died"), ("attack-kill_grader", "the grading process died")):
        grade = grades[name]
        assert grade.status == "not graded, review by hand", (name, grade.status)
        assert any(says in p for p in grade.problems), (name, grade.problems)
    full = sum(_points(course_copy, LA).values())
    intact = [n for n in ("reference", "mistakes-1", "intake-copied-cell") if grades[n].graded]
    assert len(intact) == 3 and grades["reference"].score == full, "the others in the same run are graded as usual"


def test_tampered_and_deleted_test_cells_are_restored_and_reported(graded):
    _, _, grades = _results(graded, LA)
    assert grades["intake-tampered"].tests["naive_relu_tests"] == 0
    assert any("edited" in w and "naive_relu_tests" in w for w in grades["intake-tampered"].warnings)
    assert grades["intake-deleted-test"].tests["naive_add_tests"] == 0
    assert any("deleted" in w and "naive_add_tests" in w for w in grades["intake-deleted-test"].warnings)


def test_code_that_tampers_with_the_grader_is_flagged_for_review(graded):
    _, _, grades = _results(graded, LA)
    grade = grades["intake-spoofs-checks"]
    assert grade.status == "review by hand"
    assert any("REVIEW BY HAND" in w and "naive_relu" in w and "sys.modules" in w for w in grade.warnings), grade.warnings
    assert grade.tests["naive_relu_tests"] == 0, "a spoofed check module in the kernel gains nothing"
    for name in ("reference", "blank", "mistakes-1"):
        assert grades[name].status == "graded", (name, grades[name].warnings)


def test_a_cell_that_never_ends_costs_only_its_exercise(graded, course_copy):
    _, _, grades = _results(graded, LA)
    points = _points(course_copy, LA)
    grade = grades["intake-never-ends"]
    assert grade.tests["naive_relu_tests"] == 0
    assert grade.score == sum(points.values()) - points["naive_relu_tests"]


def test_unusable_submissions_are_refused_with_a_reason_and_others_still_graded(graded, course_copy):
    _, _, grades = _results(graded, LA)
    grade = grades["intake-truncated"]
    assert grade.status == "not graded"
    assert any("not a notebook" in p for p in grade.problems), grade.problems
    assert grades["reference"].score > 0


@pytest.mark.parametrize("case, phrase", [("copied-cell", "cop"), ("no-metadata", "metadata")])
def test_re_created_submissions_are_rebuilt_and_graded_with_the_repairs_reported(graded, case, phrase):
    _, _, grades = _results(graded, LA)
    grade = grades[f"intake-{case}"]
    assert grade.status == "graded" and grade.score == 25.0, (grade.problems, grade.warnings)
    repairs = [w for w in grade.warnings if w.startswith("rebuilt on the released notebook")]
    assert repairs and any(phrase in w for w in repairs), grade.warnings


def test_feedback_shows_results_but_no_hidden_test_code(graded, course_copy):
    _results(graded, LA)  # feedback is made from the autograded notebooks
    paths = grading.feedback(course_copy, LA, ["attack-read_seed", "reference"])
    assert len(paths) == 2
    html = paths[0].read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in html and "autograder.checks" not in html
    assert "record(" not in html and "vnd.dlcourse" not in html
    # Which case fails first depends on the grading seed (the wrong answer skips columns past the
    # third, so a (1, 4) input may or may not catch it); the message names the case either way.
    assert re.search(r"naive_relu\(x\) with x of shape \(\d+, \d+\): \d+ of \d+ entries are wrong", html), \
        "the judge's message reaches the student"
    assert ">Test cell</a>" not in html and '<a href="#naive_relu_tests">naive_relu</a>' in html


def test_exported_csv_has_one_row_per_submission_with_status(graded, course_copy, tmp_path):
    _, _, grades = _results(graded, LA)
    out = grading.export_csv(course_copy, LA, list(grades.values()), tmp_path / "grades.csv")
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(grades)
    by_student = {r["student"]: r for r in rows}
    assert by_student["reference"]["status"] == "graded" and float(by_student["reference"]["score"]) == 25.0
    assert by_student["intake-truncated"]["status"] == "not graded"
    assert "not a notebook" in by_student["intake-truncated"]["problems"]
    assert by_student["intake-spoofs-checks"]["status"] == "review by hand"
    assert "sys.modules" in by_student["intake-spoofs-checks"]["problems"]


def test_cli_reports_unknown_chapter(capsys):
    from autograder.__main__ import main

    with pytest.raises(SystemExit):
        main(["export", "99_nothing"])
    assert "unknown chapter" in capsys.readouterr().err


def test_submission_json_error_names_the_position(tmp_path, course_copy):
    (tmp_path / "bob.ipynb").write_text('{"cells": [}', encoding="utf-8")
    (sub,) = grading.collect(course_copy, LA, tmp_path)
    assert sub.errors and "not a notebook" in sub.errors[0], sub.errors


def test_a_fresh_clone_grades_exactly_the_inbox_and_a_bad_resubmission_withdraws_the_old_one(tmp_path):
    """No release needed first; a run grades only its inbox; a broken resubmission leaves no stale grade."""
    from autograder.examples import build_submission, reference_answers
    from conftest import copy_course

    root = copy_course(tmp_path / "course")
    assert not (root / "autograder" / "gradebook.db").exists()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    reference = build_submission(LA, reference_answers(LA, root), root)
    nbformat.write(reference, first / "ann.ipynb")
    (grade,) = grading.grade_inbox(root, LA, first)
    assert (grade.student, grade.status, grade.score) == ("ann", "graded", 25.0), grade
    text = nbformat.writes(reference)
    (second / "ann.ipynb").write_text(text[: len(text) // 3], encoding="utf-8")
    nbformat.write(build_submission(LA, {}, root), second / "bob.ipynb")
    grades = {g.student: g for g in grading.grade_inbox(root, LA, second)}
    assert set(grades) == {"ann", "bob"}, "exactly the inbox"
    assert grades["ann"].status == "not graded"
    assert any("withdrawn" in p for p in grades["ann"].problems), grades["ann"].problems
    assert grades["bob"].score == 0 and grades["bob"].status == "graded"
    assert grading.submitted_students(root, LA) == ["bob"]
    failures: list[str] = []
    paths = grading.feedback(root, LA, ["ann", "bob"], failures=failures)
    assert [p.parts[-3] for p in paths] == ["bob"], "one student without feedback does not stop the others"
    assert len(failures) == 1 and failures[0].startswith("ann: no feedback"), failures


def test_a_regrade_that_fails_leaves_no_earlier_score_standing(tmp_path):
    from autograder.examples import build_submission, reference_answers
    from autograder.parallel import record_result
    from conftest import copy_course

    root = copy_course(tmp_path / "course")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    nbformat.write(build_submission(LA, reference_answers(LA, root), root), inbox / "ann.ipynb")
    (grade,) = grading.grade_inbox(root, LA, inbox)
    assert grade.score == 25.0
    name = grading.chapter_notebook(root, LA).name
    with grading.grading_environment(root):  # what a worker reports when nbgrader failed on the resubmission
        record_result(root, LA, name, {"student": "ann", "notebook": None, "failure": "autograding failed: x",
                                       "seconds": 0.0})
    grade = grading.grade_of(root, LA, "ann", ["autograding failed: x"])
    assert (grade.graded, grade.status, grade.score) == (False, "not graded", 0.0), grade


def test_the_fingerprint_covers_the_gradebook_and_intake_records(tmp_path):
    for name in ("autograder/gradebook.db", "autograder/intake/01/ann.json", "autograder/checks/x.py", "helpers/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"0")
    before = grading._grader_fingerprint(tmp_path)
    for name in ("autograder/gradebook.db", "autograder/intake/01/ann.json", "autograder/checks/x.py", "helpers/x.txt"):
        (tmp_path / name).write_bytes(b"1")
        after = grading._grader_fingerprint(tmp_path)
        assert after != before, f"a change to {name} goes unnoticed"
        before = after
    (tmp_path / "autograder/autograded/ann").mkdir(parents=True)
    (tmp_path / "autograder/autograded/ann/nb.ipynb").write_text("{}")
    assert grading._grader_fingerprint(tmp_path) == before, "graded notebooks are the grader's output, not its files"


#: A kernel that rewrites every gradebook it can find in the grading folders around it: the test
#: cells of ``naive_relu`` lose their hidden checks (a wrong answer would pass), and ``naive_add``'s
#: test always fails (a right answer would lose). nbgrader restores test cells from a gradebook.
REWRITES_GRADEBOOKS = """
import pathlib, sqlite3, tempfile
def _rewrite(db):
    con = sqlite3.connect(str(db))
    source = con.execute("select source from source_cell where name = 'naive_relu_tests'").fetchone()[0]
    con.execute("update source_cell set source = ? where name = 'naive_relu_tests'",
                (source.split("### BEGIN HIDDEN")[0] + "print('ok')\\n",))
    con.execute("update source_cell set source = 'assert 1 == 2' where name = 'naive_add_tests'")
    con.commit()
    con.close()
_places = [*pathlib.Path.cwd().resolve().parents, pathlib.Path(tempfile.gettempdir())]
for _place in _places:
    for _db in [*_place.glob("grading-*/autograder/grade" + "book.db"), *_place.glob("grading-*/*/autograder/grade" + "book.db")]:
        try:
            _rewrite(_db)
        except Exception:
            pass
"""


def test_a_kernel_cannot_change_how_later_submissions_are_graded(tmp_path, monkeypatch):
    from autograder.examples import build_submission, reference_answers
    from autograder.examples.adversarial import WRONG_RELU
    from autograder.parallel import graded_copy_problem
    from conftest import copy_course

    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the grading folders of this test only
    monkeypatch.setattr("tempfile.tempdir", None)
    root = copy_course(tmp_path / "course")
    reference = reference_answers(LA, root)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for student, answers in {"a_rewriter": {**reference, "naive_add": reference["naive_add"] + REWRITES_GRADEBOOKS},
                             "b_wrong_relu": {**reference, "naive_relu": WRONG_RELU},
                             "c_right": reference}.items():
        nbformat.write(build_submission(LA, answers, root), inbox / f"{student}.ipynb")
    grades = {g.student: g for g in grading.grade_inbox(root, LA, inbox, jobs=1)}  # one worker, one after another
    assert grades["c_right"].score == 25.0 and grades["c_right"].status == "graded", grades["c_right"]
    assert grades["b_wrong_relu"].tests["naive_relu_tests"] == 0.0, grades["b_wrong_relu"]
    assert grades["b_wrong_relu"].tests["naive_add_tests"] == 2.0, grades["b_wrong_relu"]

    # An edit that lands in a course while its notebook runs is caught against the real gradebook.
    name = grading.chapter_notebook(root, LA).name
    text = (root / "autograder" / "autograded" / "c_right" / LA / name).read_text(encoding="utf-8")
    result = {"student": "c_right", "notebook": text, "failure": None, "seconds": 0.0}
    assert graded_copy_problem(root, LA, name, result) is None
    for cell_id, edit in [("naive_relu_tests", lambda s: s.split("### BEGIN HIDDEN")[0]),
                          ("naive_add", lambda s: s.replace("return", "return 0 *", 1))]:
        nb = nbformat.reads(text, as_version=4)
        (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == cell_id]
        cell.source = edit(cell.source)
        problem = graded_copy_problem(root, LA, name, {**result, "notebook": nbformat.writes(nb)})
        assert problem and cell_id in problem and "REVIEW BY HAND" in problem, problem


def test_the_fingerprint_covers_the_python_environment(tmp_path, monkeypatch):
    import importlib
    import sys

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "loaded_by_the_grader.py").write_text("VALUE = 1\n")
    importlib.import_module("loaded_by_the_grader")
    monkeypatch.delitem(sys.modules, "loaded_by_the_grader")  # removed again at the end
    sys.modules["loaded_by_the_grader"] = importlib.import_module("loaded_by_the_grader")
    files = grading._python_files()
    root = tmp_path / "course"
    (root / "autograder").mkdir(parents=True)
    before = grading._grader_fingerprint(root, files)
    assert grading._grader_fingerprint(root, files) == before
    (tmp_path / "zz_injected.pth").write_text("import os\n")
    assert grading._grader_fingerprint(root, files) != before, "a new .pth file in a folder on sys.path goes unnoticed"
    (tmp_path / "zz_injected.pth").unlink()
    before = grading._grader_fingerprint(root, files)
    (tmp_path / "loaded_by_the_grader.py").write_text("VALUE = 2\n")
    assert grading._grader_fingerprint(root, files) != before, "an edited module that the grader loaded goes unnoticed"


def test_cli_autograde_explains_a_missing_inbox(capsys, tmp_path):
    from autograder.__main__ import main

    with pytest.raises(SystemExit):
        main(["autograde", LA, "--from", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert "no such folder" in err and "Traceback" not in err


def test_nbgraders_own_error_line_is_shown():
    result = {"success": False, "log": "[AutogradeApp | ERROR] No assignment with ID 'x' exists in the database\n"
                                          "[AutogradeApp | ERROR] Please see the above traceback"}
    assert "No assignment with ID 'x'" in grading._summarize_failure(result)


def test_a_kernel_that_kills_its_worker_leaves_no_temporary_course_behind(tmp_path, monkeypatch):
    """The killed worker cannot remove its courses; the instructor's process removes their folder."""
    from conftest import attack_submission, copy_course

    root = copy_course(tmp_path / "course")
    inbox, scratch = tmp_path / "inbox", tmp_path / "tmp"
    inbox.mkdir()
    scratch.mkdir()
    nbformat.write(attack_submission("kill_grader", root), inbox / "mallory.ipynb")
    monkeypatch.setenv("TMPDIR", str(scratch))  # the workers' (and this process's) temporary folder
    monkeypatch.setattr("tempfile.tempdir", None)
    (grade,) = grading.grade_inbox(root, LA, inbox, cell_timeout=10)
    assert grade.status.startswith("not graded") and "died" in grade.problems[0], grade
    assert not list(scratch.glob("grading-*")), f"left behind: {sorted(p.name for p in scratch.iterdir())}"


def test_a_kernel_that_dies_while_starting_is_started_again(tmp_path, monkeypatch):
    """Two kernels started at once can be given the same port; the one that cannot start ran no
    student code, so the submission is graded again instead of being reported as a dead kernel."""
    import json
    import sys

    from autograder.examples import build_submission, reference_answers
    from autograder.judge import grading_secret
    from autograder.parallel import execute_submission
    from conftest import copy_course

    root = copy_course(tmp_path / "course")
    grading.release(root, LA)
    # A python3 kernel that fails to start the first time (as on a taken port), then starts normally.
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    marker = tmp_path / "started-once"
    launcher = (f"import os, pathlib, sys\nmarker = pathlib.Path({str(marker)!r})\n"
                "if not marker.exists():\n    marker.touch()\n    sys.exit(1)\n"
                "os.execv(sys.executable, [sys.executable, '-m', 'ipykernel_launcher', '-f', sys.argv[1]])\n")
    (spec / "kernel.json").write_text(json.dumps({"argv": [sys.executable, "-c", launcher, "{connection_file}"],
                                                  "display_name": "Python 3", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    notebook = nbformat.writes(build_submission(LA, reference_answers(LA, root), root))
    name = grading.chapter_notebook(root, LA).name
    result = execute_submission(str(root), LA, "ann", name, notebook, grading_secret(root / "autograder"), 10,
                                scratch=str(tmp_path))
    assert marker.exists(), "the first start was not tried"
    assert result["failure"] is None and result["notebook"], result["failure"]
