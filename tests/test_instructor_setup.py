"""``./course instructor`` serves JupyterLab at the course root with the course's nbgrader settings,
so that formgrader's links (edit an assignment, open a source notebook) resolve there."""

from __future__ import annotations

import os
import re
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from conftest import REPO


def test_the_top_level_config_gives_formgrader_the_course_root_and_folders():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    assert Path(config.CourseDirectory.root) == REPO
    assert config.CourseDirectory.source_directory == "solutions"
    assert config.CourseDirectory.release_directory == "notebooks"
    # formgrader prefixes its links with the course root relative to the server's root folder
    assert os.path.relpath(config.CourseDirectory.root, REPO) == "."


def test_course_instructor_starts_the_server_at_the_course_root():
    script = (REPO / "course").read_text(encoding="utf-8")
    instructor = re.search(r"\n\s*instructor\)\n(.*?);;", script, re.S)
    assert instructor and "--notebook-dir=." in instructor.group(1), "./course instructor must serve the course root"
