"""Collect, autograde, export and give feedback on submissions, through nbgrader's Python API.

nbgrader does the grading; this module wraps it with what an instructor needs around it:
submissions are checked *before* grading (a damaged file, a notebook rebuilt without nbgrader's
metadata, a copied answer cell), every problem is reported per student with what to do, one bad
submission never stops the others, and students' original files are never modified.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.config import CELL_TIMEOUT, course_config, kernel_environment

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
#: Code in a student's own cells that reaches for the grading machinery. Hidden tests run in
#: the student's kernel, so such code could fake a check; it is flagged for a human to review.
SUSPICIOUS_CODE = re.compile(
    r"\bautograder\b|sys\.modules|__builtins__|\bbuiltins\b|importlib|NBGRADER_EXECUTION"
    r"|\bAssertionError\s*=|\bsetattr\s*\(\s*np\b"
)


@dataclass
class Submission:
    """One student's notebook for one chapter, and what intake found wrong with it."""

    student: str
    path: Path
    errors: list[str] = field(default_factory=list)    # it cannot be graded
    warnings: list[str] = field(default_factory=list)  # graded, but the instructor should know


@dataclass
class Grade:
    student: str
    score: float
    max_score: float
    tests: dict[str, float]
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time nbgrader took for this submission


def chapter_notebook(root: Path, chapter: str) -> Path:
    notebooks = sorted((Path(root) / "solutions" / chapter).glob("*.ipynb"))
    if len(notebooks) != 1:
        raise FileNotFoundError(f"no chapter {chapter!r} in {Path(root) / 'solutions'}")
    return notebooks[0]


def _meta(cell: nbformat.NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def find_submissions(source: Path) -> list[Submission]:
    """Submissions in a folder: ``<student>.ipynb`` files or ``<student>/`` folders of one notebook."""
    source = Path(source)
    if not source.is_dir():
        raise FileNotFoundError(f"{source} is not a folder of submissions")
    found: list[Submission] = []
    for entry in sorted(source.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix == ".ipynb":
            found.append(Submission(entry.stem, entry))
        elif entry.is_dir():
            notebooks = sorted(p for p in entry.glob("*.ipynb") if not p.name.startswith("."))
            sub = Submission(entry.name, notebooks[0] if notebooks else entry)
            if not notebooks:
                sub.errors.append("the folder holds no .ipynb file")
            elif len(notebooks) > 1:
                sub.errors.append("the folder holds several notebooks ("
                                  + ", ".join(p.name for p in notebooks) + "); keep only the one to grade")
            found.append(sub)
    for sub in found:
        if not STUDENT_ID.match(sub.student):
            sub.errors.append(f"{sub.student!r} is not usable as a student id (letters, digits, '_', '-', '.'); rename it")
    return found


def inspect_submission(sub: Submission, source_notebook: Path) -> Submission:
    """Read and check a submission against the chapter's source notebook; fills errors/warnings."""
    if sub.errors:
        return sub
    try:
        text = sub.path.read_text(encoding="utf-8")
        json.loads(text)
        nb = nbformat.reads(text, as_version=4)
    except json.JSONDecodeError as error:
        sub.errors.append(f"not a notebook: invalid JSON at line {error.lineno}, column {error.colno} "
                          "(the file is damaged or truncated); ask for a fresh download (File > Download)")
        return sub
    except (OSError, UnicodeDecodeError) as error:
        sub.errors.append(f"cannot be read ({type(error).__name__}: {str(error)[:120]})")
        return sub
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds for bad structure
        sub.errors.append(f"is not a valid notebook ({type(error).__name__}: {str(error)[:120]})")
        return sub
    source = nbformat.read(source_notebook, as_version=4)
    expected = {_meta(c)["grade_id"]: c for c in source.cells if _meta(c).get("grade_id")}
    seen: dict[str, int] = {}
    for cell in nb.cells:
        gid = _meta(cell).get("grade_id")
        if gid:
            seen[gid] = seen.get(gid, 0) + 1
    if not seen:
        sub.errors.append("no cell carries nbgrader metadata (the notebook was rebuilt or copied cell by "
                          "cell, e.g. in another editor); ask the student to paste their answers into a "
                          "fresh copy of the released notebook")
        return sub
    copies = sorted(gid for gid, n in seen.items() if n > 1)
    if copies:
        sub.errors.append("these cells appear more than once (copied cells): " + ", ".join(copies)
                          + "; ask the student to delete the copies and keep one of each")
    unknown = sorted(set(seen) - set(expected))
    if unknown:
        sub.warnings.append("cells from another notebook or version are ignored: " + ", ".join(unknown))
    missing = sorted(gid for gid, c in expected.items() if gid not in seen)
    if missing:
        answers = [g for g in missing if _meta(expected[g]).get("solution")]
        tests = [g for g in missing if not _meta(expected[g]).get("solution")]
        if answers:
            sub.warnings.append("answer cells were deleted (those exercises score 0): " + ", ".join(answers))
        if tests:
            sub.warnings.append("locked cells were deleted and are restored for grading: " + ", ".join(tests))
    hidden = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
    edited = sorted(
        _meta(c)["grade_id"] for c in nb.cells
        if _meta(c).get("locked") and _meta(c).get("grade_id") in expected
        and c.source.strip() != hidden.sub("", expected[_meta(c)["grade_id"]].source).strip()
    )
    if edited:
        sub.warnings.append("locked cells were edited; the originals are restored for grading: " + ", ".join(edited))
    suspicious = [
        _meta(c).get("grade_id") or f"cell {i}" for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and not _meta(c).get("locked") and SUSPICIOUS_CODE.search(c.source)
    ]
    if suspicious:
        sub.warnings.append("REVIEW BY HAND: code that touches the grading machinery (autograder, sys.modules, "
                            "builtins, importlib, NBGRADER_EXECUTION) in: " + ", ".join(suspicious)
                            + "; the hidden tests run in the student's kernel and such code can fake them")
    return sub


@contextlib.contextmanager
def grading_environment(root: Path) -> Iterator[None]:
    """PATH with this interpreter's scripts (nbgrader runs ``alembic``) and the kernel's variables."""
    saved = dict(os.environ)
    warnings_context = warnings.catch_warnings()
    warnings_context.__enter__()
    # nbgrader's gradebook code triggers harmless SQLAlchemy autoflush warnings.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    os.environ.update(kernel_environment(root))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        warnings_context.__exit__(None, None, None)


def _api(root: Path, cell_timeout: int = CELL_TIMEOUT):
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(config=course_config(root, cell_timeout=cell_timeout))


def release(root: Path, chapter: str) -> None:
    """Regenerate ``notebooks/<chapter>`` from ``solutions/<chapter>``."""
    with grading_environment(root):
        result = _api(root).generate_assignment(chapter, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader could not release {chapter}:\n{result.get('error') or result.get('log')}")


def collect(root: Path, chapter: str, source: Path) -> list[Submission]:
    """Check every submission in ``source`` and copy the gradable ones into ``autograder/submitted``."""
    root = Path(root)
    notebook = chapter_notebook(root, chapter)
    submissions = [inspect_submission(s, notebook) for s in find_submissions(source)]
    for sub in submissions:
        if sub.errors:
            continue
        target = root / "autograder" / "submitted" / sub.student / chapter / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sub.path, target)
    return submissions


def submitted_students(root: Path, chapter: str) -> list[str]:
    base = Path(root) / "autograder" / "submitted"
    return sorted(p.parent.name for p in base.glob(f"*/{chapter}") if p.is_dir())


def autograde(root: Path, chapter: str, students: list[str] | None = None, *,
              cell_timeout: int = CELL_TIMEOUT) -> list[Grade]:
    """Autograde submitted notebooks, one student at a time; a failure is reported, not raised."""
    root = Path(root)
    students = submitted_students(root, chapter) if students is None else students
    grades = []
    with grading_environment(root):
        api = _api(root, cell_timeout)
        for student in students:
            started = time.perf_counter()
            result = api.autograde(chapter, student, force=True, create=True)
            problems = [] if result["success"] else [_summarize_failure(result)]
            grade = grade_of(root, chapter, student, problems)
            grade.seconds = time.perf_counter() - started
            grades.append(grade)
    return grades


def _summarize_failure(result: dict) -> str:
    text = (result.get("error") or "") + (result.get("log") or "")
    if "nbgrader update" in text or "duplicate" in text.lower():
        return ("nbgrader refused the notebook: its cells do not match the released version "
                "(copied or re-created cells); ask for a fresh copy with the answers pasted in")
    last = [line for line in text.strip().splitlines() if line.strip()]
    return "autograding failed: " + (last[-1][:300] if last else "no details")


def grade_of(root: Path, chapter: str, student: str, problems: list[str]) -> Grade:
    from nbgrader.api import Gradebook, MissingEntry

    tests: dict[str, float] = {}
    score = max_score = 0.0
    with Gradebook(course_config(root).CourseDirectory.db_url) as gradebook:
        try:
            submission = gradebook.find_submission(chapter, student)
        except MissingEntry:
            return Grade(student, 0.0, 0.0, {}, problems or ["not graded"])
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.max_score_gradecell:
                    tests[grade.name] = float(grade.auto_score or 0.0)
            score += float(notebook.score)
            max_score += float(notebook.max_score)
    return Grade(student, score, max_score, tests, problems)


def export_csv(root: Path, chapter: str, grades: list[Grade], out: Path) -> Path:
    """One row per student: total, maximum, each test cell's score, and problems."""
    tests = sorted({name for g in grades for name in g.tests})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "chapter", "score", "max_score", *tests, "problems"])
        for g in grades:
            writer.writerow([g.student, chapter, g.score, g.max_score,
                             *(g.tests.get(t, "") for t in tests), "; ".join(g.problems)])
    return out


def feedback(root: Path, chapter: str, students: list[str] | None = None) -> list[Path]:
    """HTML feedback for autograded students (hidden-test code is removed from it)."""
    root = Path(root)
    students = submitted_students(root, chapter) if students is None else students
    paths = []
    with grading_environment(root):
        api = _api(root)
        for student in students:
            result = api.generate_feedback(chapter, student, force=True)
            if not result["success"]:
                raise RuntimeError(f"feedback for {student} failed: {result.get('error') or result.get('log')}")
            paths += sorted((root / "autograder" / "feedback" / student / chapter).glob("*.html"))
    return paths
