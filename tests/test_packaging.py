"""Set-up promises: one package list, light imports, the documented commands."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from conftest import REPO


def _pip_requirements_of_environment_yml() -> set[str]:
    lines = (REPO / "environment.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- pip:")
    reqs = set()
    for line in lines[start + 1:]:
        item = line.strip()
        if item.startswith("#"):
            continue
        if not item.startswith("- "):
            break
        if not item[2:].startswith("--"):
            reqs.add(item[2:].replace(" ", ""))
    return reqs


def test_environment_yml_lists_the_same_packages_as_the_pip_path():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = re.search(r'EXTRAS="([^"]+)"', (REPO / "course").read_text(encoding="utf-8")).group(1).split(",")
    pip_path = set(project["dependencies"])
    for extra in extras:
        pip_path |= set(project["optional-dependencies"][extra])
    assert _pip_requirements_of_environment_yml() == {r.replace(" ", "") for r in pip_path}


def test_python_and_key_pins():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    pins = {r for deps in project["optional-dependencies"].values() for r in deps}
    assert "nbgrader==0.9.6" in pins and "torch==2.13.0" in pins
    assert "- python=3.11" in (REPO / "environment.yml").read_text(encoding="utf-8")


def test_importing_helpers_imports_no_framework():
    code = "import sys, helpers; print(sorted(m for m in ('torch', 'tensorflow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "./course lab" in readme and "./course test" in readme
    ci = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "exec ./course test"


def test_course_script_rejects_unknown_commands():
    result = subprocess.run(["bash", str(REPO / "course"), "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2 and "usage" in result.stderr


def test_a_regular_install_contains_every_helpers_module_and_the_checksum_registry(tmp_path):
    """Colab installs helpers from git as a wheel, not in editable mode: nothing may be left out."""
    import shutil
    import zipfile

    source = tmp_path / "source"  # build from a copy: setuptools writes build/ next to the sources
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "helpers", source / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(source)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(REPO)) for p in (REPO / "helpers").rglob("*.py")}
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert "helpers/datasets/registry.json" in names
    assert not any(n.startswith(("autograder/", "tests/", "solutions/")) for n in names)
