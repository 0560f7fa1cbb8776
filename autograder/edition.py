"""Where students get the course helpers from: one address, set in ``autograder/edition.toml``.

A released notebook's locked setup cell installs the helpers on Colab from ``COURSE_REPO``.
Students cannot change a locked cell, so the address is written into it at release time
(:class:`autograder.release_extras.StudentExtras` calls :func:`set_course_repo`) from the one
file an instructor edits, and the source notebooks in ``solutions/`` never need editing.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from nbformat import NotebookNode

EDITION_FILE = Path(__file__).with_name("edition.toml")
#: grade_id of the locked cell that holds the address.
SETUP_ID = "setup"
_ASSIGNMENT = re.compile(r'^COURSE_REPO = "[^"\n]*".*$', re.MULTILINE)
#: A git URL pip can install from: https or ssh, no quotes, spaces or shell characters.
_URL = re.compile(r"^(https://|ssh://git@|git@)[A-Za-z0-9._~:/@%+-]+$")


class EditionError(ValueError):
    """``edition.toml`` is missing, malformed, or a setup cell has no single ``COURSE_REPO`` line."""


def student_repo(path: Path = EDITION_FILE) -> str:
    """The student edition's repository address, validated (``EditionError`` says what to fix)."""
    try:
        settings = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"{path} is missing: it sets student_repo, the student edition's repository") from None
    except tomllib.TOMLDecodeError as error:
        raise EditionError(f"{path} is not valid TOML ({error}); see the comments in the file") from None
    url = settings.get("student_repo")
    if not isinstance(url, str) or not _URL.match(url):
        raise EditionError(f"{path}: student_repo must be a git URL such as "
                           f"\"https://github.com/you/course-student\", got {url!r}")
    return url


def set_course_repo(nb: NotebookNode, url: str) -> NotebookNode:
    """Write ``url`` into the ``COURSE_REPO = "..."`` line of the notebook's setup cell."""
    setups = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == SETUP_ID]
    if len(setups) != 1:
        raise EditionError(f"expected one cell with grade_id {SETUP_ID!r}, found {len(setups)}")
    cell = setups[0]
    line = f'COURSE_REPO = "{url}"  # the student edition, set by your instructor at release'
    source, count = _ASSIGNMENT.subn(lambda _: line, cell.source)
    if count != 1:
        raise EditionError(f"the setup cell must assign COURSE_REPO = \"...\" on one line exactly once, found {count}")
    cell.source = source
    return nb
