"""Instructor command line: ``python -m autograder COMMAND`` from the repository root.

    release  [CHAPTER ...]           regenerate notebooks/ from solutions/ (all chapters by default)
    lint                             check solutions/ for nbgrader traps
    autograde CHAPTER --from DIR     check, collect and grade a folder of submissions
    export   CHAPTER [-o FILE]       write grades as CSV (after autograde)
    feedback CHAPTER                 write HTML feedback for every graded student
    examples CHAPTER DIR             write the example submissions (reference, blank, mistakes)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from autograder import grading
from autograder.config import CELL_TIMEOUT, REPO_ROOT


def _chapters(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())


def _print_grades(grades: list[grading.Grade]) -> None:
    width = max([len(g.student) for g in grades] + [7])
    print(f"{'student':{width}}  {'score':>11}  seconds")
    for g in grades:
        print(f"{g.student:{width}}  {f'{g.score:g} / {g.max_score:g}':>11}  {g.seconds:7.1f}"
              + "".join(f"\n{'':{width}}  ! {p}" for p in g.problems))
    if grades:
        print(f"{len(grades)} graded in {sum(g.seconds for g in grades):.0f} s "
              f"({sum(g.seconds for g in grades) / len(grades):.1f} s per submission)")


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
    p = sub.add_parser("export", help="write grades as CSV")
    p.add_argument("chapter")
    p.add_argument("-o", "--output", type=Path, default=None)
    p = sub.add_parser("feedback", help="write HTML feedback")
    p.add_argument("chapter")
    p = sub.add_parser("examples", help="write example submissions")
    p.add_argument("chapter")
    p.add_argument("folder", type=Path)
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
        failed = 0
        if args.source:
            for s in grading.collect(root, args.chapter, args.source):
                for w in s.warnings:
                    print(f"{s.student}: warning: {w}")
                for e in s.errors:
                    print(f"{s.student}: NOT GRADED: {s.path.name} {e}")
                failed += bool(s.errors)
        grades = grading.autograde(root, args.chapter, cell_timeout=args.timeout)
        _print_grades(grades)
        if args.output:
            print(f"grades written to {grading.export_csv(root, args.chapter, grades, args.output)}")
        return 1 if failed or any(g.problems for g in grades) else 0
    if args.command == "export":
        grades = [grading.grade_of(root, args.chapter, s, []) for s in grading.submitted_students(root, args.chapter)]
        out = args.output or root / "autograder" / "exports" / f"{args.chapter}.csv"
        print(f"grades written to {grading.export_csv(root, args.chapter, grades, out)}")
        return 0
    if args.command == "feedback":
        for path in grading.feedback(root, args.chapter):
            print(f"feedback: {path}")
        return 0
    if args.command == "examples":
        from autograder.examples import example_submissions

        args.folder.mkdir(parents=True, exist_ok=True)
        for name, (nb, _) in example_submissions(args.chapter, root).items():
            nbformat.write(nb, args.folder / f"{name}.ipynb")
            print(f"wrote {args.folder / (name + '.ipynb')}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
