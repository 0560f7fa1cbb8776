"""The student edition (``python -m autograder student-bundle OUT``) leaks no graded answer.

Students get the bundle, not this repository: it must hold the notebooks, the helpers and what
sets them up, and nothing of ``solutions/`` (model answers), the hidden tests, or
``autograder/checks/`` (reference judges). Fast: no nbgrader, no kernels.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, REPO

from autograder.bundle import TEST_MESSAGE, write_student_bundle

MIN_LINE = 12  # shorter lines (`return x`, `else:`) are too common to mean anything
SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
CHECK_MODULES = sorted(p.stem for p in (REPO / "autograder" / "checks").glob("*.py") if p.stem != "__init__")

#: Solution lines that reveal nothing wherever they occur (reviewed: input conversion, bare returns).
COMMON_LINES = {"x = np.asarray(x, dtype=float)", "return result", "return False"}
#: Solution lines found in one bundle file and reviewed as harmless there, keyed by (file, line):
#: the same line in any other file is still reported.
REVIEWED_IDIOMS = {
    ("helpers/widgets/learning_rate.py", "return np.array(path)"),     # 1-D descent on x² for the slider demo
    ("helpers/checking/exercises/probability.py", "return np.inf"),   # the public rule "return np.inf when Q(x) = 0 ..."
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("student") / "edition"
    written = write_student_bundle(REPO, out)
    assert written == sorted(p for p in out.rglob("*") if p.is_file())
    return out


def _regions(source: str, markers: tuple[str, str]) -> tuple[list[str], list[str]]:
    """(lines inside the marked regions, lines outside them) of one cell, stripped."""
    inside, outside, in_region = [], [], False
    for line in source.splitlines():
        text = line.strip()
        if text.startswith(markers[0]):
            in_region = True
        elif text.startswith(markers[1]):
            in_region = False
        else:
            (inside if in_region else outside).append(text)
    return inside, outside


def _secret_lines(chapter: str, markers: tuple[str, str]) -> set[str]:
    """Stripped lines of the chapter's ``markers`` regions that the released notebook may not show.

    A line is left out when it is shorter than ``MIN_LINE`` or when the released student notebook
    shows it legitimately: it occurs in the source notebook outside every solution and hidden-test
    region (e.g. a ``return result`` shared by the template). Computed from the source, not from
    ``notebooks/``, so that a leak in the committed student notebook is not excused by itself.
    """
    secret, public = set(), []
    for path in sorted((REPO / "solutions" / chapter).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            secret.update(_regions(cell.source, markers)[0])
            rest = "\n".join(_regions(cell.source, SOLUTION)[1])
            public.extend(_regions(rest, HIDDEN)[1])
    shown = "\n".join(public)  # a demo's `joint = prior * likelihood_white` shows `joint = prior * likelihood`
    return {line for line in secret if len(line) >= MIN_LINE and line not in shown}


def _texts(root: Path) -> dict[str, str]:
    """Every text file under ``root`` by relative path; a notebook also as its cells' sources."""
    texts = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.suffix == ".ipynb":  # JSON escapes quotes and backslashes: search the sources too
            nb = nbformat.reads(text, as_version=4)
            text += "\n" + "\n".join(cell.source for cell in nb.cells)
        texts[path.relative_to(root).as_posix()] = text
    return texts


def _leaks(lines: set[str], texts: dict[str, str]) -> list[str]:
    return [f"{name}: {line}" for line in sorted(lines) for name, text in texts.items()
            if line in text and line not in COMMON_LINES and (name, line) not in REVIEWED_IDIOMS]


def test_bundle_holds_the_student_files_and_nothing_else(bundle: Path) -> None:
    expected = {"notebooks", "helpers", "data", "environment.yml", "pyproject.toml", "postBuild", "course",
                "README.md"} | ({"LICENSE"} if (REPO / "LICENSE").is_file() else set())
    assert {p.name for p in bundle.iterdir()} == expected
    assert [p.name for p in (bundle / "data").iterdir()] == ["README.md"]
    for forbidden in ("solutions", "autograder", "tests", "benchmarks", ".git", ".venv"):
        assert not (bundle / forbidden).exists(), f"{forbidden}/ must not be in the student edition"
    assert not [p for p in bundle.rglob("*") if p.name in ("__pycache__", ".ipynb_checkpoints")]
    assert os.access(bundle / "course", os.X_OK)
    released = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notebooks").rglob("*.ipynb")
                      if ".ipynb_checkpoints" not in p.parts)
    assert released == sorted(p.relative_to(bundle).as_posix() for p in (bundle / "notebooks").rglob("*")
                              if p.is_file())
    for name in released:
        assert (bundle / name).read_bytes() == (REPO / name).read_bytes(), f"{name} differs from the released one"


def test_student_readme_links_every_chapter_notebook(bundle: Path) -> None:
    readme = (bundle / "README.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)#]+)\)", readme))
    notebooks = {p.relative_to(bundle).as_posix() for p in (bundle / "notebooks").rglob("*.ipynb")}
    assert notebooks <= links, f"README.md links no chapter table row to {sorted(notebooks - links)}"
    assert not [link for link in links if "://" not in link and not (bundle / link).exists()]


def test_pyproject_readme_is_in_the_bundle(bundle: Path) -> None:
    import tomllib

    readme = tomllib.loads((bundle / "pyproject.toml").read_text(encoding="utf-8"))["project"]["readme"]
    assert (bundle / readme).is_file(), f"pip install -e . needs {readme}"


def test_bundle_builds_as_a_package(tmp_path: Path) -> None:
    """``pip install -e .`` works in the bundle: its pyproject.toml builds there (no network)."""
    out = tmp_path / "edition"
    write_student_bundle(REPO, out)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path / "wheels"), "."], cwd=out, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((tmp_path / "wheels").glob("dlcourse_helpers-*.whl"))) == 1


def test_mnist_cache_is_the_bundles_data_folder(bundle: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_DATA_DIR", "PYTHONPATH")}
    result = subprocess.run([sys.executable, "-c", "from helpers.datasets.mnist import default_cache_dir as d; "
                             "print(d())"], cwd=bundle, env=env, capture_output=True, text=True, check=True)
    assert Path(result.stdout.strip()) == bundle / "data", "data/README.md says MNIST is cached in data/"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_solution_line_in_the_bundle(bundle: Path, chapter: str) -> None:
    lines = _secret_lines(chapter, SOLUTION)
    assert lines, f"{chapter}: no solution lines found (markers changed?)"
    leaks = _leaks(lines, _texts(bundle))
    assert not leaks, f"{chapter}: {len(leaks)} solution line(s) in the student edition:\n" + "\n".join(leaks)


def test_no_helper_is_named_like_a_graded_exercise(bundle: Path) -> None:
    graded = set()
    for chapter in CHAPTERS:
        for path in (REPO / "solutions" / chapter).glob("*.ipynb"):
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
                    graded.update(re.findall(r"^(?:def|class) (\w+)", cell.source, re.M))
    assert graded
    defined = [f"{path.relative_to(bundle)}: {node.name}" for path in sorted((bundle / "helpers").rglob("*.py"))
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in graded]
    assert not defined, "helpers define graded exercises:\n" + "\n".join(defined)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_hidden_test_line_in_the_bundled_notebooks(bundle: Path, chapter: str) -> None:
    lines = _secret_lines(chapter, HIDDEN)
    assert lines, f"{chapter}: no hidden-test lines found (markers changed?)"
    leaks = _leaks(lines, _texts(bundle / "notebooks"))
    assert not leaks, f"{chapter}: {len(leaks)} hidden-test line(s) in notebooks/:\n" + "\n".join(leaks)


def test_no_nbgrader_markers_or_reference_imports(bundle: Path) -> None:
    leaks = [f"{name}: {marker}" for name, text in _texts(bundle).items()
             for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder.checks") if marker in text]
    assert not leaks, "\n".join(leaks)


def test_no_reference_module_is_named(bundle: Path) -> None:
    assert CHECK_MODULES, "autograder/checks/ has no modules"
    patterns = {name: re.compile(rf"autograder[/.]checks[/.]{re.escape(name)}\b") for name in CHECK_MODULES}
    leaks = [f"{path}: {match.group(0)}" for path, text in _texts(bundle).items()
             for pattern in patterns.values() for match in pattern.finditer(text)]
    assert not leaks, "reference modules named in the student edition:\n" + "\n".join(leaks)


#: Lines of the judges that also occur in the bundle, reviewed as generic there (type checks, seeding,
#: loops a notebook's own text shows); any other judge line found in the bundle is a leak.
GENERIC_JUDGE_LINES = {
    "x = np.asarray(x, dtype=float)", "if not isinstance(got, np.ndarray):", "for p, g in zip(params, grads):",
    'for t, grads in enumerate(scenario["grads"], start=1):', "rng = np.random.default_rng(seed)",
    "generator=torch.Generator().manual_seed(seed))", "from torch.utils.data import DataLoader, TensorDataset",
    "for start in range(0, n, batch_size):", "if got.shape != expected.shape:",
    "first = tuple(int(i) for i in np.argwhere(~close)[0])",
}


def _judge_lines() -> set[str]:
    """Stripped lines (30 characters or more) of every function of the chapters' judges.

    ``common.py`` holds only the comparison helpers (what ``helpers.checking.visible`` does for
    the visible tests), not references, and is left out.
    """
    lines = set()
    for path in sorted((REPO / "autograder" / "checks").glob("*.py")):
        if path.stem in {"__init__", "common"}:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                body = ast.get_source_segment(source, node).splitlines()[1:]
                lines.update(line.strip() for line in body if len(line.strip()) >= 30
                             and not line.strip().startswith(("#", '"""')))
    return lines


def test_no_judge_code_is_in_the_student_edition(bundle: Path) -> None:
    """The references the judges compute (``autograder/checks``) appear nowhere in the bundle."""
    judge_lines = _judge_lines()
    assert len(judge_lines) > 300, "the judges' code was not found"
    leaks = [f"{path}: {line}" for path, text in _texts(bundle).items()
             for line in sorted(judge_lines - GENERIC_JUDGE_LINES) if line in text]
    assert not leaks, "lines of the judges in the student edition:\n" + "\n".join(leaks)


def test_helpers_do_not_implement_the_graded_optimizers(bundle: Path) -> None:
    """Chapter 3 grades six optimizer classes; the bundle's helpers must not hold their update rules.

    Detected by name rather than by formula: a helpers module that offers these optimizers by
    name as runnable code (``run_optimizer("adam", ...)``) hands students the reference rules.
    The public check specifications (``helpers/checking/exercises``) name every exercise by design
    and hold no update rule; the per-chapter solution-line test searches them like every file.
    """
    graded = ("momentum", "nesterov", "adagrad", "rmsprop", "adam", "adadelta")
    specifications = bundle / "helpers" / "checking" / "exercises"
    offenders = []
    for path in sorted(p for p in (bundle / "helpers").rglob("*.py") if specifications not in p.parents):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = {node.value.lower() for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        if all(name in strings for name in graded):
            offenders.append(path.relative_to(bundle).as_posix())
    assert not offenders, f"helpers implementing the graded optimizers: {offenders}"


def test_course_test_says_tests_belong_to_the_instructor_edition(bundle: Path) -> None:
    result = subprocess.run(["bash", str(bundle / "course"), "test"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert (result.stdout + result.stderr).strip() == TEST_MESSAGE
    assert "instructor edition" in TEST_MESSAGE
    assert not (bundle / ".venv").exists(), "./course test must not set anything up in the bundle"


def test_course_script_keeps_lab_and_setup(bundle: Path) -> None:
    original = (REPO / "course").read_text(encoding="utf-8")
    script = (bundle / "course").read_text(encoding="utf-8")
    for branch in ("setup)", "lab)"):
        start = original.index(f"    {branch}")
        body = original[start:original.index(";;", start) + 2]
        assert body in script, f"the bundle's course lost its {branch} branch"
    assert "pytest" not in script.split("case ")[-1]


def test_out_must_be_empty_unless_force(tmp_path: Path) -> None:
    out = tmp_path / "edition"
    out.mkdir()
    (out / "stale.txt").write_text("from an earlier run")
    with pytest.raises(ValueError, match="not empty"):
        write_student_bundle(REPO, out)
    assert (out / "stale.txt").exists(), "a refused bundle must not touch OUT"
    written = write_student_bundle(REPO, out, force=True)
    assert not (out / "stale.txt").exists() and out / "README.md" in written
    empty = tmp_path / "empty"
    empty.mkdir()
    assert write_student_bundle(REPO, empty)
    # Checked before anything is replaced (force=False here all the same, to be safe).
    for bad, reason in [(REPO, "holds the course"), (REPO.parent, "holds the course"),
                        (REPO / "solutions", "inside the course's solutions/"),
                        (REPO / "notebooks" / "edition", "inside the course's notebooks/")]:
        with pytest.raises(ValueError, match=re.escape(reason)):
            write_student_bundle(REPO, bad)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from autograder.__main__ import main

    assert main(["student-bundle", str(tmp_path / "edition")]) == 0
    assert "files written to" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["student-bundle", str(tmp_path / "edition")])
    assert refused.value.code == 2 and "--force" in capsys.readouterr().err
    assert main(["student-bundle", str(tmp_path / "edition"), "--force"]) == 0
