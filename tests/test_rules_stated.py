"""Every rule a hidden check enforces is written in that exercise's own text.

Each exercise's public specification (``helpers/checking/exercises``) declares its rules, each
with the words the text must contain. The text of an exercise is the markdown between the
previous exercise and its answer cell, plus the answer cell itself (its docstring), in the
student version of the notebook: what a student actually reads.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import CHAPTERS, REPO
from helpers.checking import chapter_exercises


def exercise_texts(chapter: str) -> dict[str, str]:
    (path,) = (REPO / "notebooks" / chapter).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    texts, pending = {}, []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            texts[meta["grade_id"]] = " ".join(" ".join(pending + [cell.source]).split())
            pending = []
        elif meta.get("grade"):
            pending = []
        elif cell.cell_type == "markdown":
            pending.append(cell.source)
    return texts


def _topic(chapter: str) -> str:
    return re.sub(r"^\d+_", "", chapter)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_enforced_rule_is_stated_in_its_exercise(chapter):
    texts = exercise_texts(chapter)
    missing = []
    for ex in chapter_exercises(_topic(chapter)):
        assert ex.name in texts, f"{chapter}: no answer cell {ex.name!r} for the exercise specification"
        for rule in ex.rules:
            for pattern in rule.mentions:
                if not re.search(pattern, texts[ex.name], re.IGNORECASE):
                    missing.append(f"{ex.name}: rule {rule.key!r} ({rule.says}) — the text never matches /{pattern}/")
        if ex.loops_only:
            assert ex.rule("loops_only"), f"{ex.name} enforces loops only without declaring the rule"
        if ex.forbidden:
            assert any(r.key.startswith("forbid") for r in ex.rules), f"{ex.name} forbids calls without a rule"
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_graded_exercise_has_a_specification_and_a_judge(chapter):
    from autograder.checks import JUDGES

    names = {ex.name for ex in chapter_exercises(_topic(chapter))}
    assert names == set(exercise_texts(chapter)), "one specification per answer cell"
    assert names <= set(JUDGES), f"exercises without a judge: {sorted(names - set(JUDGES))}"


def test_exercise_names_are_unique_across_chapters():
    from helpers.checking import all_exercises

    assert all_exercises(), "every chapter module imports and no two exercises share a name"
