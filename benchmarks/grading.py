"""How fast a class's submissions are graded: nbgrader's own serial command against ``--jobs``.

The same inbox (copies of chapter 1's example submissions under different student names) is
graded four ways, each in a fresh copy of the course, in one run on one machine:

- ``nbgrader autograde`` itself, serially (its command line, from ``autograder/``);
- ``python -m autograder autograde --jobs 1`` (the course's path, serial);
- ``--jobs 2`` and, where more cores exist, ``--jobs N`` (N = the cores this process may use).

It prints submissions per minute for each, then one JSON line: ``serial_s`` (nbgrader's own),
``parallel_s`` (the most jobs), ``jobs``, ``speedup`` (serial_s / parallel_s) and
``per_submission_s`` (the course's ``--jobs 1`` time per submission).

    python benchmarks/grading.py                 # 48 submissions
    python benchmarks/grading.py --submissions 8 # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import grading  # noqa: E402
from autograder.config import kernel_environment  # noqa: E402
from autograder.examples import bundled_examples  # noqa: E402

CHAPTER = "01_linear_algebra"


def fresh_course(folder: Path) -> Path:
    for name in ("solutions", "notebooks", "autograder"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns(
            "gradebook.db", "__pycache__", "submitted", "autograded", "feedback", "exports", "intake"))
    (folder / "autograder" / "grading-secret").write_text("benchmark", encoding="utf-8")
    grading.release(folder, CHAPTER)
    return folder


def make_inbox(folder: Path, count: int) -> Path:
    examples = [nb for nb, _ in bundled_examples(CHAPTER).values()]
    folder.mkdir(parents=True)
    for i in range(count):
        nbformat.write(examples[i % len(examples)], folder / f"student{i:03d}.ipynb")
    return folder


def nbgrader_serial(course: Path, inbox: Path) -> float:
    """nbgrader's own ``autograde`` command over the collected submissions (one process, serial)."""
    grading.collect(course, CHAPTER, inbox)
    env = {**os.environ, **kernel_environment(course),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", CHAPTER, "--force"],
                   cwd=course / "autograder", env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def course_path(course: Path, inbox: Path, jobs: int) -> float:
    started = time.perf_counter()
    grades = grading.grade_inbox(course, CHAPTER, inbox, jobs=jobs)
    seconds = time.perf_counter() - started
    assert all(g.graded for g in grades), [g.problems for g in grades if not g.graded]
    return seconds


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=48)
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inbox = make_inbox(tmp / "inbox", args.submissions)
        timings = {"nbgrader": nbgrader_serial(fresh_course(tmp / "nbgrader"), inbox)}
        for jobs in sorted({1, 2, cores}):
            timings[f"jobs {jobs}"] = course_path(fresh_course(tmp / f"jobs{jobs}"), inbox, jobs)
    for name, seconds in timings.items():
        print(f"{name:10} {seconds:7.1f} s  {60 * args.submissions / seconds:6.1f} submissions/minute")
    most = max(2, cores)
    result = {"serial_s": round(timings["nbgrader"], 1), "parallel_s": round(timings[f"jobs {most}"], 1),
              "jobs": most, "speedup": round(timings["nbgrader"] / timings[f"jobs {most}"], 2),
              "per_submission_s": round(timings["jobs 1"] / args.submissions, 2), "submissions": args.submissions,
              "cores": cores}
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":
    main()
