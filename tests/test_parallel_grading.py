"""Grading at class scale: the same inbox graded serially, with two local jobs, and on a Dask
cluster of two workers gives the same gradebook, CSV and feedback."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from autograder import grading
from conftest import attack_submission, copy_course

pytestmark = pytest.mark.slow
LA = "01_linear_algebra"


@pytest.fixture(scope="module")
def inbox_and_course(tmp_path_factory):
    from autograder.examples import bundled_examples

    base = copy_course(tmp_path_factory.mktemp("parallel-base"))
    (base / "autograder" / "grading-secret").write_text("the same secret for every run", encoding="utf-8")
    inbox = tmp_path_factory.mktemp("parallel-inbox")
    for name, (nb, _) in bundled_examples(LA, base).items():
        if name in ("reference", "mistakes-2"):
            nbformat.write(nb, inbox / f"{name}.ipynb")
    nbformat.write(attack_submission("double_record", base), inbox / "attack.ipynb")  # flagged by the judge itself
    (inbox / "broken.ipynb").write_text("{", encoding="utf-8")
    return inbox, base


def _grade(tmp_path, inbox, base, **how):
    root = tmp_path / "course"
    shutil.copytree(base, root)
    grades = grading.grade_inbox(root, LA, inbox, **how)
    csv = grading.export_csv(root, LA, grades, tmp_path / "grades.csv").read_text(encoding="utf-8")
    feedback = {}
    for path in grading.feedback(root, LA, [g.student for g in grades if g.graded]):
        html = path.read_text(encoding="utf-8")
        feedback[path.parent.parent.name] = sorted(line.strip() for line in html.splitlines()
                                                   if "AssertionError" in line or "hidden checks" in line)
    return {g.student: (g.status, g.score, g.tests, g.problems, g.warnings) for g in grades}, csv, feedback


def test_two_jobs_and_a_dask_cluster_grade_exactly_like_one(inbox_and_course, tmp_path):
    inbox, base = inbox_and_course
    serial = _grade(tmp_path / "serial", inbox, base, jobs=1)
    parallel = _grade(tmp_path / "parallel", inbox, base, jobs=2)
    assert serial[0]["reference"][1] == 25.0 and serial[0]["broken"][0] == "not graded"
    assert serial[0]["attack"][0] == "review by hand"
    assert parallel == serial

    distributed = pytest.importorskip("distributed", reason="the cluster extra (dask.distributed) is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_cluster = _grade(tmp_path / "cluster", inbox, base, cluster=cluster.scheduler_address)
    assert on_cluster == serial
