"""The nbgrader configuration of the course, as a function of the course root.

One function builds it so that the instructor CLI, ``nbgrader_config.py`` (for nbgrader's own
command line and formgrader) and the test suite (which grades in a temporary copy of the
course) all use exactly the same settings.
"""

from __future__ import annotations

from pathlib import Path

from nbformat import NotebookNode
from traitlets.config import Config

REPO_ROOT = Path(__file__).resolve().parent.parent
COURSE_ID = "dl-fundamentals"

#: Seconds a cell may run while autograding; cells tagged ``slow`` get SLOW_CELL_TIMEOUT.
CELL_TIMEOUT = 60
SLOW_CELL_TIMEOUT = 600
SLOW_TAG = "slow"

#: stderr output matching this is dropped before grading, so that a harmless warning
#: (DeprecationWarning, a UserWarning from matplotlib, ...) never zeroes a correct answer.
#: Real errors are not stderr text but error outputs, and still fail the test.
IGNORED_STDERR = r"(?i)warning|warn\("


class CellTimeout:
    """Per-cell timeout for nbgrader's Execute preprocessor: longer for cells tagged ``slow``."""

    def __init__(self, normal: int = CELL_TIMEOUT, slow: int = SLOW_CELL_TIMEOUT) -> None:
        self.normal, self.slow = normal, slow

    def __call__(self, cell: NotebookNode) -> int:
        tags = cell.get("metadata", {}).get("tags", [])
        return self.slow if SLOW_TAG in tags else self.normal


def course_config(root: Path = REPO_ROOT, *, cell_timeout: int = CELL_TIMEOUT) -> Config:
    """nbgrader settings for a course rooted at ``root`` (the repository, or a test's copy).

    ``cell_timeout`` shortens the per-cell limit (tests use a few seconds to check that a
    cell that never ends is interrupted and graded as failed without stopping the run).
    """
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, ClearMarkScheme, ClearOutput, ComputeChecksums,
        GetGrades, IgnorePattern, IncludeHeaderFooter, InstantiateTests, LimitOutput, LockCells,
        SaveAutoGrades, SaveCells,
    )

    from autograder.awake import awake_execute_preprocessor
    from autograder.edition import EDITION_FILE, student_repo
    from autograder.feedback import HideHiddenTestTracebacks
    from autograder.judge import JudgeHiddenChecks, SeedHiddenChecks
    from autograder.release_extras import StudentExtras
    from autograder.stubs import NamedStubs

    root = Path(root).resolve()
    c = Config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.source_directory = "solutions"
    c.CourseDirectory.release_directory = "notebooks"
    c.CourseDirectory.submitted_directory = "autograder/submitted"
    c.CourseDirectory.autograded_directory = "autograder/autograded"
    c.CourseDirectory.feedback_directory = "autograder/feedback"
    c.CourseDirectory.solution_directory = "autograder/released_solutions"
    c.CourseDirectory.db_url = f"sqlite:///{root / 'autograder' / 'gradebook.db'}"
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
    # Each answer stub names its exercise (autograder/stubs.py); test cells are tagged
    # raises-exception (Run All goes on past them) and a locked progress cell ends every notebook
    # (autograder/release_extras.py); otherwise nbgrader's own pipeline.
    c.GenerateAssignment.preprocessors = [
        IncludeHeaderFooter, StudentExtras, InstantiateTests, LockCells, NamedStubs, ClearOutput, CheckCellMetadata,
        ComputeChecksums, SaveCells, ClearHiddenTests, ClearMarkScheme, ComputeChecksums, CheckCellMetadata,
    ]
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    edition = root / "autograder" / EDITION_FILE.name
    c.StudentExtras.course_repo = student_repo(edition if edition.is_file() else EDITION_FILE)

    c.Execute.kernel_name = "python3"
    c.Execute.timeout = cell_timeout
    c.Execute.timeout_func = CellTimeout(cell_timeout, max(cell_timeout, SLOW_CELL_TIMEOUT))
    c.Execute.interrupt_on_timeout = True

    # Hidden tests only record what the student's code did; the judge decides, in this process.
    # The kernel is kept awake (autograder/awake.py): a lost wake-up must not cost a cell's timeout.
    c.Autograde.autograde_preprocessors = [
        SeedHiddenChecks, awake_execute_preprocessor(), IgnorePattern, ClearMetadataPreprocessor, JudgeHiddenChecks,
        LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
    ]
    c.SeedHiddenChecks.secret_folder = str(root / "autograder")
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = IGNORED_STDERR
    # A student who deletes a test cell gets it back instead of escaping the test.
    c.OverwriteCells.add_missing_cells = True

    # Feedback shows results, never hidden-test code.
    c.GenerateFeedback.preprocessors = [
        GetGrades, HideHiddenTestTracebacks, ClearHiddenTests, CSSHTMLHeaderPreprocessor,
    ]
    return c


def kernel_environment(root: Path = REPO_ROOT) -> dict[str, str]:
    """Variables the grading kernel needs: none. Hidden tests import only ``helpers.checking``;
    the judges in ``autograder.checks`` stay out of the kernel's reach."""
    return {}
