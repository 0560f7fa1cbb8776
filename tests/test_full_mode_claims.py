"""The quantitative claims each chapter's text makes hold at full size, not only in fast mode.

Each solution notebook runs once with COURSE_FAST_MODE=0 (as a student runs it). A claim names
the code cell that prints the evidence (by a snippet of its source) and a regular expression
its printed output must match; the claims restate what the prose next to that cell says.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import CHAPTERS, REPO, require_mnist_for

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Claim:
    what: str
    cell: str      # a snippet of the source of the cell that prints the evidence
    output: str    # a regular expression its output must match


CLAIMS: dict[str, list[Claim]] = {
    "01_linear_algebra": [
        Claim("MNIST's test split is a rank-3 uint8 tensor of shape (10000, 28, 28)", "print(\"shape:\", digits.shape)",
              r"ndim:\s+3\s+shape: \(10000, 28, 28\)\s+dtype: uint8"),
        Claim("the vector dot product is commutative", "x·y =", r"x·y = 12\.0\s+y·x = 12\.0"),
        Claim("the matrix product is not", "A @ B equal to B @ A?", r"equal to B @ A\? False"),
        Claim("the image of the unit square has area |det A|", "polygon_area(square",
              r"shear\s*: area of image 1\.000, \|det\| 1\.000[\s\S]*singular\s*: area of image 0\.000"),
        Claim("AᵀA of a (3, 5) matrix has two zero eigenvalues and matrix rank 3", "eigvalsh(gram)",
              r"A \(3, 5\).*zero up to rounding: 2, matrix rank 3"),
        Claim("the loops are much slower than NumPy", "timeit.repeat", r"NumPy is \d{2,}x faster"),
    ],
}


def _stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c in CLAIMS])
def test_the_texts_claims_hold_in_full_mode(chapter, monkeypatch):
    require_mnist_for(chapter)
    (path,) = (REPO / "solutions" / chapter).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("COURSE_FAST_MODE", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    NotebookClient(nb, timeout=1200, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = {i: [o.evalue for o in c.outputs if o.output_type == "error"]
              for i, c in enumerate(nb.cells) if c.cell_type == "code" and
              any(o.output_type == "error" for o in c.get("outputs", []))}
    assert not errors, f"cells failed in full mode: {errors}"
    wrong = []
    for claim in CLAIMS[chapter]:
        cells = [c for c in nb.cells if c.cell_type == "code" and claim.cell in c.source]
        assert len(cells) == 1, f"{claim.what}: {len(cells)} cells contain {claim.cell!r}"
        if not re.search(claim.output, _stdout(cells[0])):
            wrong.append(f"{claim.what}: printed {_stdout(cells[0])[-400:]!r}")
    assert not wrong, "\n".join(wrong)
    assert os.environ.get("COURSE_FAST_MODE") == "0"
