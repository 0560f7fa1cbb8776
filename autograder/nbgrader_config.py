"""nbgrader's own command line and formgrader read this file (run them from autograder/).

The settings live in autograder/config.py, shared with the course's CLI and its tests. The
kernels nbgrader starts inherit this process's environment, so the variables hidden tests need
(the repository on PYTHONPATH, for ``autograder.checks``) are set here too.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from autograder.config import course_config, kernel_environment  # noqa: E402

for name, value in kernel_environment().items():
    os.environ[name] = os.pathsep.join(filter(None, [value, os.environ.get(name)]))

c = get_config()  # noqa: F821  (injected by traitlets when it loads this file)
c.merge(course_config())
