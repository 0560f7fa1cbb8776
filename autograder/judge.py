"""The trusted half of grading: judge what the grading kernel recorded, outside that kernel.

nbgrader executes a submission in a kernel that runs the student's code; the hidden test cells
there only *record* outcomes (:func:`helpers.checking.record`). Two preprocessors added to
nbgrader's autograde pipeline do the rest in nbgrader's own process:

- :class:`SeedHiddenChecks`, before execution, draws the seed of the hidden inputs for this
  submission from a secret kept next to the gradebook, so that a student cannot precompute
  answers for the inputs, and regrading gives the same inputs;
- :class:`JudgeHiddenChecks`, after execution, regenerates the same inputs, computes reference
  answers (``autograder/checks``) and compares. A wrong outcome turns the test cell's output
  into an error with a short message, which is what nbgrader scores as 0 and shows as feedback.

A test cell whose record is missing, doubled, forged for another seed or unreadable fails, and
the notebook is flagged for review by hand with the reason (in its metadata, read by the CLI).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

from autograder.checks import JUDGES, CannotJudge, CheckFailed
from helpers.checking import MIME, SEED_VARIABLE, exercise
from helpers.checking.recording import RECORD_VERSION, cases_of

#: A hidden test calls ``record("<exercise>", ...)``; the judge reads which from the restored source.
RECORD_CALL = re.compile(r"""\brecord\(\s*["']([A-Za-z0-9_]+)["']""")
REVIEW_KEY = "dlcourse_review"
SECRET_FILE = "grading-secret"


def grading_secret(folder: Path) -> str:
    """The course's secret for hidden-input seeds, created on first use (git ignores it)."""
    path = Path(folder) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            pass
    return path.read_text(encoding="utf-8").strip()


def submission_seed(secret: str, assignment: str, student: str, notebook: str) -> int:
    digest = hashlib.blake2b(f"{assignment}/{student}/{notebook}".encode(), key=secret.encode()[:64],
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _error(message: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename="AssertionError", evalue=message,
                                  traceback=[f"\x1b[0;31mAssertionError\x1b[0m: {message}"])


def judge_record(name: str, payload: Any, seed: int) -> tuple[str | None, str | None]:
    """(failure message or None, reason to review by hand or None) for one exercise's record."""
    if not isinstance(payload, dict) or payload.get("exercise") != name:
        return f"the hidden checks of {name} left no readable record", "malformed hidden-check record"
    if str(payload.get("seed")) != str(seed) or payload.get("version") != RECORD_VERSION:
        return (f"the hidden checks of {name} ran with other inputs than the grader chose",
                f"record of {name} made for seed {payload.get('seed')!r}, not this submission's")
    ex = exercise(name)
    cases = cases_of(ex, seed)
    outcomes = payload.get("cases")
    if not isinstance(outcomes, list) or len(outcomes) != len(cases) or any(
            not isinstance(o, dict) or o.get("label") != c.label for o, c in zip(outcomes, cases)):
        return (f"the hidden checks of {name} did not record every case",
                f"record of {name} does not match its plan (cases missing, reordered or forged)")
    try:
        JUDGES[name](ex, list(zip(cases, outcomes)))
    except CheckFailed as failure:
        return str(failure), None
    except CannotJudge as reason:
        return (f"{name} could not be graded on the grading machine ({reason}); your instructor will "
                "grade it by hand", f"{name} not judged: {reason}")
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        return (f"the recorded results of {name} could not be read",
                f"unreadable record of {name} ({type(error).__name__}: {str(error)[:100]})")
    return None, None


def judge_cell(cell: nbformat.NotebookNode, seed: int) -> list[str]:
    """Judge one test cell in place; returns reasons to review the submission by hand."""
    names = RECORD_CALL.findall(cell.source)
    if not names:
        return []
    outputs = cell.get("outputs", [])
    records = [o for o in outputs if o.get("output_type") in ("display_data", "execute_result")
               and MIME in o.get("data", {})]
    kept = [o for o in outputs if not any(o is r for r in records)]
    already_failed = any(o.get("output_type") == "error" for o in kept)
    reviews: list[str] = []
    notes: list[str] = []
    failure = None
    for name in names:
        mine = [r.data[MIME] for r in records if isinstance(r.data[MIME], dict)
                and r.data[MIME].get("exercise") == name]
        if already_failed:
            continue
        if len(mine) != 1:
            failure = failure or f"the hidden checks of {name} did not run"
            reviews.append(f"{len(mine)} records of {name}'s hidden checks (expected exactly 1)")
            continue
        message, review = judge_record(name, mine[0], seed)
        if review:
            reviews.append(review)
        if message:
            failure = failure or message
        else:
            notes.append(f"{name}: hidden checks passed ({len(mine[0]['cases'])} cases)\n")
    if len(records) != len(names) and not already_failed:
        reviews.append(f"{len(records)} hidden-check records in a cell that makes {len(names)}")
    kept += [nbformat.v4.new_output("stream", name="stdout", text=text) for text in notes]
    if failure:
        kept.append(_error(failure))
    cell.outputs = kept
    return reviews


def judge_notebook(nb: nbformat.NotebookNode, seed: int) -> dict[str, list[str]]:
    """Judge every test cell of an executed notebook in place: grade id -> reasons to review."""
    reviews = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            found = judge_cell(cell, seed)
            if found:
                reviews[meta.get("grade_id", "?")] = found
    return reviews


def failures(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Grade id -> the error of every test cell that failed (after judging)."""
    return {cell.metadata.nbgrader.grade_id: "; ".join(f"{o.ename}: {o.evalue}" for o in cell.outputs
                                                       if o.output_type == "error")
            for cell in nb.cells if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
            and any(o.output_type == "error" for o in cell.get("outputs", []))}


class SeedHiddenChecks(Preprocessor):
    """Before execution: choose this submission's hidden-input seed and hand it to the kernel."""

    enabled = Bool(True)
    secret_folder = Unicode("", help="folder of the grading secret").tag(config=True)
    secret = Unicode("", help="the grading secret itself (then no file is read)").tag(config=True)

    def preprocess(self, nb, resources):  # type: ignore[override]
        info = resources.get("nbgrader", {})
        secret = self.secret or grading_secret(Path(self.secret_folder or "."))
        seed = submission_seed(secret, str(info.get("assignment", "")), str(info.get("student", "")),
                               str(info.get("notebook", "")))
        os.environ[SEED_VARIABLE] = str(seed)
        resources["dlcourse_seed"] = seed
        return nb, resources


class JudgeHiddenChecks(Preprocessor):
    """After execution: judge the recorded outcomes against the references; flag tampering."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):  # type: ignore[override]
        seed = resources.get("dlcourse_seed")
        if seed is None:
            raise RuntimeError("JudgeHiddenChecks needs SeedHiddenChecks earlier in the pipeline")
        reviews = judge_notebook(nb, int(seed))
        if reviews:
            nb.metadata[REVIEW_KEY] = reviews
        os.environ.pop(SEED_VARIABLE, None)
        return nb, resources
