"""Lint of the nbgrader source notebooks: design out the traps nbgrader leaves open.

The traps (see the course's NBGRADER_NOTES): a test cell whose last line is a bare expression
scores full marks when it evaluates to ``False``; a test cell holding only hidden tests passes
in the student version; duplicate grade ids or missing points break grading; an answer cell
that runs code at top level fails in the student version before the student wrote anything.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

ALLOWED_KEYS = {"schema_version", "grade", "solution", "locked", "grade_id", "points", "task"}
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
SHARED_CELLS = ("setup", "fast_mode")
_SHOW_ENV = re.compile(r"^helpers\.show_environment\(.*\)$", re.M)
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
_transformer = TransformerManager()


def _nbgrader(cell: nbformat.NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(_transformer.transform_cell(source))
    except SyntaxError:
        return None


def _is_print(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "print")


#: helpers.checking's visible-test functions raise AssertionError like an ``assert``.
VISIBLE_CHECKS = {"assert_array", "assert_number", "assert_bool", "assert_raises", "check_rules"}


def _has_assertion(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in VISIBLE_CHECKS:
                return True
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id == "AssertionError":
                return True
    return False


def lint_notebook(path: Path) -> list[str]:
    """Problems of one source notebook, each a line naming the cell."""
    problems: list[str] = []
    nb = nbformat.read(path, as_version=4)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        problems.append(f"{path}: invalid notebook: {error.message}")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{path}: kernelspec must be python3")
    ids: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        meta = _nbgrader(cell)
        where = f"{path.name} cell {index}" + (f" ({meta['grade_id']})" if meta.get("grade_id") else "")
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"{where}: has outputs; strip them before committing")
        source = cell.source
        if "BEGIN SOLUTION" in source and not meta.get("solution"):
            problems.append(f"{where}: solution markers in a cell that is not an answer cell")
        if "BEGIN HIDDEN TESTS" in source and not meta.get("grade"):
            problems.append(f"{where}: hidden tests in a cell that is not a test cell")
        if not meta:
            continue
        extra = set(meta) - ALLOWED_KEYS
        if extra:
            problems.append(f"{where}: unknown nbgrader metadata keys {sorted(extra)}")
        if meta.get("schema_version") != 3:
            problems.append(f"{where}: nbgrader schema_version must be 3")
        grade_id = meta.get("grade_id", "")
        if not GRADE_ID.match(grade_id):
            problems.append(f"{where}: grade_id {grade_id!r} must match [A-Za-z0-9_-]+")
        if grade_id in ids:
            problems.append(f"{where}: duplicate grade_id (also cell {ids[grade_id]})")
        ids[grade_id] = index
        if meta.get("solution") and cell.cell_type == "code":
            problems += _lint_answer(where, source)
        if meta.get("grade"):
            problems += _lint_test(where, cell, meta)
    for name in SHARED_CELLS:
        if name not in ids:
            problems.append(f"{path.name}: missing the locked {name!r} cell every chapter starts with")
        elif not _nbgrader(nb.cells[ids[name]]).get("locked"):
            problems.append(f"{path.name}: the {name!r} cell must be locked")
    return problems


def _lint_answer(where: str, source: str) -> list[str]:
    problems = []
    begins, ends = source.count("### BEGIN SOLUTION"), source.count("### END SOLUTION")
    if begins == 0 or begins != ends:
        problems.append(f"{where}: an answer cell needs balanced BEGIN/END SOLUTION markers")
    tree = _parse(source)
    if tree is None:
        return problems + [f"{where}: does not parse"]
    allowed = (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if not isinstance(node, allowed) and not docstring:
            problems.append(f"{where}: answer cells may only define functions or classes "
                            f"(line {node.lineno} runs code, which fails in the student version)")
    return problems


def _lint_test(where: str, cell: nbformat.NotebookNode, meta: dict) -> list[str]:
    problems = []
    points = meta.get("points")
    if not isinstance(points, (int, float)) or points <= 0:
        problems.append(f"{where}: a test cell needs positive points")
    if not meta.get("locked"):
        problems.append(f"{where}: a test cell must be locked")
    if cell.cell_type != "code":
        return problems + [f"{where}: test cells must be code cells"]
    source = cell.source
    if source.count("### BEGIN HIDDEN TESTS") != source.count("### END HIDDEN TESTS"):
        problems.append(f"{where}: unbalanced hidden-test markers")
    visible = _HIDDEN.sub("", source)
    if "autograder" in visible:
        problems.append(f"{where}: the visible part imports the autograder (students do not have it)")
    tree = _parse(visible)
    full = _parse(source)
    if tree is None or full is None:
        return problems + [f"{where}: does not parse"]
    if not _has_assertion(tree):
        problems.append(f"{where}: no visible assertion — in the student version this cell would pass")
    for version, parsed in (("", full), (" (student version)", tree)):
        last = parsed.body[-1] if parsed.body else None
        if isinstance(last, ast.Expr) and not _is_print(last):
            problems.append(f"{where}: last statement{version} is a bare expression; nbgrader would "
                            "read its value as the score (False/arrays/strings give full marks)")
    return problems


def shared_cell_drift(paths: list[Path]) -> list[str]:
    """The setup and fast-mode cells must be the same in every chapter (but the package list)."""
    problems = []
    reference: dict[str, tuple[Path, str]] = {}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            name = _nbgrader(cell).get("grade_id")
            if name in SHARED_CELLS:
                text = _SHOW_ENV.sub("helpers.show_environment(...)", cell.source)
                if name in reference and reference[name][1] != text:
                    problems.append(f"{path.name}: the {name!r} cell differs from {reference[name][0].name}'s")
                reference.setdefault(name, (path, text))
    return problems


def lint_course(root: Path) -> list[str]:
    paths = sorted((Path(root) / "solutions").glob("*/*.ipynb"))
    problems = [p for path in paths for p in lint_notebook(path)]
    for folder in sorted((Path(root) / "solutions").iterdir()):
        if folder.is_dir():
            others = [f.name for f in folder.iterdir() if f.suffix != ".ipynb" and f.name != ".ipynb_checkpoints"]
            notebooks = list(folder.glob("*.ipynb"))
            if others:
                problems.append(f"{folder.name}: only the notebook belongs in solutions/ (found {others}); "
                                "nbgrader would copy these over students' files")
            if len(notebooks) != 1:
                problems.append(f"{folder.name}: expected exactly one notebook, found {len(notebooks)}")
    return problems + shared_cell_drift(paths)
