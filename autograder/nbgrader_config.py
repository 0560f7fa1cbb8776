"""nbgrader's settings for its own command line and formgrader, loaded by the top-level
``nbgrader_config.py`` (start them from the repository root: ``./course instructor``).

The settings live in autograder/config.py, shared with the course's CLI and its tests. The
kernels nbgrader starts inherit this process's environment; ``kernel_environment`` lists what
they need beyond it (nothing today: hidden tests import only ``helpers.checking``, and the
judges in ``autograder.checks`` stay out of the kernel's reach).
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
