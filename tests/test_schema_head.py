"""A new gradebook gets the schema version nbgrader's own `alembic heads` call would give it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from autograder.schema_head import read_in_process, schema_head


def test_the_in_process_head_is_what_nbgraders_alembic_command_gives():
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    nbgraders_own = subprocess.run([sys.executable, "-c", "import nbgrader.api; print(nbgrader.api.get_alembic_version())"],
                                   env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert len(nbgraders_own) >= 12
    assert schema_head() == nbgraders_own


def test_a_gradebook_created_after_read_in_process_is_stamped_with_the_head(tmp_path):
    from nbgrader.api import Gradebook

    read_in_process()
    db = tmp_path / "gradebook.db"
    with Gradebook(f"sqlite:///{db}"):
        pass
    with sqlite3.connect(db) as connection:
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == schema_head()
