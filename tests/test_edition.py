"""The student edition's address: one file the instructor edits, written into every released setup cell."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.utils import compute_checksum

from autograder import grading
from autograder.edition import EDITION_FILE, EditionError, set_course_repo, student_repo
from conftest import LA, copy_course

FORK = "https://github.com/some-university/dl-course-student"


def test_the_shipped_edition_file_names_a_repository():
    assert student_repo().startswith("https://")


@pytest.mark.parametrize("text, phrase", [
    ("", "student_repo must be a git URL"),
    ('student_repo = "not a url"', "student_repo must be a git URL"),
    ('student_repo = "https://x.org/a\\"; rm -rf ~; \\""', "student_repo must be a git URL"),
    ("student_repo = [", "is not valid TOML"),
])
def test_a_bad_edition_file_says_what_to_fix(tmp_path, text, phrase):
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError, match=phrase):
        student_repo(path)
    with pytest.raises(EditionError, match="is missing"):
        student_repo(tmp_path / "none.toml")


def test_a_setup_cell_without_one_course_repo_line_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helpers")])
    nb.cells[0].metadata["nbgrader"] = {"grade_id": "setup"}
    with pytest.raises(EditionError, match="found 0"):
        set_course_repo(nb, FORK)
    with pytest.raises(EditionError, match="one cell with grade_id 'setup'"):
        set_course_repo(nbformat.v4.new_notebook(), FORK)


@pytest.mark.slow
def test_release_writes_the_configured_address_into_the_locked_setup_cell(tmp_path):
    root = copy_course(tmp_path)
    (root / "autograder" / EDITION_FILE.name).write_text(f'student_repo = "{FORK}"\n', encoding="utf-8")
    grading.release(root, LA)
    (path,) = (root / "notebooks" / LA).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    (setup,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
    assert f'COURSE_REPO = "{FORK}"' in setup.source
    assert setup.source.count("COURSE_REPO = ") == 1
    assert setup.metadata.nbgrader["locked"] and setup.metadata.nbgrader["checksum"] == compute_checksum(setup), \
        "the locked cell's checksum is computed after the address is written, so grading sees no edit"
