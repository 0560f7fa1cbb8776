"""The kernel-awake workaround (autograder/awake.py) nudges a running kernel without changing what a
notebook produces."""

from __future__ import annotations

import nbformat
import pytest

from autograder import awake


def test_nudges_while_a_cell_runs_leave_outputs_and_counts_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(awake, "NUDGE_INTERVAL_S", 0.2)
    nudges = []
    client_class = awake.awake_notebook_client()

    class Counting(client_class):  # type: ignore[misc, valid-type]
        async def _nudge_kernel(self) -> None:
            original = self.kc.kernel_info
            self.kc.kernel_info = lambda: nudges.append(original())
            await super()._nudge_kernel()

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import time\ntime.sleep(2)\nprint('slept')"),
        nbformat.v4.new_code_cell("print(1 + 1)"),
    ])
    Counting(nb, timeout=60, kernel_name="python3").execute()
    assert len(nudges) >= 5, "the kernel was nudged while the first cell ran"
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert [[o.get("text") for o in c.outputs] for c in nb.cells] == [["slept\n"], ["2\n"]]


def test_the_grading_pipeline_uses_the_awake_executor() -> None:
    from autograder.config import course_config

    names = [p.__name__ for p in course_config().Autograde.autograde_preprocessors]
    assert "AwakeExecute" in names and "Execute" not in names
