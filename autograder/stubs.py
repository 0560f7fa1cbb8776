"""Answer stubs that say which exercise is not answered yet, and what to do.

nbgrader replaces each solution region with one fixed stub for the whole notebook
(``ClearSolutions.code_stub``), so an unanswered exercise fails with a bare
``NotImplementedError:``. :class:`NamedStubs` writes a stub per answer cell instead, naming the
exercise (the answer cell's grade id) in the error a student sees when its test cell runs.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions


def stub_for(exercise: str) -> str:
    return ("# YOUR CODE HERE\n"
            f'raise NotImplementedError("{exercise} is not answered yet: replace these two lines with your code, '
            'then run the test cell below")')


class NamedStubs(ClearSolutions):
    """``ClearSolutions`` with a stub per answer cell that names its exercise."""

    def preprocess_cell(self, cell, resources, cell_index):  # type: ignore[override]
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code" or not grade_id:
            return super().preprocess_cell(cell, resources, cell_index)
        shared = self.code_stub
        self.code_stub = {**shared, resources["language"]: stub_for(grade_id)}
        try:
            return super().preprocess_cell(cell, resources, cell_index)
        finally:
            self.code_stub = shared
