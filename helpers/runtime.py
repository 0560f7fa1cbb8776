"""Where is this notebook running, and how fast should it run?

The first cells of every chapter call into this module: they report the platform (local
JupyterLab, Binder or Colab), the versions that matter and the compute device, warn about
combinations known to break, and decide whether the notebook runs in *fast mode* (a shorter
version of the same code, used when nbgrader autogrades a submission and in CI).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import platform
import sys
from collections.abc import Mapping, Sequence
from typing import Literal

Platform = Literal["colab", "binder", "local"]

#: Set to 1 to run every notebook in fast mode (CI sets it; students may too).
FAST_MODE_VARIABLE = "COURSE_FAST_MODE"
#: Set by nbgrader in the kernel it starts to validate or autograde a notebook.
NBGRADER_VARIABLE = "NBGRADER_EXECUTION"

_TRUE = {"1", "true", "yes", "on"}


def detect_platform(environ: Mapping[str, str] | None = None) -> Platform:
    """Return ``"colab"``, ``"binder"`` or ``"local"``.

    Colab is recognised by its kernel module or its environment variables, Binder by the
    variables repo2docker sets.
    """
    env = os.environ if environ is None else environ
    if "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in env or "COLAB_GPU" in env:
        return "colab"
    if "BINDER_SERVICE_HOST" in env or "BINDER_REQUEST" in env or "BINDER_LAUNCH_HOST" in env:
        return "binder"
    return "local"


def fast_mode(environ: Mapping[str, str] | None = None) -> bool:
    """True when the notebook should run its short version.

    That is when nbgrader executes it (autograde or validate: students' long cells must not
    time out) or when ``COURSE_FAST_MODE`` is set to a true value (CI, or a student in a hurry).
    """
    env = os.environ if environ is None else environ
    if env.get(NBGRADER_VARIABLE):
        return True
    return env.get(FAST_MODE_VARIABLE, "").strip().lower() in _TRUE


#: Packages published under several distribution names: the same module, other builds.
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel"),
}


def package_version(name: str) -> str | None:
    """Installed version of a package, or None when it is not installed.

    ``name`` is a distribution name; for TensorFlow any of its builds counts (the course installs
    ``tensorflow-cpu`` on x86-64, Colab ships ``tensorflow``).
    """
    for distribution in DISTRIBUTIONS.get(name, (name,)):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def _parse(version: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in version.split("+")[0].split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def known_problems(versions: Mapping[str, str | None], python: tuple[int, int]) -> list[str]:
    """Warnings for version combinations that are known to break the course."""
    problems: list[str] = []
    if python < (3, 11):
        problems.append(
            f"Python {python[0]}.{python[1]} is too old: the course needs Python 3.11 or newer "
            "(nbgrader 0.9.6 requires it). Create the environment with the README's command."
        )
    numpy = versions.get("numpy")
    torch = versions.get("torch")
    if numpy and torch and _parse(numpy) >= (2,) and _parse(torch) < (2, 3):
        problems.append(
            f"torch {torch} was built for NumPy 1.x but NumPy {numpy} is installed: tensor/array "
            "conversion will fail. Upgrade torch (pip install -U torch) or pin numpy<2."
        )
    mpl = versions.get("matplotlib")
    if numpy and mpl and _parse(numpy) >= (2,) and _parse(mpl) < (3, 8):
        problems.append(
            f"matplotlib {mpl} does not support NumPy {numpy}: plots may crash. "
            "Upgrade matplotlib (pip install -U matplotlib)."
        )
    widgets = versions.get("ipywidgets")
    if widgets and _parse(widgets) < (8,) and detect_platform() != "colab":  # Colab's front end uses 7.x
        problems.append(
            f"ipywidgets {widgets} is too old for JupyterLab 4: sliders will not show. "
            "Upgrade it (pip install -U 'ipywidgets>=8')."
        )
    return problems


def describe_device() -> str:
    """Name the compute device PyTorch would use, without importing it if it is absent."""
    if package_version("torch") is None:
        return "CPU (PyTorch not installed)"
    torch = importlib.import_module("torch")
    if torch.cuda.is_available():
        return f"CUDA GPU: {torch.cuda.get_device_name(0)}"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "Apple GPU (MPS)"
    return f"CPU ({os.cpu_count()} cores)"


def show_environment(
    packages: Sequence[str] = ("numpy", "matplotlib", "ipywidgets"),
    *,
    device: bool = False,
) -> None:
    """Print platform, versions, the compute device and fast mode; warn about known problems.

    ``device=True`` imports PyTorch to query CUDA/MPS; chapters that do not use PyTorch leave
    it off (their kernels start quickly) and report the CPU. Returns nothing, so that a
    notebook cell ending with this call shows only what it prints.
    """
    versions = {name: package_version(name) for name in packages}
    print(f"platform: {detect_platform()} | Python {platform.python_version()}")
    print("versions: " + ", ".join(f"{k} {v or 'missing'}" for k, v in versions.items()))
    print(f"device:   {describe_device() if device else f'CPU, {os.cpu_count()} cores (this chapter needs no GPU)'}")
    print(f"fast mode: {'on' if fast_mode() else 'off'}")
    for problem in environment_problems(packages):
        print(f"WARNING: {problem}")


def environment_problems(packages: Sequence[str]) -> list[str]:
    """Known-bad version combinations and missing packages in the running environment."""
    versions = {name: package_version(name) for name in packages}
    problems = known_problems({**versions, "torch": package_version("torch")}, sys.version_info[:2])
    missing = [name for name, version in versions.items() if version is None]
    if missing:
        problems.append(
            "missing packages: " + ", ".join(missing) + ". Run the README's set-up command "
            "(or, on Colab, re-run this cell)."
        )
    return problems
