"""The fixed cost of grading one submission, per chapter: what every notebook pays before its first answer.

Grading a submission starts a kernel and runs the notebook's opening cells (setup, fast mode, imports)
before any exercise. That cost is paid once per submission whatever the student wrote, so it bounds how
fast a class can be graded. For each released chapter this script runs, with nbclient and in the
environment nbgrader grades in (``NBGRADER_EXECUTION=autograde``, so fast mode is on):

- kernel start: from launching the kernel until it answers;
- setup: the locked setup cell (imports ``helpers``, prints the environment);
- opening: the remaining code cells before the first answer cell (fast mode, the chapter's imports,
  which include PyTorch or TensorFlow where the chapter uses them).

Each chapter is measured ``--repeats`` times in fresh kernels; the best and the median are printed, then one
JSON line ``{chapter: {"kernel_s", "setup_s", "opening_s", "total_s"}}`` (medians).

    python benchmarks/submission_overhead.py             # every released chapter, 3 repeats
    python benchmarks/submission_overhead.py --repeats 1 01_linear_algebra
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def opening_cells(notebook: Path) -> list[nbformat.NotebookNode]:
    """The code cells before the first answer cell (nbgrader ``solution: true``)."""
    nb = nbformat.read(notebook, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            break
        if cell.cell_type == "code":
            cells.append(cell)
    return cells


def measure(notebook: Path) -> dict[str, float]:
    """One fresh kernel: seconds to start it, to run the setup cell, and to run the other opening cells."""
    cells = opening_cells(notebook)
    nb = nbformat.v4.new_notebook(cells=cells)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    times: dict[str, float] = {}
    started = time.perf_counter()
    with client.setup_kernel():
        times["kernel_s"] = time.perf_counter() - started
        for index, cell in enumerate(cells):
            before = time.perf_counter()
            client.execute_cell(cell, index)
            errors = [o for o in cell.outputs if o.output_type == "error"]
            if errors:
                raise RuntimeError(f"{notebook.name} cell {index} failed: {errors[0].ename}: {errors[0].evalue}")
            key = "setup_s" if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "setup" else "opening_s"
            times[key] = times.get(key, 0.0) + time.perf_counter() - before
    times["total_s"] = time.perf_counter() - started
    return times


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapters", nargs="*", help="chapters to measure (default: every released one)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    chapters = args.chapters or sorted(p.name for p in (ROOT / "notebooks").iterdir() if any(p.glob("*.ipynb")))
    result = {}
    for chapter in chapters:
        (notebook,) = (ROOT / "notebooks" / chapter).glob("*.ipynb")
        runs = [measure(notebook) for _ in range(args.repeats)]
        medians = {key: round(statistics.median(r.get(key, 0.0) for r in runs), 2) for key in runs[0]}
        best = min(r["total_s"] for r in runs)
        print(f"{chapter:22} kernel {medians['kernel_s']:5.2f} s  setup {medians['setup_s']:5.2f} s  "
              f"opening {medians.get('opening_s', 0):5.2f} s  total {medians['total_s']:5.2f} s "
              f"(best {best:.2f} s)", flush=True)
        result[chapter] = medians
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
