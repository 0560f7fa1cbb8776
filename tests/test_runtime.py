"""Platform detection, fast mode, version warnings and seeding."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import detect_platform, fast_mode, seed_everything, show_environment
from helpers.runtime import known_problems


@pytest.mark.parametrize("env, expected", [
    ({}, "local"),
    ({"COLAB_RELEASE_TAG": "release-x"}, "colab"),
    ({"BINDER_SERVICE_HOST": "10.0.0.1"}, "binder"),
])
def test_detect_platform(env, expected):
    assert detect_platform(env) == expected


@pytest.mark.parametrize("env, expected", [
    ({}, False),
    ({"COURSE_FAST_MODE": "1"}, True),
    ({"COURSE_FAST_MODE": "yes"}, True),
    ({"COURSE_FAST_MODE": "0"}, False),
    ({"NBGRADER_EXECUTION": "autograde"}, True),
    ({"NBGRADER_EXECUTION": "validate"}, True),
])
def test_fast_mode(env, expected):
    assert fast_mode(env) is expected


def test_known_problems_name_the_fix():
    assert known_problems({"numpy": "2.1.0", "matplotlib": "3.9.0"}, (3, 11)) == []
    problems = known_problems({"numpy": "2.0.1", "torch": "2.2.0", "ipywidgets": "7.8.1"}, (3, 10))
    text = "\n".join(problems)
    assert "Python 3.10 is too old" in text
    assert "torch 2.2.0" in text and "pip install -U torch" in text
    assert "ipywidgets 7.8.1" in text


def test_show_environment_reports_missing_packages(capsys):
    assert show_environment(["numpy", "surely-not-installed-pkg"]) is None
    out = capsys.readouterr().out
    assert "numpy " in out and "surely-not-installed-pkg missing" in out
    assert "WARNING: missing packages: surely-not-installed-pkg" in out


def test_seed_everything_makes_numpy_repeatable():
    first = seed_everything(7)
    a, legacy_a = first.normal(size=3), np.random.rand(2)
    second = seed_everything(7)
    np.testing.assert_array_equal(a, second.normal(size=3))
    np.testing.assert_array_equal(legacy_a, np.random.rand(2))


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_seed_everything_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        seed_everything(bad)


def test_colabs_own_ipywidgets_is_not_reported_as_a_problem(monkeypatch):
    from helpers.runtime import known_problems

    versions = {"numpy": "2.0.2", "matplotlib": "3.10.0", "ipywidgets": "7.7.1"}
    assert any("ipywidgets" in p for p in known_problems(versions, (3, 12)))
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release-colab_20251101")
    assert not known_problems(versions, (3, 12)), "Colab renders its preinstalled ipywidgets 7.7"


def test_tensorflow_is_found_under_any_of_its_distribution_names():
    import importlib.metadata

    from helpers.runtime import DISTRIBUTIONS, package_version

    installed = [d for d in DISTRIBUTIONS["tensorflow"] if _installed(d)]
    if not installed:
        pytest.skip("no TensorFlow build installed")
    assert package_version("tensorflow") == importlib.metadata.version(installed[0])


def _installed(distribution: str) -> bool:
    import importlib.metadata

    try:
        importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True
