"""What every released (student) notebook gets on top of its source: done at release time, so
that no source notebook in ``solutions/`` needs editing.

:class:`StudentExtras`, one of nbgrader's release preprocessors (``GenerateAssignment``):

* tags every test cell (an nbgrader ``grade: true`` code cell) ``raises-exception``, Jupyter's
  convention for "this cell may fail": JupyterLab, Notebook 7, VS Code and nbclient then let
  *Run All* go on past a failing test cell instead of stopping at the first unanswered exercise.
  Grading does not read tags: a failing test cell still scores 0.
* appends a "Your progress" markdown cell and a locked code cell that calls
  :func:`helpers.checking.progress`, which lists every exercise with its state and points;
* writes the student edition's address (``autograder/edition.toml``) into the locked setup
  cell's ``COURSE_REPO`` line (:mod:`autograder.edition`).

It runs before ``LockCells`` (which makes the new locked cell read-only), ``ComputeChecksums``
and ``SaveCells`` (which records it in the gradebook like any other locked cell).
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from autograder.edition import set_course_repo

RAISES_EXCEPTION = "raises-exception"
#: grade_id of the locked progress cell; it exists only in released notebooks, not in solutions/.
PROGRESS_ID = "progress"
#: Cells added here that the source notebook does not have (grading must not call them unknown).
RELEASE_ONLY_IDS = frozenset({PROGRESS_ID})

PROGRESS_HEADING = """## Your progress

The cell below runs the **visible** tests of every exercise again, in a copy of your variables,
and lists each exercise as *not answered*, *visible tests fail* (with the first line of the
message) or *visible tests pass*, with the points at stake. Run it whenever you like; *Run All*
ends with it. Grading runs more tests, on inputs you have not seen: passing the visible tests is
a good sign, not a grade."""

PROGRESS_SOURCE = """import helpers.checking

helpers.checking.progress()"""


def is_test_cell(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


def progress_cells() -> list[NotebookNode]:
    """The markdown heading and the locked code cell appended to every released notebook."""
    heading = new_markdown_cell(PROGRESS_HEADING)
    heading["id"] = "progress-heading"
    code = new_code_cell(PROGRESS_SOURCE)
    code["id"] = "progress"
    code.metadata["nbgrader"] = {
        "cell_type": "code", "grade": False, "grade_id": PROGRESS_ID, "locked": True,
        "schema_version": 3, "solution": False, "task": False,
    }
    return [heading, code]


def add_student_extras(nb: NotebookNode) -> NotebookNode:
    """Tag the test cells ``raises-exception`` and append the progress cells (idempotent)."""
    for cell in nb.cells:
        if is_test_cell(cell):
            tags = cell.metadata.setdefault("tags", [])
            if RAISES_EXCEPTION not in tags:
                tags.append(RAISES_EXCEPTION)
    ids = {cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") for cell in nb.cells}
    if PROGRESS_ID not in ids:
        taken = {cell.get("id") for cell in nb.cells}
        for cell in progress_cells():
            if cell["id"] in taken:
                raise ValueError(f"the source notebook already has a cell with id {cell['id']!r}; "
                                 "rename it (released notebooks add their own)")
            nb.cells.append(cell)
    return nb


class StudentExtras(NbGraderPreprocessor):
    """Release preprocessor: ``raises-exception`` on test cells, the progress cells at the end, and
    the student edition's address in the setup cell."""

    course_repo = Unicode("", help="The student edition's git URL for the setup cell's COURSE_REPO "
                                   "(empty: leave the line as it is)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        if self.course_repo:
            set_course_repo(nb, self.course_repo)
        return add_student_extras(nb), resources
