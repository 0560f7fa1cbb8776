"""The student edition of the course: what students may have, and nothing that grades them.

This repository is the *instructor* edition. Besides the student notebooks it holds
``solutions/`` (the model answers, from which ``notebooks/`` is generated) and
``autograder/checks/`` (the reference judges of the hidden tests). Students told to clone it
would get both. :func:`write_student_bundle` writes the folder students should get instead:

- ``notebooks/``, copied as they are (not regenerated: ``python -m autograder release`` does
  that), and the ``helpers/`` package the notebooks import;
- what sets the course up: ``pyproject.toml`` (so ``pip install -e .`` installs the helpers),
  ``environment.yml`` and ``postBuild`` (Binder), ``data/README.md`` and ``LICENSE`` if any;
- the ``course`` script, whose ``test`` command answers that the test suite belongs to the
  instructor edition (the suite needs ``solutions/`` and ``autograder/``);
- ``README.md`` for students, copied from ``autograder/student_readme.md``.

Nothing else: no solutions, autograder, tests, benchmarks, git history, environments or data
files. ``tests/test_student_bundle.py`` checks that no solution or hidden-test line reaches the
bundle. Command line: ``python -m autograder student-bundle OUT [--force]``.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

#: Folders copied whole (minus caches).
TREES = ("notebooks", "helpers")
#: Single files copied to the same path; each must exist.
FILES = ("environment.yml", "pyproject.toml", "postBuild", "course", "data/README.md")
#: Single files copied when they exist.
OPTIONAL_FILES = ("LICENSE",)
#: The students' README, copied to ``OUT/README.md``.
STUDENT_README = Path(__file__).with_name("student_readme.md")

#: Folders of the course that a student edition must never be written into (or replace).
_PROTECTED = (*TREES, "solutions", "autograder", "tests", "benchmarks", "data", "tools", ".ci", ".git", ".venv")

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", ".DS_Store")

#: What the bundle's ``./course test`` says (the student edition has no test suite).
TEST_MESSAGE = ("./course test: the test suite belongs to the instructor edition; "
                "check your work with the test cells in each notebook.")

#: Strings that only nbgrader source notebooks contain: a bundle with any of them would leak.
_SOURCE_MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS")


def _student_course_script(text: str) -> str:
    """The ``course`` script with its ``test)`` branch answering that tests are not here."""
    branch = re.compile(r"^(?P<indent>[ \t]*)test\)\n.*?;;[ \t]*\n", re.M | re.S)
    matches = list(branch.finditer(text))
    if len(matches) != 1:
        raise ValueError(f"course: expected one 'test)' branch ending in ';;' to rewrite, found {len(matches)}")
    indent = matches[0]["indent"]
    replacement = (f"{indent}test)\n"
                   f"{indent}    echo \"{TEST_MESSAGE}\" >&2\n"
                   f"{indent}    exit 2 ;;\n")
    text = branch.sub(lambda _match: replacement, text)
    # The header's line about `test` would no longer be true.
    return re.sub(r"^#(\s+)\./course test\b.*$",
                  lambda m: f"#{m[1]}./course test         only in the instructor edition (exits 2)", text,
                  flags=re.M)


def _check_destination(root: Path, out: Path, force: bool) -> None:
    if out == root or out in root.parents:
        raise ValueError(f"{out} holds the course itself; choose a new folder for the student edition")
    for name in _PROTECTED:
        if out == root / name or (root / name) in out.parents:
            raise ValueError(f"{out} is inside the course's {name}/; choose a new folder for the student edition")
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise ValueError(f"{out} exists and is not empty; choose a new folder, or pass --force to replace it")
        shutil.rmtree(out)


def _readme_of(pyproject: Path) -> str | None:
    readme = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("readme")
    return readme.get("file") if isinstance(readme, dict) else readme


def write_student_bundle(root: Path, out: Path, force: bool = False) -> list[Path]:
    """Write the student edition of the course at ``root`` to the folder ``out``.

    ``out`` must be missing or empty; with ``force`` an existing ``out`` is replaced. Returns
    the files written, sorted. Raises ``ValueError`` for a bad destination, a missing file, or a
    bundle that would contain nbgrader source markers (a solution notebook in ``notebooks/``).
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    _check_destination(root, out, force)
    missing = [name for name in (*TREES, *FILES) if not (root / name).exists()]
    if missing or not STUDENT_README.is_file():
        raise ValueError(f"cannot write the student edition: missing {', '.join(missing) or STUDENT_README}")

    out.mkdir(parents=True, exist_ok=True)
    try:
        return _write(root, out)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # no half-written edition
        raise


def _write(root: Path, out: Path) -> list[Path]:
    for tree in TREES:
        shutil.copytree(root / tree, out / tree, ignore=_IGNORE)
    for name in FILES + tuple(n for n in OPTIONAL_FILES if (root / n).is_file()):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, out / name)
    shutil.copyfile(STUDENT_README, out / "README.md")
    (out / "course").write_text(_student_course_script((root / "course").read_text(encoding="utf-8")),
                                encoding="utf-8")

    readme = _readme_of(out / "pyproject.toml")
    if readme and not (out / readme).is_file():
        raise ValueError(f"pyproject.toml names readme {readme!r}, which the student edition lacks")
    written = sorted(p for p in out.rglob("*") if p.is_file())
    for path in written:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for marker in _SOURCE_MARKERS:
            if marker in text:
                raise ValueError(f"{path.relative_to(out)} contains {marker!r}: the student edition would leak "
                                 "nbgrader source cells (run `python -m autograder release` first)")
    return written
