"""Grading many submissions at once: executions in worker processes, bookkeeping in one place.

Executing a submission (a kernel, the student's code, the judge) is what takes seconds, and it
is independent from one student to the next; the gradebook is one SQLite file that must not be
written by many processes at once. So the work is split:

- :func:`execute_submission` runs in a worker (a local process, or a Dask worker on another
  machine). It grades one notebook with nbgrader in a *private* copy of the course (its own
  gradebook, copied for each submission from a course released once per worker and chapter)
  and returns plain data: the autograded notebook as text, whether nbgrader succeeded, and why not.
- :func:`record_result` runs in the instructor's process, one result at a time: it creates the
  submission in the real gradebook and lets nbgrader's own ``SaveAutoGrades`` score the returned
  notebook, exactly as a serial ``nbgrader autograde`` would, then files the notebook where
  ``feedback`` looks for it.

``--jobs 1`` runs the same function in one worker process, so serial and parallel runs share one
path and give the same gradebook, CSV and feedback (and a kernel that kills its parent process
kills a worker, never the instructor's command).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat

#: One released template course per (course root, chapter) in each worker process, held in the
#: worker's memory as relative path -> bytes. A copy on disk could be edited by any kernel that
#: runs later on the machine (they run as the same user), and every submission copied from it
#: afterwards would be graded with that kernel's tests.
_TEMPLATES: dict[tuple[str, str, str], dict[str, bytes]] = {}


def _template_course(root: Path, chapter: str, scratch: str | None = None) -> dict[str, bytes]:
    from autograder import grading

    source = grading.chapter_notebook(Path(root), chapter)
    key = (str(root), chapter, hashlib.sha256(source.read_bytes()).hexdigest())  # an edited chapter is released anew
    if key not in _TEMPLATES:
        template = Path(tempfile.mkdtemp(prefix=f"grading-{chapter}-template-", dir=scratch))
        try:
            shutil.copytree(Path(root) / "solutions" / chapter, template / "solutions" / chapter)
            (template / "autograder").mkdir()
            grading.release(template, chapter)
            # The source notebook (model answers) is needed to release, not to grade: it stays out.
            _TEMPLATES[key] = {str(path.relative_to(template)): path.read_bytes()
                               for path in sorted(template.rglob("*"))
                               if path.is_file() and path.relative_to(template).parts[0] != "solutions"}
        finally:
            shutil.rmtree(template, ignore_errors=True)
    return _TEMPLATES[key]


def _private_course(root: Path, chapter: str, scratch: str | None = None) -> Path:
    """A fresh copy of the released template for one submission.

    Each submission gets its own course (released notebook, gradebook), written from the
    worker's memory and deleted after it ran: whatever a student's kernel writes there (the
    gradebook that nbgrader restores locked cells from, say) cannot reach the next student's
    grading. ``scratch``: the folder to make it in (local workers get one from the instructor's
    process, which removes it at the end, also when a kernel killed its worker before the
    worker could clean up).
    """
    course = Path(tempfile.mkdtemp(prefix=f"grading-{chapter}-", dir=scratch))
    for relative, content in _template_course(root, chapter, scratch).items():
        path = course / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return course


#: Variables that set how many threads the math libraries start (read when each library loads).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TF_NUM_INTRAOP_THREADS")


def limit_threads(threads: int) -> None:
    """Let this process and the kernels it starts use ``threads`` math threads (0: leave them alone)."""
    if threads <= 0:
        return
    os.environ.update({name: str(threads) for name in THREAD_VARIABLES})
    os.environ["TF_NUM_INTEROP_THREADS"] = "1"
    if "torch" in sys.modules:  # loaded already (a judge ran): its pool was sized at load
        sys.modules["torch"].set_num_threads(threads)


#: A kernel that dies while starting, before it answered its first request, ran none of the
#: submission's code: jupyter_client picks a kernel's ports as free ones and the kernel binds them
#: later, so two kernels started at the same moment by two workers can be given the same port,
#: and the second cannot start ("Address already in use", seen once on a Dask cluster of two
#: workers). Such a submission is graded again, in a fresh course, up to this many times in all.
START_ATTEMPTS = 3
DIED_WHILE_STARTING = "Kernel died before replying to kernel_info"


def execute_submission(root: str, chapter: str, student: str, notebook_name: str, notebook_text: str,
                       secret: str, cell_timeout: int, threads: int = 0, scratch: str | None = None) -> dict[str, Any]:
    """Grade one submission in a private course of its own; plain data back (no gradebook access).

    ``threads``: math threads for the kernel and the judge (see ``grading.threads_per_job``);
    ``scratch``: where to make the private courses (None: the system's temporary folder).
    """
    from autograder import grading

    started = time.perf_counter()
    limit_threads(threads)
    for _ in range(START_ATTEMPTS):
        course = _private_course(Path(root), chapter, scratch)
        try:
            folder = course / "autograder" / "submitted" / student / chapter
            folder.mkdir(parents=True, exist_ok=True)
            (folder / notebook_name).write_text(notebook_text, encoding="utf-8")
            with grading.grading_environment(course):
                result = grading._api(course, cell_timeout, secret=secret).autograde(chapter, student, force=True, create=True)
            graded = course / "autograder" / "autograded" / student / chapter / notebook_name
            text = graded.read_text(encoding="utf-8") if result["success"] and graded.exists() else None
        finally:
            shutil.rmtree(course, ignore_errors=True)
        if result["success"] or DIED_WHILE_STARTING not in (result.get("log") or "") + (result.get("error") or ""):
            break
    failure = None if result["success"] else grading._summarize_failure(result)
    return {"student": student, "notebook": text, "failure": failure, "seconds": time.perf_counter() - started}


def released_cells(root: Path, chapter: str, notebook_name: str) -> tuple[dict[str, str], set[str]]:
    """From the real gradebook: the source of every locked cell (test cells with their hidden
    tests), and the names of the test cells."""
    from nbgrader.api import Gradebook

    from autograder.config import course_config

    with Gradebook(course_config(root).CourseDirectory.db_url) as gradebook:
        released = gradebook.find_notebook(Path(notebook_name).stem, chapter)
        return ({cell.name: cell.source for cell in released.source_cells if cell.locked},
                {cell.name for cell in released.grade_cells if cell.cell_type == "code"})


def graded_copy_problem(root: Path, chapter: str, notebook_name: str, result: dict[str, Any],
                        released: tuple[dict[str, str], set[str]] | None = None) -> str | None:
    """Why a worker's graded notebook is not this student's submission under the released tests.

    Runs in the instructor's process, against the real gradebook (``released``: what
    :func:`released_cells` gives, read once per run) and the submitted file: every locked cell
    (each test cell with its hidden tests) must be the gradebook's, every test cell there once,
    and every answer cell the one handed in. A private course sits on disk while its kernel runs,
    and another kernel on the machine (same user) can edit it: this is where such an edit is
    caught, whatever it was and whenever it happened. None when all agree.
    """
    from autograder.grading import REVIEW, _meta

    locked, tests = released or released_cells(root, chapter, notebook_name)
    graded = nbformat.reads(result["notebook"], as_version=4)
    submitted = nbformat.read(Path(root) / "autograder" / "submitted" / result["student"] / chapter / notebook_name,
                              as_version=4)
    answers: dict[str, str] = {}
    for cell in submitted.cells:
        if _meta(cell).get("solution") and _meta(cell).get("grade_id"):
            answers.setdefault(_meta(cell)["grade_id"], cell.source)
    changed, seen = set(), []
    for cell in graded.cells:
        meta = _meta(cell)
        name = meta.get("grade_id")
        if name in locked and not meta.get("solution") and cell.source != locked[name]:
            changed.add(name)
        if meta.get("solution") and name in answers and cell.source != answers[name]:
            changed.add(name)
        if meta.get("grade") and name in tests:
            seen.append(name)
    missing = sorted(name for name in tests if seen.count(name) != 1)
    if not changed and not missing:
        return None
    what = ", ".join(sorted(changed | set(missing)))
    return (f"autograding failed: the notebook graded on the grading machine is not this submission under the "
            f"released tests ({what} changed while it ran: a kernel, this one or another student's, edited its "
            f"copy of the course); grade it again, alone (--jobs 1), and look at the submissions graded with it; "
            f"{REVIEW}")


def record_result(root: Path, chapter: str, notebook_name: str, result: dict[str, Any]) -> None:
    """Score a worker's autograded notebook into the real gradebook with nbgrader's SaveAutoGrades."""
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.preprocessors import SaveAutoGrades

    from autograder.config import course_config

    student = result["student"]
    db_url = course_config(root).CourseDirectory.db_url
    target = Path(root) / "autograder" / "autograded" / student / chapter / notebook_name
    if target.parent.exists():
        shutil.rmtree(target.parent)
    if result["notebook"] is None:
        # Not graded this time: no earlier grade of this student may stand in for this submission.
        with Gradebook(db_url) as gradebook:
            try:
                gradebook.remove_submission(chapter, student)
            except MissingEntry:
                pass
        return
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(chapter, student)
    nb = nbformat.reads(result["notebook"], as_version=4)
    resources = {"nbgrader": {"notebook": Path(notebook_name).stem, "assignment": chapter, "student": student,
                              "db_url": db_url}}
    SaveAutoGrades().preprocess(nb, resources)
    target.parent.mkdir(parents=True)
    target.write_text(result["notebook"], encoding="utf-8")
