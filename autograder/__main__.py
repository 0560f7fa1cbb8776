"""Instructor command line: ``python -m autograder COMMAND`` from the repository root.

    release  [CHAPTER ...]           regenerate notebooks/ from solutions/ (all chapters by default)
    lint                             check solutions/ for nbgrader traps
    autograde CHAPTER --from DIR     check and grade exactly the submissions in DIR (-o grades.csv:
                                     one row per submission, with status and every problem)
    export   CHAPTER [-o FILE]       write grades as CSV (after autograde)
    feedback CHAPTER                 write HTML feedback for every graded student
    examples CHAPTER DIR             write the example submissions (reference, blank, mistakes)
    student-bundle OUT [--force]     write the student edition (no solutions, no checks) to OUT

Exit status: 0 when all went well; 1 when a submission needs attention (not graded, review by
hand, a problem or an intake warning: all in the CSV) or a student got no feedback; 3 when
grading stopped because a kernel changed the grader's own files.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat

from autograder import grading
from autograder.config import CELL_TIMEOUT, REPO_ROOT


def _chapters(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())


def _print_grades(grades: list[grading.Grade]) -> None:
    width = max([len(g.student) for g in grades] + [7])
    print(f"{'student':{width}}  {'status':14}  {'score':>11}  seconds")
    for g in grades:
        score = f"{g.score:g} / {g.max_score:g}" if g.graded else "-"
        print(f"{g.student:{width}}  {g.status:14}  {score:>11}  {g.seconds:7.1f}"
              + "".join(f"\n{'':{width}}  ! {p}" for p in g.problems)
              + "".join(f"\n{'':{width}}  ~ {w}" for w in g.warnings))
    timed = [g for g in grades if g.graded]
    if timed:
        total = sum(g.seconds for g in timed)
        print(f"{len(timed)} graded in {total:.0f} s ({total / len(timed):.1f} s per submission)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="course root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="regenerate the student notebooks")
    p.add_argument("chapters", nargs="*")
    sub.add_parser("lint", help="check the source notebooks")
    p = sub.add_parser("autograde", help="collect and grade submissions")
    p.add_argument("chapter")
    p.add_argument("--from", dest="source", type=Path, help="folder of <student>.ipynb files or <student>/ folders")
    p.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (cells tagged slow get 600)")
    p.add_argument("-o", "--output", type=Path, help="also write grades to this CSV file")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once, each in its own kernel (default: the number of cores)")
    p.add_argument("--cluster", metavar="ADDRESS", default=None,
                   help="run the submissions on this Dask scheduler (tcp://host:8786) instead of locally")
    p = sub.add_parser("export", help="write grades as CSV")
    p.add_argument("chapter")
    p.add_argument("-o", "--output", type=Path, default=None)
    p = sub.add_parser("feedback", help="write HTML feedback")
    p.add_argument("chapter")
    p = sub.add_parser("examples", help="write example submissions")
    p.add_argument("chapter")
    p.add_argument("folder", type=Path)
    p = sub.add_parser("student-bundle", help="write the student edition to a new folder")
    p.add_argument("out", type=Path)
    p.add_argument("--force", action="store_true", help="replace OUT if it exists and is not empty")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.command != "lint" and getattr(args, "chapter", None) and args.chapter not in _chapters(root):
        parser.error(f"unknown chapter {args.chapter!r}; chapters: {', '.join(_chapters(root))}")

    if args.command == "release":
        for chapter in args.chapters or _chapters(root):
            grading.release(root, chapter)
            print(f"released {chapter} -> notebooks/{chapter}")
        return 0
    if args.command == "lint":
        from autograder.lint import lint_course

        problems = lint_course(root)
        print("\n".join(problems) if problems else "solutions/: no problems found")
        return 1 if problems else 0
    if args.command == "autograde":
        if args.source is None:
            parser.error("autograde needs --from DIR: the folder of submissions to grade")
        if not args.source.is_dir():
            parser.error(f"--from {args.source}: no such folder (give the folder that holds the "
                         "<student>.ipynb files or <student>/ folders)")
        try:
            grades = grading.grade_inbox(root, args.chapter, args.source, cell_timeout=args.timeout,
                                         jobs=max(1, args.jobs), cluster=args.cluster, progress=True)
        except grading.GraderModified as error:
            print(f"STOPPED: {error}", file=sys.stderr)
            return 3
        _print_grades(grades)
        if args.output:
            print(f"grades written to {grading.export_csv(root, args.chapter, grades, args.output)} "
                  f"(one row per submission in {args.source})")
        attention = [g for g in grades if g.status != "graded" or g.problems or g.warnings]
        if attention:
            print(f"{len(attention)} of {len(grades)} need attention (see the problems column): "
                  + ", ".join(f"{g.student} ({g.status}{', warnings' if g.warnings else ''})" for g in attention))
        return 1 if attention else 0
    if args.command == "export":
        grades = [grading.grade_of(root, args.chapter, s, []) for s in grading.submitted_students(root, args.chapter)]
        out = args.output or root / "autograder" / "exports" / f"{args.chapter}.csv"
        print(f"grades written to {grading.export_csv(root, args.chapter, grades, out)}")
        return 0
    if args.command == "feedback":
        failures: list[str] = []
        for path in grading.feedback(root, args.chapter, failures=failures):
            print(f"feedback: {path}")
        for line in failures:
            print(line, file=sys.stderr)
        return 1 if failures else 0
    if args.command == "examples":
        from autograder.examples import example_submissions

        args.folder.mkdir(parents=True, exist_ok=True)
        for name, (nb, _) in example_submissions(args.chapter, root).items():
            nbformat.write(nb, args.folder / f"{name}.ipynb")
            print(f"wrote {args.folder / (name + '.ipynb')}")
        return 0
    if args.command == "student-bundle":
        from autograder.bundle import write_student_bundle

        try:
            written = write_student_bundle(root, args.out, force=args.force)
        except ValueError as error:
            parser.error(str(error))
        print(f"student edition: {len(written)} files written to {args.out}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
