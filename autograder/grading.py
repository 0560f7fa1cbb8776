"""Collect, autograde, export and give feedback on submissions, through nbgrader's Python API.

nbgrader does the grading; this module wraps it with what an instructor needs around it:
submissions are checked *before* grading (a damaged file, a notebook rebuilt without nbgrader's
metadata, a copied answer cell), every problem is reported per student with what to do, one bad
submission never stops the others, and students' original files are never modified.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.config import CELL_TIMEOUT, course_config, kernel_environment

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
REVIEW = "REVIEW BY HAND"

@dataclass
class Submission:
    """One student's notebook for one chapter, and what intake found wrong with it."""

    student: str
    path: Path
    errors: list[str] = field(default_factory=list)    # it cannot be graded
    warnings: list[str] = field(default_factory=list)  # graded, but the instructor should know
    repaired: nbformat.NotebookNode | None = None       # rebuilt on the released notebook (autograder.repair)


@dataclass
class Grade:
    """One student's result for one chapter: what goes into the CSV."""

    student: str
    score: float
    max_score: float
    tests: dict[str, float]
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time nbgrader took for this submission
    warnings: list[str] = field(default_factory=list)
    graded: bool = True

    @property
    def status(self) -> str:
        review = any(REVIEW in line for line in self.warnings + self.problems)
        if not self.graded:
            return "not graded, review by hand" if review else "not graded"
        return "review by hand" if review else "graded"


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
    released = source_notebook.parents[2] / "notebooks" / source_notebook.parent.name / source_notebook.name
    released_nb = nbformat.read(released, as_version=4) if released.exists() else None
    if released_nb is not None:
        from autograder.repair import repair_submission

        repair = repair_submission(nb, released_nb)
        if repair.notebook is None:
            sub.errors.append(repair.error or "the notebook could not be matched to the released one")
            return sub
        if repair.repairs:
            sub.warnings += [f"rebuilt on the released notebook: {line}" for line in repair.repairs]
            sub.repaired = nb = repair.notebook
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
    from autograder.release_extras import RELEASE_ONLY_IDS  # cells the release adds (the progress cell)

    unknown = sorted(set(seen) - set(expected) - RELEASE_ONLY_IDS)
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
    # Locked cells are compared with what students were given: the release drops hidden tests and
    # writes the student edition's address into the setup cell.
    hidden = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
    given = ({_meta(c)["grade_id"]: c.source for c in released_nb.cells if _meta(c).get("grade_id")}
             if released_nb is not None else
             {gid: hidden.sub("", c.source) for gid, c in expected.items()})
    edited = sorted(
        _meta(c)["grade_id"] for c in nb.cells
        if _meta(c).get("locked") and _meta(c).get("grade_id") in given
        and c.source.strip() != given[_meta(c)["grade_id"]].strip()
    )
    if edited:
        sub.warnings.append("locked cells were edited; the originals are restored for grading: " + ", ".join(edited))
    from autograder.tamper import scan_cells

    own = {_meta(c).get("grade_id") or f"cell {i}": c.source for i, c in enumerate(nb.cells)
           if c.cell_type == "code" and not _meta(c).get("locked")}
    for cell, found in scan_cells(own).items():
        sub.warnings.append(f"{REVIEW}: {cell}: " + "; ".join(str(f) for f in found)
                            + " (code that reaches for the grading machinery; the judge runs outside the "
                            "kernel, but look at what it tries)")
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


def _api(root: Path, cell_timeout: int = CELL_TIMEOUT, secret: str | None = None):
    """nbgrader's API for the course at ``root``; ``secret``: the grading secret to seed hidden
    inputs with, held in memory (a private course has no secret file a kernel could rewrite)."""
    from nbgrader.apps import NbGraderAPI

    from autograder.schema_head import read_in_process

    read_in_process()  # a new gradebook costs no `alembic` process (see autograder/schema_head.py)
    config = course_config(root, cell_timeout=cell_timeout)
    if secret is not None:
        config.SeedHiddenChecks.secret = secret
    return NbGraderAPI(config=config)


def release(root: Path, chapter: str) -> None:
    """Regenerate ``notebooks/<chapter>`` from ``solutions/<chapter>``."""
    with grading_environment(root):
        result = _api(root).generate_assignment(chapter, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader could not release {chapter}:\n{result.get('error') or result.get('log')}")


def is_released(root: Path, chapter: str) -> bool:
    """Whether nbgrader's gradebook knows the chapter (``release`` registers it)."""
    from nbgrader.api import Gradebook, MissingEntry

    db = Path(root) / "autograder" / "gradebook.db"
    if not db.exists():
        return False
    with Gradebook(course_config(root).CourseDirectory.db_url) as gradebook:
        try:
            gradebook.find_assignment(chapter)
        except MissingEntry:
            return False
    return True


def collect(root: Path, chapter: str, source: Path) -> list[Submission]:
    """Check every submission in ``source`` and copy the gradable ones into ``autograder/submitted``.

    A student whose new submission cannot be graded loses any earlier copy and grade of this
    chapter (it is withdrawn, and the reason says so): a grade never comes from a stale file.
    """
    root = Path(root)
    notebook = chapter_notebook(root, chapter)
    submissions = [inspect_submission(s, notebook) for s in find_submissions(source)]
    for sub in submissions:
        if sub.errors:
            if STUDENT_ID.match(sub.student) and withdraw(root, chapter, sub.student):
                sub.errors.append("the earlier submission of this student was withdrawn, so no stale grade "
                                  "stands for this one")
            continue
        target = root / "autograder" / "submitted" / sub.student / chapter / notebook.name
        if target.parent.exists():
            shutil.rmtree(target.parent)
        target.parent.mkdir(parents=True)
        if sub.repaired is not None:
            nbformat.write(sub.repaired, target)
        else:
            shutil.copyfile(sub.path, target)
        intake = _intake_file(root, chapter, sub.student)
        intake.parent.mkdir(parents=True, exist_ok=True)
        intake.write_text(json.dumps({"file": str(sub.path), "warnings": sub.warnings}, indent=1), encoding="utf-8")
    return submissions


def _intake_file(root: Path, chapter: str, student: str) -> Path:
    """Where intake's warnings about a graded submission are kept, so that ``export`` repeats them."""
    return Path(root) / "autograder" / "intake" / chapter / f"{student}.json"


def withdraw(root: Path, chapter: str, student: str) -> bool:
    """Remove a student's submitted/autograded copies and gradebook entry of a chapter; True if any."""
    from nbgrader.api import Gradebook, MissingEntry

    removed = False
    _intake_file(root, chapter, student).unlink(missing_ok=True)
    for step in ("submitted", "autograded", "feedback"):
        folder = Path(root) / "autograder" / step / student / chapter
        if folder.exists():
            shutil.rmtree(folder)
            removed = True
    if (Path(root) / "autograder" / "gradebook.db").exists():
        with Gradebook(course_config(root).CourseDirectory.db_url) as gradebook:
            try:
                gradebook.remove_submission(chapter, student)
                removed = True
            except MissingEntry:
                pass
    return removed


def submitted_students(root: Path, chapter: str) -> list[str]:
    base = Path(root) / "autograder" / "submitted"
    return sorted(p.parent.name for p in base.glob(f"*/{chapter}") if p.is_dir())


def _grader_fingerprint(root: Path, python_files: list[str] | None = None) -> str:
    """A hash of every file of the grader under ``root`` (``autograder/``: code, gradebook, intake
    records, secret; ``helpers/``) and of the Python it runs on (:func:`_python_fingerprint`).

    Nothing writes there while submissions run (each runs in a private course elsewhere), so a
    change means a kernel reached the grader's own files, which could change how later
    submissions are judged or what the gradebook says; grading stops when the hash moves.
    """
    digest = hashlib.sha256()
    for folder in (Path(root) / "autograder", Path(root) / "helpers"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not {"__pycache__", "autograded", "submitted", "feedback", "exports"} & set(path.parts):
                digest.update(str(path).encode())
                digest.update(path.read_bytes())
    digest.update(_python_fingerprint(_python_files() if python_files is None else python_files).encode())
    return digest.hexdigest()


def _python_files() -> list[str]:
    """What this Python loads code from: the folders on ``sys.path``, their ``.pth`` files, and
    every module file (source and cached bytecode) loaded here, with what the workers load
    (nbgrader, nbclient, every chapter's judges) imported first."""
    import nbclient  # noqa: F401 - what the workers load, so that its files are covered
    import nbgrader.apps  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401

    import autograder.judge  # noqa: F401 - every chapter's judges and what they import

    folders = sorted({entry for entry in sys.path if entry and os.path.isdir(entry)})
    pth = [str(path) for folder in folders for path in sorted(Path(folder).glob("*.pth"))]
    modules = {path for module in list(sys.modules.values()) for path in
               (getattr(module, "__file__", None), getattr(module, "__cached__", None)) if isinstance(path, str)}
    return folders + pth + sorted(modules)


def _python_fingerprint(paths: list[str]) -> str:
    """The state of ``paths`` (:func:`_python_files`), cheaply (about 20 ms for 3,500 files).

    A kernel runs as the instructor's user and can write into the environment: a ``.pth`` file or
    a ``sitecustomize`` module in ``site-packages`` runs in every later Python process, the next
    grading runs' judges included, and an edited NumPy or nbgrader file changes what the judge
    computes. A folder's times move when a file in it is created, removed or renamed; a file's
    ctime moves with any write and cannot be set back by its owner; ``.pth`` files are hashed.
    Not covered: in-place edits of installed files that the grader never loads; for a class you
    do not trust at all, grade in a container.
    """
    lines = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            lines.append(f"{path} missing")
            continue
        lines.append(f"{path} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}")
        if path.endswith(".pth"):
            lines.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
    return "\n".join(lines)


def threads_per_job(jobs: int, submissions: int) -> int:
    """Math-library threads for each of ``jobs`` submissions graded at once on this machine's cores.

    PyTorch, TensorFlow and BLAS each start one thread per core; two kernels doing so on two
    cores spin against each other (here, chapter 5's nine example submissions took 319 s with
    two jobs of two threads each, and 61 s with one thread each).
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // max(1, min(jobs, submissions)))


class GraderModified(RuntimeError):
    """A submission's kernel changed the grader's own files: grading stops."""


def autograde(root: Path, chapter: str, students: list[str] | None = None, *,
              cell_timeout: int = CELL_TIMEOUT, jobs: int = 1, cluster: str | None = None,
              progress: bool = False) -> list[Grade]:
    """Autograde submitted notebooks; a failure is reported per student, never raised.

    Registers the chapter first when the gradebook does not know it yet (a fresh clone).
    Submissions execute in ``jobs`` local processes, or on the Dask scheduler at ``cluster``
    (see :mod:`autograder.parallel`); the gradebook is written here, one result at a time, so
    the outcome does not depend on how many ran at once. Stops with :class:`GraderModified` if
    the grader's files changed while submissions ran.
    """
    from autograder.judge import grading_secret
    from autograder.parallel import graded_copy_problem, record_result, released_cells

    root = Path(root)
    if not is_released(root, chapter):
        release(root, chapter)
    students = submitted_students(root, chapter) if students is None else students
    notebook_name = chapter_notebook(root, chapter).name
    secret = grading_secret(root / "autograder")
    # Local workers make their courses in one folder removed here at the end, even where a kernel
    # killed its worker before it could clean up; Dask workers use their own temporary folder.
    scratch = None if cluster else tempfile.mkdtemp(prefix=f"grading-{chapter}-")
    tasks = {s: (str(root), chapter, s, notebook_name,
                 (root / "autograder" / "submitted" / s / chapter / notebook_name).read_text(encoding="utf-8"),
                 secret, cell_timeout, 0 if cluster else threads_per_job(jobs, len(students)), scratch)
             for s in students}
    python_files = _python_files()
    fingerprint = _grader_fingerprint(root, python_files)
    try:
        results = dict(_run_tasks(tasks, jobs=jobs, cluster=cluster, progress=progress))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    if _grader_fingerprint(root, python_files) != fingerprint:
        raise GraderModified(f"grading {chapter} ({', '.join(students)}) changed the grader's files (autograder/ "
                             "or helpers/: code, gradebook or intake records) or the Python environment it runs on "
                             "(site-packages: a .pth file, a loaded module): restore them (git checkout; the "
                             "gradebook from a backup; the environment with `rm -rf .venv && ./course setup`) and "
                             "review those submissions by hand")
    grades = []
    with grading_environment(root):
        released = released_cells(root, chapter, notebook_name)
        for student in students:
            result = results[student]
            problem = graded_copy_problem(root, chapter, notebook_name, result, released) if result["notebook"] else None
            if problem:
                result = {**result, "notebook": None, "failure": problem}
            record_result(root, chapter, notebook_name, result)
            grade = grade_of(root, chapter, student, [result["failure"]] if result["failure"] else [])
            grade.seconds = result["seconds"]
            grades.append(grade)
    return grades


#: Why a submission has no result when the process that ran it died (a kernel can kill its parent).
WORKER_DIED = ("autograding failed: the grading process died while this notebook ran (its code may kill "
               "processes, or it ran out of memory); " + REVIEW)


def _worker_died(student: str) -> dict:
    return {"student": student, "notebook": None, "failure": WORKER_DIED, "seconds": 0.0}


def _run_tasks(tasks: dict[str, tuple], *, jobs: int, cluster: str | None, progress: bool) -> Iterator[tuple[str, dict]]:
    """Run :func:`autograder.parallel.execute_submission` for every task; yields (student, result).

    Executions never run in this process, even with ``jobs=1``: a student's kernel is a child
    of the process that runs it, and could kill it. When a local worker dies, the submissions
    it may have been running are retried one by one in workers of their own, so the one that
    kills its worker is found and reported, and the others are graded as usual.
    """
    from tqdm.auto import tqdm

    bar = tqdm(total=len(tasks), unit="submission", disable=not progress, desc="grading")
    failures = 0

    def done(student: str, result: dict) -> tuple[str, dict]:
        nonlocal failures
        failures += bool(result["failure"])
        bar.set_postfix(failures=failures)
        bar.update()
        return student, result

    try:
        if cluster:
            from dask.distributed import Client, as_completed

            from autograder.parallel import execute_submission

            with Client(cluster) as client:
                futures = {client.submit(execute_submission, *args, pure=False, key=f"grade-{student}"): student
                           for student, args in tasks.items()}
                for future in as_completed(futures):
                    try:
                        result = future.result()
                    except Exception:  # noqa: BLE001 - Dask's KilledWorker: the task killed every worker it ran on
                        result = _worker_died(futures[future])
                    yield done(futures[future], result)
        else:
            for student, result in _in_worker_processes(tasks, max(1, min(jobs, len(tasks)))):
                yield done(student, result or _worker_died(student))
    finally:
        bar.close()


def _in_worker_processes(tasks: dict[str, tuple], workers: int) -> Iterator[tuple[str, dict | None]]:
    """Yield (student, result) for every task, run in ``workers`` processes; None for a culprit.

    At most ``workers`` submissions are in flight, so when a worker dies the suspects are known:
    the ones in flight. The others go on in a fresh pool; then each suspect runs again in a pool
    of its own (up to ``workers`` of them at once), and the one whose worker dies again yields None.
    """
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    from autograder.parallel import execute_submission

    queue, suspects = list(tasks), []
    while queue:
        with _pool(workers) as pool:
            running: dict[concurrent.futures.Future, str] = {}
            while queue or running:
                while queue and len(running) < workers:
                    student = queue.pop(0)
                    running[pool.submit(execute_submission, *tasks[student])] = student
                finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
                broken = False
                for future in finished:
                    student = running.pop(future)
                    try:
                        yield student, future.result()
                    except BrokenProcessPool:
                        suspects.append(student)
                        broken = True
                if broken:
                    suspects += running.values()
                    break
    for start in range(0, len(suspects), workers):
        pools = {student: _pool(1) for student in suspects[start:start + workers]}
        try:
            alone = {pool.submit(execute_submission, *tasks[student]): student for student, pool in pools.items()}
            for future in concurrent.futures.as_completed(alone):
                try:
                    yield alone[future], future.result()
                except BrokenProcessPool:
                    yield alone[future], None
        finally:
            for pool in pools.values():
                pool.shutdown()


def _pool(workers: int):
    import concurrent.futures
    import multiprocessing

    return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def grade_inbox(root: Path, chapter: str, source: Path, *, cell_timeout: int = CELL_TIMEOUT, jobs: int = 1,
                cluster: str | None = None, progress: bool = False) -> list[Grade]:
    """Check and grade exactly the submissions in ``source``: one result per submission found there.

    Gradable ones replace the student's earlier submission and are graded; the others get a
    ``not graded`` row with the reason. Intake warnings travel with each result.
    """
    submissions = collect(root, chapter, source)
    gradable = [s.student for s in submissions if not s.errors]
    graded = {g.student: g for g in autograde(root, chapter, gradable, cell_timeout=cell_timeout, jobs=jobs,
                                              cluster=cluster, progress=progress)}
    results = []
    for sub in submissions:
        if sub.errors:
            results.append(Grade(sub.student, 0.0, 0.0, {}, [f"{sub.path.name}: {e}" for e in sub.errors],
                                 warnings=list(sub.warnings), graded=False))
        else:
            results.append(graded[sub.student])
    return results


def _summarize_failure(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    if "nbgrader update" in text or "duplicate" in text.lower():
        return ("nbgrader refused the notebook: its cells do not match the released version "
                "(copied or re-created cells); ask for a fresh copy with the answers pasted in")
    if "DeadKernelError" in text or "Kernel died" in text:
        return ("autograding failed: the kernel died while running this notebook (its code may end the "
                "process, e.g. os._exit(), or run out of memory); " + REVIEW)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    specific = [line for line in lines if ("ERROR" in line or "Error" in line or "Exception" in line)
                and "above traceback" not in line]
    return "autograding failed: " + ((specific or lines or ["no details"])[-1][:300])


def grade_of(root: Path, chapter: str, student: str, problems: list[str]) -> Grade:
    from nbgrader.api import Gradebook, MissingEntry

    tests: dict[str, float] = {}
    score = max_score = 0.0
    intake = _intake_file(root, chapter, student)
    warnings = json.loads(intake.read_text(encoding="utf-8"))["warnings"] if intake.exists() else []
    with Gradebook(course_config(root).CourseDirectory.db_url) as gradebook:
        try:
            submission = gradebook.find_submission(chapter, student)
        except MissingEntry:
            return Grade(student, 0.0, 0.0, {}, problems or ["not graded"], warnings=warnings, graded=False)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.max_score_gradecell:
                    tests[grade.name] = float(grade.auto_score or 0.0)
            score += float(notebook.score)
            max_score += float(notebook.max_score)
    return Grade(student, score, max_score, tests, problems, warnings=warnings + judge_reviews(root, chapter, student))


def judge_reviews(root: Path, chapter: str, student: str) -> list[str]:
    """The judge's reasons to review a graded notebook by hand (kept in its metadata)."""
    from autograder.judge import REVIEW_KEY

    reasons = []
    for path in sorted((Path(root) / "autograder" / "autograded" / student / chapter).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell, found in nb.metadata.get(REVIEW_KEY, {}).items():
            reasons.append(f"{REVIEW}: {cell}: " + "; ".join(found))
    return reasons


def export_csv(root: Path, chapter: str, grades: list[Grade], out: Path) -> Path:
    """One row per student: status, total, maximum, each test cell's score, problems and warnings."""
    tests = sorted({name for g in grades for name in g.tests})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "chapter", "status", "score", "max_score", *tests, "problems"])
        for g in grades:
            score = [g.score, g.max_score] if g.graded else ["", ""]
            writer.writerow([g.student, chapter, g.status, *score,
                             *(g.tests.get(t, "") for t in tests), " | ".join(g.problems + g.warnings)])
    return out


def feedback(root: Path, chapter: str, students: list[str] | None = None, *,
             failures: list[str] | None = None) -> list[Path]:
    """HTML feedback for autograded students (hidden-test code is removed from it).

    One student whose feedback cannot be made (never autograded, say) does not stop the others:
    each such reason is appended to ``failures`` when a list is given, else raised together in
    one RuntimeError once every other student has their feedback.
    """
    root = Path(root)
    students = submitted_students(root, chapter) if students is None else students
    paths, failed = [], []
    with grading_environment(root):
        api = _api(root)
        for student in students:
            if not (root / "autograder" / "autograded" / student / chapter).is_dir():
                failed.append(f"{student}: no feedback, the submission has no autograded notebook "
                              f"(not graded: run autograde {chapter} --from the inbox with this student's file)")
                continue
            result = api.generate_feedback(chapter, student, force=True)
            if not result["success"]:
                failed.append(f"{student}: no feedback, nbgrader failed: "
                              + _summarize_failure(result).removeprefix("autograding failed: "))
                continue
            for path in sorted((root / "autograder" / "feedback" / student / chapter).glob("*.html")):
                name_test_cells(path)
                paths.append(path)
    if failures is not None:
        failures.extend(failed)
    elif failed:
        raise RuntimeError("\n".join(failed))
    return paths


_ANONYMOUS_TEST = re.compile(r'<a href="#([A-Za-z0-9_-]+)">Test cell</a>')


def name_test_cells(html_file: Path) -> None:
    """nbgrader's feedback lists every test as "Test cell": name each after its exercise instead."""
    html = html_file.read_text(encoding="utf-8")
    named = _ANONYMOUS_TEST.sub(lambda m: f'<a href="#{m[1]}">{m[1].removesuffix("_tests")}</a>', html)
    if named != html:
        html_file.chmod(0o644)
        html_file.write_text(named, encoding="utf-8")
