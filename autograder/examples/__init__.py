"""Example submissions that the test suite grades: reference, blank, and typical mistakes.

Each chapter has a module here named after its folder without the number
(``01_linear_algebra`` -> ``linear_algebra.py``) that lists :class:`Mistake` objects. A
mistake is the reference solution with one answer cell replaced by a plausible wrong answer;
``breaks`` names the test cells it must fail, and every other test cell must still pass. The
submissions are built from the released notebook, so they never drift from it.
"""

from __future__ import annotations

import copy
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parents[2]
_SOLUTION_LINE = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``code`` replaces the answer cell ``cell``."""

    name: str
    what: str
    cell: str
    breaks: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class Alternative:
    """A correct answer in a style of its own: ``code`` replaces the answer cell ``cell``.

    Alternatives that share a ``style`` are graded together in one submission (the reference
    answers fill the other cells); every such submission must keep full marks.
    """

    style: str
    cell: str
    what: str
    code: str


def chapter_module_name(chapter: str) -> str:
    return re.sub(r"^\d+_", "", chapter)


def mistakes_for(chapter: str) -> list[Mistake]:
    module = importlib.import_module(f"autograder.examples.{chapter_module_name(chapter)}")
    return list(module.MISTAKES)


def alternatives_for(chapter: str) -> list[Alternative]:
    """The chapter's corpus of alternative correct answers (``<topic>_alternatives.py``)."""
    try:
        module = importlib.import_module(f"autograder.examples.{chapter_module_name(chapter)}_alternatives")
    except ModuleNotFoundError:
        return []
    return list(module.ALTERNATIVES)


def alternative_submissions(chapter: str, root: Path = REPO_ROOT) -> dict[str, nbformat.NotebookNode]:
    """``alt-<style>`` -> the reference notebook with that style's alternatives in their cells."""
    reference = reference_answers(chapter, root)
    styles: dict[str, dict[str, str]] = {}
    for alternative in alternatives_for(chapter):
        answers = styles.setdefault(alternative.style, {})
        if alternative.cell in answers:
            raise ValueError(f"{chapter}: style {alternative.style!r} has two answers for {alternative.cell!r}")
        answers[alternative.cell] = alternative.code.strip("\n")
    return {f"alt-{style}": build_submission(chapter, {**reference, **answers}, root)
            for style, answers in styles.items()}


def notebook_name(chapter: str, root: Path = REPO_ROOT) -> str:
    (path,) = sorted((root / "solutions" / chapter).glob("*.ipynb"))
    return path.name


def _grade_id(cell: nbformat.NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def reference_answers(chapter: str, root: Path = REPO_ROOT) -> dict[str, str]:
    """Answer-cell sources of the solution notebook with the solution markers removed."""
    nb = nbformat.read(root / "solutions" / chapter / notebook_name(chapter, root), as_version=4)
    answers = {}
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            lines = [line for line in cell.source.splitlines() if not _SOLUTION_LINE.match(line)]
            answers[_grade_id(cell)] = "\n".join(lines)
    return answers


def build_submission(chapter: str, answers: dict[str, str], root: Path = REPO_ROOT) -> nbformat.NotebookNode:
    """The released notebook with the given answer cells filled in."""
    released = nbformat.read(root / "notebooks" / chapter / notebook_name(chapter, root), as_version=4)
    nb = copy.deepcopy(released)
    unknown = set(answers) - {_grade_id(c) for c in nb.cells}
    if unknown:
        raise KeyError(f"{chapter}: no answer cells with ids {sorted(unknown)}")
    for cell in nb.cells:
        if _grade_id(cell) in answers:
            cell.source = answers[_grade_id(cell)]
    return nb


def example_submissions(chapter: str, root: Path = REPO_ROOT) -> dict[str, tuple[nbformat.NotebookNode, tuple[str, ...] | None]]:
    """name -> (notebook, test cells it must fail); ``None`` means "every test cell" (blank)."""
    reference = reference_answers(chapter, root)
    examples: dict[str, tuple[nbformat.NotebookNode, tuple[str, ...] | None]] = {
        "reference": (build_submission(chapter, reference, root), ()),
        "blank": (build_submission(chapter, {}, root), None),
    }
    for mistake in mistakes_for(chapter):
        answers = {**reference, mistake.cell: mistake.code.strip("\n")}
        examples[f"mistake-{mistake.name}"] = (build_submission(chapter, answers, root), mistake.breaks)
    return examples


def mistake_bundles(chapter: str) -> list[list[Mistake]]:
    """The chapter's mistakes grouped so that mistakes of different exercises share a notebook.

    Mistakes go, in order, into the first bundle where neither their answer cell nor the test
    cells they break overlap those of a mistake already there; a bundle must fail exactly the
    union of its mistakes' test cells, so each mistake still loses exactly its own points. One
    notebook graded instead of several keeps the test suite's grading time down.
    """
    bundles: list[list[Mistake]] = []
    for mistake in mistakes_for(chapter):
        for bundle in bundles:
            used = {m.cell for m in bundle} | {t for m in bundle for t in m.breaks}
            if mistake.cell not in used and not used & set(mistake.breaks):
                bundle.append(mistake)
                break
        else:
            bundles.append([mistake])
    return bundles


def bundled_examples(chapter: str, root: Path = REPO_ROOT) -> dict[str, tuple[nbformat.NotebookNode, tuple[str, ...] | None]]:
    """Reference, blank and ``mistakes-N`` (see :func:`mistake_bundles`) -> (notebook, cells it must fail)."""
    reference = reference_answers(chapter, root)
    examples: dict[str, tuple[nbformat.NotebookNode, tuple[str, ...] | None]] = {
        "reference": (build_submission(chapter, reference, root), ()),
        "blank": (build_submission(chapter, {}, root), None),
    }
    for number, bundle in enumerate(mistake_bundles(chapter), 1):
        answers = {**reference, **{m.cell: m.code.strip("\n") for m in bundle}}
        breaks = tuple(sorted({t for m in bundle for t in m.breaks}))
        examples[f"mistakes-{number}"] = (build_submission(chapter, answers, root), breaks)
    return examples
