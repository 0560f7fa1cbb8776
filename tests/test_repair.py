"""Re-created submissions (re-saved by Colab, VS Code or nbformat, cells copied, reordered, retyped)
are rebuilt on the released notebook instead of being rejected (autograder.repair).

Every case starts from the released chapter-1 notebook filled with the reference answers and
damages it the way an editor or a student does; no kernel runs.
"""

from __future__ import annotations

import copy
import uuid

import nbformat
import numpy as np
import pytest

from autograder.examples import build_submission, mistakes_for, reference_answers
from autograder.repair import Repair, repair_submission
from conftest import REPO

LA = "01_linear_algebra"
RELEASED = nbformat.read(REPO / "notebooks" / LA / "linear_algebra.ipynb", as_version=4)
REFERENCE = reference_answers(LA)
MISTAKE = {m.name: m for m in mistakes_for(LA)}


def _gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_answer(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def reference_submission() -> nbformat.NotebookNode:
    nb = build_submission(LA, REFERENCE)
    for cell in nb.cells:  # a run left outputs behind; re-saves must keep the answers' outputs
        if _is_answer(cell):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"ran {_gid(cell)}\n")]
            cell.execution_count = 1
    return nb


def index_of(nb, gid: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if _gid(c) == gid)


def number(nb, gid: str) -> int:
    """The cell's number as repair lines give it (counted from 1)."""
    return index_of(nb, gid) + 1


def roundtrip(nb) -> nbformat.NotebookNode:
    return nbformat.reads(nbformat.writes(nb), as_version=4)


def colab_resave(nb, *, keep_ids: bool = True) -> nbformat.NotebookNode:
    """What Colab writes: new random ids (in metadata.id too), no nbgrader metadata, outputs kept."""
    nb = copy.deepcopy(nb)
    nb.metadata = {"colab": {"provenance": [], "toc_visible": True}, "kernelspec": nb.metadata.kernelspec,
                   "language_info": {"name": "python"}}
    for cell in nb.cells:
        new = uuid.uuid4().hex[:12]
        cell.metadata = {"id": new}
        if cell.cell_type == "code":
            cell.metadata["colab"] = {"base_uri": "https://localhost:8080/", "height": 35}
            cell.metadata["outputId"] = uuid.uuid4().hex[:8]
        if keep_ids:
            cell.id = new
        else:
            del cell["id"]
    if not keep_ids:
        nb.nbformat_minor = 4
    return roundtrip(nb)


def vscode_resave(nb) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        cell.id = "X" + uuid.uuid4().hex[:10] + "sZmlsZQ"
        cell.metadata = {"vscode": {"languageId": "python" if cell.cell_type == "code" else "markdown"}}
    return roundtrip(nb)


def answers(nb) -> dict[str, str]:
    return {_gid(c): c.source for c in nb.cells if _is_answer(c)}


def locked(nb) -> list[tuple]:
    return [(c.id, c.cell_type, c.source, c.metadata) for c in nb.cells
            if c.get("metadata", {}).get("nbgrader") and not _is_answer(c)]


def check(result: Repair, expected: dict[str, str] | None = None, mentions: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """The rebuilt notebook is valid, has the expected answers, the released locked cells, and says what it did."""
    assert result.error is None, result.error
    nb = result.notebook
    assert nb is not None
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.nbformat_minor >= 5
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids)), "cell ids must be unique"
    gids = [_gid(c) for c in nb.cells if _gid(c)]
    assert gids == [_gid(c) for c in RELEASED.cells if _gid(c)], "graded cells once each, in the released order"
    assert answers(nb) == (REFERENCE if expected is None else expected)
    assert locked(nb) == locked(RELEASED)
    for cell in nb.cells:
        if _gid(cell):
            original = RELEASED.cells[index_of(RELEASED, _gid(cell))]
            assert (cell.id, cell.cell_type, cell.metadata) == (original.id, original.cell_type, original.metadata)
    text = "\n".join(result.repairs)
    for words in mentions:
        assert words in text, f"{words!r} not in the repairs:\n{text}"
    return nb


def extra_cells(nb) -> list[nbformat.NotebookNode]:
    released_ids = {c.id for c in RELEASED.cells}
    return [c for c in nb.cells if c.id not in released_ids]


# (a) an nbformat round trip that drops every cell's metadata (ids survive)
def test_round_trip_without_metadata():
    nb = roundtrip(reference_submission())
    for cell in nb.cells:
        cell.metadata = {}
    result = repair_submission(nb, RELEASED)
    rebuilt = check(result, mentions=("no cell carried its nbgrader metadata",
                                      f"answer cell naive_relu found by its cell id (cell {number(RELEASED, 'naive_relu')}), "
                                      "metadata restored"))
    assert len(rebuilt.cells) == len(RELEASED.cells) and not extra_cells(rebuilt)
    assert len([line for line in result.repairs if line.startswith("answer cell")]) == 12


# (b) a Colab re-save: new random ids, metadata.colab/id, no nbgrader metadata, outputs kept
@pytest.mark.parametrize("keep_ids", [True, False], ids=["random-ids", "no-ids-nbformat-4.4"])
def test_colab_resave(keep_ids):
    original = reference_submission()
    result = repair_submission(colab_resave(original, keep_ids=keep_ids), RELEASED)
    found = f"answer cell naive_relu found by the function it defines (cell {number(original, 'naive_relu')})"
    rebuilt = check(result, mentions=("no cell carried its nbgrader metadata",
                                      found + ", cell id and metadata restored"))
    assert [c.id for c in rebuilt.cells] == [c.id for c in RELEASED.cells]
    for cell in rebuilt.cells:
        if _is_answer(cell):
            assert [o.text for o in cell.outputs] == [f"ran {_gid(cell)}\n"]
            assert cell.execution_count == 1
    assert not any("locked cells" in line for line in result.repairs), "locked cells were found by content"


# (c) a VS Code re-save: new ids, metadata.vscode, no nbgrader metadata, one extra markdown cell
def test_vscode_resave_with_extra_markdown():
    nb = reference_submission()
    notes = nbformat.v4.new_markdown_cell("My notes: broadcasting repeats `y` along the rows.")
    nb.cells.insert(index_of(nb, "naive_add_matrix_and_vector"), notes)
    result = repair_submission(vscode_resave(nb), RELEASED)
    rebuilt = check(result, mentions=("found by the function it defines", "cell id and metadata restored",
                                      f"1 extra cell kept (cell {nb.cells.index(notes) + 1})"))
    (extra,) = extra_cells(rebuilt)
    assert extra.cell_type == "markdown" and extra.source == notes.source
    assert "nbgrader" not in extra.metadata
    position = rebuilt.cells.index(extra)
    assert _gid(rebuilt.cells[position + 1]) == "naive_add_matrix_and_vector"


# (d) answer cells reordered (metadata intact)
def test_answer_cells_reordered():
    nb = reference_submission()
    cell = nb.cells.pop(index_of(nb, "naive_add"))
    nb.cells.insert(index_of(nb, "naive_relu"), cell)      # naive_add now above naive_relu
    cell = nb.cells.pop(index_of(nb, "p_norm"))
    nb.cells.append(cell)                                   # p_norm moved to the end
    result = repair_submission(roundtrip(nb), RELEASED)
    rebuilt = check(result, mentions=("answer cell p_norm found by its nbgrader metadata", "moved back to its place"))
    assert sum("moved back to its place" in line for line in result.repairs) == 2
    assert len(rebuilt.cells) == len(RELEASED.cells)


# (e) an answer cell copied; the later copy is the real answer
def test_answer_cell_copied_later_copy_wins():
    nb = build_submission(LA, {**REFERENCE, "naive_relu": MISTAKE["relu_shortcut"].code.strip("\n")})
    index = index_of(nb, "naive_relu")
    copied = copy.deepcopy(nb.cells[index])             # Jupyter copies metadata, gives a new id
    copied.id = "a1b2c3d4-copy"
    copied.source = REFERENCE["naive_relu"]
    nb.cells.insert(index + 1, copied)
    result = repair_submission(roundtrip(nb), RELEASED)
    first, second = index + 1, index + 2
    rebuilt = check(result, mentions=(f"answer cell naive_relu found by its nbgrader metadata (cell {second})",
                                      f"2 cells carry it (cells {first} and {second}, copied cells); cell {second} "
                                      "is used", f"1 earlier version of an answer kept (cell {first})"))
    (earlier,) = extra_cells(rebuilt)                    # the first attempt, kept above, without metadata
    assert earlier.source == MISTAKE["relu_shortcut"].code.strip("\n") and "nbgrader" not in earlier.metadata
    assert _gid(rebuilt.cells[rebuilt.cells.index(earlier) + 1]) == "naive_relu"


def test_identical_copy_of_an_answer_cell_is_dropped():
    nb = reference_submission()
    index = index_of(nb, "naive_relu")
    nb.cells.insert(index, copy.deepcopy(nb.cells[index]))
    nb.cells[index].id = "copied-cell"
    result = repair_submission(roundtrip(nb), RELEASED)
    rebuilt = check(result, mentions=("1 identical copy of a cell dropped",))
    assert not extra_cells(rebuilt)


def test_copied_answer_cell_in_colab_last_definition_wins():
    nb = build_submission(LA, {**REFERENCE, "p_norm": MISTAKE["p_norm_forgets_root"].code.strip("\n")})
    nb.cells.append(nbformat.v4.new_code_cell(REFERENCE["p_norm"]))
    result = repair_submission(colab_resave(nb), RELEASED)
    first, last = number(nb, "p_norm"), len(nb.cells)
    rebuilt = check(result, mentions=(f"p_norm() is defined in cells {first} and {last}; the last one is used",
                                      f"1 earlier version of an answer kept (cell {first})"))
    (earlier,) = extra_cells(rebuilt)  # the superseded version runs before the answer, never after its tests
    assert earlier.source == MISTAKE["p_norm_forgets_root"].code.strip("\n")
    assert _gid(rebuilt.cells[rebuilt.cells.index(earlier) + 1]) == "p_norm"


# (f) an answer cell changed to markdown
def test_answer_cell_turned_into_markdown_colab():
    nb = reference_submission()
    index = index_of(nb, "naive_add")
    nb.cells[index] = nbformat.v4.new_markdown_cell(nb.cells[index].source)
    result = repair_submission(colab_resave(nb), RELEASED)
    rebuilt = check(result, mentions=(f"answer cell naive_add found by the function it defines (cell {index + 1}), "
                                      "turned back from markdown into code",))
    assert rebuilt.cells[index_of(rebuilt, "naive_add")].cell_type == "code"


def test_answer_cell_turned_into_markdown_with_metadata():
    nb = reference_submission()
    index = index_of(nb, "naive_vector_dot")
    cell = nbformat.v4.new_markdown_cell("```python\n" + nb.cells[index].source + "\n```", id=nb.cells[index].id)
    cell.metadata = copy.deepcopy(nb.cells[index].metadata)
    nb.cells[index] = cell
    check(repair_submission(roundtrip(nb), RELEASED),
          mentions=(f"answer cell naive_vector_dot found by its nbgrader metadata (cell {index + 1}), "
                    "turned back from markdown into code",))


# (g) an extra helper cell the answer uses
def test_extra_helper_cell_used_by_an_answer():
    helper = ("def _require_2d(x):\n    if x.ndim != 2:\n        raise ValueError(f'expected a 2-D array, got {x.shape}')\n")
    relu = REFERENCE["naive_relu"].replace('    result = x.copy()', '    _require_2d(x)\n    result = x.copy()')
    nb = build_submission(LA, {**REFERENCE, "naive_relu": relu})
    helper_cell = nbformat.v4.new_code_cell(helper)
    nb.cells.insert(index_of(nb, "naive_relu") - 1, helper_cell)          # above the exercise's text
    nb.cells.insert(3, nbformat.v4.new_code_cell("import math"))          # an import at the top
    result = repair_submission(colab_resave(nb), RELEASED)
    rebuilt = check(result, {**REFERENCE, "naive_relu": relu},
                    mentions=(f"2 extra cells kept (cells 4 and {nb.cells.index(helper_cell) + 1})",))
    extras = extra_cells(rebuilt)
    assert [c.source for c in extras] == ["import math", helper]
    assert all("nbgrader" not in c.metadata for c in extras)
    relu_at = index_of(rebuilt, "naive_relu")
    assert rebuilt.cells[relu_at - 2: relu_at] == extras  # in their order, right before the answer they preceded
    namespace = {"np": np}                                  # and the answer works with its helper
    for cell in rebuilt.cells[relu_at - 2: relu_at + 1]:
        exec(cell.source, namespace)  # noqa: S102 - the test's own code
    assert namespace["naive_relu"](np.array([[-1.0, 2.0]])).tolist() == [[0.0, 2.0]]
    with pytest.raises(ValueError):
        namespace["naive_relu"](np.array([1.0]))


# (h) an untouched correct submission, and other notebooks nbgrader grades as they are
@pytest.mark.parametrize("filled", [True, False], ids=["reference", "blank"])
def test_fine_submission_comes_back_unchanged(filled):
    nb = roundtrip(reference_submission() if filled else build_submission(LA, {}))
    result = repair_submission(nb, RELEASED)
    assert result.error is None and result.repairs == []
    assert [(c.id, c.cell_type, c.source) for c in result.notebook.cells] == [(c.id, c.cell_type, c.source) for c in nb.cells]
    check(result, dict(answers(nb)))


def test_fine_submission_with_a_helper_cell_is_unchanged():
    nb = reference_submission()
    nb.cells.insert(5, nbformat.v4.new_code_cell("from math import sqrt"))
    result = repair_submission(roundtrip(nb), RELEASED)
    assert result.repairs == [] and [c.source for c in result.notebook.cells] == [c.source for c in nb.cells]


def test_fine_submission_with_edited_test_cell_is_restored_in_place():
    nb = reference_submission()
    nb.cells[index_of(nb, "naive_relu_tests")].source = "print('all tests passed')"
    result = repair_submission(roundtrip(nb), RELEASED)
    check(result, mentions=(f"locked cell naive_relu_tests was edited (cell {number(nb, 'naive_relu_tests')}); "
                            "the released version is restored",))
    assert len(result.notebook.cells) == len(nb.cells)


# (i) ambiguous: the only way to fill an answer would take code written for another exercise
def test_ambiguous_definition_is_an_error():
    nb = reference_submission()
    shortcut = "def naive_vector_dot(x, y):\n    return float(x @ y)\n\n\n" + REFERENCE["naive_matrix_vector_dot"]
    nb.cells[index_of(nb, "naive_matrix_vector_dot")].source = shortcut
    result = repair_submission(colab_resave(nb), RELEASED)
    assert result.notebook is None
    assert "naive_vector_dot" in result.error and "naive_matrix_vector_dot" in result.error
    assert "fresh copy of the released notebook" in result.error


def test_no_code_cells_is_an_error():
    nb = reference_submission()
    nb.cells = [nbformat.v4.new_markdown_cell(c.source) for c in nb.cells]
    result = repair_submission(nb, RELEASED)
    assert result.notebook is None and "no code cells" in result.error


# further repairs: position, missing answers, locked cells edited or deleted, empty cells
def test_renamed_function_found_by_position():
    renamed = REFERENCE["frobenius_norm"].replace("def frobenius_norm(", "def frobenius(")
    nb = build_submission(LA, {**REFERENCE, "frobenius_norm": renamed})
    result = repair_submission(colab_resave(nb), RELEASED)
    check(result, {**REFERENCE, "frobenius_norm": renamed},
          mentions=(f"answer cell frobenius_norm found by its position (cell {number(nb, 'frobenius_norm')}, the "
                    "only unmatched code cell next "
                    "to p_norm_tests and frobenius_norm_tests)",))


def test_missing_answer_stays_stub_and_locked_cells_are_restored():
    nb = reference_submission()
    stub = RELEASED.cells[index_of(RELEASED, "rotation_matrix")].source
    nb.cells[index_of(nb, "naive_add_tests")].source += "\n# I changed this test"
    del nb.cells[index_of(nb, "pinv_svd_tests")]
    del nb.cells[index_of(nb, "rotation_matrix")]
    nb.cells.insert(10, nbformat.v4.new_code_cell("   \n"))
    result = repair_submission(colab_resave(nb), RELEASED)
    check(result, {**REFERENCE, "rotation_matrix": stub},
          mentions=("answer cell rotation_matrix: no answer found", "it stays the stub and scores 0",
                    "locked cells edited by the student, restored from the released notebook: naive_add_tests",
                    "locked cells deleted from the student's notebook, restored: pinv_svd_tests",
                    "1 empty cell dropped"))


def test_answer_written_in_a_new_cell_below_the_untouched_stub():
    nb = build_submission(LA, {})
    index = index_of(nb, "chain_product")
    nb.cells.insert(index + 2, nbformat.v4.new_code_cell(REFERENCE["chain_product"]))  # after the tests
    result = repair_submission(roundtrip(nb), RELEASED)
    stubs = answers(RELEASED)
    rebuilt = check(result, {**stubs, "chain_product": REFERENCE["chain_product"]},
                    mentions=(f"answer cell chain_product found by the function it defines (cell {index + 3}), cell id "
                              "and metadata restored",
                              "answer cells naive_relu, naive_add, naive_add_matrix_and_vector, naive_vector_dot, "
                              "naive_matrix_vector_dot, naive_matrix_dot, p_norm, frobenius_norm, rotation_matrix, "
                              "is_positive_definite, pinv_svd: not answered (the untouched stub); they stay the stub "
                              "and score 0"))
    assert not any("nbgrader metadata" in line for line in result.repairs)
    assert not extra_cells(rebuilt)
