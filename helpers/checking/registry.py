"""Every exercise's specification, by name (names are unique across chapters)."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from helpers.checking.spec import Exercise


@functools.cache
def all_exercises() -> dict[str, Exercise]:
    from helpers.checking import exercises

    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules(exercises.__path__):
        module = importlib.import_module(f"{exercises.__name__}.{info.name}")
        for ex in module.EXERCISES:
            if ex.name in found:
                raise ValueError(f"two exercises are called {ex.name!r}")
            found[ex.name] = ex
    return found


def exercise(name: str) -> Exercise:
    try:
        return all_exercises()[name]
    except KeyError:
        raise KeyError(f"no exercise called {name!r}") from None


def chapter_exercises(topic: str) -> list[Exercise]:
    """The exercises of one chapter module (``"linear_algebra"``), in the order it lists them."""
    module = importlib.import_module(f"helpers.checking.exercises.{topic}")
    return list(module.EXERCISES)
