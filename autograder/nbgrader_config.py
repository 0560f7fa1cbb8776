"""nbgrader's own command line and formgrader read this file (run them from autograder/).

The settings live in autograder/config.py, shared with the course's CLI and its tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from autograder.config import course_config  # noqa: E402

c = get_config()  # noqa: F821  (injected by traitlets when it loads this file)
c.merge(course_config())
