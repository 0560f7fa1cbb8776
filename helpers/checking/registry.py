"""Every exercise's specification, by name.

Names are unique across chapters (a test checks). A lookup imports the chapter modules one by
one and finds the name; a chapter module that fails to import, or a name two chapters share,
breaks only the lookups it concerns, never another chapter's grading.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType

from helpers.checking.spec import Exercise


@functools.cache
def _module_names() -> tuple[str, ...]:
    from helpers.checking import exercises

    return tuple(f"{exercises.__name__}.{info.name}" for info in pkgutil.iter_modules(exercises.__path__))


@functools.cache
def _load(module_name: str) -> ModuleType | Exception:
    try:
        return importlib.import_module(module_name)
    except Exception as error:  # noqa: BLE001 - reported by the lookups that needed this module
        return error


def exercise(name: str) -> Exercise:
    """The specification of exercise ``name`` (``KeyError`` if no chapter has it, or two do)."""
    found: list[tuple[str, Exercise]] = []
    broken: list[str] = []
    for module_name in _module_names():
        module = _load(module_name)
        if isinstance(module, Exception):
            broken.append(f"{module_name} ({type(module).__name__}: {module})")
            continue
        found += [(module_name, ex) for ex in module.EXERCISES if ex.name == name]
    if len(found) == 1:
        return found[0][1]
    if found:
        raise KeyError(f"exercise {name!r} is defined by several chapters: {', '.join(m for m, _ in found)}")
    raise KeyError(f"no exercise called {name!r}" + (f"; these chapters failed to load: {'; '.join(broken)}"
                                                   if broken else ""))


def all_exercises() -> dict[str, Exercise]:
    """Every chapter's exercises; raises on an import error or a name used twice (for tests)."""
    found: dict[str, Exercise] = {}
    for module_name in _module_names():
        module = _load(module_name)
        if isinstance(module, Exception):
            raise module
        for ex in module.EXERCISES:
            if ex.name in found:
                raise ValueError(f"two exercises are called {ex.name!r}")
            found[ex.name] = ex
    return found


def chapter_exercises(topic: str) -> list[Exercise]:
    """The exercises of one chapter module (``"linear_algebra"``), in the order it lists them."""
    module = importlib.import_module(f"helpers.checking.exercises.{topic}")
    return list(module.EXERCISES)
