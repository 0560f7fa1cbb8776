"""Reference judges of the hidden checks, one module per chapter; they run only in the grader.

Importing this package registers every chapter's judges in :data:`common.JUDGES`. Nothing here
is on the grading kernel's path: student code can neither import it nor replace what it uses.
"""

import importlib
import pkgutil

from autograder.checks.common import JUDGES, CannotJudge, CheckFailed

for _info in pkgutil.iter_modules(__path__):
    if not _info.name.startswith("_") and _info.name != "common":
        importlib.import_module(f"{__name__}.{_info.name}")

__all__ = ["JUDGES", "CannotJudge", "CheckFailed"]
