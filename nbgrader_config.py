"""nbgrader's own commands and formgrader, started from the repository root (`./course instructor`).

Formgrader links to source notebooks relative to the Jupyter server's root folder, so the server
must start here, at the course root, for those links to open. The settings themselves live in
autograder/config.py (shared with the course's CLI and tests), loaded by autograder/nbgrader_config.py.
"""

from pathlib import Path

load_subconfig(str(Path(__file__).resolve().parent / "autograder" / "nbgrader_config.py"))  # noqa: F821
