"""Run All reaches the end of every student notebook, grading is unchanged, and the progress summary.

The release adds ``raises-exception`` to every test cell and a locked progress cell at the end
(``autograder/release_extras.py``). nbclient with ``allow_errors=False`` stops at the first failing
cell *unless* it carries that tag, exactly as JupyterLab's Run All does (``tests/test_browser.py``
checks the real thing): so executing a blank student notebook that way, to the end, proves that
Run All reaches the last cell whatever is answered; nbgrader's own scoring of the same executed
cells proves that every unanswered exercise still scores 0. Where the browser test can run, it
does that Run All in JupyterLab with the same checks of the summary, and this one steps aside.
"""

from __future__ import annotations

import json
import os
import sys
import types

import nbformat
import pytest
from autograder.awake import awake_notebook_client
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import CHAPTERS, REPO, errors, grade_cells, require_mnist_for, why_no_browser

from autograder.release_extras import (
    PROGRESS_ID, RAISES_EXCEPTION, StudentExtras, add_student_extras, progress_cells,
)
from helpers.checking import progress
from helpers.checking.progress import (
    FAILS, NOT_ANSWERED, NOT_FOUND, NOT_RUN, PASSES, UNDER_NBGRADER, find_notebook, format_report,
    progress_report, visible_test_cells,
)

# --- a small notebook in the course's shape ---------------------------------------------------------


def _nbgrader(grade_id: str, **flags: object) -> dict:
    return {"nbgrader": {"grade_id": grade_id, "schema_version": 3, "grade": False, "solution": False,
                         "locked": False, **flags}}


def toy_notebook() -> nbformat.NotebookNode:
    """Two exercises, as a released chapter has them: answer cell, then locked test cell."""
    cells = [
        new_markdown_cell("# Toy chapter"),
        new_code_cell("import numpy as np\nrng = np.random.default_rng(0)\nx = 'the student x'"),
        new_code_cell("def double(v):\n    # YOUR CODE HERE\n    raise NotImplementedError("
                      "'double is not answered yet: replace these two lines')",
                      metadata=_nbgrader("double", solution=True)),
        new_code_cell("x = double(2)\nrng.random()\n"
                      "assert x == 4, f'double(2) returned {x!r}, expected 4\\n(second line)'\n"
                      "### BEGIN HIDDEN TESTS\nraise RuntimeError('a hidden test ran')\n### END HIDDEN TESTS\n"
                      "print('double: visible tests passed')",
                      metadata=_nbgrader("double_tests", grade=True, locked=True, points=2)),
        new_markdown_cell("Some text", metadata=_nbgrader("notes", grade=True, locked=True, points=1)),
        new_code_cell("def half(v):\n    return v / 2", metadata=_nbgrader("half", solution=True)),
        new_code_cell("assert half(3) == 1.5\nprint('half: visible tests passed')",
                      metadata=_nbgrader("half_tests", grade=True, locked=True, points=3)),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                              "language": "python"}})


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


# --- the release preprocessor ---------------------------------------------------------------------


def test_release_tags_every_test_cell_and_appends_a_locked_progress_cell():
    nb = add_student_extras(toy_notebook())
    tagged = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if RAISES_EXCEPTION in _tags(c)]
    assert tagged == ["double_tests", "half_tests"], "only graded code cells (not answers, not markdown)"
    heading, code = nb.cells[-2:]
    assert heading.cell_type == "markdown" and heading.source.startswith("## Your progress")
    assert code.cell_type == "code" and "helpers.checking.progress()" in code.source
    assert code.metadata["nbgrader"] == {"cell_type": "code", "grade": False, "grade_id": PROGRESS_ID, "locked": True,
                                         "schema_version": 3, "solution": False, "task": False}
    assert RAISES_EXCEPTION not in _tags(code)
    again = add_student_extras(nb)
    assert len(again.cells) == len(toy_notebook().cells) + 2, "idempotent"
    assert all(_tags(c).count(RAISES_EXCEPTION) <= 1 for c in again.cells)
    nbformat.validate(again)


def test_release_refuses_a_source_that_already_uses_the_progress_ids():
    nb = toy_notebook()
    nb.cells.append(new_code_cell("pass"))
    nb.cells[-1]["id"] = progress_cells()[1]["id"]
    with pytest.raises(ValueError, match="already has a cell"):
        add_student_extras(nb)


def test_the_release_pipeline_runs_the_extras_before_locking_checksums_and_saving():
    from nbgrader.preprocessors import ComputeChecksums, LockCells, SaveCells

    from autograder.config import course_config

    steps = list(course_config().GenerateAssignment.preprocessors)
    assert steps.index(StudentExtras) < min(steps.index(LockCells), steps.index(ComputeChecksums),
                                            steps.index(SaveCells))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_released_notebook_has_the_extras(chapter):
    """The committed student notebook went through the release (else: python -m autograder release)."""
    (path,) = (REPO / "notebooks" / chapter).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    tests = grade_cells(nb)
    untagged = [gid for gid, c in tests.items() if c.cell_type == "code" and RAISES_EXCEPTION not in _tags(c)]
    assert not untagged, f"{chapter}: test cells without {RAISES_EXCEPTION}: {untagged} (run autograder release)"
    others = [i for i, c in enumerate(nb.cells) if RAISES_EXCEPTION in _tags(c) and c not in tests.values()]
    assert not others, f"{chapter}: cells other than tests tagged {RAISES_EXCEPTION}: {others}"
    last = nb.cells[-1]
    assert last.metadata.get("nbgrader", {}).get("grade_id") == PROGRESS_ID and last.metadata["nbgrader"]["locked"]
    assert last.metadata.get("editable") is False and last.metadata.get("deletable") is False


# --- Run All in a front end, and grading ----------------------------------------------------------


def _run_all(nb: nbformat.NotebookNode, cwd, **env: str) -> nbformat.NotebookNode:
    """Execute like a front end's Run All: stop at the first error, unless the cell is tagged raises-exception."""
    saved = dict(os.environ)
    os.environ.pop("PYTHONPATH", None)
    os.environ.pop("DLCOURSE_CHECK_SEED", None)
    os.environ.update({"COURSE_FAST_MODE": "1", **env})
    try:
        awake_notebook_client()(nb, timeout=300, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb


@pytest.mark.slow
def test_nbclient_stops_at_an_untagged_error_and_goes_on_past_a_tagged_one(tmp_path):
    def notebook(tags: list[str]) -> nbformat.NotebookNode:
        return new_notebook(cells=[new_code_cell("a = 1"), new_code_cell("raise NotImplementedError('stub')",
                                                                          metadata={"tags": tags}),
                                   new_code_cell("print('reached the end')")])

    with pytest.raises(CellExecutionError):
        _run_all(notebook([]), tmp_path)
    nb = _run_all(notebook([RAISES_EXCEPTION]), tmp_path)
    assert errors(nb.cells[1]) and nb.cells[2].outputs[0].text == "reached the end\n"


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_run_all_reaches_the_end_of_the_blank_notebook_and_every_exercise_still_scores_0(chapter):
    from nbgrader.utils import determine_grade

    require_mnist_for(chapter)
    if why_no_browser() is None:
        # The same Run All of the same blank notebook, with the same checks of the summary, runs in
        # JupyterLab in tests/test_browser.py (and nbgrader scores the blank notebook 0 on every
        # exercise in test_autograde.py): running it here too would only repeat it.
        pytest.skip("tests/test_browser.py runs this notebook's Run All in JupyterLab and checks its summary")
    (path,) = (REPO / "notebooks" / chapter).glob("*.ipynb")
    # JupyterLab's server tells the kernel which notebook it runs: so does this test.
    nb = _run_all(nbformat.read(path, as_version=4), path.parent, JPY_SESSION_NAME=str(path))
    last = nb.cells[-1]
    assert last.metadata["nbgrader"]["grade_id"] == PROGRESS_ID and last.execution_count, "Run All stopped early"
    summary = "".join(o.get("text", "") for o in last.outputs)
    lines = {line.split()[1]: line for line in summary.splitlines() if line.startswith("  ") and len(line.split()) > 1}
    exercises = list(dict.fromkeys(c.exercise for c in visible_test_cells(json.loads(path.read_text("utf-8")))))
    assert set(exercises) <= set(lines), f"the summary misses {set(exercises) - set(lines)}:\n{summary}"
    assert all("not answered" in lines[name] for name in exercises), summary
    assert f"pass for 0 of {len(exercises)} exercises" in summary, summary
    # Grading reads no tag: nbgrader's own scoring of these executed test cells gives 0 each.
    for gid, cell in grade_cells(nb).items():
        if cell.cell_type == "code":
            assert errors(cell), f"{gid} passed on the blank notebook"
            score, max_score = determine_grade(cell)
            assert (score, max_score) == (0, cell.metadata.nbgrader.points), gid


# --- the summary ------------------------------------------------------------------------------------


def _namespace(double_source: str | None = None) -> dict:
    import numpy as np

    ns: dict = {"np": np, "rng": np.random.default_rng(0), "x": "the student x"}
    if double_source:
        exec(double_source, ns)  # noqa: S102 - the student's answer
    exec("def half(v):\n    return v / 2", ns)  # noqa: S102
    return ns


def test_test_cells_name_exercises_and_drop_hidden_tests():
    cells = visible_test_cells(json.loads(nbformat.writes(toy_notebook())))
    assert [(c.exercise, c.grade_id, c.points) for c in cells] == [("double", "double_tests", 2.0),
                                                                   ("half", "half_tests", 3.0)]
    assert "hidden" not in cells[0].source and "print('double" in cells[0].source


def test_test_cells_without_nbgrader_metadata_are_found_by_their_last_print():
    nb = toy_notebook()
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    cells = visible_test_cells(json.loads(nbformat.writes(nb)))
    assert [(c.exercise, c.points) for c in cells] == [("double", None), ("half", None)]


@pytest.mark.parametrize(("answer", "state", "message"), [
    (None, NOT_RUN, "NameError: name 'double' is not defined"),
    ("def double(v):\n    raise NotImplementedError('double is not answered yet')", NOT_ANSWERED, ""),
    ("def double(v):\n    raise NotImplementedError('half is not answered yet')", FAILS,
     "it calls half, which is not answered yet"),
    ("def double(v):\n    return v + 1", FAILS, "AssertionError: double(2) returned 3, expected 4"),
    ("def double(v):\n    return undefined_name", FAILS, "NameError: name 'undefined_name' is not defined"),
    ("def double(v):\n    return v * 2", PASSES, ""),
])
def test_each_state_with_the_first_line_of_the_message(answer, state, message):
    ns = _namespace(answer)
    states = progress_report(json.loads(nbformat.writes(toy_notebook())), ns)
    assert [(s.exercise, s.points) for s in states] == [("double", 2.0), ("half", 3.0)]
    assert states[0].state == state and states[0].message.startswith(message), states[0]
    assert "second line" not in states[0].message
    assert states[1].state == PASSES


def test_the_tests_run_in_a_copy_of_the_namespace():
    ns = _namespace("def double(v):\n    return v * 2")
    draw = ns["rng"].bit_generator.state
    progress_report(json.loads(nbformat.writes(toy_notebook())), ns)
    assert ns["x"] == "the student x", "a test cell's x = ... must not replace the student's x"
    assert ns["rng"].bit_generator.state == draw, "the student's generator must not advance"


def test_a_test_that_never_ends_is_reported_not_waited_for():
    nb = toy_notebook()
    nb.cells[3].source = "while True:\n    pass"
    (state, _) = progress_report(json.loads(nbformat.writes(nb)), _namespace(), timeout=0.5)
    assert state.state == FAILS and "did not finish" in state.message


def test_report_lists_every_exercise_with_points_and_a_total():
    states = progress_report(json.loads(nbformat.writes(toy_notebook())), _namespace("def double(v):\n    return 0"))
    text = format_report(states, "toy.ipynb")
    assert "Your progress in toy.ipynb" in text and "visible tests only" in text
    assert "✗ double" in text and "visible tests fail: AssertionError" in text and "✓ half" in text
    assert text.splitlines()[-1] == "Total: visible tests pass for 1 of 2 exercises (3 of 5 points); 1 fail."


def _write(tmp_path, name="toy.ipynb"):
    path = tmp_path / name
    nbformat.write(toy_notebook(), path)
    return path


def test_progress_finds_the_notebook_as_jupyterlab_says(tmp_path, monkeypatch, capsys):
    path = _write(tmp_path)
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    progress(namespace=_namespace("def double(v):\n    return v * 2"))
    out = capsys.readouterr().out
    assert "Your progress in toy.ipynb" in out and "pass for 2 of 2 exercises (5 of 5 points)." in out
    assert "visible tests passed" not in out, "the tests' own prints are not shown"


@pytest.mark.parametrize("key", ["__session__", "__vsc_ipynb_file__"])
def test_progress_finds_the_notebook_from_the_kernel_namespace(tmp_path, monkeypatch, key):
    path = _write(tmp_path)
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    notebook, source = find_notebook({key: str(path)}, {})
    assert source == "toy.ipynb" and len(notebook["cells"]) == len(toy_notebook().cells)


def test_progress_falls_back_on_the_notebook_in_the_kernels_folder(tmp_path, monkeypatch):
    _write(tmp_path)
    (tmp_path / "empty.ipynb").write_text(json.dumps(new_notebook()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    notebook, source = find_notebook({"__session__": str(tmp_path / "renamed since.ipynb")}, {})
    assert source == "toy.ipynb", "a stale name is skipped; a notebook without test cells does not count"


def test_progress_asks_colab_for_the_notebook(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    asked = []

    def blocking_request(kind, request="", timeout_sec=None):
        asked.append(kind)
        return {"ipynb": json.loads(nbformat.writes(toy_notebook()))}

    message = types.ModuleType("google.colab._message")
    message.blocking_request = blocking_request
    colab = types.ModuleType("google.colab")
    colab._message = message
    google = types.ModuleType("google")
    google.colab = colab
    for name, module in (("google", google), ("google.colab", colab), ("google.colab._message", message)):
        monkeypatch.setitem(sys.modules, name, module)
    progress(namespace=_namespace("def double(v):\n    return v * 2"))
    assert asked == ["get_ipynb"]
    assert "pass for 2 of 2 exercises" in capsys.readouterr().out


def test_progress_without_a_notebook_says_what_to_do_and_never_raises(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    progress(namespace={})
    out = capsys.readouterr().out
    assert out.strip() == NOT_FOUND.format(cwd=tmp_path).strip()
    assert "visible tests passed" in out and "Validate" in out
    progress(tmp_path / "missing.ipynb", namespace={})
    assert "is not a notebook with test cells" in capsys.readouterr().out


def test_progress_stays_out_of_nbgraders_way(tmp_path, monkeypatch, capsys):
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    progress(namespace=_namespace())
    assert capsys.readouterr().out.strip() == UNDER_NBGRADER
